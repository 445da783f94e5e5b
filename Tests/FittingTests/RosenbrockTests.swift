import Fitting
import Testing

/// Rosenbrock's function in residual form, r = [10(x₂ − x₁²), 1 − x₁] (Moré, Garbow & Hillstrom 1981,
/// problem 1), from the standard start (−1.2, 1): the minimum is r = 0 at (1, 1).
@Suite struct RosenbrockTests {
    static let residuals: @Sendable ([Double]) -> [Double] = { x in [10 * (x[1] - x[0] * x[0]), 1 - x[0]] }

    @Test func convergesFromStandardStart() throws {
        let problem = LeastSquaresProblem(parameterCount: 2, residualCount: 2, residuals: Self.residuals)
        let fit = try LevenbergMarquardt.fit(problem, from: [-1.2, 1])
        #expect(fit.stopReason.converged)
        #expect(abs(fit.estimates[0] - 1) < 1e-8 && abs(fit.estimates[1] - 1) < 1e-8)
        #expect(fit.cost < 1e-16)
        // m = n: no degrees of freedom to estimate σ².
        #expect(fit.uncertainty.degreesOfFreedom == 0 && fit.uncertainty.residualVariance.isNaN)
    }

    /// The analytic Jacobian J = [[−20x₁, 10], [−1, 0]] reaches the same point without finite differences:
    /// every residual evaluation is then the start or a trial step.
    @Test func analyticJacobian() throws {
        let problem = LeastSquaresProblem(parameterCount: 2, residualCount: 2, residuals: Self.residuals) { x in
            DenseMatrix(rows: 2, columns: 2, columnMajor: [-20 * x[0], -1, 10, 0])!
        }
        let fit = try LevenbergMarquardt.fit(problem, from: [-1.2, 1])
        #expect(fit.stopReason.converged)
        #expect(abs(fit.estimates[0] - 1) < 1e-8 && abs(fit.estimates[1] - 1) < 1e-8)
        #expect(fit.residualEvaluations <= 1 + fit.iterations)
    }
}
