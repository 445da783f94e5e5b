import Fitting
import Foundation
import Testing

/// Failures of the user's residual function are reported, never crash: at the start as an error naming the
/// vector, at a trial step as a rejected step.
@Suite struct ErrorHandlingTests {
    struct Infeasible: Error {}

    @Test func throwingAtStartIsAnError() {
        let problem = LeastSquaresProblem(parameterCount: 2, residualCount: 3) { _ in throw Infeasible() }
        #expect(throws: FittingError.residualsFailed(at: [1, 2], .threw("Infeasible()"))) {
            try LevenbergMarquardt.fit(problem, from: [1, 2])
        }
    }

    @Test func nonFiniteOrMiscountedResidualsAtStartAreErrors() {
        let nan = LeastSquaresProblem(parameterCount: 1, residualCount: 2) { x in [x[0], .nan] }
        #expect(throws: FittingError.residualsFailed(at: [3], .nonFinite(index: 1))) {
            try LevenbergMarquardt.fit(nan, from: [3])
        }
        let short = LeastSquaresProblem(parameterCount: 1, residualCount: 2) { x in [x[0]] }
        #expect(throws: FittingError.residualsFailed(at: [3], .wrongCount(expected: 2, actual: 1))) {
            try LevenbergMarquardt.fit(short, from: [3])
        }
    }

    @Test func invalidInputIsAnError() {
        let problem = LeastSquaresProblem(parameterCount: 2, residualCount: 2) { $0 }
        #expect(throws: FittingError.self) { try LevenbergMarquardt.fit(problem, from: [1]) }
        #expect(throws: FittingError.self) { try LevenbergMarquardt.fit(problem, from: [1, .infinity]) }
        let empty = LeastSquaresProblem(parameterCount: 0, residualCount: 2) { _ in [0, 0] }
        #expect(throws: FittingError.self) { try LevenbergMarquardt.fit(empty, from: []) }
        var options = LevenbergMarquardtOptions()
        options.typicalSizes = [1, 0]
        #expect(throws: FittingError.self) { try LevenbergMarquardt.fit(problem, from: [1, 1], options: options) }
    }

    /// Rosenbrock with the half-plane x₂ < −3 made infeasible (the residuals throw there). From (−1.2, 1) the
    /// Gauss–Newton step solves J·δ = −r exactly: δ₁ = 2.2, then 24·2.2 + 10·δ₂ = 4.4, δ₂ = −4.84, landing at
    /// (1, −3.84); with λ₀ tiny the first trial lands next to it, throws, and must be rejected. The optimum (1, 1)
    /// is feasible, so the fit must still reach it.
    @Test func failingTrialStepsAreRejected() throws {
        let failures = Counter()
        let problem = LeastSquaresProblem(parameterCount: 2, residualCount: 2) { x in
            if x[1] < -3 {
                failures.increment()
                throw Infeasible()
            }
            return [10 * (x[1] - x[0] * x[0]), 1 - x[0]]
        }
        var options = LevenbergMarquardtOptions()
        options.initialDamping = 1e-8
        let fit = try LevenbergMarquardt.fit(problem, from: [-1.2, 1], options: options)
        #expect(failures.value >= 1)
        #expect(fit.stopReason.converged)
        #expect(abs(fit.estimates[0] - 1) < 1e-8 && abs(fit.estimates[1] - 1) < 1e-8)
    }

    /// A Jacobian that fails at an accepted point is an error naming the column and the perturbed vector.
    @Test func failingAnalyticJacobianIsAnError() {
        let problem = LeastSquaresProblem(parameterCount: 1, residualCount: 1, residuals: { $0 }) { _ in
            DenseMatrix(rows: 1, columns: 1, columnMajor: [.nan])!
        }
        #expect(throws: FittingError.jacobianFailed(at: [2], column: 0, .nonFinite(index: 0))) {
            try LevenbergMarquardt.fit(problem, from: [2])
        }
    }
}

/// A thread-safe count of calls.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
