/// SVG markup, one element per line, attributes in the order given: the same drawing gives the same bytes.
struct SVGText {
    private(set) var lines: [String] = []

    /// Text for character data and attribute values: &, <, > and " escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A pixel coordinate: two decimals.
    static func number(_ value: Double) -> String { NumberText.compact(value, 2) }

    /// `<name a="v" …/>`, or with `text` as its content.
    mutating func element(_ name: String, _ attributes: [(String, String)], text: String? = nil) {
        let list = attributes.map { " \($0.0)=\"\(Self.escape($0.1))\"" }.joined()
        if let text {
            lines.append("<\(name)\(list)>\(Self.escape(text))</\(name)>")
        } else {
            lines.append("<\(name)\(list)/>")
        }
    }

    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        lines.append("<\(name)" + attributes.map { " \($0.0)=\"\(Self.escape($0.1))\"" }.joined() + ">")
    }

    mutating func close(_ name: String) { lines.append("</\(name)>") }

    /// A polyline through points (pixels).
    mutating func polyline(_ points: [(Double, Double)], _ attributes: [(String, String)]) {
        element("polyline", [("points", Self.pointList(points)), ("fill", "none")] + attributes)
    }

    static func pointList(_ points: [(Double, Double)]) -> String {
        points.map { number($0.0) + "," + number($0.1) }.joined(separator: " ")
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ attributes: [(String, String)]) {
        element("line", [("x1", Self.number(x1)), ("y1", Self.number(y1)), ("x2", Self.number(x2)),
                         ("y2", Self.number(y2))] + attributes)
    }

    mutating func text(_ content: String, x: Double, y: Double, _ attributes: [(String, String)] = []) {
        element("text", [("x", Self.number(x)), ("y", Self.number(y))] + attributes, text: content)
    }

    /// Width of a label in pixels, estimated at 0.6 em per character (no font metrics: the estimate must
    /// not depend on the machine).
    static func width(_ text: String, fontSize: Double) -> Double { Double(text.count) * fontSize * 0.6 }
}
