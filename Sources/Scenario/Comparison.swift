import Foundation

/// Simulated against reported values: one `Comparison` per value in a scenario's `reported` block.
///
/// A value reported at one time is compared with the simulated value at that time; a value reported over a
/// window (labs drawn between, say, 3 and 5 months) with the mean of the simulation sampled once a day across
/// the window, both ends included — the expected value of a lab drawn on a day chosen uniformly in the window.
///
/// A change (`{change: +53 %}`, `{fold: 2}`) is compared as a ratio to the same simulated man's day-0 value:
/// s = mean of x over the window / x(0), r = 1 + change (or the fold). Both kinds pass when
/// |s − r| ≤ tolerance × |r|, which for r > 0 is |s/r − 1| ≤ tolerance.
public struct Comparison: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// A lab value in a unit.
        case absolute
        /// A ratio to day 0 (written as a change in % or a fold).
        case change
    }

    public var scenario: String
    public var observable: String
    /// `baseline`, `on_treatment`, or a `timepoints` label.
    public var timepoint: String
    /// Middle of the window in days (the time itself for a single time).
    public var timeDays: Double
    public var fromDays: Double
    public var toDays: Double
    public var kind: Kind = .absolute
    /// For a change: the day the ratio is taken against (0 unless the time point says `relative_to`).
    public var relativeToDays: Double = 0
    /// `.absolute`: values in `unit`. `.change`: the ratios r (reported) and s (simulated) to day 0.
    public var reported: Double
    public var simulated: Double
    /// The reported value's unit, e.g. "ng/dL" (the simulated value is in the same unit); "1" for a change.
    public var unit: String
    /// Allowed relative deviation, e.g. 0.25.
    public var tolerance: Double
    public var evidence: Evidence? = nil
    public var source: String

    /// Simulated − reported, in `unit`.
    public var difference: Double { simulated - reported }
    /// (Simulated − reported) / reported = s/r − 1.
    public var relativeDifference: Double { difference / reported }
    public var pass: Bool { abs(difference) <= tolerance * abs(reported) }

    /// ln(s/r), the residual of a calibration in log space (ratio space for changes). Not finite when the
    /// reported value is 0.
    public var logResidual: Double { log(simulated / reported) }
    /// w = 1/ln(1 + tolerance): a fitter minimising Σ (w·ln(s/r))² weighs each value by its tolerance, and
    /// w·|ln(s/r)| = 1 exactly at the upper tolerance bound s = r·(1 + tolerance). (At the lower bound
    /// s = r·(1 − tolerance) it is ln(1 − tol)/−ln(1 + tol) > 1: the log scale is not symmetric in s − r.)
    public var weight: Double { 1 / log(1 + tolerance) }
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
    /// Every time the simulation must report for comparisons, beyond the output grid: day 0, each time point's
    /// samples and the time its changes are relative to.
    public var comparisonTimes: [Double] {
        guard let reported else { return [] }
        return [0] + reported.timepoints.flatMap { $0.sampleTimes + [$0.relativeTo] }
    }

    /// Compares each reported value with the simulation; `simulated(observable, unit, hours)` gives the
    /// simulated value of an observable in a unit at one of `comparisonTimes`.
    public func comparisons(simulated: (String, String, Double) -> Double) -> [Comparison] {
        guard let reported else { return [] }
        return reported.timepoints.flatMap { timepoint in
            timepoint.values.map { value in
                let samples = timepoint.sampleTimes.map { simulated(value.observable, value.unit, $0) }
                let mean = samples.reduce(0, +) / Double(samples.count)
                let isChange = value.kind == .change
                return Comparison(
                    scenario: name, observable: value.observable, timepoint: timepoint.label,
                    timeDays: (timepoint.from + timepoint.to) / 48, fromDays: timepoint.from / 24,
                    toDays: timepoint.to / 24, kind: value.kind, relativeToDays: timepoint.relativeTo / 24, reported: value.value,
                    simulated: isChange ? mean / simulated(value.observable, value.unit, timepoint.relativeTo) : mean,
                    unit: isChange ? "1" : value.unit, tolerance: value.tolerance, evidence: value.evidence,
                    source: reported.source)
            }
        }
    }
}
