import Foundation
import Testing
@testable import ODE

/// One-compartment IV bolus: A' = −k·A with doses at fixed times. By superposition the closed form is
/// A(t) = Σ_{t_d ≤ t} dose_d · e^(−k (t − t_d)), right-continuous at a dose time (the dose is in the value).
struct BolusRegimen {
    let eliminationRatePerHour = 0.1
    /// (time in h, amount in mg); two doses share t = 36 h.
    let doses: [(timeHours: Double, amountMilligrams: Double)] = [(0, 100), (12, 50), (24, 80), (36, 20), (36, 30)]

    var problem: ODEProblem {
        let k = eliminationRatePerHour
        return ODEProblem(initialState: [0], timeSpan: 0...60) { _, a in [-k * a[0]] }
    }

    var jumps: [Jump] {
        doses.map { dose in Jump(at: dose.timeHours) { $0[0] += dose.amountMilligrams } }
    }

    func amount(at t: Double) -> Double {
        doses.filter { $0.timeHours <= t }
            .reduce(0) { $0 + $1.amountMilligrams * exp(-eliminationRatePerHour * (t - $1.timeHours)) }
    }
}

func relativeError(_ value: Double, _ exact: Double) -> Double { abs(value - exact) / abs(exact) }

@Suite struct IntegratorTests {
    static let methods = explicitMethods
    static let tight = SolverOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-12)

    /// Doses as `Jump`s in `solve`: outputs before, at (post-dose) and between doses match superposition.
    @Test(arguments: methods)
    func bolusDosesAsJumpsMatchSuperposition(method: Method) {
        let regimen = BolusRegimen()
        var options = Self.tight
        options.saveAt = [0, 1, 6, 11.999, 12, 12.5, 24, 30, 36, 36.001, 48, 59.5, 60]
        let solution = solve(regimen.problem, method: method, options: options, jumps: regimen.jumps)
        #expect(solution.returnCode == .success)
        #expect(solution.times == options.saveAt)
        for (t, y) in zip(solution.times, solution.states) {
            #expect(relativeError(y[0], regimen.amount(at: t)) < 1e-8, "t = \(t)")
        }
        // At a dose time the saved value is after the dose: A(12⁺) = A(12⁻) + 50.
        let atTwelve = solution.states[solution.times.firstIndex(of: 12)!][0]
        #expect(abs(atTwelve - (regimen.amount(at: 11.999_999_999) + 50)) < 1e-6)
    }

    /// The same regimen stepped by hand: advance to each dose time (landed exactly), apply the dose, go on.
    /// The method restarts from the new state (an FSAL pair must not reuse the pre-dose last stage) with a
    /// step chosen afresh by the starting-step heuristic, which costs two evaluations of f per dosing time
    /// after the start: f at the new state and the heuristic's one (two doses at one time cost two).
    @Test(arguments: methods)
    func bolusDosesByHandMatchSuperposition(method: Method) throws {
        let regimen = BolusRegimen()
        let tableau = try #require((method.makeStepper(1) as? ExplicitRungeKutta)?.tableau)
        let integrator = Integrator(regimen.problem, method: method, options: Self.tight)
        for (index, dose) in regimen.doses.enumerated() {
            try integrator.advance(to: dose.timeHours)
            #expect(integrator.time == dose.timeHours)
            let given = regimen.doses.prefix(index)
            if !given.isEmpty {
                let exact = given.reduce(0) {
                    $0 + $1.amountMilligrams * exp(-regimen.eliminationRatePerHour * (dose.timeHours - $1.timeHours))
                }
                #expect(relativeError(integrator.currentState[0], exact) < 1e-8, "before dose \(index + 1)")
            }
            integrator.applyJump { $0[0] += dose.amountMilligrams }
        }
        try integrator.advance(to: 60)
        #expect(integrator.time == 60)
        #expect(relativeError(integrator.currentState[0], regimen.amount(at: 60)) < 1e-8)
        let restartsAfterFirstEvaluation = Set(regimen.doses.map(\.timeHours).filter { $0 > 0 }).count
        #expect(integrator.statistics.rhsEvaluations
                == expectedEvaluations(tableau, integrator.statistics, estimatedFirstStep: true,
                                       restarts: 2 * restartsAfterFirstEvaluation))
    }

    /// Stop times are landed on exactly (never stepped across), whatever the step-size controller wants.
    @Test(arguments: methods)
    func stopTimesAreLandedExactly(method: Method) {
        let stopTimes = [1.0 / 3, 2.5, Double.pi, 7.25]
        var options = SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-8)
        options.stopTimes = stopTimes
        let problem = ODEProblem(initialState: [1], timeSpan: 0...10) { t, y in [-0.1 * y[0] * cos(t)] }
        let solution = solve(problem, method: method, options: options)
        for stop in stopTimes { #expect(solution.times.contains(stop), "stop time \(stop)") }
        #expect(solution.times.last == 10)
        #expect(zip(solution.times, solution.times.dropFirst()).allSatisfy { $0 < $1 })
    }

    /// saveAt values come from dense output: at tolerance 1e-8 the outputs inside steps are as accurate as
    /// the steps' ends (y = e^(sin t) for y' = y cos t), and the integrator does not stop at output times.
    @Test(arguments: methods)
    func saveAtUsesDenseOutputWithoutExtraSteps(method: Method) {
        let problem = ODEProblem(initialState: [1], timeSpan: 0...10) { t, y in [y[0] * cos(t)] }
        let options = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10)
        let stepsAlone = solve(problem, method: method, options: options).statistics.accepted
        var dense = options
        dense.saveAt = stride(from: 0.0, through: 10, by: 0.01).map { $0 }
        let solution = solve(problem, method: method, options: dense)
        #expect(solution.times == dense.saveAt)
        #expect(solution.statistics.accepted == stepsAlone)
        #expect(solution.statistics.accepted < dense.saveAt.count / 4)
        for (t, y) in zip(solution.times, solution.states) { #expect(relativeError(y[0], exp(sin(t))) < 1e-6) }
    }
}

/// Two event times that are meant to coincide but differ in the last bits (0.6 + 0.3 = 0.8999999999999999
/// and 0.9, as a lagged dose and a dose record produce them) leave a gap shorter than any step can be.
/// The integrator must pass it, not fail with `stepSizeTooSmall`; by superposition
/// A(t) = e^(−k(t − 0.6 − 0.3))·d₁ + e^(−k(t − 0.9))·d₂ for A' = −k·A.
@Suite struct SubRoundoffGapTests {
    @Test(arguments: explicitMethods + [Method.rodas5p, .bdf, .auto])
    func eventTimesOneUlpApartArePassed(method: Method) {
        let lagged = 0.6 + 0.3, record = 0.9
        #expect(lagged < record)
        let k = 0.1
        let problem = ODEProblem(initialState: [0], timeSpan: 0...2) { _, a in [-k * a[0]] }
        var options = SolverOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-12)
        options.saveAt = [2]
        let jumps = [Jump(at: lagged) { $0[0] += 100 }, Jump(at: record) { $0[0] += 50 }]
        let solution = solve(problem, method: method, options: options, jumps: jumps)
        #expect(solution.returnCode == .success, "\(solution.message ?? "")")
        let exact = 100 * exp(-k * (2 - lagged)) + 50 * exp(-k * (2 - record))
        #expect(relativeError(solution.states.last?[0] ?? 0, exact) < 1e-8)
    }
}

/// `maxStep` bounds every step, including the last one before a stop time, which the integrator stretches
/// (by up to 1 %) to land on the stop time rather than leave a sliver: with steps of exactly 1 h from
/// t = 0 and a stop at 10.005 h, the step from 9 h must not be the 1.005-h stretch.
@Suite struct MaxStepTests {
    @Test(arguments: explicitMethods + [Method.rodas5p, .bdf, .auto])
    func noStepExceedsMaxStepBeforeAStopTime(method: Method) {
        let problem = ODEProblem(initialState: [1], timeSpan: 0...12) { _, _ in [0] }
        let options = SolverOptions(initialStep: 1, maxStep: 1, stopTimes: [10.005])
        let solution = solve(problem, method: method, options: options)
        #expect(solution.returnCode == .success)
        #expect(solution.times.contains(10.005))
        let steps = zip(solution.times, solution.times.dropFirst()).map { $1 - $0 }
        #expect(steps.allSatisfy { $0 <= 1 }, "largest step \(steps.max() ?? 0)")
    }
}
