import HPG

/// The decisions of a monitored run, as `NAME.decisions.csv` writes them: one row per draw (the labs seen and
/// simulated, in the unit of the column's header, and the rule that fired, if any, with the regimen from then
/// on). `hpgsim population` writes the same rows after a man and a scenario column.
public struct DecisionLog: Sendable {
    public var monitoring: Monitoring
    public var decisions: [Decision]
    /// The drawn labs' declarations, in `monitoring.labs` order.
    public var labs: [ObservableSpec]
    /// How each regimen of the scenario is named (`Regimen.label`).
    public var regimenLabels: [String]

    public init(monitoring: Monitoring, decisions: [Decision], specs: [ObservableSpec], regimens: [Regimen]) {
        self.monitoring = monitoring
        self.decisions = decisions
        labs = monitoring.labs.map { name in specs.first { $0.name == name }! }
        regimenLabels = regimens.map(\.label)
    }

    /// The columns after the labs'.
    static let ruleColumns = ["rule", "rule_line", "rule_text", "regimen", "changes_regimen", "from_days", "new_regimen"]

    /// Header of the columns for `labs` (each seen and simulated, unit in the name) and the rule.
    public static func header(labs: [ObservableSpec], units: UnitSystem) -> [String] {
        ["draw", "drawn_days", "result_known_days"] + labs.flatMap { spec in
            let column = units == .si ? spec.siColumn : spec.column
            let unit = column.dropFirst(spec.name.count)
            return ["\(spec.name)_seen\(unit)", "\(spec.name)_simulated\(unit)"]
        } + ruleColumns
    }

    /// One row of cells per draw, with columns for `columns` (a lab this log did not draw is left empty).
    public func rows(labs columns: [ObservableSpec], units: UnitSystem) -> [[String]] {
        decisions.map { decision in
            var row = [String(decision.draw + 1), formatNumber(decision.drawTime / 24), formatNumber(decision.knownTime / 24)]
            for spec in columns {
                guard let j = monitoring.labs.firstIndex(of: spec.name) else { row += ["", ""]; continue }
                let factor = units == .si ? spec.siFactor : 1
                row += [formatNumber(decision.seen[j] * factor), formatNumber(decision.simulated[j] * factor)]
            }
            guard let rule = decision.rule else { return row + Self.ruleColumns.map { _ in "" } }
            return row + [String(rule.number), String(rule.line), TrajectoryCSV.field(rule.text),
                          TrajectoryCSV.field(regimenLabels[rule.regimen]), decision.changed ? "1" : "0",
                          decision.changed ? decision.effective.map { formatNumber($0 / 24) } ?? "" : "",
                          TrajectoryCSV.field(decision.regimen?.summary ?? "stopped")]
        }
    }

    /// The whole CSV (LF line ends, as the trajectory's).
    public func csv(units: UnitSystem) -> String {
        ([Self.header(labs: labs, units: units)] + rows(labs: labs, units: units))
            .map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// The draws that changed the doses.
    public var changes: [Decision] { decisions.filter(\.changed) }
}
