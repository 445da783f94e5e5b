/// Physiological bounds a simulated man should stay within, and the warnings a run gets when he does not.
///
/// A warning is not an error: the scenario may be meant to explore an overdose, and the model has no hard
/// ceiling there. It tells the reader that the values have left the range the model was calibrated on and
/// the literature describes, so they are extrapolations.
public struct PlausibilityBound: Sendable, Equatable {
    public enum Side: String, Sendable {
        case above, below
    }

    public var observable: String
    public var side: Side
    /// In `unit`, the observable's conventional unit (a test checks the model still states it so).
    public var limit: Double
    public var unit: String
    /// Why a value beyond the limit is implausible, in one line.
    public var reason: String

    /// Every bound, in the order warnings are listed.
    public static let all: [PlausibilityBound] = [
        PlausibilityBound(observable: "testosterone", side: .above, limit: 3000, unit: "ng/dL",
                          reason: "above the top of supraphysiological TRT peaks"),
        PlausibilityBound(observable: "estradiol", side: .below, limit: 5, unit: "pg/mL",
                          reason: "castrate or aromatase-inhibited territory, where bone loss is reported"),
        PlausibilityBound(observable: "estradiol", side: .above, limit: 200, unit: "pg/mL",
                          reason: "far above the male range, beyond what high-dose TRT produces"),
        PlausibilityBound(observable: "LH", side: .above, limit: 100, unit: "IU/L",
                          reason: "above the castrate and postmenopausal range"),
        PlausibilityBound(observable: "FSH", side: .above, limit: 100, unit: "IU/L",
                          reason: "above the castrate and postmenopausal range"),
        PlausibilityBound(observable: "sperm_concentration", side: .above, limit: 300, unit: "million/mL",
                          reason: "above the upper end of fertile men's sperm concentrations"),
    ]

    /// Whether `value` is beyond the limit (the limit itself is within bounds).
    func isCrossed(by value: Double) -> Bool { side == .above ? value > limit : value < limit }

    /// The warning for one simulated series (`values[i]` at `timesHours[i]`, in `unit`, times ascending):
    /// the first time the series is beyond the limit and its most extreme value (the highest for an upper
    /// bound, the lowest for a lower one; the first such time on ties). Nil when it never crosses.
    func warning(scenario: String, timesHours: [Double], values: [Double]) -> PlausibilityWarning? {
        guard let first = values.firstIndex(where: isCrossed) else { return nil }
        let extreme = values.indices.dropFirst(first + 1).reduce(first) { best, i in
            (side == .above ? values[i] > values[best] : values[i] < values[best]) ? i : best
        }
        return PlausibilityWarning(scenario: scenario, bound: self, firstHours: timesHours[first],
                                   extreme: values[extreme], extremeHours: timesHours[extreme])
    }
}

/// A simulated series that left a `PlausibilityBound`.
public struct PlausibilityWarning: Sendable, Equatable {
    public var scenario: String
    public var bound: PlausibilityBound
    /// The first time (hours) at which the value was beyond the limit.
    public var firstHours: Double
    /// The most extreme value, in the bound's unit, and when it occurred (hours).
    public var extreme: Double
    public var extremeHours: Double

    /// E.g. "testosterone above 3000 ng/dL from day 1.5 (highest 5210 ng/dL on day 4): above the top of …".
    public var sentence: String {
        let b = bound, day = { formatNumber($0 / 24, significantDigits: 4) }
        return "\(b.observable) \(b.side.rawValue) \(formatNumber(b.limit)) \(b.unit) from day \(day(firstHours)) "
            + "(\(b.side == .above ? "highest" : "lowest") \(formatNumber(extreme, significantDigits: 4)) \(b.unit) "
            + "on day \(day(extremeHours))): \(b.reason)"
    }

    /// One JSON object: warning ("plausibility", which tells these lines from comparisons and expectations),
    /// scenario, observable, side (above or below), bound, unit, first_days, extreme, extreme_days, reason.
    public var jsonLine: String {
        func number(_ x: Double) -> String { JSONText.number(x, significantDigits: 10) }
        return JSONText.object([
            "warning": JSONText.string("plausibility"), "scenario": JSONText.string(scenario),
            "observable": JSONText.string(bound.observable), "side": JSONText.string(bound.side.rawValue),
            "bound": number(bound.limit), "unit": JSONText.string(bound.unit),
            "first_days": number(firstHours / 24), "extreme": number(extreme),
            "extreme_days": number(extremeHours / 24), "reason": JSONText.string(bound.reason),
        ])
    }
}
