/// How comparisons are shown: a table for people, JSON lines for programs.
public enum ComparisonReport {
    /// One row per compared value: when, reported, simulated, difference (absolute and relative), tolerance,
    /// and pass or MISS.
    public static func table(_ comparisons: [Comparison], showScenario: Bool) -> TextTable {
        var table = TextTable(header: (showScenario ? ["scenario"] : [])
                              + ["observable", "when", "reported", "simulated", "difference", "tolerance", "result"])
        for c in comparisons {
            let when = c.fromDays == c.toDays ? "day \(formatNumber(c.timeDays, significantDigits: 4))"
                : "days \(formatNumber(c.fromDays, significantDigits: 4))–\(formatNumber(c.toDays, significantDigits: 4))"
            let sign = c.difference >= 0 ? "+" : ""
            table.append((showScenario ? [c.scenario] : []) + [
                c.observable, when,
                "\(formatNumber(c.reported, significantDigits: 4)) \(c.unit)",
                "\(formatNumber(c.simulated, significantDigits: 4)) \(c.unit)",
                "\(sign)\(formatNumber(c.difference, significantDigits: 3)) (\(sign)\(formatNumber(c.relativeDifference * 100, significantDigits: 3))%)",
                "±\(formatNumber(c.tolerance * 100, significantDigits: 3))%",
                c.pass ? "pass" : "MISS",
            ])
        }
        return table
    }

    /// One JSON object per line with the keys scenario, observable, time_days, reported, simulated, unit,
    /// tolerance (relative, e.g. 0.25), pass; plus timepoint, from_days, to_days and source.
    public static func jsonLine(_ c: Comparison) -> String {
        func number(_ x: Double) -> String { JSONText.number(x, significantDigits: 10) }
        return JSONText.object([
            "scenario": JSONText.string(c.scenario), "observable": JSONText.string(c.observable),
            "time_days": number(c.timeDays), "reported": number(c.reported),
            "simulated": number(c.simulated), "unit": JSONText.string(c.unit),
            "tolerance": number(c.tolerance), "pass": JSONText.bool(c.pass),
            "timepoint": JSONText.string(c.timepoint), "from_days": number(c.fromDays),
            "to_days": number(c.toDays), "source": JSONText.string(c.source),
        ])
    }
}
