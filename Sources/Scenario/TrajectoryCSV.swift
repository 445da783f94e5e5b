import Foundation

/// A trajectory table as CSV (RFC 4180 fields: comma-separated, fields with commas, quotes or line breaks
/// quoted and quotes doubled; LF line ends, which RFC 4180 readers accept as well as CRLF, and which awk, cut
/// and Unix tools read without a stray carriage return in the last column). The first column is `time_days`; every other header is the observable's
/// name and its unit as the model names its columns (`ObservableSpec.column`/`siColumn`), e.g.
/// `testosterone_ng_per_dL`, `estradiol_pmol_per_L`, so a file read on its own says what each number means.
public struct TrajectoryCSV: Sendable {
    public struct Column: Sendable {
        public var name: String
        /// Unit symbol as the model states it, e.g. "ng/dL", "pmol/L", "IU/L", or "1" for a pure number.
        public var unit: String
        public var header: String
        public var values: [Double]

        public init(name: String, unit: String, header: String, values: [Double]) {
            self.name = name
            self.unit = unit
            self.header = header
            self.values = values
        }
    }

    public var timesHours: [Double]
    public var columns: [Column]

    public init(timesHours: [Double], columns: [Column]) {
        precondition(columns.allSatisfy { $0.values.count == timesHours.count }, "every column needs one value per time")
        self.timesHours = timesHours
        self.columns = columns
    }

    public var text: String {
        var lines = [(["time_days"] + columns.map(\.header)).map(Self.field).joined(separator: ",")]
        lines.reserveCapacity(timesHours.count + 1)
        for (row, hours) in timesHours.enumerated() {
            lines.append(([formatNumber(hours / 24)] + columns.map { formatNumber($0.values[row]) }).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Quotes a field when RFC 4180 requires it.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
