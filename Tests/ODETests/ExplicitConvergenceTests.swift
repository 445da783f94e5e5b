import Foundation
import Testing
@testable import ODE
import ODEProblems

/// Options that make the controller take exactly the step h: every error passes (huge tolerances) and the
/// step can neither grow (maxStep = h) nor start elsewhere (initialStep = h).
func fixedStepOptions(_ h: Double) -> SolverOptions {
    SolverOptions(relativeTolerance: 1e10, absoluteTolerance: 1e10, initialStep: h, maxStep: h, maxSteps: 10_000_000)
}

/// Forced oscillator y₁' = y₂, y₂' = −y₁ + cos 2t, y(0) = (0, 1): non-autonomous (so the nodes c matter) with
/// the closed form y₁ = (cos t)/3 + sin t − (cos 2t)/3, y₂ = −(sin t)/3 + cos t + (2/3) sin 2t.
/// Its local errors accumulate coherently, so the asymptotic order shows cleanly between the pre-asymptotic
/// range and rounding, even for the 7th-order pair; on the Kepler orbit the error constants change sign
/// along the orbit and vern7's asymptotic range is lost in rounding. The nonlinear order conditions are
/// checked exactly, tree by tree, in `ExplicitTableauTests`.
let forcedOscillator = ODEProblem(initialState: [0, 1], timeSpan: 0...20) { t, y in [y[1], -y[0] + cos(2 * t)] }

func forcedOscillatorSolution(_ t: Double) -> [Double] {
    [cos(t) / 3 + sin(t) - cos(2 * t) / 3, -sin(t) / 3 + cos(t) + 2 * sin(2 * t) / 3]
}

func maxError(_ y: [Double], _ exact: [Double]) -> Double { zip(y, exact).map { abs($0 - $1) }.max()! }

/// Least-squares slope of log(error) against log(h).
func observedOrder(steps: [Double], errors: [Double]) -> Double {
    let x = steps.map(log), y = errors.map(log)
    let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
    let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
    let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
    return sxy / sxx
}

/// A method and the step counts over [0, 20] at which its errors are in the asymptotic range and well above
/// rounding (chosen so: for coarser steps higher-order terms still matter, for finer ones rounding does).
struct ConvergenceCase: Sendable, CustomTestStringConvertible {
    let method: Method
    let globalStepCounts: [Int]
    let denseStepCounts: [Int]
    var testDescription: String { method.name }
}

let convergenceCases = [
    ConvergenceCase(method: .dp5, globalStepCounts: [160, 320, 640, 1280], denseStepCounts: [80, 160, 320, 640]),
    ConvergenceCase(method: .tsit5, globalStepCounts: [160, 320, 640, 1280], denseStepCounts: [80, 160, 320, 640]),
    ConvergenceCase(method: .vern7, globalStepCounts: [40, 80, 160], denseStepCounts: [40, 80, 160]),
]

@Suite struct ExplicitConvergenceTests {
    /// Global error at t = 20 with N fixed steps is C·h^p: the observed order is within 0.2 of the declared one.
    @Test(arguments: convergenceCases)
    func globalErrorConvergesAtDeclaredOrder(_ c: ConvergenceCase) throws {
        let tableau = try #require((c.method.makeStepper(2) as? ExplicitRungeKutta)?.tableau)
        let exact = forcedOscillatorSolution(forcedOscillator.endTime)
        var steps: [Double] = [], errors: [Double] = []
        for n in c.globalStepCounts {
            let h = forcedOscillator.endTime / Double(n)
            let solution = solve(forcedOscillator, method: c.method, options: fixedStepOptions(h))
            #expect(solution.returnCode == .success && solution.statistics.accepted == n)
            #expect(solution.statistics.rejected == 0)
            steps.append(h)
            errors.append(maxError(solution.finalState, exact))
        }
        let order = observedOrder(steps: steps, errors: errors)
        #expect(abs(order - Double(tableau.order)) <= 0.2, "observed order \(order), errors \(errors)")
    }

    /// One step of size h from the exact state: the dense output at θ = 0.4 has the local error of a
    /// continuous extension of order p*, C·h^(p*+1).
    @Test(arguments: convergenceCases)
    func denseOutputLocalErrorHasInterpolantOrder(_ c: ConvergenceCase) throws {
        let tableau = try #require((c.method.makeStepper(2) as? ExplicitRungeKutta)?.tableau)
        let t0 = 0.3, theta = 0.4
        var steps: [Double] = [], errors: [Double] = []
        for n in c.denseStepCounts {
            let h = forcedOscillator.endTime / Double(n)
            let oneStep = ODEProblem(rhs: forcedOscillator.rhs, initialState: forcedOscillatorSolution(t0),
                                     timeSpan: t0...(t0 + h))
            let integrator = Integrator(oneStep, method: c.method, options: fixedStepOptions(h))
            try integrator.step()
            #expect(integrator.time == t0 + h)
            steps.append(h)
            let t = t0 + theta * h
            errors.append(maxError(integrator.interpolate(at: t), forcedOscillatorSolution(t)))
        }
        let order = observedOrder(steps: steps, errors: errors)
        #expect(abs(order - Double(tableau.interpolantOrder + 1)) <= 0.2, "observed order \(order), errors \(errors)")
    }
}
