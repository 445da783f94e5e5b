import HPG

/// What a clinician asks of a run (issue 12): values at chosen times, the first time a threshold is crossed,
/// trough, peak and average over a dosing interval at steady state, and summaries on treatment and after
/// stopping. From the scenario's `report` block and `run --at/--when/--report`.
public struct ReportSpec: Sendable, Equatable {
    /// Hours.
    public var at: [Double] = []
    /// Observables reported; empty: `ReportSpec.defaultObservables` (those the scenario has).
    public var observables: [String] = []
    public var when: [LabCondition] = []
    public var steadyState = true
    public var phases = true

    public init(at: [Double] = [], observables: [String] = [], when: [LabCondition] = [], steadyState: Bool = true,
                phases: Bool = true) {
        self.at = at
        self.observables = observables
        self.when = when
        self.steadyState = steadyState
        self.phases = phases
    }

    public static let defaultObservables = ["testosterone", "estradiol", "T_E2_ratio", "LH", "FSH"]

    /// The hourly grid the report reads: every hour of the run, the dose times and the `at` times.
    static func denseTimes(_ scenario: Scenario) -> [Double] {
        let hours = Int(scenario.simulation.duration.rounded(.down))
        return Array(Set((0...hours).map(Double.init) + scenario.regimens.flatMap { $0.doseTimes(until: scenario.simulation.duration) }
                         + [scenario.simulation.duration])).sorted()
    }
}

/// The numbers a `ReportSpec` asks for, read from a trajectory sampled at least hourly (conventional units).
public struct ClinicalReport: Sendable {
    public struct Column: Sendable {
        public var observable: String
        public var unit: String
    }

    public struct Crossing: Sendable {
        public var condition: LabCondition
        /// The first sampled hour at which it holds; nil: never within the run.
        public var hours: Double?
    }

    /// One regimen's last full dosing interval: [from, to], each observable's minimum, maximum and time average.
    public struct Interval: Sendable {
        public var regimen: String
        public var from: Double
        public var to: Double
        public var trough: [Double]
        public var peak: [Double]
        public var average: [Double]
    }

    /// On treatment (time 0 to the end of the last regimen) or after stopping (to the end of the run).
    public struct Phase: Sendable {
        public var name: String
        public var from: Double
        public var to: Double
        public var mean: [Double]
        public var minimum: [Double]
        public var maximum: [Double]
        public var end: [Double]
        /// After stopping: the first hour from which each observable stays within 10 % of its baseline; nil: not
        /// within the run.
        public var backToBaseline: [Double?]
    }

    public var columns: [Column]
    /// values[k][c]: at `at[k]`.
    public var at: [Double]
    public var values: [[Double]]
    public var crossings: [Crossing]
    public var intervals: [Interval]
    public var phases: [Phase]

    /// `times` ascending and at least hourly; `series(name)` the observable's values at them.
    init(_ spec: ReportSpec, scenario: Scenario, times: [Double], observables: [ObservableSpec],
         series: (String) -> [Double]) {
        let names = (spec.observables.isEmpty ? ReportSpec.defaultObservables : spec.observables)
            .filter { name in observables.contains { $0.name == name } }
        columns = names.map { name in Column(observable: name, unit: observables.first { $0.name == name }!.unit) }
        let data = names.map(series)
        let row = Dictionary(times.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        at = spec.at
        values = spec.at.map { t in data.map { $0[row[t]!] } }
        crossings = spec.when.map { condition in
            let values = series(condition.observable)
            return Crossing(condition: condition, hours: times.indices.first { condition.holds(values[$0]) }.map { times[$0] })
        }
        /// Time average by the trapezoidal rule, minimum and maximum, over [a, b].
        func summary(_ a: Double, _ b: Double) -> (mean: [Double], min: [Double], max: [Double], end: [Double]) {
            let rows = times.indices.filter { times[$0] >= a && times[$0] <= b }
            let mean = data.map { v in
                b > a ? zip(rows, rows.dropFirst()).reduce(0) { $0 + (v[$1.0] + v[$1.1]) / 2 * (times[$1.1] - times[$1.0]) } / (b - a)
                    : v[rows[0]]
            }
            return (mean, data.map { v in rows.map { v[$0] }.min()! }, data.map { v in rows.map { v[$0] }.max()! },
                    data.map { $0[rows.last!] })
        }
        intervals = !spec.steadyState ? [] : scenario.regimens.compactMap { regimen in
            let doses = regimen.doseTimes(until: scenario.simulation.duration)
            guard doses.count >= 2 else { return nil }
            // The last interval between two doses, or after the last dose when the run covers its full length.
            let tau = doses[doses.count - 1] - doses[doses.count - 2]
            let last = doses[doses.count - 1]
            let (from, to) = last + tau <= scenario.simulation.duration ? (last, last + tau) : (doses[doses.count - 2], last)
            let s = summary(from, to)
            return Interval(regimen: "\(regimen.drug) \(formatNumber(regimen.dose.value)) \(regimen.dose.unit.symbol)",
                            from: from, to: to, trough: s.min, peak: s.max, average: s.mean)
        }
        var phases: [Phase] = []
        if spec.phases {
            let end = scenario.treatmentEnd, stop = scenario.simulation.duration
            let on = summary(0, end)
            phases.append(Phase(name: "on treatment", from: 0, to: end, mean: on.mean, minimum: on.min, maximum: on.max,
                                end: on.end, backToBaseline: names.map { _ in nil }))
            if stop > end {
                let off = summary(end, stop)
                let back = data.map { v -> Double? in
                    let baseline = v[0]
                    let outside = times.indices.last { times[$0] >= end && abs(v[$0] - baseline) > 0.1 * abs(baseline) }
                    guard let outside else { return end }
                    return outside + 1 < times.count ? times[outside + 1] : nil
                }
                phases.append(Phase(name: "after stopping", from: end, to: stop, mean: off.mean, minimum: off.min,
                                    maximum: off.max, end: off.end, backToBaseline: back))
            }
        }
        self.phases = phases
    }
}
