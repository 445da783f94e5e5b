import Foundation
import Testing
@testable import Dosing
import ODE

/// Steady-state doses against the superposition of infinitely many doses (geometric series), 1e-9 relative.
@Suite struct SteadyStateTests {
    let cl = 2.0, v = 10.0, ka = 1.1
    var k: Double { cl / v }
    let times = stride(from: 0.0, through: 30, by: 0.5).map { $0 }

    func states(_ model: String, _ dose: EventRecord, _ parameters: [String: Double], state: Int) throws -> [Double] {
        let records = [dose] + times.filter { $0 >= dose.time }.map { EventRecord.observation(at: $0) }
        return try DosingEngine(model: tightModel(model)).simulate(records: records, parameters: parameters)
            .recordStates.dropFirst().map { $0[state] }
    }

    /// SS = 1 bolus every τ: A(t) = D·e^(−k t)/(1 − e^(−k τ)) just after the dose, the geometric series.
    @Test func bolusGeometricSeries() throws {
        let a = try states("pk1cmt", .dose(100, at: 0, interval: 12, steadyState: .reset), ["CL": cl, "V": v], state: 0)
        for (i, t) in times.enumerated() {
            let expected = 100 * exp(-k * t) / (1 - exp(-k * 12))
            #expect(relativeError(a[i], expected) < 1e-9, "t = \(t)")
        }
    }

    /// Two compartments: the steady state is a sum of geometric series, one per exponential.
    @Test func twoCompartmentBolusSteadyState() throws {
        let p = ["CL": 3.0, "V2": 20, "Q": 5, "V3": 40, "KA": 1]
        let a = try states("pk2cmt-depot", .dose(500, at: 0, compartment: 2, interval: 12, steadyState: .reset), p, state: 1)
        for (i, t) in times.enumerated() {
            let expected = ClosedForm.superposition(interval: 12, at: t) {
                ClosedForm.twoCompartmentBolus(500, k10: 3.0 / 20, k12: 5.0 / 20, k21: 5.0 / 40, $0)
            }
            #expect(relativeError(a[i], expected) < 1e-9, "t = \(t)")
        }
    }

    /// Infusion of 20 h every 12 h: two infusions overlap for 8 h of each cycle.
    @Test func infusionLongerThanTheInterval() throws {
        let a = try states("pk1cmt", .dose(100, at: 0, rate: 5, interval: 12, steadyState: .reset), ["CL": cl, "V": v], state: 0)
        for (i, t) in times.enumerated() {
            let expected = ClosedForm.superposition(interval: 12, at: t) { ClosedForm.infusion(rate: 5, duration: 20, k: k, $0) }
            #expect(relativeError(a[i], expected) < 1e-9, "t = \(t)")
        }
    }

    /// Lagged SS oral doses: implied doses at t + ALAG − kτ; with ALAG > τ one implied dose is still to come.
    @Test(arguments: [2.0, 15.0]) func laggedOralDoses(lag: Double) throws {
        let a = try states("pk1cmt-depot", .dose(100, at: 0, compartment: 1, interval: 12, steadyState: .reset),
                           ["CL": cl, "V": v, "KA": ka, "ALAG1": lag, "F1": 0.7], state: 1)
        for (i, t) in times.enumerated() {
            let expected = ClosedForm.superposition(interval: 12, at: t - lag) { 0.7 * ClosedForm.oral(100, ka: ka, k: k, $0) }
            #expect(abs(a[i] - expected) <= 1e-9 * expected, "t = \(t)")
        }
    }

    /// Lagged SS infusions, shorter and longer than the interval: the implied infusions started before
    /// the record keep running after it for exactly the rest of their duration.
    @Test(arguments: [(3.0, 5.0), (3.0, 20.0), (14.0, 20.0)])
    func laggedInfusions(lag: Double, duration: Double) throws {
        let rate = 100 / duration
        let a = try states("pk1cmt", .dose(100, at: 0, rate: rate, interval: 12, steadyState: .reset),
                           ["CL": cl, "V": v, "ALAG1": lag], state: 0)
        for (i, t) in times.enumerated() {
            let expected = ClosedForm.superposition(interval: 12, at: t - lag) {
                ClosedForm.infusion(rate: rate, duration: duration, k: k, $0)
            }
            #expect(abs(a[i] - expected) <= 1e-9 * expected, "t = \(t)")
        }
    }

    /// SS = 1 cancels the pending additional doses of earlier records ("pending additional doses are
    /// cancelled", nmhelp "SS DATA ITEM") and its own ADDL doses continue the pattern.
    @Test func steadyStateResetCancelsPendingDosesAndContinuesWithItsOwn() throws {
        let records: [EventRecord] = [.dose(50, at: 0, interval: 6, additionalDoses: 5),
                                      .dose(100, at: 10, interval: 12, additionalDoses: 1, steadyState: .reset)]
            + times.filter { $0 > 10 }.map { .observation(at: $0) }
        let a = try DosingEngine(model: tightModel("pk1cmt")).simulate(records: records, parameters: ["CL": cl, "V": v])
        for (i, t) in times.filter({ $0 > 10 }).enumerated() {
            // Doses at 22, 10, −2, −14, …: the series shifted to the last of them.
            let expected = ClosedForm.superposition(interval: 12, at: t - 22) { ClosedForm.bolus(100, k: k, $0) }
            #expect(relativeError(a.recordStates[i + 2][0], expected) < 1e-9, "t = \(t)")
        }
    }

    /// SS = 2 adds the steady state to what is already there (superposition).
    @Test func steadyStateAddedToTheCurrentState() throws {
        let records: [EventRecord] = [.dose(50, at: 0), .dose(100, at: 6, interval: 12, steadyState: .add)]
            + times.filter { $0 > 6 }.map { .observation(at: $0) }
        let a = try DosingEngine(model: tightModel("pk1cmt")).simulate(records: records, parameters: ["CL": cl, "V": v])
        for (i, t) in times.filter({ $0 > 6 }).enumerated() {
            let expected = 50 * exp(-k * t) + 100 * exp(-k * (t - 6)) / (1 - exp(-k * 12))
            #expect(relativeError(a.recordStates[i + 2][0], expected) < 1e-9, "t = \(t)")
        }
    }

    /// SS = 2 during a running infusion: the infusion continues and the SS amounts add to it.
    @Test func steadyStateAddedDuringAnInfusion() throws {
        let records: [EventRecord] = [.dose(60, at: 0, rate: 10), .dose(100, at: 2, interval: 12, steadyState: .add)]
            + times.filter { $0 > 2 }.map { .observation(at: $0) }
        let a = try DosingEngine(model: tightModel("pk1cmt")).simulate(records: records, parameters: ["CL": cl, "V": v])
        for (i, t) in times.filter({ $0 > 2 }).enumerated() {
            let expected = ClosedForm.infusion(rate: 10, duration: 6, k: k, t)
                + ClosedForm.superposition(interval: 12, at: t - 2) { ClosedForm.bolus(100, k: k, $0) }
            #expect(relativeError(a.recordStates[i + 2][0], expected) < 1e-9, "t = \(t)")
        }
    }

    /// SS with a modeled duration longer than II and F: rate F·AMT/D2 for D2 = 15 h every 12 h.
    @Test func steadyStateModeledDurationWithBioavailability() throws {
        let a = try states("pk1cmt", .dose(100, at: 0, rate: -2, interval: 12, steadyState: .reset),
                           ["CL": cl, "V": v, "D1": 15, "F1": 0.8], state: 0)
        for (i, t) in times.enumerated() {
            let expected = ClosedForm.superposition(interval: 12, at: t) {
                ClosedForm.infusion(rate: 80.0 / 15, duration: 15, k: k, $0)
            }
            #expect(relativeError(a[i], expected) < 1e-9, "t = \(t)")
        }
    }

    /// SS constant infusion (AMT = 0, RATE > 0, II = 0): A = R/k at the record, F does not apply, and the
    /// infusion "terminates at the event time of the SS dose record" (nmhelp "SS DOSE EVENT RECORD"), so
    /// after it A(t) = (R/k)·e^(−k·t).
    @Test func constantInfusion() throws {
        let a = try states("pk1cmt", EventRecord(time: 0, event: .dose, amount: 0, rate: 7, steadyState: .reset),
                           ["CL": cl, "V": v, "F1": 0.5], state: 0)
        for (i, t) in times.enumerated() { #expect(relativeError(a[i], 7 / k * exp(-k * t)) < 1e-9, "t = \(t)") }
    }

    /// The same record with RATE = −1 takes the rate from R1 (the help's table allows "0,>0,-1"); a data set
    /// with it is valid and gives the same closed form.
    @Test func constantInfusionWithModeledRate() throws {
        let record = EventRecord(time: 0, event: .dose, amount: 0, rate: EventRecord.modeledRate, steadyState: .reset)
        let engine = DosingEngine(model: tightModel("pk1cmt"))
        #expect(engine.validate(records: [record], parameters: ["CL": cl, "V": v, "R1": 7]).isEmpty)
        let a = try states("pk1cmt", record, ["CL": cl, "V": v, "R1": 7], state: 0)
        for (i, t) in times.enumerated() { #expect(relativeError(a[i], 7 / k * exp(-k * t)) < 1e-9, "t = \(t)") }
    }

    /// Endogenous steady state (AMT = 0, RATE = 0, II = 0, SS = 1): the model's own equilibrium, here
    /// turnover dR/dt = kin − kout·R with R = kin/kout.
    @Test func endogenousSteadyState() throws {
        var model = DosingModel(
            name: "turnover", stateNames: ["R"], compartmentStates: [0],
            parameters: [("KIN", 3.0), ("KOUT", 0.05)],
            rhs: { _, y, p, dydt in dydt[0] = p[0] - p[1] * y[0] })
        model.solverOptions = SolverOptions(relativeTolerance: 1e-13, absoluteTolerance: 1e-14)
        let records: [EventRecord] = [EventRecord(time: 0, event: .dose, amount: 0, steadyState: .reset), .observation(at: 10)]
        let result = try DosingEngine(model: model).simulate(records: records)
        #expect(relativeError(result.recordStates[0][0], 60) < 1e-9)
        #expect(relativeError(result.recordStates[1][0], 60) < 1e-9)
    }

    /// The non-convergence error reports the cycles actually run: at least two (convergence is judged on the
    /// contraction between cycles), even when `steadyStateMaxCycles` asks for one. After two cycles the bolus
    /// series still changes by e^(−2·k·τ) ≈ 8e-3 relative, far above the tolerance 1e-13.
    @Test func nonConvergenceReportsTheCyclesRun() {
        var model = tightModel("pk1cmt")
        model.steadyStateMaxCycles = 1
        let records: [EventRecord] = [.dose(100, at: 0, interval: 12, steadyState: .reset)]
        do {
            _ = try DosingEngine(model: model).simulate(records: records, parameters: ["CL": cl, "V": v])
            Issue.record("steady state reported reached after two cycles")
        } catch {
            guard case .steadyStateNotReached(_, _, let cycles, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(cycles == 2)
        }
    }

    /// A nonlinear model (Michaelis–Menten elimination): the steady state is periodic, so the state just
    /// after the next dose equals the state just after the steady-state dose.
    @Test func nonlinearSteadyStateIsPeriodic() throws {
        var model = DosingModel(
            name: "mm", stateNames: ["CENTRAL"], compartmentStates: [0],
            parameters: [("VMAX", 8.0), ("KM", 5.0)],
            rhs: { _, y, p, dydt in dydt[0] = -p[0] * y[0] / (p[1] + y[0]) })
        model.solverOptions = SolverOptions(relativeTolerance: 1e-12, absoluteTolerance: 1e-14)
        let records: [EventRecord] = [.dose(60, at: 0, interval: 12, additionalDoses: 1, steadyState: .reset),
                                      .observation(at: 12)]
        let result = try DosingEngine(model: model).simulate(records: records)
        #expect(relativeError(result.recordStates[1][0], result.recordStates[0][0]) < 1e-9)
        #expect(result.steadyStateCycles > 2)
    }
}
