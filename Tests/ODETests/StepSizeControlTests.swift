import Foundation
import Testing
@testable import ODE
import ODEProblems

/// The two step-size controllers (`StepSizeControl`) against their closed forms, and the integral one on a
/// published reference problem.
@Suite struct StepSizeControlTests {
    /// Where a controller settles on a problem whose error grows as err = C·h^(q+1) (accuracy-limited): the
    /// fixed point of h ← h·factor(err). For the integral controller safety·err^(−1/(q+1)) = 1 gives
    /// err* = safety^(q+1); for the PI controller, with errₙ = errₙ₋₁ = err*, safety·err*^(−0.3/(q+1)) = 1
    /// gives err* = safety^((q+1)/0.3): 0.48 and 0.088 of the tolerance for a 6th-order estimate
    /// (the numbers `StepSizeControl` quotes).
    @Test(arguments: StepSizeControl.allCases)
    func settlesWhereTheClosedFormSays(control: StepSizeControl) {
        var controller = PIController()
        controller.control = control
        let q = 6, k = Double(q + 1), constant = 1e3
        var h = 0.01
        var error = 0.0
        for _ in 0..<2000 {
            error = constant * pow(h, k)
            h = controller.nextStep(after: h, error: error, order: q)
        }
        let expected = control == .integral ? pow(0.9, k) : pow(0.9, k / 0.3)
        #expect(abs(error / expected - 1) < 1e-6, "\(control): settled at \(error), closed form \(expected)")
    }

    /// After an accepted step with error e the integral controller proposes h·safety·e^(−1/(q+1)), between
    /// facMin and facMax, whatever came before; the PI controller also weighs the previous error.
    @Test func integralControllerHasNoMemory() {
        var integral = PIController()
        integral.control = .integral
        _ = integral.nextStep(after: 1, error: 1e-6, order: 6)
        #expect(abs(integral.nextStep(after: 1, error: 0.01, order: 6) - 0.9 * pow(0.01, -1.0 / 7)) < 1e-14)
        var pi = PIController()
        _ = pi.nextStep(after: 1, error: 1e-6, order: 6)
        let expected = 0.9 * pow(0.01, -0.7 / 7) * pow(1e-6, 0.4 / 7)
        #expect(abs(pi.nextStep(after: 1, error: 0.01, order: 6) - expected) < 1e-14)
    }

    /// The Arenstorf orbit closes after one period under the integral controller to the bound the PI
    /// controller meets (`ExplicitReferenceSolutionTests`): 1e-5 in every component at rtol = atol = 1e-10.
    @Test(arguments: [Method.dp5, .tsit5, .vern7])
    func arenstorfOrbitClosesUnderIntegralControl(method: Method) {
        var options = SolverOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-10)
        options.stepSizeControl = .integral
        let problem = TestProblem.arenstorf
        let solution = solve(problem.problem, method: method, options: options)
        #expect(solution.returnCode == .success)
        let error = zip(solution.finalState, problem.reference).map { abs($0 - $1) }.max() ?? .nan
        #expect(error < 1e-5)
    }
}
