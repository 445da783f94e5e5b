import Foundation
import Scenario

/// The clinical summary (`ClinicalReport`) as `run` prints it, and as JSON (`run --json`).
enum ReportSummary {
    static func day(_ hours: Double) -> String { formatNumber(hours / 24, significantDigits: 4) }
    static func value(_ x: Double) -> String { formatNumber(x, significantDigits: 4) }

    static func lines(_ report: ClinicalReport) -> [String] {
        let labels = report.columns.map { $0.observable + ($0.unit == "1" || $0.unit.contains(" per ") ? "" : " (\($0.unit))") }
        var lines: [String] = []
        if !report.at.isEmpty {
            var table = TextTable(header: [""] + report.at.map { "day \(day($0))" })
            for (c, label) in labels.enumerated() { table.append([label] + report.values.map { value($0[c]) }) }
            lines += ["  values at the times asked for:", table.render(indent: "    ")]
        }
        if !report.crossings.isEmpty {
            lines.append("  first time (hourly):")
            for crossing in report.crossings {
                lines.append("    \(crossing.condition): " + (crossing.hours.map { "day \(day($0)) (hour \(formatNumber($0)))" }
                                                             ?? "not within the run"))
            }
        }
        for interval in report.intervals {
            var table = TextTable(header: ["", "trough", "peak", "average"])
            for (c, label) in labels.enumerated() {
                table.append([label, value(interval.trough[c]), value(interval.peak[c]), value(interval.average[c])])
            }
            lines += ["  steady state, \(interval.regimen), last dosing interval (days \(day(interval.from))–\(day(interval.to))):",
                      table.render(indent: "    ")]
        }
        for phase in report.phases {
            let after = phase.name == "after stopping"
            var table = TextTable(header: ["", "mean", "min", "max", "at the end"] + (after ? ["within 10 % of baseline from"] : []))
            for (c, label) in labels.enumerated() {
                table.append([label, value(phase.mean[c]), value(phase.minimum[c]), value(phase.maximum[c]), value(phase.end[c])]
                             + (after ? [phase.backToBaseline[c].map { "day \(day($0))" } ?? "not within the run"] : []))
            }
            lines += ["  \(phase.name) (days \(day(phase.from))–\(day(phase.to))):", table.render(indent: "    ")]
        }
        return lines
    }

    /// One JSON object: the scenario, and every part of the report (times in days, values in the columns' units).
    static func json(_ report: ClinicalReport, scenario: String) -> String {
        let names = report.columns.map(\.observable)
        func values(_ xs: [Double]) -> String {
            "{" + zip(names, xs).map { "\(JSONText.string($0)):\(JSONText.number($1, significantDigits: 7))" }.joined(separator: ",") + "}"
        }
        let days = { (h: Double?) in JSONText.number(h.map { $0 / 24 }, significantDigits: 7) }
        return JSONText.object([
            "scenario": JSONText.string(scenario),
            "units": "{" + report.columns.map { "\(JSONText.string($0.observable)):\(JSONText.string($0.unit))" }.joined(separator: ",") + "}",
            "at": "[" + zip(report.at, report.values).map { JSONText.object(["day": days($0), "values": values($1)]) }.joined(separator: ",") + "]",
            "when": "[" + report.crossings.map { JSONText.object(["condition": JSONText.string($0.condition.text), "day": days($0.hours)]) }
                .joined(separator: ",") + "]",
            "steady_state": "[" + report.intervals.map {
                JSONText.object(["regimen": JSONText.string($0.regimen), "from_day": days($0.from), "to_day": days($0.to),
                                 "trough": values($0.trough), "peak": values($0.peak), "average": values($0.average)])
            }.joined(separator: ",") + "]",
            "phases": "[" + report.phases.map { phase in
                JSONText.object(["phase": JSONText.string(phase.name), "from_day": days(phase.from), "to_day": days(phase.to),
                                 "mean": values(phase.mean), "min": values(phase.minimum), "max": values(phase.maximum),
                                 "end": values(phase.end),
                                 "within_10_percent_of_baseline_from_day": "{" + zip(names, phase.backToBaseline).map {
                                     "\(JSONText.string($0)):\(days($1))"
                                 }.joined(separator: ",") + "}"])
            }.joined(separator: ",") + "]",
        ])
    }
}
