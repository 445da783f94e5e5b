import Foundation
import HPG
import Scenario

/// The few lines `hpgsim run` prints per scenario.
enum RunSummary {
    static func text(_ result: ScenarioResult, csvPath: String, decisionsPath: String = "") -> String {
        let scenario = result.scenario
        let window = result.onTreatmentWindow
        let day = { (hours: Double) in formatNumber(hours / 24, significantDigits: 4) }
        var table = TextTable(header: ["", "unit", "baseline (day 0)",
                                       "on treatment (days \(day(window.lowerBound))–\(day(window.upperBound)))",
                                       "change", "end (day \(day(scenario.simulation.duration)))"])
        // A lab the scenario could have given but did not is the model's inference: marked, so it is not read
        // as the man's measured value (issue 12).
        let labs = ScenarioCatalog.hpg.labObservables
        let inferred = { (name: String) in labs.contains(name) && scenario.patient.baselineLabs[name] == nil }
        for change in result.changes {
            let relative = change.baseline == 0 ? "" :
                (change.relativeChange >= 0 ? "+" : "") + formatNumber(change.relativeChange * 100, significantDigits: 3) + "%"
            table.append([change.column.name, change.column.unit.isEmpty ? "ratio" : change.column.unit,
                          formatNumber(change.baseline, significantDigits: 4) + (inferred(change.column.name) ? " *" : ""),
                          formatNumber(change.onTreatment, significantDigits: 4), relative,
                          formatNumber(change.end, significantDigits: 4)])
        }
        var lines = [
            "\(scenario.name)\(scenario.title.isEmpty ? "" : " — \(scenario.title)")",
            "  wrote \(csvPath) (\(result.csv.timesHours.count) rows, one per \(day(scenario.simulation.outputEvery)) d; \(result.units == .si ? "SI" : "conventional") units)",
            table.render(indent: "  "),
            "  (on treatment: the mean over the last week of dosing; change: on treatment against baseline)",
        ]
        let marked = result.changes.map(\.column.name).filter(inferred)
        if !marked.isEmpty {
            lines.append("  * not given as a baseline lab: the model's steady state for this man ("
                         + marked.joined(separator: ", ") + ")")
        }
        lines += farFromReference(result, inferred: marked)
        if let report = result.report { lines += ReportSummary.lines(report) }
        if let solver = result.solver { lines.append("  " + solver.summary) }
        if let log = result.decisions { lines += MonitoringSummary.lines(log, units: result.units, path: decisionsPath) }
        lines += PlausibilitySummary.lines(result.warnings)
        if let reported = scenario.reported {
            lines.append("  compared with \(reported.source):")
            lines.append(ComparisonReport.table(result.comparisons, showScenario: false).render(indent: "  "))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension RunSummary {
    /// LH's reference interval as the help text quotes it, read from the declared table.
    static var exampleInterval: String { label(ReferenceInterval.named("LH")!) }

    /// "LH 2.2–11.6 IU/L".
    static func label(_ interval: ReferenceInterval) -> String {
        "\(interval.observable) \(formatNumber(interval.low, significantDigits: 4))–"
            + "\(formatNumber(interval.high, significantDigits: 4)) \(interval.unit)"
    }

    /// A note on the inferred labs outside healthy men's 95 % reference intervals, when the scenario gives labs:
    /// the labs given then set the others through the feedback curves, which are steep around the reference man
    /// (T 362 ng/dL alone puts LH at the secretion ceiling), so a measured value is worth giving. Nothing for a
    /// scenario without labs, whose values are its profile's.
    static func farFromReference(_ result: ScenarioResult, inferred: [String]) -> [String] {
        guard !result.scenario.patient.baselineLabs.isEmpty else { return [] }
        let specs = HPGModel(drugs: []).observables
        var values: [String] = [], intervals: [String] = [], sources: [String] = []
        for change in result.changes where inferred.contains(change.column.name) {
            guard let interval = ReferenceInterval.named(change.column.name),
                  let spec = specs.first(where: { $0.name == change.column.name }) else { continue }
            let si = result.units == .si ? change.baseline : change.baseline * spec.siFactor
            guard si < interval.low || si > interval.high else { continue }
            values.append("\(change.column.name) \(formatNumber(change.baseline, significantDigits: 3)) \(change.column.unit)")
            intervals.append(label(interval))
            if !sources.contains(interval.source) { sources.append(interval.source) }
        }
        guard !values.isEmpty else { return [] }
        return ["  note: " + values.joined(separator: ", ") + " at baseline, set by the labs given through the model's feedback, "
                + (values.count == 1 ? "is" : "are") + " outside healthy men's range (" + intervals.joined(separator: ", ")
                + "; " + sources.joined(separator: "; ") + "); if measured, give "
                + (values.count == 1 ? "it as a baseline lab" : "them as baseline labs")]
    }
}

/// The plausibility warnings of `run` and `validate`: a heading and one line per warning, or nothing.
enum PlausibilitySummary {
    static func lines(_ warnings: [PlausibilityWarning], showScenario: Bool = false) -> [String] {
        guard !warnings.isEmpty else { return [] }
        return ["  warning: values outside physiological bounds (extrapolation; the run itself is not an error):"]
            + warnings.map { "    " + (showScenario ? "\($0.scenario): " : "") + $0.sentence }
    }
}

/// What `run` prints when no scenario is given: how to use it, and the scenarios at hand.
enum RunGuide {
    static func noScenarioGiven(command: String) -> String {
        let available = FileManager.default.fileExists(atPath: "scenarios")
            ? (try? ScenarioFiles.expand(["scenarios"])) ?? [] : []
        var text = """
            hpgsim \(command) needs at least one scenario file: a text file (YAML) that describes a patient and \
            a drug regimen. For example:

              hpgsim \(command) scenarios/anastrozole-shah-2021.yaml

            """
        if !available.isEmpty {
            text += "\nScenario files in scenarios/:\n" + available.map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        text += "\nscenarios/README.md explains how to write one; `hpgsim \(command) --help` lists the options."
        return text
    }
}

/// What `run` prints of a monitoring block: the draws, the rules that fired, and each change of regimen.
enum MonitoringSummary {
    static func lines(_ log: DecisionLog, units: UnitSystem, path: String) -> [String] {
        let monitoring = log.monitoring
        let fired = log.decisions.filter { $0.rule != nil }.count
        var lines = ["  monitoring: \(log.decisions.count) draws of " + monitoring.labs.joined(separator: ", ")
                     + " (assay CV \(formatNumber(monitoring.cv * 100)) %, results after \(formatNumber(monitoring.resultDelay / 24)) d);"
                     + " a rule fired on \(fired), \(log.changes.count) changed the regimen; wrote \(path)"]
        for decision in log.changes {
            guard let rule = decision.rule else { continue }
            let labs = zip(log.labs, decision.seen).map { spec, seen in
                let si = units == .si
                return "\(spec.name) \(formatNumber(seen * (si ? spec.siFactor : 1), significantDigits: 3)) \(si ? spec.siUnit : spec.unit)"
            }.joined(separator: ", ")
            lines.append("    day \(formatNumber(decision.knownTime / 24, significantDigits: 4)): \(labs) → rule \(rule.number) "
                         + "(line \(rule.line)): " + (decision.regimen?.summary ?? "\(log.regimenLabels[rule.regimen]) stopped"
                             + (decision.effective.map { " from day \(formatNumber($0 / 24, significantDigits: 5))" } ?? "")))
        }
        return lines
    }
}
