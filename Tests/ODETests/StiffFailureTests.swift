import Foundation
import Testing
@testable import ODE

/// Numerical failures end the run with a return code and a message (time, state, advice), never a crash;
/// jumps restart the stiff methods without stale history.
struct StiffFailureTests {
    static let stiffMethods: [Method] = [.rodas5p, .bdf, .auto]

    /// f is NaN from t = 1 on: no step can cross t = 1. The steppers shrink h and then report where they
    /// stopped: BDF after 10 Newton failures in a row (CVODE's MXNCF), i.e. after cutting h by 4¹⁰, so
    /// within ~1e-6·h of the last good point; Rodas5P when h falls below roundoff at t.
    @Test(arguments: stiffMethods)
    func undefinedRightHandSideIsReportedNotCrashed(method: Method) {
        let problem = ODEProblem(
            rhs: { t, y, f in f[0] = t < 1 ? -y[0] : .nan },
            initialState: [1], timeSpan: 0...2)
        let solution = solve(problem, method: method)
        #expect(!solution.returnCode.isSuccess)
        #expect([.newtonDivergence, .stepSizeTooSmall].contains(solution.returnCode), "\(solution.returnCode)")
        #expect(solution.finalTime < 1 && solution.finalTime > 0.9, "stopped at \(solution.finalTime)")
        #expect(abs(solution.finalState[0] - exp(-solution.finalTime)) < 1e-4)
        #expect(solution.message.contains("at t = ") && solution.message.contains("Advice"))
    }

    /// y' = y², y(0) = 1 blows up at t = 1 (y = 1/(1 − t)). The run ends near the pole with a failure
    /// code and a message, after following the blow-up to large y. (Linearly implicit steps can land just
    /// past the pole on the spurious branch before the step size collapses; no claim of success is made.)
    @Test(arguments: stiffMethods)
    func blowUpStopsBeforeThePole(method: Method) {
        let problem = ODEProblem(
            rhs: { _, y, f in f[0] = y[0] * y[0] },
            jacobian: { _, y, J in J[0, 0] = 2 * y[0] },
            initialState: [1], timeSpan: 0...2)
        let solution = solve(problem, method: method)
        #expect(!solution.returnCode.isSuccess)
        #expect(abs(solution.finalTime - 1) < 1e-3)
        #expect(abs(solution.finalState[0]) > 1e3)
        #expect(solution.message.contains("at t = ") && solution.message.contains("Advice"))
    }

    /// A bolus-like jump y ← y + 1 at t = 5 on y' = −y: y(10) = (e^(−5) + 1)·e^(−5). After the jump BDF
    /// restarts at order 1 with a new Jacobian, and Rodas5P evaluates a new Jacobian at the jumped state.
    @Test(arguments: [Method.rodas5p, .bdf])
    func jumpRestartsWithoutStaleHistory(method: Method) throws {
        let problem = ODEProblem(
            rhs: { _, y, f in f[0] = -y[0] },
            jacobian: { _, _, J in J[0, 0] = -1 },
            initialState: [1], timeSpan: 0...10)
        let tol = 1e-8
        let options = SolverOptions(relativeTolerance: tol, absoluteTolerance: tol)
        let integrator = Integrator(problem, method: method, options: options)
        try integrator.advance(to: 5)
        integrator.applyJump { $0[0] += 1 }
        let jacobiansBefore = integrator.statistics.jacobianEvaluations
        try integrator.step()
        #expect(integrator.statistics.jacobianEvaluations == jacobiansBefore + 1)
        if let bdf = integrator.stepper as? BDF { #expect(bdf.order == 1) }
        try integrator.advance(to: 10)
        let exact = (exp(-5.0) + 1) * exp(-5.0)
        #expect(abs(integrator.currentState[0] - exact) <= 100 * (tol + tol * exact))

        let viaSolve = solve(problem, method: method, options: options, jumps: [Jump(at: 5) { $0[0] += 1 }])
        #expect(abs(viaSolve.finalState[0] - exact) <= 100 * (tol + tol * exact))
    }
}
