import HPG
import Plot
import Scenario
import Trial

/// The time-course figure of `hpgsim plot` and `run --plot`: one panel per observable, each scenario a line
/// in its own colour, its doses as ticks along the top, the values its study reported as points with their
/// tolerance as error bars, and the documents' goal ranges (`ResponseTarget.goals`) as target bands.
enum TrajectoryFigure {
    /// The clinically central observables, drawn when none are asked for (those the results have).
    static let central = ["testosterone", "estradiol", "T_E2_ratio", "LH", "FSH", "sperm_concentration"]

    /// Runs longer than this many days are drawn in weeks.
    static let daysBeforeWeeks = 120.0

    /// `observables` in the order given; each must be a column of every result, and every result in the same
    /// unit system.
    static func figure(_ results: [ScenarioResult], observables: [String]) -> Figure {
        let longest = results.map { $0.csv.timesHours.last ?? 0 }.max() ?? 0
        let weeks = longest / 24 > daysBeforeWeeks
        let time: (Double) -> Double = { hours in hours / 24 / (weeks ? 7 : 1) }
        let specs = HPGModel(drugs: DrugRegistry.all).observables
        let doses = doseRows(results, time: time)
        let panels = observables.map { name -> Panel in
            let unit = results[0].csv.columns.first { $0.name == name }!.unit
            var panel = Panel(title: name, x: AxisSpec(label: "time", unit: weeks ? "weeks" : "days"),
                              y: AxisSpec(label: name, unit: unit == "1" ? nil : unit, includesZero: true))
            for (i, result) in results.enumerated() {
                let color = Palette.color(i), column = result.csv.columns.first { $0.name == name }!
                panel.lines.append(Line(label: result.scenario.name, x: result.csv.timesHours.map(time),
                                        y: column.values, color: color))
                let reported = result.comparisons.filter { $0.kind == .absolute && $0.observable == name }
                if !reported.isEmpty, let spec = specs.first(where: { $0.name == name }) {
                    let factor = conversion(from: reported.map(\.unit), to: column.unit, spec: spec)
                    panel.points.append(Points(
                        label: "reported (\(result.scenario.name))", x: reported.map { time($0.timeDays * 24) },
                        y: zip(reported, factor).map { $0.reported * $1 },
                        low: zip(reported, factor).map { $0.reported * (1 - $0.tolerance) * $1 },
                        high: zip(reported, factor).map { $0.reported * (1 + $0.tolerance) * $1 }, color: color))
                }
            }
            panel.events = doses
            if let spec = specs.first(where: { $0.name == name }) { panel.targets = targets(spec, unit: unit) }
            return panel
        }
        let title = results.count == 1 ? results[0].scenario.title : nil
        var notes: [String] = []
        if panels.contains(where: { !$0.targets.isEmpty }) {
            notes.append("Shaded: the goals of the responder analysis (hpgsim population).")
        }
        if panels.contains(where: { !$0.points.isEmpty }) {
            notes.append("Points: the values the study reported; error bars: their tolerance.")
        }
        return Figure(title: title, panels: panels, columns: observables.count > 4 ? 3 : min(2, observables.count),
                      notes: notes.isEmpty ? [] : [notes.joined(separator: " ")])
    }

    /// One row of dose ticks per distinct schedule: in its scenario's colour, or grey when scenarios share it.
    static func doseRows(_ results: [ScenarioResult], time: (Double) -> Double) -> [EventMarks] {
        var rows: [(times: [Double], scenarios: [Int])] = []
        for (i, result) in results.enumerated() {
            let times = doseTimes(result.scenario).map(time)
            guard !times.isEmpty else { continue }
            if let r = rows.firstIndex(where: { $0.times == times }) { rows[r].scenarios.append(i) } else { rows.append((times, [i])) }
        }
        let label = rows.count == 1 && rows[0].scenarios.count == results.count ? "doses"
            : "doses (a row per schedule, in its scenario's colour; grey: shared)"
        return rows.enumerated().map { r, row in
            EventMarks(label: r == 0 ? label : nil, x: row.times,
                       color: row.scenarios.count == 1 ? Palette.color(row.scenarios[0]) : "#777777")
        }
    }

    /// Hours of every dose: each record's time and its ADDL additional doses every II hours (NONMEM), up to
    /// the end of the simulation.
    static func doseTimes(_ scenario: Scenario) -> [Double] {
        let times = scenario.doses().flatMap { dose in
            (0...max(dose.record.additionalDoses, 0)).map { dose.record.time + Double($0) * dose.record.interval }
        }
        return Array(Set(times.filter { $0 <= scenario.simulation.duration })).sorted()
    }

    /// The documents' goal ranges on an observable, in `unit` (its conventional or SI unit); a range converted
    /// to SI names its bounds in SI too.
    static func targets(_ spec: ObservableSpec, unit: String) -> [TargetBand] {
        ResponseTarget.goals.compactMap { goal in
            guard goal.range.observable == spec.name, [spec.unit, spec.siUnit].contains(goal.range.unit) else { return nil }
            let factor = conversion(from: [goal.range.unit], to: unit, spec: spec)[0]
            let lower = goal.range.lower.map { $0 * factor }, upper = goal.range.upper.map { $0 * factor }
            guard goal.range.unit != unit else { return TargetBand(label: goal.description, lower: lower, upper: upper) }
            let bounds = switch (lower, upper) {
            case let (l?, u?): "\(formatNumber(l, significantDigits: 3))–\(formatNumber(u, significantDigits: 3))"
            case let (l?, nil): "≥ \(formatNumber(l, significantDigits: 3))"
            case let (nil, u?): "≤ \(formatNumber(u, significantDigits: 3))"
            case (nil, nil): ""
            }
            return TargetBand(label: "\(goal.description): \(bounds) \(unit)", lower: lower, upper: upper)
        }
    }

    /// Factors taking each unit (the observable's conventional or SI unit) to `target`.
    static func conversion(from units: [String], to target: String, spec: ObservableSpec) -> [Double] {
        units.map { unit in
            if unit == target { return 1 }
            return unit == spec.unit ? spec.siFactor : 1 / spec.siFactor
        }
    }

    /// The central observables every result has as a column, else every column the first result has.
    static func defaultObservables(_ results: [ScenarioResult]) -> [String] {
        let common = central.filter { name in results.allSatisfy { $0.csv.columns.contains { $0.name == name } } }
        return common.isEmpty ? results[0].csv.columns.map(\.name).filter { name in
            results.allSatisfy { $0.csv.columns.contains { $0.name == name } }
        } : common
    }
}
