import Foundation
import Testing
@testable import ODE

/// The exactly propagated linear block (`LinearBlock`, `ExactLinearFlow`) against closed forms: a depot
/// absorbed into a central compartment (the Bateman function), a slow state driven by it, an infusion input,
/// and the defective case ka = k.
///
/// y₀ = depot, y₁ = central (the block: y₀' = −ka·y₀, y₁' = ka·y₀ − k·y₁ + u), y₂' = c·y₁ − b·y₂ (outside it).
/// With y₀(0) = D, y₁(0) = y₂(0) = 0 and u = 0:
///
///     y₀ = D·e^{−ka t},   y₁ = D·ka/(ka − k)·(e^{−k t} − e^{−ka t}),
///     y₂ = c·D·ka/(ka − k)·[(e^{−k t} − e^{−b t})/(b − k) − (e^{−ka t} − e^{−b t})/(b − ka)].
@Suite struct LinearBlockTests {
    static let (ka, k, b, c, dose) = (3.0, 0.015, 0.2, 0.5, 1.0)

    /// (e^{−kt} − e^{−ka t} as expm1(−kt) − expm1(−ka t): no cancellation at small t.)
    static func closedForm(_ t: Double, ka: Double = ka) -> [Double] {
        let depot = dose * exp(-ka * t)
        let central = dose * ka / (ka - k) * (expm1(-k * t) - expm1(-ka * t))
        let driven = c * dose * ka / (ka - k)
            * ((exp(-k * t) - exp(-b * t)) / (b - k) - (exp(-ka * t) - exp(-b * t)) / (b - ka))
        return [depot, central, driven]
    }

    static func problem(ka: Double = ka, input: Double = 0, block: Bool = true, end: Double = 96) -> ODEProblem {
        let kMatrix = Matrix([[-ka, 0], [ka, -k]])
        return ODEProblem(
            rhs: { _, y, dydt in
                dydt[0] = -ka * y[0]
                dydt[1] = ka * y[0] - k * y[1] + input
                dydt[2] = c * y[1] - b * y[2]
            },
            linearBlock: block ? LinearBlock(indices: [0, 1]) { kMatrix } : nil,
            initialState: [dose, 0, 0], timeSpan: 0...end)
    }

    static func relativeError(_ y: [Double], _ reference: [Double]) -> Double {
        zip(y, reference).map { abs($0 - $1) / max(abs($1), 1e-300) }.max()!
    }

    /// Largest error in the block's components, relative to its amount scale (the dose): the flow is exact
    /// up to rounding in V⁻¹·y and V·z, which is absolute, O(ε·κ(V)·‖y_B‖).
    static func blockError(_ y: [Double], at t: Double, scale: Double = dose) -> Double {
        zip(y.prefix(2), closedForm(t).prefix(2)).map { abs($0 - $1) / scale }.max()!
    }

    /// The block is exact whatever the tolerance: at rtol 1e-3 the depot and central amounts match the
    /// Bateman function to 1e-13 of the dose at every step end, where without the block they carry the
    /// method's error (above 1e-6 relative).
    @Test(arguments: [Method.dp5, .tsit5, .vern7])
    func blockIsExactAtAnyTolerance(method: Method) {
        let options = SolverOptions(relativeTolerance: 1e-3, absoluteTolerance: 1e-12)
        let exact = solve(Self.problem(), method: method, options: options)
        #expect(exact.returnCode == .success)
        var worst = 0.0
        for (t, y) in zip(exact.times, exact.states) where t > 0 {
            worst = max(worst, Self.blockError(y, at: t))
        }
        #expect(worst < 1e-13)
        let quadrature = solve(Self.problem(block: false), method: method, options: options)
        let last = Self.relativeError(Array(quadrature.finalState.prefix(2)), Array(Self.closedForm(96).prefix(2)))
        #expect(last > 1e-6)
    }

    /// The state outside the block keeps the method's accuracy (it sees the exact forcing y₁(t)): within
    /// 1e-8 relative of the closed form at rtol = 1e-10, and its error falls as the tolerance does (at least
    /// 10× for a tolerance 100× tighter).
    @Test(arguments: [Method.dp5, .tsit5, .vern7])
    func drivenStateConverges(method: Method) {
        func error(_ tolerance: Double) -> Double {
            let s = solve(Self.problem(), method: method,
                          options: SolverOptions(relativeTolerance: tolerance, absoluteTolerance: tolerance * 1e-2))
            return abs(s.finalState[2] - Self.closedForm(96)[2]) / Self.closedForm(96)[2]
        }
        let loose = error(1e-8), tight = error(1e-10)
        #expect(tight < 1e-8)
        #expect(tight < loose / 10)
    }

    /// The block no longer bounds the explicit step by stability: ka = 3 /h caps dp5's step near
    /// 3.3/3 ≈ 1.1 h when the depot is integrated, so 96 h take over 80 steps; with the block, the slow
    /// modes (0.2 and 0.015 /h) set the step and far fewer are needed.
    @Test func blockRemovesTheStabilityLimit() {
        let options = SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-10)
        let with = solve(Self.problem(), method: .dp5, options: options).statistics.accepted
        let without = solve(Self.problem(block: false), method: .dp5, options: options).statistics.accepted
        #expect(without > 80)
        #expect(with * 2 < without)
    }

    /// A constant input (an infusion) u into the central compartment: y₁ = Bateman + (u/k)(1 − e^{−kt}),
    /// recovered by the flow from f as u = f₁ − K·y, exact to 1e-13 of the amount given (D + u·t).
    @Test func infusionInputIsExact() {
        let u = 0.25
        let s = solve(Self.problem(input: u), method: .vern7,
                      options: SolverOptions(relativeTolerance: 1e-4, absoluteTolerance: 1e-10))
        for (t, y) in zip(s.times, s.states) where t > 0 {
            let expected = Self.closedForm(t)[1] - u / Self.k * expm1(-Self.k * t)
            #expect(abs(y[1] - expected) / (Self.dose + u * t) < 1e-13)
        }
    }

    /// ka = k makes K defective (one eigenvector): the exact flow is refused, and the block is integrated as
    /// any other states, to the tolerance: y₁ = D·k·t·e^{−kt}, the Bateman function's limit.
    @Test func defectiveMatrixFallsBackToQuadrature() {
        let kMatrix = Matrix([[-Self.k, 0], [Self.k, -Self.k]])
        #expect(ExactLinearFlow.make(indices: [0, 1], kMatrix) == nil)
        let s = solve(Self.problem(ka: Self.k), method: .vern7,
                      options: SolverOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-14))
        let expected = Self.dose * Self.k * 96 * exp(-Self.k * 96)
        #expect(abs(s.finalState[1] - expected) / expected < 1e-8)
    }

    /// Doses are jumps (`Integrator.applyJump`) after which the flow starts again from the new amounts, and
    /// superposition holds: after doses at 0, 24 and 48 h the state at 72 h is the sum of three shifted closed
    /// forms, to 1e-8 relative at rtol 1e-10, for an explicit method and for `auto`.
    @Test(arguments: [Method.vern7, .auto])
    func dosesSuperpose(method: Method) throws {
        let integrator = Integrator(Self.problem(end: 72), method: method,
                                    options: SolverOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-14))
        for doseTime in [24.0, 48.0] {
            try integrator.advance(to: doseTime)
            integrator.applyJump { $0[0] += Self.dose }
        }
        try integrator.advance(to: 72)
        let expected = [72.0, 48, 24].map { Self.closedForm($0) }.reduce([0, 0, 0]) { zip($0, $1).map(+) }
        #expect(Self.relativeError(integrator.currentState, expected) < 1e-8)
    }

    /// A restart with the same K (a dose) reuses the decomposition; a changed K (new parameters) does not.
    @Test func decompositionIsReusedOnlyForTheSameMatrix() throws {
        let k = Matrix([[-Self.ka, 0], [Self.ka, -Self.k]])
        let flow = try #require(ExactLinearFlow.make(indices: [0, 1], k))
        #expect(flow.propagates(k))
        #expect(!flow.propagates(Matrix([[-Self.ka, 0], [Self.ka, -2 * Self.k]])))
    }

    /// Dense output inside a step gives the block's exact values too.
    @Test func denseOutputOfTheBlockIsExact() {
        let times = stride(from: 0.5, through: 95.5, by: 1.0).map { $0 }
        var options = SolverOptions(relativeTolerance: 1e-4, absoluteTolerance: 1e-12)
        options.saveAt = times
        let s = solve(Self.problem(), method: .vern7, options: options)
        for (t, y) in zip(s.times, s.states) {
            #expect(Self.blockError(y, at: t) < 1e-13)
        }
    }

    /// A problem that is all linear block (the depot and central compartments alone, as NONMEM's ADVAN2) is
    /// advanced in closed form: one step per stretch between stops, whatever the tolerance, with the state and
    /// the dense output at every hour equal to the Bateman function to 1e-13 of the dose.
    @Test(arguments: [Method.dp5, .vern7, .auto])
    func allBlockProblemTakesOneStepPerStop(method: Method) throws {
        let kMatrix = Matrix([[-Self.ka, 0], [Self.ka, -Self.k]])
        let problem = ODEProblem(
            rhs: { _, y, dydt in
                dydt[0] = -Self.ka * y[0]
                dydt[1] = Self.ka * y[0] - Self.k * y[1]
            },
            linearBlock: LinearBlock(indices: [0, 1]) { kMatrix }, initialState: [Self.dose, 0], timeSpan: 0...96)
        var options = SolverOptions(relativeTolerance: 1e-3, absoluteTolerance: 1e-12)
        options.saveAt = stride(from: 0.5, through: 95.5, by: 1.0).map { $0 }
        options.stopTimes = [24, 48, 72]
        let s = solve(problem, method: method, options: options)
        #expect(s.returnCode == .success)
        #expect(s.statistics.accepted == 4)
        #expect(s.statistics.rejected == 0)
        #expect(s.times.count == 96)
        for (t, y) in zip(s.times, s.states) {
            #expect(Self.blockError(y + [0], at: t) < 1e-13)
        }
    }
}
