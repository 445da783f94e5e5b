import Dosing

/// A dosing regimen as a scenario states it, and its expansion into NONMEM-style dose series.
///
/// Conventions (documented in scenarios/README.md):
/// - Time 0 is the first day of the simulation, a Monday, at the time of day the patient's baseline is drawn.
/// - `every: τ` gives doses at start + k·τ for k = 0, 1, … while the time is before `stop` (a dose exactly at
///   `stop` is not given: `start: 0 d, duration: 7 d, every: 1 d` is seven doses, days 0–6).
/// - `times_per_week: n` is `every: 7/n d`, evenly spaced: "twice weekly" is every 3.5 d (84 h), so the doses
///   alternate between the same time of day and twelve hours later, as a 1-compartment drug with a 45-h
///   half-life cannot tell apart from Monday/Thursday dosing in its average level. Use `on: [monday, thursday]`
///   for fixed weekdays.
/// - `on: [weekdays]` gives one dose on each named weekday, at the time of day of `start`, from `start` on.
/// - `ii` + `addl` (NONMEM): a dose at `start` and `addl` more doses every `ii`; no `stop` or `duration`.
/// Each dose time is computed as t₀ + k·τ, never by accumulation, so long regimens do not drift.
public struct Regimen: Sendable, Equatable {
    public enum Schedule: Sendable, Equatable {
        /// A single dose at `start`.
        case once
        /// Every `hours` from `start` until `stop`.
        case every(hours: Double)
        /// On the named weekdays from `start` until `stop`.
        case weekdays([Weekday])
        /// NONMEM `II`/`ADDL`: a dose at `start` and `additional` more every `interval` hours.
        case additional(interval: Double, additional: Int)
    }

    public var drug: String
    public var dose: Quantity
    public var route: String
    public var schedule: Schedule
    /// Hours from time 0.
    public var start: Double
    /// Hours from time 0; no dose is given at or after it. Nil: until the end of the simulation.
    public var stop: Double?
    /// Hours over which each dose is infused at a constant rate (NONMEM `RATE = AMT / duration`); nil: bolus.
    public var infusionDuration: Double?
    /// The regimen's `name`, by which monitoring rules may name it; nil: it is named by its drug.
    public var name: String? = nil

    /// How rules and decision logs name the regimen: its `name`, else its drug.
    public var label: String { name ?? drug }

    /// The regimen in a few words, e.g. `anastrozole 0.5 mg oral every 3.5 d until day 182.6`.
    public var summary: String {
        let amount = "\(drug) \(formatNumber(dose.value)) \(dose.unit.symbol) \(route)"
        let pattern = switch schedule {
        case .once: "once on day \(formatNumber(start / 24))"
        case let .every(hours): "every \(formatNumber(hours / 24, significantDigits: 4)) d"
        case let .weekdays(days): "on " + days.map(\.name).joined(separator: ", ")
        case let .additional(interval, additional): "\(additional + 1) doses every \(formatNumber(interval / 24, significantDigits: 4)) d"
        }
        let from = start > 0 && schedule != .once ? " from day \(formatNumber(start / 24, significantDigits: 5))" : ""
        return "\(amount) \(pattern)\(from)" + (stop.map { " until day \(formatNumber($0 / 24, significantDigits: 5))" } ?? "")
    }

    public init(drug: String, dose: Quantity, route: String, schedule: Schedule, start: Double, stop: Double?,
                infusionDuration: Double? = nil, name: String? = nil) {
        self.name = name
        self.drug = drug
        self.dose = dose
        self.route = route
        self.schedule = schedule
        self.start = start
        self.stop = stop
        self.infusionDuration = infusionDuration
    }

    /// The NONMEM dose records (EVID 1) this regimen gives when the simulation ends at `end` hours: one
    /// record with II/ADDL per weekday, or one in all, in time order. `amount` is the dose in the drug's dosing
    /// unit and `compartment` the (1-based) compartment the route doses into; an infusion gets
    /// RATE = AMT / duration.
    public func records(amount: Double, compartment: Int, until end: Double) -> [EventRecord] {
        let rate = infusionDuration.map { amount / $0 } ?? 0
        return timePattern(until: end).sorted { $0.0 < $1.0 }.map { first, interval, additional in
            .dose(amount, at: first, compartment: compartment, rate: rate, interval: interval,
                  additionalDoses: additional)
        }
    }

    /// How many doses the regimen gives before `end`, counted without listing them (in floating point, so
    /// no conversion can overflow on a mistyped interval).
    public func doseCount(until end: Double) -> Double {
        let stop = min(self.stop ?? end, end)
        switch schedule {
        case .once: return start < end ? 1 : 0
        case let .every(hours): return start < stop ? max(1, ((stop - start) / hours).rounded(.up)) : 0
        case let .weekdays(days): return Double(days.count) * max(1, ((stop - start) / Weekday.hoursPerWeek).rounded(.up))
        case let .additional(_, additional): return Double(additional + 1)
        }
    }

    /// Every dose time in hours, ascending (the ADDL doses written out: TIME + k·II, k = 0…ADDL).
    public func doseTimes(until end: Double) -> [Double] {
        timePattern(until: end).flatMap { first, interval, additional in
            (0...additional).map { first + Double($0) * interval }
        }.sorted()
    }

    /// (first dose time, interval, additional doses) of each record.
    func timePattern(until end: Double) -> [(Double, Double, Int)] {
        let stop = min(self.stop ?? end, end)
        switch schedule {
        case .once:
            return start < end ? [(start, 0, 0)] : []
        case let .every(hours):
            return Self.spanning(from: start, to: stop, every: hours).map { [$0] } ?? []
        case let .weekdays(days):
            return days.sorted().compactMap { day in
                Self.spanning(from: day.firstOccurrence(atOrAfter: start), to: stop, every: Weekday.hoursPerWeek)
            }
        case let .additional(interval, additional):
            return [(start, interval, additional)]
        }
    }

    /// The times first + k·interval before `stop`, as (first, interval, additional); nil when there are none.
    static func spanning(from first: Double, to stop: Double, every interval: Double) -> (Double, Double, Int)? {
        guard first < stop else { return nil }
        // Doses k = 0 … n−1 with first + k·interval < stop, n = ⌈(stop − first)/interval⌉. The slack keeps a
        // dose that lands on `stop` only through rounding (0.3/0.1 = 2.9999999999999996) out, as documented.
        let count = Int(((stop - first) / interval * (1 - 1e-12) - 1e-9).rounded(.up))
        // A single dose has no interval: NONMEM wants II = 0 when ADDL = 0 ("II should be a positive number
        // if and only if the ADDL data item is a positive number", nmhelp "II").
        let additional = max(count, 1) - 1
        return (first, additional == 0 ? 0 : interval, additional)
    }
}

/// Days of the week; time 0 is a Monday.
public enum Weekday: Int, Sendable, CaseIterable, Comparable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    static let hoursPerWeek = 168.0

    public var name: String { String(describing: self) }

    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }

    /// The first time at or after `time` (hours) that falls on this weekday at the same time of day as `time`.
    func firstOccurrence(atOrAfter time: Double) -> Double {
        let day = (time / 24).rounded(.down)
        let weekdayOfTime = Int(day.truncatingRemainder(dividingBy: 7) + 7) % 7
        let daysAhead = (rawValue - weekdayOfTime + 7) % 7
        return time + Double(daysAhead) * 24
    }
}
