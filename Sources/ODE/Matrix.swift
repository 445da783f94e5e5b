/// A dense real matrix in column-major order, the storage LAPACK expects.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// Entries column by column: element (i, j) lives at `elements[i + j * rows]`.
    public var elements: [Double]

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.elements = Array(repeating: value, count: rows * columns)
    }

    /// A matrix from rows written the way one reads them: `Matrix([[1, 2], [3, 4]])`.
    public init(_ rowMajor: [[Double]]) {
        let m = rowMajor.count
        let n = rowMajor.first?.count ?? 0
        self.init(rows: m, columns: n)
        for i in 0..<m {
            precondition(rowMajor[i].count == n, "all rows must have the same length")
            for j in 0..<n { self[i, j] = rowMajor[i][j] }
        }
    }

    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get { elements[i + j * rows] }
        set { elements[i + j * rows] = newValue }
    }

    /// Sets every entry to zero without reallocating.
    public mutating func zero() {
        elements.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    /// y = A·x
    public func multiply(_ x: [Double]) -> [Double] {
        precondition(x.count == columns)
        var y = [Double](repeating: 0, count: rows)
        for j in 0..<columns {
            let xj = x[j]
            if xj == 0 { continue }
            for i in 0..<rows { y[i] += self[i, j] * xj }
        }
        return y
    }
}
