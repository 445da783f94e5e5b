/// One thing wrong in a scenario file: where (file, line, column), which key, the value found, what is wrong
/// and what would be allowed.
///
/// Printed as a compiler-style line, so editors can jump to it:
///
///     scenarios/x.yaml:12:11: regimens[1].dose: "0 mg" — a dose must be more than zero.
///       Allowed: a positive amount with one of mg, µg, ng, g, IU, e.g. "1 mg".
public struct ScenarioProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// Dotted path of the key, e.g. `regimens[1].dose`.
    public var key: String
    /// The offending value as written, or nil when the problem is a missing key.
    public var value: String?
    public var message: String
    public var allowed: String?

    public var description: String {
        // Problems with the file as a whole (unreadable, empty) have no position and no key.
        var text = line == 0 ? file : "\(file):\(line):\(column): \(key)"
        if let value { text += ": \"\(value)\"" }
        text += " — \(message)"
        if let allowed { text += "\n  Allowed: \(allowed)" }
        return text
    }
}

/// All the problems found in one or more scenario files; thrown only when there is at least one.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var problems: [ScenarioProblem]

    public var description: String {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        let files = Set(problems.map(\.file)).sorted().joined(separator: ", ")
        return "\(count) in \(files):\n" + problems.map(\.description).joined(separator: "\n")
    }
}

/// Collects problems while a file is read, so that every problem is reported at once.
final class ProblemLog {
    let file: String
    private(set) var problems: [ScenarioProblem] = []

    init(file: String) { self.file = file }

    /// The problems in file order.
    var sorted: [ScenarioProblem] { problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) } }

    func report(at mark: (line: Int, column: Int), key: String, value: String?, _ message: String,
                allowed: String? = nil) {
        problems.append(ScenarioProblem(file: file, line: mark.line, column: mark.column, key: key,
                                        value: value, message: message, allowed: allowed))
    }
}
