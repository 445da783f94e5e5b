/// A dense real matrix stored column-major, as LAPACK takes it: element (i, j) is `elements[i + j·rows]`.
public struct DenseMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public internal(set) var elements: [Double]

    /// A rows×columns matrix with every element `value` (negative sizes count as zero).
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.rows = max(0, rows)
        self.columns = max(0, columns)
        elements = [Double](repeating: value, count: self.rows * self.columns)
    }

    /// A rows×columns matrix from its column-major elements; nil when the count is not rows·columns.
    public init?(rows: Int, columns: Int, columnMajor elements: [Double]) {
        guard rows >= 0, columns >= 0, elements.count == rows * columns else { return nil }
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    public subscript(row: Int, column: Int) -> Double {
        get { elements[row + column * rows] }
        set { elements[row + column * rows] = newValue }
    }

    /// Column j as an array.
    public func column(_ j: Int) -> [Double] {
        Array(elements[(j * rows)..<((j + 1) * rows)])
    }
}
