import CLAPACK

/// LU factorisation with partial pivoting, P·A = L·U, through LAPACK `dgetrf`; solves through `dgetrs`.
///
/// This is the only type in hpgsim that calls LAPACK. Newton iterations in the implicit methods factor
/// the iteration matrix (M = I − h·γ·J or similar) once and reuse the factors for many right-hand sides.
public struct DenseLU: Sendable {
    public let dimension: Int
    private var factors: [Double]
    private var pivots: [Int32]

    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// U(k, k) is exactly zero (LAPACK info = k, one-based): the matrix is singular.
        case singular(pivot: Int)
        case illegalArgument(index: Int)

        public var description: String {
            switch self {
            case .singular(let k): return "matrix is singular (zero pivot in column \(k))"
            case .illegalArgument(let i): return "LAPACK dgetrf rejected argument \(i)"
            }
        }
    }

    /// Factors the square matrix `a`.
    public init(factoring a: Matrix) throws(Failure) {
        precondition(a.rows == a.columns, "DenseLU needs a square matrix")
        dimension = a.rows
        factors = a.elements
        pivots = [Int32](repeating: 0, count: max(1, a.rows))
        if dimension == 0 { return }
        var n = Int32(dimension), lda = Int32(max(1, dimension)), info: Int32 = 0
        var m = n
        factors.withUnsafeMutableBufferPointer { f in
            pivots.withUnsafeMutableBufferPointer { p in
                dgetrf_(&m, &n, f.baseAddress, &lda, p.baseAddress, &info)
            }
        }
        if info > 0 { throw .singular(pivot: Int(info)) }
        if info < 0 { throw .illegalArgument(index: Int(-info)) }
    }

    /// Overwrites `b` with the solution x of A·x = b.
    public func solve(_ b: inout [Double]) {
        precondition(b.count == dimension)
        b.withUnsafeMutableBufferPointer { solve($0) }
    }

    /// Overwrites the buffer `b` with the solution x of A·x = b.
    public func solve(_ b: UnsafeMutableBufferPointer<Double>) {
        precondition(b.count >= dimension)
        if dimension == 0 { return }
        var trans: CChar = 78  // "N": no transpose
        var n = Int32(dimension), nrhs: Int32 = 1, lda = Int32(dimension), ldb = Int32(dimension)
        var info: Int32 = 0
        factors.withUnsafeBufferPointer { f in
            pivots.withUnsafeBufferPointer { p in
                dgetrs_(&trans, &n, &nrhs, f.baseAddress, &lda, p.baseAddress, b.baseAddress, &ldb, &info)
            }
        }
        precondition(info == 0, "dgetrs rejected argument \(-info)")
    }
}
