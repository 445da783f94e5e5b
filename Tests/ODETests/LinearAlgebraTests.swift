import Foundation
import Testing
@testable import ODE

struct LinearAlgebraTests {
    /// A = L·U built from known unit-lower L and upper U, b = A·x for a known x: the solve returns x.
    @Test func luSolvesSystemWithKnownSolution() throws {
        let lower = Matrix([[1, 0, 0, 0], [0.5, 1, 0, 0], [-2, 0.25, 1, 0], [3, -1, 0.5, 1]])
        let upper = Matrix([[4, 1, -2, 3], [0, -3, 1, 2], [0, 0, 5, -1], [0, 0, 0, 2]])
        var a = Matrix(rows: 4, columns: 4)
        for i in 0..<4 { for j in 0..<4 { for m in 0..<4 { a[i, j] += lower[i, m] * upper[m, j] } } }
        let x = [1.0, -2, 0.5, 3]
        var b = a.multiply(x)
        let lu = try DenseLU(factoring: a)
        lu.solve(&b)
        for i in 0..<4 { #expect(abs(b[i] - x[i]) <= 1e-13 * max(1, abs(x[i]))) }
    }

    @Test func luReportsSingularMatrixWithItsPivot() {
        // The second row is twice the first: elimination leaves U(2, 2) = 0.
        #expect(throws: DenseLU.Failure.singular(pivot: 2)) {
            try DenseLU(factoring: Matrix([[1, 2], [2, 4]]))
        }
        #expect(throws: DenseLU.Failure.singular(pivot: 3)) {
            try DenseLU(factoring: Matrix([[1, 0, 1], [0, 1, 1], [1, 1, 2]]))
        }
    }

    /// The Newton matrix α·I − β·J: for J = diag(d), it is diagonal and the solve divides by α − β·dᵢ.
    @Test func iterationMatrixFactorsScaledIdentityMinusJacobian() throws {
        var jacobian = Matrix(rows: 3, columns: 3)
        let d = [-1.0, -10, -1000]
        for i in 0..<3 { jacobian[i, i] = d[i] }
        var statistics = SolverStatistics()
        var matrix = IterationMatrix(dimension: 3)
        try matrix.factor(jacobian: jacobian, identityScale: 2, jacobianScale: 0.5, statistics: &statistics)
        var b = [1.0, 1, 1]
        b.withUnsafeMutableBufferPointer { matrix.solve($0) }
        for i in 0..<3 { #expect(abs(b[i] - 1 / (2 - 0.5 * d[i])) <= 1e-15) }
        #expect(statistics.luFactorizations == 1)
        #expect(matrix.factoredScale == 0.5)
        // α = β·dᵢ makes the matrix singular: reported, and the factors are dropped.
        #expect(throws: DenseLU.Failure.self) {
            try matrix.factor(jacobian: jacobian, identityScale: -10, jacobianScale: 1, statistics: &statistics)
        }
        #expect(!matrix.isFactored && matrix.factoredScale == 0)
    }
}
