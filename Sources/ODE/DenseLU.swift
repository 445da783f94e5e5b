import CLAPACK

/// LU factorisation with partial pivoting, P·A = L·U, through LAPACK `dgetrf` (or its unblocked form
/// `dgetf2` for small matrices); solves through `dgetrs`.
///
/// The ODE module's LU (its other LAPACK call is `dgeev`, in `LinearBlock`). Newton iterations in the implicit methods factor
/// the iteration matrix (M = I − h·γ·J or similar) once and reuse the factors for many right-hand sides.
///
/// Below LAPACK's block size (`ilaenv` returns 64 for dgetrf) `dgetrf` does not block; it runs the
/// recursive `dgetrf2`, whose level-3 BLAS calls on tiny blocks cost more than they save. The unblocked
/// `dgetf2` computes the same partial-pivoting factorisation 2–7× faster at the sizes of ODE systems
/// (measured with Debian's reference LAPACK 3.11: n = 3: 1.0 → 0.15 µs, n = 8: 3.0 → 1.3 µs,
/// n = 20: 16.6 → 8.2 µs), so it is used up to that size.
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

    /// Largest dimension factored by the unblocked `dgetf2` (LAPACK's dgetrf block size).
    static let unblockedLimit = 64

    /// Storage for the factors of an n×n matrix, not factored yet; `factor(_:)` fills it.
    public init(dimension: Int) {
        precondition(dimension >= 0, "DenseLU dimension must be non-negative")
        self.dimension = dimension
        factors = [Double](repeating: 0, count: dimension * dimension)
        pivots = [Int32](repeating: 0, count: max(1, dimension))
    }

    /// Factors the square matrix `a`.
    public init(factoring a: Matrix) throws(Failure) {
        self.init(dimension: a.rows)
        try factor(a)
    }

    /// Factors `a` (of this dimension) into the existing storage: repeated factorizations, as in Newton
    /// iterations, allocate nothing. After a throw the factors are unusable until the next success.
    public mutating func factor(_ a: Matrix) throws(Failure) {
        precondition(a.rows == dimension && a.columns == dimension, "DenseLU.factor: matrix must be \(dimension)×\(dimension)")
        if dimension == 0 { return }
        var n = Int32(dimension), lda = Int32(dimension), info: Int32 = 0
        var m = n
        let limit = Self.unblockedLimit
        factors.withUnsafeMutableBufferPointer { f in
            a.elements.withUnsafeBufferPointer { source in _ = f.update(fromContentsOf: source) }
            pivots.withUnsafeMutableBufferPointer { p in
                if dimension <= limit {
                    dgetf2_(&m, &n, f.baseAddress, &lda, p.baseAddress, &info)
                } else {
                    dgetrf_(&m, &n, f.baseAddress, &lda, p.baseAddress, &info)
                }
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
