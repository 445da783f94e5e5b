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
        let fields: [(String, String)] = [
            ("scenario", jsonString(c.scenario)), ("observable", jsonString(c.observable)),
            ("time_days", jsonNumber(c.timeDays)), ("reported", jsonNumber(c.reported)),
            ("simulated", jsonNumber(c.simulated)), ("unit", jsonString(c.unit)),
            ("tolerance", jsonNumber(c.tolerance)), ("pass", c.pass ? "true" : "false"),
            ("timepoint", jsonString(c.timepoint)), ("from_days", jsonNumber(c.fromDays)),
            ("to_days", jsonNumber(c.toDays)), ("source", jsonString(c.source)),
        ]
        return "{" + fields.map { "\"\($0)\":\($1)" }.joined(separator: ",") + "}"
    }

    /// A JSON number (RFC 8259), or null for NaN and infinities, which JSON cannot represent.
    static func jsonNumber(_ value: Double) -> String {
        value.isFinite ? formatNumber(value, significantDigits: 10) : "null"
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
