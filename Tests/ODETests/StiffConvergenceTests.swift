import Foundation
import Testing
@testable import ODE

/// Convergence orders on problems with closed-form solutions.
struct StiffConvergenceTests {
    /// Prothero & Robinson (1974): y' = −λ(y − φ(t)) + φ'(t), y(0) = φ(0), exact solution y = φ. With
    /// φ = sin(t) + 2 the right-hand side depends on t, so the ∂f/∂t terms of the Rosenbrock stages are
    /// exercised. λ = 10: moderately stiff; fixed steps h = 2/20 … 2/160 (λh ≤ 1) show the classical order
    /// down to errors of 1e-13.
    static let lambda = 10.0
    static let protheroRobinson = ODEProblem(
        rhs: { t, y, f in f[0] = -lambda * (y[0] - (sin(t) + 2)) + cos(t) },
        jacobian: { _, _, J in J[0, 0] = -lambda },
        initialState: [2], timeSpan: 0...2)

    /// Fixed steps: initial step = max step = h and tolerances too loose to reject anything.
    static func fixedStepOptions(_ h: Double, saveAt: [Double] = []) -> SolverOptions {
        SolverOptions(relativeTolerance: 1e6, absoluteTolerance: 1e6, initialStep: h, maxStep: h, saveAt: saveAt)
    }

    /// Observed order log₂(e(h)/e(h/2)) for Rodas5P at h = 2/20 … 2/160: within ±0.2 of 5.
    @Test func rodas5pConvergesWithOrderFive() {
        var errors: [Double] = []
        for steps in [20, 40, 80, 160] {
            let h = 2.0 / Double(steps)
            let solution = solve(Self.protheroRobinson, method: .rodas5p, options: Self.fixedStepOptions(h))
            #expect(solution.returnCode == .success)
            #expect(solution.statistics.accepted == steps && solution.statistics.rejected == 0)
            errors.append(abs(solution.finalState[0] - (sin(2.0) + 2)))
        }
        for i in 1..<errors.count {
            let order = log2(errors[i - 1] / errors[i])
            #expect(abs(order - 5) <= 0.2, "observed order \(order) between \(errors[i - 1]) and \(errors[i])")
        }
    }

    /// Dense output at the midpoints of the steps: the continuous extension has order 4, so the
    /// interpolation error at interior points falls by at least 2^3.8 per halving of h.
    @Test func rodas5pDenseOutputConvergesWithOrderFour() {
        var errors: [Double] = []
        for steps in [20, 40, 80] {
            let h = 2.0 / Double(steps)
            let midpoints = (0..<steps).map { (Double($0) + 0.5) * h }
            let solution = solve(Self.protheroRobinson, method: .rodas5p,
                                 options: Self.fixedStepOptions(h, saveAt: midpoints))
            #expect(solution.times.count == steps)
            errors.append(zip(solution.times, solution.states).map { abs($1[0] - (sin($0) + 2)) }.max()!)
        }
        for i in 1..<errors.count {
            let order = log2(errors[i - 1] / errors[i])
            #expect(order >= 3.8, "observed dense-output order \(order)")
        }
    }

    /// y' = −50(y − g(t)) + g'(t) with g = cos(t) + 1/(1 + t) and y(0) = g(0): the solution is y = g.
    /// A smooth, mildly stiff scalar test for the variable-step BDF.
    static let smooth = ODEProblem(
        rhs: { t, y, f in
            let g = cos(t) + 1 / (1 + t), dg = -sin(t) - 1 / ((1 + t) * (1 + t))
            f[0] = -50 * (y[0] - g) + dg
        },
        jacobian: { _, _, J in J[0, 0] = -50 },
        initialState: [2], timeSpan: 0...10)
    static func smoothExact(_ t: Double) -> Double { cos(t) + 1 / (1 + t) }

    /// With the error per step held at the tolerance, a method of order k needs N ∝ tol^(−1/(k+1)) steps,
    /// so k + 1 ≈ log(tol₁/tol₂) / log(N₂/N₁). Checked for the variants limited to orders 1…k (bdf1…bdf5,
    /// which run at their top order after the start-up) over three decades of tolerance, within ±0.4
    /// (the start-up steps at lower orders and the step-change threshold blur the count).
    @Test(arguments: 1...5)
    func bdfStepCountScalesWithOrder(maximumOrder: Int) {
        let method = Method.bdf(maximumOrder: maximumOrder)
        let (loose, tight) = (1e-4, 1e-7)
        func steps(_ tol: Double) -> Double {
            let solution = solve(Self.smooth, method: method,
                                 options: SolverOptions(relativeTolerance: tol, absoluteTolerance: tol))
            #expect(solution.returnCode == .success)
            return Double(solution.statistics.accepted)
        }
        let estimated = log(loose / tight) / log(steps(tight) / steps(loose)) - 1
        #expect(abs(estimated - Double(maximumOrder)) <= 0.4, "estimated order \(estimated)")
    }

    /// The global error of the variable-order BDF falls as the tolerance is tightened and stays within
    /// 100 × tol of the closed form, at the end point and at dense-output times inside steps.
    @Test func bdfErrorFollowsTolerance() {
        let outputTimes = stride(from: 0.37, to: 10, by: 0.71).map { $0 }
        var previous = Double.infinity
        for tol in [1e-4, 1e-6, 1e-8] {
            let solution = solve(Self.smooth, method: .bdf,
                                 options: SolverOptions(relativeTolerance: tol, absoluteTolerance: tol,
                                                        saveAt: outputTimes + [10]))
            #expect(solution.returnCode == .success)
            let error = zip(solution.times, solution.states).map { abs($1[0] - Self.smoothExact($0)) }.max()!
            #expect(error <= 100 * tol, "tol \(tol): error \(error)")
            #expect(error < previous)
            previous = error
        }
    }
}
