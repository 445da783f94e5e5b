/// Simulated against reported values: one `Comparison` per value in a scenario's `reported` block.
///
/// A value reported at one time is compared with the simulated value at that time; a value reported over a
/// window (labs drawn between, say, 3 and 5 months) with the mean of the simulation sampled once a day across
/// the window, both ends included — the expected value of a lab drawn on a day chosen uniformly in the window.
public struct Comparison: Sendable, Equatable {
    public var scenario: String
    public var observable: String
    /// `baseline` or `on_treatment`.
    public var timepoint: String
    /// Middle of the window in days (the time itself for a single time).
    public var timeDays: Double
    public var fromDays: Double
    public var toDays: Double
    public var reported: Double
    public var simulated: Double
    /// The reported value's unit, e.g. "ng/dL"; the simulated value is in the same unit.
    public var unit: String
    /// Allowed relative deviation, e.g. 0.25.
    public var tolerance: Double
    public var source: String

    /// Simulated − reported, in `unit`.
    public var difference: Double { simulated - reported }
    /// (Simulated − reported) / reported.
    public var relativeDifference: Double { difference / reported }
    public var pass: Bool { abs(difference) <= tolerance * abs(reported) }
}

extension ReportedTimepoint {
    /// The times (hours) at which the simulation is sampled for this time point: daily across the window,
    /// both ends included; the single time when from == to.
    public var sampleTimes: [Double] {
        let days = Int(((to - from) / 24 * (1 + 1e-12)).rounded(.down))
        let times = (0...days).map { from + Double($0) * 24 }
        return times.last! < to ? times + [to] : times
    }
}

extension Scenario {
    /// Every time the simulation must report for comparisons, beyond the output grid.
    public var comparisonTimes: [Double] {
        (reported?.timepoints ?? []).flatMap(\.sampleTimes)
    }

    /// Compares each reported value with the simulation; `simulated(observable, unit, hours)` gives the
    /// simulated value of an observable in a unit at one of `comparisonTimes`.
    public func comparisons(simulated: (String, String, Double) -> Double) -> [Comparison] {
        guard let reported else { return [] }
        return reported.timepoints.flatMap { timepoint in
            timepoint.values.map { value in
                let samples = timepoint.sampleTimes.map { simulated(value.observable, value.measurement.unit, $0) }
                return Comparison(
                    scenario: name, observable: value.observable, timepoint: timepoint.label,
                    timeDays: (timepoint.from + timepoint.to) / 48, fromDays: timepoint.from / 24,
                    toDays: timepoint.to / 24, reported: value.measurement.value,
                    simulated: samples.reduce(0, +) / Double(samples.count), unit: value.measurement.unit,
                    tolerance: value.tolerance, source: reported.source)
            }
        }
    }
}
