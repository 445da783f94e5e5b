/// How comparisons are shown: a table for people, JSON lines for programs.
public enum ComparisonReport {
    /// One row per compared value: when, evidence tag, reported, simulated, difference (absolute and relative),
    /// tolerance, and pass or MISS. A change is shown as the percentage change from day 0 of both the study
    /// and the simulation; its difference is s/r − 1 (the quantity the tolerance bounds).
    public static func table(_ comparisons: [Comparison], showScenario: Bool) -> TextTable {
        var table = TextTable(header: (showScenario ? ["scenario"] : [])
                              + ["observable", "when", "evidence", "reported", "simulated", "difference", "tolerance", "result"])
        for c in comparisons {
            let when = c.fromDays == c.toDays ? "day \(formatNumber(c.timeDays, significantDigits: 4))"
                : "days \(formatNumber(c.fromDays, significantDigits: 4))–\(formatNumber(c.toDays, significantDigits: 4))"
            let relative = signed(c.relativeDifference * 100, digits: 3) + "%"
            table.append((showScenario ? [c.scenario] : []) + [
                c.observable, when, c.evidence?.rawValue ?? "–",
                value(c.reported, c), value(c.simulated, c),
                c.kind == .change ? relative : "\(signed(c.difference, digits: 3)) (\(relative))",
                "±\(formatNumber(c.tolerance * 100, significantDigits: 3))%",
                c.pass ? "pass" : "MISS",
            ])
        }
        return table
    }

    /// "412 ng/dL", or for a ratio to day 0 "+53 % vs day 0" (or to the time point's reference day).
    static func value(_ x: Double, _ c: Comparison) -> String {
        c.kind == .change ? signed((x - 1) * 100, digits: 3) + " % vs day \(formatNumber(c.relativeToDays))"
            : "\(formatNumber(x, significantDigits: 4)) \(c.unit)"
    }

    static func signed(_ x: Double, digits: Int) -> String {
        (x >= 0 ? "+" : "") + formatNumber(x, significantDigits: digits)
    }

    /// One JSON object per line with the keys scenario, observable, time_days, reported, simulated, unit,
    /// tolerance (relative, e.g. 0.25), pass; plus timepoint, from_days, to_days, source, kind (absolute, or
    /// change: reported and simulated are then ratios to day 0), evidence (A, S, D, U or null), log_residual
    /// ln(simulated/reported) and weight 1/ln(1 + tolerance).
    public static func jsonLine(_ c: Comparison) -> String {
        func number(_ x: Double) -> String { JSONText.number(x, significantDigits: 10) }
        return JSONText.object([
            "scenario": JSONText.string(c.scenario), "observable": JSONText.string(c.observable),
            "time_days": number(c.timeDays), "reported": number(c.reported),
            "simulated": number(c.simulated), "unit": JSONText.string(c.unit),
            "tolerance": number(c.tolerance), "pass": JSONText.bool(c.pass),
            "timepoint": JSONText.string(c.timepoint), "from_days": number(c.fromDays),
            "to_days": number(c.toDays), "source": JSONText.string(c.source),
            "kind": JSONText.string(c.kind.rawValue),
            "evidence": c.evidence.map { JSONText.string($0.rawValue) } ?? "null",
            "log_residual": number(c.logResidual), "weight": number(c.weight),
        ])
    }
}
