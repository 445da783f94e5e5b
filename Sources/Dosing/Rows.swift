/// Rows of equal length in one flat array (row-major): one allocation for all the records of an
/// individual instead of one array per record. Reads like `[[Double]]`: `rows[i]` is row i as an array,
/// `rows[i][j]` its entry j; `row(i)` is the row without copying it.
public struct Rows: Sendable, RandomAccessCollection, Equatable {
    /// Entries of all rows, row after row.
    public private(set) var values: [Double]
    /// Entries per row.
    public let width: Int
    public let count: Int

    public init(count: Int, width: Int) {
        self.values = [Double](repeating: 0, count: count * width)
        self.width = width
        self.count = count
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(i: Int) -> [Double] { Array(row(i)) }

    /// Row i as a slice of `values` (no copy).
    public func row(_ i: Int) -> ArraySlice<Double> { values[i * width ..< (i + 1) * width] }

    /// Sets entry j of row i.
    mutating func set(_ i: Int, _ j: Int, _ value: Double) { values[i * width + j] = value }

    /// Sets row i to `row` (which has `width` entries).
    mutating func set(_ i: Int, _ row: [Double]) {
        for j in 0..<width { values[i * width + j] = row[j] }
    }
}
