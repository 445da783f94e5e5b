import Dosing
import Testing
@testable import Scenario

/// Dose times from each schedule form, against times computed by hand (hours; time 0 is a Monday).
struct RegimenExpansionTests {
    func regimen(_ schedule: Regimen.Schedule, start: Double = 0, stop: Double? = nil) -> Regimen {
        Regimen(drug: "anastrozole", dose: Quantity(1, QuantityUnit.all[0]), route: "oral", schedule: schedule,
                start: start, stop: stop, infusionDuration: nil)
    }

    /// Twice weekly = every 3.5 d = 84 h: in four weeks (672 h), doses at 0, 84, …, 588 — eight doses.
    @Test func twiceWeeklyIsEvery84Hours() {
        let times = regimen(.every(hours: 168.0 / 2)).doseTimes(until: 672)
        #expect(times == [0, 84, 168, 252, 336, 420, 504, 588])
    }

    /// Every other day for one week (stop exclusive): days 0, 2, 4, 6.
    @Test func everyOtherDayForOneWeek() {
        #expect(regimen(.every(hours: 48), stop: 168).doseTimes(until: 1000) == [0, 48, 96, 144])
    }

    /// Daily for 7 days from day 0: seven doses, the last on day 6; no dose at the stop time itself.
    @Test func dailyForSevenDaysIsSevenDoses() {
        let times = regimen(.every(hours: 24), stop: 168).doseTimes(until: 1000)
        #expect(times == (0..<7).map { Double($0) * 24 })
    }

    /// Monday and Thursday from Monday 00:00 for two weeks: Mon 0 h, Thu 72 h, Mon 168 h, Thu 240 h.
    @Test func mondayThursday() {
        #expect(regimen(.weekdays([.thursday, .monday])).doseTimes(until: 336) == [0, 72, 168, 240])
    }

    /// Starting on a Tuesday at 08:00 (day 1 + 8 h = 32 h), Monday/Thursday dosing takes the first Thursday
    /// (day 3, 08:00 = 80 h), then Monday day 7 (176 h), Thursday day 10 (248 h).
    @Test func weekdaysStartMidWeekKeepTimeOfDay() {
        #expect(regimen(.weekdays([.monday, .thursday]), start: 32).doseTimes(until: 300) == [80, 176, 248])
    }

    /// Monday/Wednesday/Friday for one week: days 0, 2, 4.
    @Test func threeTimesWeeklyOnNamedDays() {
        #expect(regimen(.weekdays([.monday, .wednesday, .friday]), stop: 168).doseTimes(until: 1000) == [0, 48, 96])
    }

    /// NONMEM ii/addl: first dose at 12 h, two more every 24 h: 12, 36, 60 (regardless of the simulation end).
    @Test func iiAddl() {
        let regimen = regimen(.additional(interval: 24, additional: 2), start: 12)
        #expect(regimen.doseTimes(until: 1000) == [12, 36, 60])
        #expect(regimen.records(amount: 1, compartment: 1, until: 1000)
                == [.dose(1, at: 12, compartment: 1, interval: 24, additionalDoses: 2)])
    }

    /// A single dose at its start.
    @Test func once() {
        #expect(regimen(.once, start: 5).doseTimes(until: 10) == [5])
    }

    /// An open regimen stops at the end of the simulation, exclusive: daily until 72 h is 0, 24, 48.
    @Test func openRegimenEndsWithSimulation() {
        #expect(regimen(.every(hours: 24)).doseTimes(until: 72) == [0, 24, 48])
    }

    /// 0.3 / 0.1 = 2.9999999999999996 in binary floating point; the count must still be 3 (0, 0.1, 0.2), and a
    /// dose that would land on the stop time only through rounding must not be given.
    @Test func countIsRobustToRounding() {
        #expect(Regimen.spanning(from: 0, to: 0.3, every: 0.1)?.2 == 2)
        #expect(Regimen.spanning(from: 0, to: 24, every: 24.0 / 7)?.2 == 6)
    }
}

/// YAML → regimen → NONMEM records → the dosing engine: in a compartment that (practically) does not
/// eliminate, the amount counts the doses given so far, so it steps exactly at the hand-computed dose times.
struct RegimenThroughDosingEngineTests {
    func amounts(_ yaml: String, at times: [Double]) throws -> [Double] {
        let scenario = try ScenarioLoader(catalog: .fixture).parse(yaml, file: "roundtrip.yaml")
        let records = scenario.regimens.flatMap {
            $0.records(amount: $0.dose.baseValue, compartment: 1, until: scenario.simulation.duration)
        }.sorted { $0.time < $1.time }
        let engine = DosingEngine(model: PKLibrary.oneCompartment)
        let result = try engine.simulate(records: records, parameters: ["CL": 1e-12, "V": 1], outputTimes: times)
        return result.outputStates.map { $0[0] }
    }

    func yaml(_ schedule: String) -> String {
        """
        patient: {profile: obese}
        regimens:
          - drug: anastrozole
            dose: 1 mg
        \(schedule)
        simulation: {duration: 3 weeks}
        """
    }

    /// Twice weekly: doses at 0, 84, 168, … h; halfway between doses k and k+1 the amount is k+1 mg.
    @Test func twiceWeekly() throws {
        let times = (0..<6).map { Double($0) * 84 + 42 }
        let amounts = try amounts(yaml("    times_per_week: 2"), at: times)
        for (k, amount) in amounts.enumerated() { #expect(abs(amount - Double(k + 1)) < 1e-6) }
    }

    /// Monday/Thursday from Tuesday 08:00 (32 h): doses at 80 h (Thu), 176 h (Mon), 248 h (Thu), 344 h (Mon),
    /// 416 h (Thu); the next Monday (512 h) is after the 3-week simulation (504 h). The amount just before
    /// each dose is the count of earlier doses, just after it one more.
    @Test func mondayThursdayFromTuesday() throws {
        let doses: [Double] = [80, 176, 248, 344, 416]
        let before = try amounts(yaml("    on: [monday, thursday]\n    start: 32 h"), at: doses.map { $0 - 1e-3 })
        let after = try amounts(yaml("    on: [monday, thursday]\n    start: 32 h"), at: doses.map { $0 + 1e-3 })
        for k in doses.indices {
            #expect(abs(before[k] - Double(k)) < 1e-6)
            #expect(abs(after[k] - Double(k + 1)) < 1e-6)
        }
        #expect(abs(try amounts(yaml("    on: [monday, thursday]\n    start: 32 h"), at: [504])[0] - 5) < 1e-6)
    }

    /// 0.5 mg every other day for 10 days: doses on days 0, 2, 4, 6, 8 — 2.5 mg in all by day 20.
    @Test func everyOtherDayWithDuration() throws {
        let text = yaml("    every: 2 d\n    duration: 10 d").replacingOccurrences(of: "1 mg", with: "0.5 mg")
        let amounts = try amounts(text, at: [1 * 24, 9 * 24, 20 * 24])
        #expect(abs(amounts[0] - 0.5) < 1e-6 && abs(amounts[1] - 2.5) < 1e-6 && abs(amounts[2] - 2.5) < 1e-6)
    }
}

/// `infusion_duration` turns each dose into a zero-order infusion, RATE = AMT / duration (NONMEM).
struct InfusionRegimenTests {
    /// 1 mg over 2 h every 24 h: RATE 0.5 mg/h on the one record; through the engine, a compartment that
    /// does not eliminate holds 0.5 mg after 1 h, 1 mg after 2 h, and 1.5 mg 1 h into the second infusion.
    @Test func rateIsAmountOverDuration() throws {
        let scenario = try ScenarioLoader(catalog: .fixture).parse("""
            patient: {profile: obese}
            regimens:
              - {drug: anastrozole, dose: 1 mg, every: 24 h, infusion_duration: 2 h}
            simulation: {duration: 2 d}
            """, file: "infusion.yaml")
        let records = scenario.regimens[0].records(amount: 1, compartment: 1, until: scenario.simulation.duration)
        #expect(records == [.dose(1, at: 0, compartment: 1, rate: 0.5, interval: 24, additionalDoses: 1)])
        let result = try DosingEngine(model: PKLibrary.oneCompartment)
            .simulate(records: records, parameters: ["CL": 1e-12, "V": 1], outputTimes: [1, 2, 12, 25])
        let amounts = result.outputStates.map { $0[0] }
        for (amount, expected) in zip(amounts, [0.5, 1, 1, 1.5]) { #expect(abs(amount - expected) < 1e-6) }
    }
}
