import Foundation

/// A trajectory table as CSV (RFC 4180: comma-separated, CRLF line ends, fields with commas, quotes or line
/// breaks quoted and quotes doubled). The first column is `time_days`; every other header is the observable's
/// name and its unit, e.g. `testosterone_ng_per_dL`, `estradiol_pmol_per_L`, so a file read on its own still
/// says what each number means.
public struct TrajectoryCSV: Sendable {
    public struct Column: Sendable {
        public var name: String
        /// Unit symbol as the model states it, e.g. "ng/dL", "pmol/L", "IU/L", or "" for a ratio.
        public var unit: String
        public var values: [Double]

        public init(name: String, unit: String, values: [Double]) {
            self.name = name
            self.unit = unit
            self.values = values
        }

        public var header: String { unit.isEmpty ? name : name + "_" + TrajectoryCSV.slug(unit) }
    }

    public var timesHours: [Double]
    public var columns: [Column]

    public init(timesHours: [Double], columns: [Column]) {
        precondition(columns.allSatisfy { $0.values.count == timesHours.count }, "every column needs one value per time")
        self.timesHours = timesHours
        self.columns = columns
    }

    /// A unit as it can stand in a column name: "/" → "_per_", "µ" → "u", "%" → "percent", "²" → "2".
    public static func slug(_ unit: String) -> String {
        var slug = ""
        for character in unit {
            switch character {
            case "/": slug += "_per_"
            case "µ", "μ": slug += "u"
            case "%": slug += "percent"
            case "²": slug += "2"
            case " ", "·", "*": slug += "_"
            default: slug.append(character)
            }
        }
        return slug
    }

    public var text: String {
        var lines = [(["time_days"] + columns.map(\.header)).map(Self.field).joined(separator: ",")]
        lines.reserveCapacity(timesHours.count + 1)
        for (row, hours) in timesHours.enumerated() {
            lines.append(([formatNumber(hours / 24)] + columns.map { formatNumber($0.values[row]) }).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Quotes a field when RFC 4180 requires it.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
