import Testing
@testable import ODE

/// DenseLU factors with LAPACK's unblocked dgetf2 up to `DenseLU.unblockedLimit` and with the blocked dgetrf
/// above it: both paths must solve and detect singularity the same way.
struct DenseLUSizeTests {
    static let dimensions = [1, 3, DenseLU.unblockedLimit, DenseLU.unblockedLimit + 1, 100]

    /// A strictly diagonally dominant matrix (so ‖A⁻¹‖ ≤ 1 and the solve is well conditioned):
    /// aᵢⱼ = 1/(1 + |i − j|) off the diagonal, aᵢᵢ = n + 1.
    static func dominantMatrix(_ n: Int) -> Matrix {
        var a = Matrix(rows: n, columns: n)
        for i in 0..<n {
            for j in 0..<n { a[i, j] = i == j ? Double(n + 1) : 1 / Double(1 + abs(i - j)) }
        }
        return a
    }

    @Test(arguments: dimensions)
    func solvesDominantSystemWithKnownSolution(n: Int) throws {
        let a = Self.dominantMatrix(n)
        let x = (0..<n).map { Double($0 % 5) - 2 + 0.25 * Double($0) }
        var b = a.multiply(x)
        try DenseLU(factoring: a).solve(&b)
        // Backward-stable LU on a well-conditioned system: error of a few ulps times n.
        for i in 0..<n { #expect(abs(b[i] - x[i]) <= 1e-13 * Double(n) * max(1, abs(x[i]))) }
    }

    /// A zero column k leaves U(k, k) = 0 whatever the pivoting: LAPACK reports info = k + 1.
    @Test(arguments: dimensions.filter { $0 > 1 })
    func reportsZeroColumnAsSingularPivot(n: Int) {
        var a = Self.dominantMatrix(n)
        let k = n / 2
        for i in 0..<n { a[i, k] = 0 }
        #expect(throws: DenseLU.Failure.singular(pivot: k + 1)) { try DenseLU(factoring: a) }
    }
}
