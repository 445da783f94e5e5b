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
        #expect(regimen.series(until: 1000) == [DoseSeries(firstTime: 12, interval: 24, additional: 2)])
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
        #expect(DoseSeries.spanning(from: 0, to: 0.3, every: 0.1)?.additional == 2)
        #expect(DoseSeries.spanning(from: 0, to: 24, every: 24.0 / 7)?.additional == 6)
    }
}
