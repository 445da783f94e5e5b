import Foundation
import Testing
@testable import ODE
import ODEProblems

/// Adaptive integrations of the non-stiff reference problems against their published or closed-form values.
@Suite struct ExplicitReferenceSolutionTests {
    static let methods = explicitMethods

    static func error(_ problem: TestProblem, _ method: Method, tolerance: Double) -> Double {
        let solution = solve(problem.problem, method: method,
                             options: SolverOptions(relativeTolerance: tolerance, absoluteTolerance: tolerance))
        #expect(solution.returnCode == .success, "\(solution.message)")
        #expect(solution.finalTime == problem.problem.endTime)
        return zip(solution.finalState, problem.reference).map { abs($0 - $1) }.max() ?? .nan
    }

    /// After one period T the Arenstorf orbit is back at y(0). The orbit passes close to the Moon, where local
    /// errors are amplified (Hairer, Nørsett & Wanner I, II.0 and II.4 show global errors far above the
    /// tolerance), so at rtol = atol = 1e-10 we require 1e-5 in every component; and the error must keep
    /// falling as the tolerance does (at least 10× for tolerance 100× tighter: for order p the error scales
    /// like tol^(p/(p+1)), i.e. ≥ 40× for p ≥ 5).
    @Test(arguments: methods)
    func arenstorfOrbitClosesAfterOnePeriod(method: Method) {
        let atTenth = Self.error(.arenstorf, method, tolerance: 1e-10)
        let atTwelfth = Self.error(.arenstorf, method, tolerance: 1e-12)
        #expect(atTenth < 1e-5)
        #expect(atTwelfth < atTenth / 10)
    }

    /// Kepler e = 0.5 (DETEST D3) at t = 20 against the closed form from Kepler's equation: within 1e-7 at
    /// tolerance 1e-10 (a three-orbit integration through three pericentre passages).
    @Test(arguments: methods)
    func keplerMatchesClosedForm(method: Method) {
        #expect(Self.error(.kepler, method, tolerance: 1e-10) < 1e-7)
    }

    /// Lotka–Volterra x' = αx − βxy, y' = δxy − γy (α = 1.5, β = 1, γ = 3, δ = 1, x₀ = y₀ = 1) conserves
    /// V = δx − γ ln x + βy − α ln y (dV/dt = 0 along solutions). Over [0, 50], about fifteen cycles, at
    /// tolerance 1e-10 V drifts by less than 1e-8 of its value.
    @Test(arguments: methods)
    func lotkaVolterraConservesItsFirstIntegral(method: Method) {
        let (alpha, beta, gamma, delta) = (1.5, 1.0, 3.0, 1.0)
        let problem = ODEProblem(initialState: [1, 1], timeSpan: 0...50) { _, u in
            [alpha * u[0] - beta * u[0] * u[1], delta * u[0] * u[1] - gamma * u[1]]
        }
        func invariant(_ u: [Double]) -> Double { delta * u[0] - gamma * log(u[0]) + beta * u[1] - alpha * log(u[1]) }
        var options = SolverOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-12)
        options.saveAt = stride(from: 0.0, through: 50, by: 0.5).map { $0 }
        let solution = solve(problem, method: method, options: options)
        #expect(solution.returnCode == .success)
        let v0 = invariant(problem.initialState)
        for state in solution.states { #expect(abs(invariant(state) - v0) < 1e-8 * abs(v0)) }
    }

    /// The closed form itself: it solves q'' = −q/|q|³ (checked by central differences of the closed form) and
    /// conserves energy H = |p|²/2 − 1/|q| = −1/2 (semi-major axis 1).
    @Test func keplerClosedFormSolvesTheEquation() {
        let f = TestProblem.kepler.problem.rhs
        for t in stride(from: 0.0, through: 20, by: 0.7) {
            let y = TestProblem.keplerSolution(at: t, eccentricity: 0.5)
            let d = 1e-5
            let plus = TestProblem.keplerSolution(at: t + d, eccentricity: 0.5)
            let minus = TestProblem.keplerSolution(at: t - d, eccentricity: 0.5)
            var dydt = [Double](repeating: 0, count: 4)
            y.withUnsafeBufferPointer { yb in dydt.withUnsafeMutableBufferPointer { f(t, yb, $0) } }
            for i in 0..<4 { #expect(abs((plus[i] - minus[i]) / (2 * d) - dydt[i]) < 1e-8) }
            let energy = (y[2] * y[2] + y[3] * y[3]) / 2 - 1 / (y[0] * y[0] + y[1] * y[1]).squareRoot()
            #expect(abs(energy + 0.5) < 1e-14)
        }
    }

    /// The analytic Jacobians of the non-stiff problems agree with central differences of f.
    @Test(arguments: TestProblem.nonStiff.map(\.name))
    func jacobianMatchesFiniteDifferences(name: String) throws {
        let problem = try #require(TestProblem.named(name)).problem
        let jacobian = try #require(problem.jacobian)
        let n = problem.dimension
        let y = problem.initialState.map { $0 + 0.1 }
        var j = Matrix(rows: n, columns: n)
        y.withUnsafeBufferPointer { jacobian(0, $0, &j) }
        for column in 0..<n {
            let d = 1e-6
            var plus = y, minus = y, fPlus = y, fMinus = y
            plus[column] += d
            minus[column] -= d
            plus.withUnsafeBufferPointer { p in fPlus.withUnsafeMutableBufferPointer { problem.rhs(0, p, $0) } }
            minus.withUnsafeBufferPointer { m in fMinus.withUnsafeMutableBufferPointer { problem.rhs(0, m, $0) } }
            for row in 0..<n {
                let difference = (fPlus[row] - fMinus[row]) / (2 * d)
                #expect(abs(difference - j[row, column]) <= 1e-6 * max(1, abs(difference)), "∂f\(row)/∂y\(column)")
            }
        }
    }
}
