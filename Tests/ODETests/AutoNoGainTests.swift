import Foundation
import Testing
@testable import ODE

/// `Method.auto` keeps Rodas5P only where its steps beat the explicit ones by the cost ratio
/// (`AutoSwitching.requiredStepGain`). Problem: y' = −λ(y − sin ωt) + ω cos ωt, y(0) = 0, exact solution
/// y = sin ωt for every λ, on [0, 200]. The explicit pair is stability-limited once h·λ nears its boundary
/// (tsit5: 3.5); Rodas5P, unconditionally stable, is limited by the accuracy of sin ωt alone.
struct AutoNoGainTests {
    static func problem(lambda: Double, omega: Double) -> ODEProblem {
        ODEProblem(
            rhs: { t, y, f in f[0] = -lambda * (y[0] - sin(omega * t)) + omega * cos(omega * t) },
            jacobian: { _, _, J in J[0, 0] = -lambda },
            initialState: [0], timeSpan: 0...200)
    }

    /// The problem with ω = 1 solved by `auto`, tsit5 and Rodas5P at rtol = atol = `tolerance`.
    static func solveEach(lambda: Double, tolerance: Double) -> (auto: Solution, tsit5: Solution, rodas: Solution) {
        let options = SolverOptions(relativeTolerance: tolerance, absoluteTolerance: tolerance)
        let problem = problem(lambda: lambda, omega: 1)
        return (solve(problem, method: .auto, options: options), solve(problem, method: .tsit5, options: options),
                solve(problem, method: .rodas5p, options: options))
    }

    /// λ = 20, ω = 1, rtol 1e-6: tsit5's step is bounded by stability (3.5/20 ≈ 0.18), and Rodas5P's by
    /// accuracy at a step less than `requiredStepGain` times longer, but long enough (h·λ ≈ 3) that the
    /// stability test for switching back (h·‖J‖ ≤ 0.7·x_stab) does not fire. Without the no-gain rule `auto`
    /// stays in Rodas5P for most of the span (a Jacobian per step); with it, the stiff phases are trials whose
    /// number grows like log₂ of the span's steps, and `auto` costs what tsit5 costs.
    @Test func leavesRodasWithoutGain() {
        let tol = 1e-6
        let (auto, tsit5, rodas) = Self.solveEach(lambda: 20, tolerance: tol)
        #expect(auto.returnCode == .success)
        // The premise: Rodas5P's steps are longer, but by less than the required gain.
        let gain = Double(tsit5.statistics.accepted) / Double(rodas.statistics.accepted)
        #expect(gain > 1 && gain < AutoSwitching.requiredStepGain)
        #expect(auto.statistics.jacobianEvaluations <= auto.statistics.steps / 20)
        #expect(Double(auto.statistics.rhsEvaluations) <= 1.1 * Double(tsit5.statistics.rhsEvaluations))
        #expect(abs(auto.finalState[0] - sin(200.0)) <= 100 * tol)
    }

    /// λ = 200, ω = 1, rtol 1e-4: Rodas5P's steps are tens of times tsit5's, so `auto` stays stiff and takes
    /// about Rodas5P's steps.
    @Test func keepsRodasWithGain() {
        let tol = 1e-4
        let (auto, tsit5, rodas) = Self.solveEach(lambda: 200, tolerance: tol)
        #expect(auto.returnCode == .success)
        #expect(Double(tsit5.statistics.accepted) >= AutoSwitching.requiredStepGain * Double(rodas.statistics.accepted))
        #expect(Double(auto.statistics.steps) <= 1.2 * Double(rodas.statistics.steps))
        #expect(abs(auto.finalState[0] - sin(200.0)) <= 100 * tol)
    }
}
