/// JSON text (RFC 8259) for the JSON-lines outputs of `validate` and `bench`: one object per line, keys in a
/// fixed order, null for a number that is missing or not finite (JSON has no NaN or infinity).
public enum JSONText {
    /// A JSON string: quotes, backslashes and control characters escaped.
    public static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A JSON number: Swift's shortest round-trip form, or `significantDigits` significant digits.
    public static func number(_ x: Double?, significantDigits: Int? = nil) -> String {
        guard let x, x.isFinite else { return "null" }
        guard let digits = significantDigits else { return "\(x)" }
        return formatNumber(x, significantDigits: digits)
    }

    public static func array(_ xs: [Double]) -> String { "[" + xs.map { number($0) }.joined(separator: ",") + "]" }

    public static func bool(_ b: Bool) -> String { b ? "true" : "false" }

    /// An object from (key, already-encoded value) pairs, in the given order.
    public static func object(_ fields: KeyValuePairs<String, String>) -> String {
        "{" + fields.map { "\(string($0.key)):\($0.value)" }.joined(separator: ",") + "}"
    }
}
