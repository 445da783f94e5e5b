import CLAPACK

/// The Cholesky factor L of a symmetric positive-definite matrix Σ = L·Lᵀ (lower triangular), by LAPACK
/// `dpotrf`. A matrix that is not positive definite is an error that says at which leading minor it failed.
public struct Cholesky: Sendable, Equatable {
    public let dimension: Int
    /// Row-major n×n, zero above the diagonal.
    public let lower: [Double]

    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// LAPACK info = k > 0: the leading k×k minor is not positive definite.
        case notPositiveDefinite(minor: Int)
        case notSymmetric(row: Int, column: Int)

        public var description: String {
            switch self {
            case .notPositiveDefinite(let k):
                "is not positive definite (its leading \(k)×\(k) block has a zero or negative eigenvalue)"
            case .notSymmetric(let i, let j):
                "is not symmetric (entries (\(i + 1), \(j + 1)) and (\(j + 1), \(i + 1)) differ)"
            }
        }
    }

    /// `matrix` row-major n×n.
    public init(factoring matrix: [Double], dimension n: Int) throws(Failure) {
        precondition(matrix.count == n * n, "Cholesky: the matrix must have n² entries")
        for i in 0..<n { for j in 0..<i where matrix[i * n + j] != matrix[j * n + i] {
            throw .notSymmetric(row: i, column: j)
        } }
        dimension = n
        guard n > 0 else { lower = []; return }
        // Column-major for LAPACK: a symmetric matrix is its own transpose. "L": the lower triangle is used
        // and overwritten with L; the strict upper triangle is left as it was and zeroed below.
        var a = matrix
        var order = Int32(n), lda = Int32(n), info: Int32 = 0
        var uplo = CChar(UInt8(ascii: "L"))
        dpotrf_(&uplo, &order, &a, &lda, &info)
        guard info == 0 else {
            precondition(info > 0, "dpotrf rejected argument \(-info)")
            throw .notPositiveDefinite(minor: Int(info))
        }
        // Column-major lower triangle = row-major upper; transpose into row-major lower.
        var l = [Double](repeating: 0, count: n * n)
        for j in 0..<n { for i in j..<n { l[i * n + j] = a[j * n + i] } }
        lower = l
    }

    /// L·z.
    public func times(_ z: [Double]) -> [Double] {
        precondition(z.count == dimension)
        return (0..<dimension).map { i in (0...i).reduce(0) { $0 + lower[i * dimension + $1] * z[$1] } }
    }
}

extension Cholesky {
    /// x with Σ·x = b (Σ = L·Lᵀ): forward substitution L·y = b, then back substitution Lᵀ·x = y.
    public func solve(_ b: [Double]) -> [Double] {
        let n = dimension
        precondition(b.count == n)
        var y = b
        for i in 0..<n {
            for k in 0..<i { y[i] -= lower[i * n + k] * y[k] }
            y[i] /= lower[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<max(n, i + 1) { y[i] -= lower[k * n + i] * y[k] }
            y[i] /= lower[i * n + i]
        }
        return y
    }
}
