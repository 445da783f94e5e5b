import Foundation
import Testing
@testable import ODE
import ODEProblems

/// Analytic versus finite-difference Jacobians, and the work counters of the Jacobian/LU policies.
struct StiffJacobianTests {
    /// The same problem without its analytic Jacobian (so the solvers use forward differences).
    static func withoutJacobian(_ problem: ODEProblem) -> ODEProblem {
        var copy = problem
        copy.jacobian = nil
        return copy
    }

    /// Forward differences with σⱼ ≈ √ε·|yⱼ| have error O(σ·|∂²f/∂y²|) + O(ε·|f terms|/σ), of order √ε ≈ 1.5e-8
    /// relative to the entries. Checked at 21 states along the solution (by Rodas5P at rtol 1e-6): every
    /// entry within 1e-4 of the largest entry of its row (rows mix entries of very different sizes, e.g.
    /// ROBER's 0.04 and 1e4·y₂). For ROBER the times start at t = 0.1: earlier, y₃ ≈ 1e-11 while
    /// ∂f₁/∂y₃ = 1e4·y₂ ≈ 4e-3 sits next to terms of size 0.04, and resolving it would need an increment
    /// σ₃ ≥ ε·0.04/(4e-3·1e-4) ≈ 2e-11 > y₃ — beyond any forward-difference increment scaled by y₃.
    @Test(arguments: TestProblem.stiff)
    func finiteDifferenceJacobianMatchesAnalytic(testProblem: TestProblem) throws {
        let problem = testProblem.problem
        let n = problem.dimension
        let analytic = try #require(problem.jacobian)
        var options = SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: testProblem.absoluteTolerance)
        let span = problem.endTime - problem.startTime
        options.saveAt = testProblem.name == "robertson"
            ? [0.1, 1, 10, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]
            : (0...20).map { problem.startTime + span * Double($0) / 20 }
        let trajectory = solve(problem, method: .rodas5p, options: options)
        #expect(trajectory.returnCode == .success)
        for (t, y) in zip(trajectory.times, trajectory.states) {
            let state = IntegrationState(problem: Self.withoutJacobian(problem), options: options)
            var f0 = [Double](repeating: 0, count: n)
            state.evaluate(t, y, into: &f0)
            let evaluator = JacobianEvaluator(dimension: n)
            y.withUnsafeBufferPointer { y in f0.withUnsafeBufferPointer { evaluator.evaluate(state, t: t, y: y, f0: $0) } }
            #expect(state.statistics.jacobianEvaluations == 1)
            #expect(state.statistics.rhsEvaluations == 1 + n)  // f0 and one f call per column
            var exact = Matrix(rows: n, columns: n)
            y.withUnsafeBufferPointer { analytic(t, $0, &exact) }
            for i in 0..<n {
                let rowScale = (0..<n).map { abs(exact[i, $0]) }.max()!
                for j in 0..<n {
                    let difference = abs(evaluator.matrix[i, j] - exact[i, j])
                    #expect(difference <= 1e-4 * rowScale,
                            "\(testProblem.name) at t = \(t): J[\(i), \(j)] = \(evaluator.matrix[i, j]) vs \(exact[i, j])")
                }
            }
        }
    }

    /// ∂f/∂t at the start time does not evaluate f before the start: for f(t, y) = t², defined only on the span
    /// [1, 2] (NaN before it), ∂f/∂t(1) = 2, and the one-sided difference with δ = ε^(1/3) ≈ 6e-6 has error
    /// δ·|f''|/2 ≈ 6e-6. Inside the span (t = 1.5) the central difference gives 2t = 3 to rounding level.
    @Test func timeDerivativeStaysInsideTheSpan() {
        let problem = ODEProblem(initialState: [0], timeSpan: 1...2) { t, _ in [t >= 1 ? t * t : .nan] }
        let options = SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-6)
        for (t, exact) in [(1.0, 2.0), (1.5, 3.0)] {
            let state = IntegrationState(problem: problem, options: options)
            var f0 = [0.0], dfdt = [0.0]
            state.evaluate(t, [0], into: &f0)
            let y = [0.0]
            y.withUnsafeBufferPointer { y in f0.withUnsafeBufferPointer { f0 in dfdt.withUnsafeMutableBufferPointer {
                JacobianEvaluator(dimension: 1).timeDerivative(state, t: t, y: y, f0: f0, h: 0.1, into: $0) } } }
            #expect(abs(dfdt[0] - exact) <= 1e-5 * exact, "∂f/∂t(\(t)) = \(dfdt[0]), exact \(exact)")
        }
    }

    /// Both stiff methods reach the same accuracy with finite differences as with the analytic Jacobian.
    @Test(arguments: [Method.rodas5p, .bdf], [TestProblem.hires, .oregonator])
    func solversWorkWithFiniteDifferenceJacobians(method: Method, testProblem: TestProblem) {
        let rtol = 1e-6
        let options = SolverOptions(relativeTolerance: rtol, absoluteTolerance: testProblem.absoluteTolerance)
        let solution = solve(Self.withoutJacobian(testProblem.problem), method: method, options: options)
        #expect(solution.returnCode == .success)
        for (i, reference) in testProblem.reference.enumerated() {
            #expect(abs(solution.finalState[i] - reference) <= 100 * (testProblem.absoluteTolerance + rtol * abs(reference)))
        }
    }

    /// Rodas5P's policy: one J (and one ∂f/∂t) per accepted step, one LU per attempt. Its f calls are
    /// then exactly: 7 stages per attempt (stage 1 reuses f(t₀, y₀)), f(t₀, y₀) once per accepted step,
    /// ∂f/∂t (1 call for an autonomous f, 2 for the central difference otherwise), one call for the initial
    /// step size, and n per Jacobian when differencing.
    @Test(arguments: [true, false])
    func rosenbrockCountsFollowItsPolicy(analytic: Bool) {
        for (testProblem, timeCalls) in [(TestProblem.hires, 1), (.pollution, 1)] {
            let problem = analytic ? testProblem.problem : Self.withoutJacobian(testProblem.problem)
            let solution = solve(problem, method: .rodas5p,
                                 options: SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: testProblem.absoluteTolerance))
            let s = solution.statistics
            #expect(solution.returnCode == .success)
            #expect(s.jacobianEvaluations == s.accepted)
            #expect(s.luFactorizations == s.steps)
            #expect(s.steps == s.accepted + s.rejected)
            let differenceCalls = analytic ? 0 : problem.dimension * s.jacobianEvaluations
            #expect(s.rhsEvaluations == 7 * s.steps + (1 + timeCalls) * s.accepted + 1 + differenceCalls)
        }
    }

    /// A BDF stepper built with a given policy.
    static func bdf(_ policy: NewtonMatrixPolicy) -> Method {
        Method(name: "bdf", isStiff: true) { BDF(dimension: $0, policy: policy) }
    }

    /// The decisions of the CVODE-like policy at its thresholds.
    @Test func newtonMatrixPolicyThresholds() {
        let policy = NewtonMatrixPolicy()
        #expect(policy.needsJacobian(hasJacobian: false, jacobianAge: 0))
        #expect(!policy.needsJacobian(hasJacobian: true, jacobianAge: 19))
        #expect(policy.needsJacobian(hasJacobian: true, jacobianAge: 20))
        #expect(policy.needsFactorization(factoredScale: 0, scale: 1))
        #expect(!policy.needsFactorization(factoredScale: 1, scale: 1.29))
        #expect(policy.needsFactorization(factoredScale: 1, scale: 1.31))
        #expect(!policy.needsFactorization(factoredScale: 1, scale: 0.71))
        #expect(policy.needsFactorization(factoredScale: 1, scale: 0.69))
        #expect(policy.correctionScale(factoredScale: 1, scale: 1) == 1)
        #expect(abs(policy.correctionScale(factoredScale: 1, scale: 1.2) - 2 / 2.2) < 1e-15)
    }

    /// On a linear problem the Newton iteration converges with any J it is given (J is exact), so J is
    /// only re-evaluated for its age: before accepted steps 1, 21, 41, … ⇒ ⌈accepted/20⌉ evaluations.
    /// With maximum age 1 it is re-evaluated before every accepted step. LU factorizations happen at
    /// every new J and every change of c = h/γ_k beyond 30 %, so they lie between the number of Jacobians
    /// and that number plus the attempts; with a 0 % threshold (refactor at any change) there are more.
    @Test func bdfJacobianAndFactorizationCountsFollowThePolicy() {
        // y' = A·y with A the coupling of HIRES's first four species (constant J, eigenvalues in
        // [−10.5, −0.48]), so Newton never fails for want of a fresh J.
        let linear = ODEProblem(
            rhs: { _, y, f in
                f[0] = -1.71 * y[0] + 0.43 * y[1] + 8.32 * y[2]
                f[1] = 1.71 * y[0] - 8.75 * y[1]
                f[2] = -10.03 * y[2] + 0.43 * y[3]
                f[3] = 8.32 * y[1] + 1.71 * y[2] - 1.12 * y[3]
            },
            jacobian: { _, _, J in
                J.zero()
                J[0, 0] = -1.71; J[0, 1] = 0.43; J[0, 2] = 8.32
                J[1, 0] = 1.71; J[1, 1] = -8.75
                J[2, 2] = -10.03; J[2, 3] = 0.43
                J[3, 1] = 8.32; J[3, 2] = 1.71; J[3, 3] = -1.12
            },
            initialState: [1, 0, 0, 1], timeSpan: 0...50)
        let options = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10)

        let standard = solve(linear, method: Self.bdf(NewtonMatrixPolicy()), options: options).statistics
        #expect(standard.newtonFailures == 0)
        #expect(standard.accepted > 100)
        #expect(standard.jacobianEvaluations == (standard.accepted + 19) / 20)
        #expect(standard.luFactorizations >= standard.jacobianEvaluations)
        #expect(standard.luFactorizations < standard.jacobianEvaluations + standard.steps)

        var everyStep = NewtonMatrixPolicy()
        everyStep.maximumJacobianAge = 1
        let fresh = solve(linear, method: Self.bdf(everyStep), options: options).statistics
        #expect(fresh.jacobianEvaluations == fresh.accepted)

        var alwaysRefactor = NewtonMatrixPolicy()
        alwaysRefactor.maximumScaleChange = 0
        let refactored = solve(linear, method: Self.bdf(alwaysRefactor), options: options).statistics
        #expect(refactored.luFactorizations > standard.luFactorizations)
    }

    /// With a wrong "analytic" Jacobian (J = 0, so M = I: a fixed-point iteration) on y' = −50(y − cos t) − sin t
    /// (solution y = cos t), Newton fails for h·50/γ_k ≳ 1; the stepper re-evaluates J after the first failure
    /// with a stale J (no help here) and then cuts h until the iteration contracts. The run still succeeds
    /// and stays accurate, with Newton failures and more Jacobians than the age rule alone gives.
    @Test func bdfRecoversFromNewtonFailures() {
        let problem = ODEProblem(
            rhs: { t, y, f in f[0] = -50 * (y[0] - cos(t)) - sin(t) },
            jacobian: { _, _, J in J.zero() },
            initialState: [1], timeSpan: 0...10)
        let solution = solve(problem, method: .bdf,
                             options: SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-8))
        #expect(solution.returnCode == .success)
        #expect(abs(solution.finalState[0] - cos(10.0)) <= 1e-4)
        let s = solution.statistics
        #expect(s.newtonFailures > 0)
        #expect(s.jacobianEvaluations > (s.accepted + 19) / 20)
    }
}
