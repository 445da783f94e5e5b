import Foundation
import Testing
@testable import ODE
import ODEProblems

/// `Method.auto`: explicit while the problem is non-stiff, Rodas5P while it is stiff.
struct StiffAutoSwitchingTests {
    /// Van der Pol with μ = 1000 is stiff along its slow manifold: DOPRI5 alone exhausts 20 000 steps
    /// before t = 2 (its steps are bounded by stability, |λ|h ≤ 3.3 with |λ| up to ~1e6), while `auto`
    /// detects stiffness, switches to Rodas5P and finishes in far fewer steps.
    @Test func switchesToStiffOnVanDerPol() {
        let vdp = TestProblem.vanDerPol1000
        var options = SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: vdp.absoluteTolerance)
        options.maxSteps = 20_000
        let explicit = solve(vdp.problem, method: .dp5, options: options)
        #expect(explicit.returnCode == .maxStepsReached)
        let auto = solve(vdp.problem, method: .auto, options: options)
        #expect(auto.returnCode == .success)
        #expect(auto.statistics.methodSwitches >= 1)
        #expect(auto.statistics.steps < 2_000)
        #expect(auto.statistics.jacobianEvaluations > 0)
    }

    /// The harmonic oscillator y₁' = y₂, y₂' = −y₁ (solution (cos t, −sin t)) is not stiff: `auto` never
    /// leaves the explicit method (no switch, no Jacobian, no LU) and is as accurate as the tolerance asks.
    @Test func staysExplicitOnNonStiffProblem() {
        let oscillator = ODEProblem(
            rhs: { _, y, f in
                f[0] = y[1]
                f[1] = -y[0]
            },
            initialState: [1, 0], timeSpan: 0...20)
        let tol = 1e-8
        let solution = solve(oscillator, method: .auto,
                             options: SolverOptions(relativeTolerance: tol, absoluteTolerance: tol))
        #expect(solution.returnCode == .success)
        let s = solution.statistics
        #expect(s.methodSwitches == 0 && s.jacobianEvaluations == 0 && s.luFactorizations == 0)
        #expect(abs(solution.finalState[0] - cos(20.0)) <= 100 * tol)
        #expect(abs(solution.finalState[1] + sin(20.0)) <= 100 * tol)
    }

    /// y' = −λ(t)(y − cos t) − sin t with λ(t) = 1 + 1e4·e^(−5t) and y(0) = 1 has the solution y = cos t
    /// for every λ. Stiff at first (λ ≈ 1e4), non-stiff after t ≈ 2: `auto` goes to Rodas5P and back,
    /// and its dense output (from whichever stepper took the step) follows cos t throughout.
    @Test func switchesToStiffAndBack() {
        let problem = ODEProblem(
            rhs: { t, y, f in f[0] = -(1 + 1e4 * exp(-5 * t)) * (y[0] - cos(t)) - sin(t) },
            jacobian: { t, _, J in J[0, 0] = -(1 + 1e4 * exp(-5 * t)) },
            initialState: [1], timeSpan: 0...30)
        let tol = 1e-7
        let outputTimes = stride(from: 0.05, to: 30, by: 0.1).map { $0 }
        let solution = solve(problem, method: .auto,
                             options: SolverOptions(relativeTolerance: tol, absoluteTolerance: tol, saveAt: outputTimes))
        #expect(solution.returnCode == .success)
        #expect(solution.statistics.methodSwitches >= 2)
        #expect(solution.statistics.methodSwitches % 2 == 0, "ends explicit")
        let error = zip(solution.times, solution.states).map { abs($1[0] - cos($0)) }.max()!
        #expect(error <= 100 * tol)
    }
}

/// The probe: stiffness the indicator cannot see, and the cost of probing a non-stiff problem.
struct StiffAutoProbeTests {
    /// ROBER at rtol 1e-8 (atol 1e-16): the explicit pair alone, capped at 20 000 steps, does not get
    /// past t = 30 of [0, 1e11]; `auto` probes Rodas5P, stays with it, and finishes on the reference.
    @Test func probeFindsStiffnessTheIndicatorMisses() throws {
        let rober = TestProblem.robertson
        var options = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-16)
        options.maxSteps = 20_000
        let explicit = solve(rober.problem, method: .tsit5, options: options)
        #expect(explicit.returnCode == .maxStepsReached && explicit.finalTime < 30)
        let auto = solve(rober.problem, method: .auto, options: options)
        #expect(auto.returnCode == .success)
        #expect(auto.statistics.methodSwitches >= 1)
        for (i, reference) in rober.reference.enumerated() {
            #expect(abs(auto.finalState[i] - reference) <= 100 * (1e-16 + 1e-8 * abs(reference)))
        }
    }

    /// A long non-stiff run (harmonic oscillator over 300 periods): every probe returns to the explicit
    /// method (switches come in pairs) and the probe interval doubles each time, so with N explicit steps
    /// there are at most log₂(N/500 + 1) probes. The solution keeps its accuracy: the global error of an
    /// undamped oscillation grows about linearly with the number of periods, hence 1e3·tol after 300.
    @Test func failedProbesBackOffGeometrically() {
        let oscillator = ODEProblem(
            rhs: { _, y, f in
                f[0] = y[1]
                f[1] = -y[0]
            },
            initialState: [1, 0], timeSpan: 0...(600 * Double.pi))
        let tol = 1e-8
        let solution = solve(oscillator, method: .auto,
                             options: SolverOptions(relativeTolerance: tol, absoluteTolerance: tol))
        #expect(solution.returnCode == .success)
        let switches = solution.statistics.methodSwitches
        let probes = Double(switches / 2)
        #expect(switches % 2 == 0 && switches >= 2)
        #expect(probes <= log2(Double(solution.statistics.accepted) / 500 + 1))
        #expect(abs(solution.finalState[0] - 1) <= 1e3 * tol && abs(solution.finalState[1]) <= 1e3 * tol)
    }
}
