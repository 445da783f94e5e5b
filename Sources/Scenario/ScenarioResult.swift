/// A simulated scenario: its CSV table (output grid only), its comparisons with reported values, the
/// plausibility warnings, and the baseline → on-treatment change of each column for the summary.
public struct ScenarioResult: Sendable {
    public var scenario: Scenario
    public var units: UnitSystem
    public var csv: TrajectoryCSV
    public var comparisons: [Comparison]
    /// Each `PlausibilityBound` the simulation crossed at a simulated time (output grid and comparison times),
    /// whether or not its observable is a CSV column; in the order of `PlausibilityBound.all`.
    public var warnings: [PlausibilityWarning] = []
    /// The solver settings the run used; nil for a result built without a simulation.
    public var solver: SolverSettings? = nil
    /// The draws of a `monitoring` block and the rules that fired on them; nil without one.
    public var decisions: DecisionLog? = nil
    /// The clinical summary the scenario's `report` block (or `run --at/--when/--report`) asked for.
    public var report: ClinicalReport? = nil

    /// One column's value at baseline (time 0), on treatment (mean over the last 7 days of treatment, or
    /// the whole treatment if shorter, which averages over dosing intervals up to a week), and at the end.
    public struct Change: Sendable {
        public var column: TrajectoryCSV.Column
        public var baseline: Double
        public var onTreatment: Double
        public var end: Double
        public var relativeChange: Double { (onTreatment - baseline) / baseline }
    }

    /// The on-treatment window in hours: the last 7 days before the treatment ends.
    public var onTreatmentWindow: ClosedRange<Double> {
        let end = scenario.treatmentEnd
        return max(0, end - 7 * 24)...end
    }

    public var changes: [Change] {
        let window = onTreatmentWindow
        let rows = csv.timesHours.indices.filter { window.contains(csv.timesHours[$0]) }
        return csv.columns.map { column in
            let onTreatment = rows.isEmpty ? column.values[0]
                : rows.map { column.values[$0] }.reduce(0, +) / Double(rows.count)
            return Change(column: column, baseline: column.values[0], onTreatment: onTreatment,
                          end: column.values[column.values.count - 1])
        }
    }
}
