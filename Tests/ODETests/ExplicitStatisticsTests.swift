import Foundation
import Synchronization
import Testing
@testable import ODE

/// A right-hand side that counts its own calls, independently of `SolverStatistics`.
final class CountingRightHandSide: Sendable {
    let calls = Atomic<Int>(0)
    let f: @Sendable (Double, [Double]) -> [Double]

    init(_ f: @escaping @Sendable (Double, [Double]) -> [Double]) { self.f = f }

    func problem(initialState: [Double], timeSpan: ClosedRange<Double>) -> ODEProblem {
        ODEProblem(rhs: { [self] t, y, dydt in
            calls.add(1, ordering: .relaxed)
            let v = f(t, Array(y))
            for i in 0..<dydt.count { dydt[i] = v[i] }
        }, initialState: initialState, timeSpan: timeSpan)
    }
}

/// Evaluations of f by the explicit stepper (s stages, `rows` with dense-output stages):
///
///     1 (f(t₀, y₀))  +  1 if the first step is estimated (Hairer–Wanner, one trial Euler step)
///     + (s − 1)·(accepted + rejected)          the first stage is always known
///     + accepted if the pair is not FSAL        f(t₁, y₁) is evaluated on acceptance
///     + (rows − s − 1)·(steps interpolated)      lazy dense stages, minus the one that is f(t₁, y₁)
///     + restarts                                one per jump time after the first evaluation: f(t, y) anew
func expectedEvaluations(
    _ tableau: ButcherTableau, _ statistics: SolverStatistics, estimatedFirstStep: Bool,
    interpolatedSteps: Int = 0, restarts: Int = 0
) -> Int {
    let s = tableau.stages, denseStages = tableau.totalStages - s
    return 1 + (estimatedFirstStep ? 1 : 0) + (s - 1) * statistics.steps + (tableau.isFSAL ? 0 : statistics.accepted)
        + (denseStages > 0 ? denseStages - 1 : 0) * interpolatedSteps + restarts
}

@Suite struct ExplicitStatisticsTests {
    static let methods = explicitMethods

    /// y' = 0: every error estimate is 0, nothing is rejected.
    @Test(arguments: methods)
    func zeroRightHandSideCountsMatchFormula(method: Method) throws {
        let tableau = try #require((method.makeStepper(1) as? ExplicitRungeKutta)?.tableau)
        let counter = CountingRightHandSide { _, _ in [0] }
        let solution = solve(counter.problem(initialState: [1], timeSpan: 0...10), method: method)
        let stats = solution.statistics
        #expect(solution.finalState == [1])
        #expect(stats.rejected == 0 && stats.steps == stats.accepted)
        #expect(stats.rhsEvaluations == counter.calls.load(ordering: .relaxed))
        #expect(stats.rhsEvaluations == expectedEvaluations(tableau, stats, estimatedFirstStep: true))
    }

    /// A first step far too large for y' = −50·y·t forces rejections; the count still follows the formula.
    @Test(arguments: methods)
    func rejectedStepsCountMatchFormula(method: Method) throws {
        let tableau = try #require((method.makeStepper(1) as? ExplicitRungeKutta)?.tableau)
        let counter = CountingRightHandSide { t, y in [-50 * t * y[0]] }
        let options = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10, initialStep: 1)
        let solution = solve(counter.problem(initialState: [1], timeSpan: 0...2), method: method, options: options)
        let stats = solution.statistics
        #expect(abs(solution.finalState[0] - exp(-100.0)) < 1e-9)
        #expect(stats.rejected > 0)
        #expect(stats.steps == stats.accepted + stats.rejected)
        #expect(stats.rhsEvaluations == counter.calls.load(ordering: .relaxed))
        #expect(stats.rhsEvaluations == expectedEvaluations(tableau, stats, estimatedFirstStep: false))
    }

    /// Fixed steps with two output times inside every step: the dense-output stages are evaluated once per
    /// interpolated step (lazily, and reused for the second output).
    @Test(arguments: methods)
    func denseStagesAreEvaluatedOncePerInterpolatedStep(method: Method) throws {
        let tableau = try #require((method.makeStepper(1) as? ExplicitRungeKutta)?.tableau)
        let counter = CountingRightHandSide { t, y in [cos(t) * y[0]] }
        let steps = 16, h = 0.125
        var options = fixedStepOptions(h)
        options.saveAt = (0..<steps).flatMap { [(Double($0) + 0.25) * h, (Double($0) + 0.75) * h] }
        let solution = solve(counter.problem(initialState: [1], timeSpan: 0...2), method: method, options: options)
        let stats = solution.statistics
        #expect(stats.accepted == steps && solution.times == options.saveAt)
        #expect(stats.rhsEvaluations == counter.calls.load(ordering: .relaxed))
        #expect(stats.rhsEvaluations
                == expectedEvaluations(tableau, stats, estimatedFirstStep: false, interpolatedSteps: steps))
        for (t, y) in zip(solution.times, solution.states) { #expect(abs(y[0] - exp(sin(t))) < 1e-6) }
    }
}
