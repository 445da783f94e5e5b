/// One row of a NONMEM-style data set for one individual: an observation, a dose, a reset, or an
/// "other" event that only changes data items.
///
/// Field names follow the NONMEM data items (NONMEM Users Guide VI, chapter V, "Event Records"):
/// `time` TIME, `event` EVID, `amount` AMT, `compartment` CMT (1-based), `rate` RATE, `interval` II,
/// `additionalDoses` ADDL, `steadyState` SS. `items` holds any other per-record data item by name: model
/// parameters (CL, V, KA…), covariates, and dose controls (F1, ALAG2, R1, D2, S2…).
public struct EventRecord: Sendable, Equatable {
    /// EVID. 0 observation, 1 dose, 2 other (no state change), 3 reset, 4 reset and dose.
    public enum Event: Int, Sendable, Equatable, CaseIterable {
        case observation = 0, dose = 1, other = 2, reset = 3, resetAndDose = 4

        public var isDose: Bool { self == .dose || self == .resetAndDose }
        public var isReset: Bool { self == .reset || self == .resetAndDose }
    }

    /// SS. 0 transient dose; 1 reset to steady state; 2 steady state added to the current state.
    public enum SteadyState: Int, Sendable, Equatable, CaseIterable {
        case none = 0, reset = 1, add = 2
    }

    /// RATE = −1: the rate is the model's Rn; RATE = −2: the duration is the model's Dn (NONMEM V.E).
    public static let modeledRate = -1.0
    public static let modeledDuration = -2.0

    public var time: Double
    public var event: Event
    public var amount: Double
    public var compartment: Int
    /// 0 bolus; > 0 zero-order infusion at this rate (amount per time unit); −1 or −2 modeled.
    public var rate: Double
    public var interval: Double
    public var additionalDoses: Int
    public var steadyState: SteadyState
    /// Per-record data items by name, e.g. ["CL": 4.2, "F1": 0.8]. Values govern the interval that ends at
    /// this record's time (NONMEM's rule; see `DosingEngine`).
    public var items: [String: Double]

    public init(
        time: Double, event: Event = .observation, amount: Double = 0, compartment: Int = 1,
        rate: Double = 0, interval: Double = 0, additionalDoses: Int = 0, steadyState: SteadyState = .none,
        items: [String: Double] = [:]
    ) {
        self.time = time
        self.event = event
        self.amount = amount
        self.compartment = compartment
        self.rate = rate
        self.interval = interval
        self.additionalDoses = additionalDoses
        self.steadyState = steadyState
        self.items = items
    }

    /// The doses of this record that fall at or before `end` (hours): 1, plus the ADDL doses TIME + k·II ≤ end.
    /// Counted in floating point, so no conversion can overflow. (A method, so that `records[i].doseCount(…)`
    /// reads the record in place instead of passing a copy.)
    public func doseCount(until end: Double) -> Double {
        guard event.isDose else { return 0 }
        guard additionalDoses > 0, interval > 0 else { return 1 }
        return 1 + min(Double(additionalDoses), max(0, ((end - time) / interval).rounded(.down)))
    }

    /// An observation record (EVID 0).
    public static func observation(at time: Double, items: [String: Double] = [:]) -> EventRecord {
        EventRecord(time: time, event: .observation, items: items)
    }

    /// A dose record (EVID 1): bolus when `rate` is 0, infusion when > 0, modeled rate/duration at −1/−2.
    public static func dose(
        _ amount: Double, at time: Double, compartment: Int = 1, rate: Double = 0, interval: Double = 0,
        additionalDoses: Int = 0, steadyState: SteadyState = .none, items: [String: Double] = [:]
    ) -> EventRecord {
        EventRecord(time: time, event: .dose, amount: amount, compartment: compartment, rate: rate,
                    interval: interval, additionalDoses: additionalDoses, steadyState: steadyState, items: items)
    }
}
