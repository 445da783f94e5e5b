import Yams

/// A YAML node being read against the scenario schema: it knows its key path and where it is in the file,
/// and every conversion that fails records a problem in the log and returns nil, so reading continues and
/// all problems of a file are reported together.
struct Field {
    let node: Node
    let path: String
    let log: ProblemLog

    var mark: (line: Int, column: Int) { node.mark.map { ($0.line, $0.column) } ?? (1, 1) }

    /// The value as written, for scalars; nil for lists and mappings.
    var written: String? { node.scalar?.string }

    private var shape: String {
        switch node {
        case .mapping: "a mapping (key: value lines)"
        case .sequence: "a list"
        case .scalar, .alias: "a single value"
        }
    }

    func problem(_ message: String, allowed: String? = nil) {
        log.report(at: mark, key: path, value: written, message, allowed: allowed)
    }

    func text(allowed: String = "text") -> String? {
        guard let scalar = node.scalar else {
            problem("expected a single value, found \(shape).", allowed: allowed)
            return nil
        }
        guard !scalar.string.isEmpty else {
            problem("is empty.", allowed: allowed)
            return nil
        }
        return scalar.string
    }

    /// A plain number (no unit), optionally required to be positive or a whole number.
    func number(positive: Bool = false, whole: Bool = false, allowed: String) -> Double? {
        guard let string = text(allowed: allowed) else { return nil }
        guard let value = Double(string) else {
            problem("is not a number.", allowed: allowed)
            return nil
        }
        guard value.isFinite else {
            problem("is not a finite number (doubles reach about 1.8e308).", allowed: allowed)
            return nil
        }
        if whole && value.rounded() != value { problem("must be a whole number.", allowed: allowed); return nil }
        if positive && value <= 0 { problem("must be more than zero.", allowed: allowed); return nil }
        if value < 0 { problem("must not be negative.", allowed: allowed); return nil }
        return value
    }

    enum Sign { case positive, nonNegative, any }

    /// A quantity with a unit of one of `dimensions`, e.g. `1 mg`; `what` names it in messages ("a dose").
    /// `only` narrows the units to some symbols of those dimensions (an age is a time, but written in years).
    func quantity(_ dimensions: [Dimension], sign: Sign, what: String, example: String,
                  only symbols: [String]? = nil) -> Quantity? {
        let units = (symbols ?? QuantityUnit.symbols(of: dimensions)).joined(separator: ", ")
        let signWord = switch sign {
        case .positive: "a positive "
        case .nonNegative: "a zero or positive "
        case .any: "a signed "
        }
        let allowed = "\(signWord)number followed by one of the units \(units), e.g. \"\(example)\"."
        guard let string = text(allowed: allowed) else { return nil }
        switch Quantity.parse(string, dimensions: dimensions) {
        case .failure(.notANumber):
            problem("\(what) must start with a number.", allowed: allowed)
        case .failure(.notFinite):
            problem("the number is not finite (doubles reach about 1.8e308).", allowed: allowed)
        case .failure(.missingUnit):
            problem("\(what) needs a unit.", allowed: allowed)
        case let .failure(.unknownUnit(unit)):
            let spellings = QuantityUnit.all.filter { dimensions.contains($0.dimension) }.flatMap(\.spellings)
            problem("\"\(unit)\" is not a unit hpgsim knows." + didYouMean(unit, among: spellings), allowed: allowed)
        case let .failure(.wrongDimension(unit)):
            let measures = QuantityUnit.dimensionPhrase(of: unit).map { " is \($0), and" } ?? ""
            problem("\"\(unit)\"\(measures) is not a unit for \(what) (\(what) is \(dimensions.map(\.phrase).joined(separator: " or "))).",
                    allowed: allowed)
        case let .success(quantity) where !quantity.baseValue.isFinite:
            let base = QuantityUnit.all.first { $0.dimension == quantity.unit.dimension && $0.toBase == 1 }!.symbol
            problem("\(what) is not finite in \(base), the unit hpgsim computes in (doubles reach about 1.8e308).",
                    allowed: allowed)
        case let .success(quantity):
            switch sign {
            case _ where symbols?.contains(quantity.unit.symbol) == false:
                problem("\(what) is written in \(units).", allowed: allowed)
            case .positive where quantity.value <= 0:
                problem("\(what) must be more than zero.", allowed: allowed)
            case .nonNegative where quantity.value < 0:
                problem("\(what) must not be negative.", allowed: allowed)
            default:
                return quantity
            }
        }
        return nil
    }

    /// One of a fixed set of words (matched without regard to case, clinical aliases such as `po` or `mon`
    /// accepted: `ClinicalAlias`), with a "did you mean" on a near miss.
    func choice<T>(_ options: [(String, T)], what: String) -> T? {
        let names = options.map(\.0)
        let allowed = names.joined(separator: ", ")
        guard let string = text(allowed: allowed) else { return nil }
        if let match = options.first(where: { $0.0.lowercased() == string.lowercased() }) { return match.1 }
        if let word = ClinicalAlias.canonical(string, among: names), let match = options.first(where: { $0.0 == word }) {
            return match.1
        }
        problem("is not a known \(what)." + didYouMean(string, among: names + ClinicalAlias.aliases(of: names)),
                allowed: allowed)
        return nil
    }

    /// One of `names`, as the catalog spells it.
    func choice(_ names: [String], what: String) -> String? {
        choice(names.map { ($0, $0) }, what: what)
    }

    func list(allowed: String) -> [Field]? {
        guard case let .sequence(sequence) = node else {
            problem("expected a list, found \(shape).", allowed: allowed)
            return nil
        }
        return sequence.enumerated().map { Field(node: $1, path: "\(path)[\($0)]", log: log) }
    }

    /// A mapping whose keys must all be among `keys`; unknown keys are reported with a "did you mean".
    /// `describedAs` replaces the list of keys in messages when it would be too long to read.
    /// The known keys of a mapping; an unknown key is reported with a "did you mean", and a key of an earlier
    /// version (`retired`: key → how to update it) with the update to make.
    func object(keys: [String], describedAs description: String? = nil, retired: [String: String] = [:]) -> Object? {
        let allowedKeys = description ?? keys.joined(separator: ", ")
        guard case let .mapping(mapping) = node else {
            problem("expected a mapping (key: value lines), found \(shape).", allowed: allowedKeys)
            return nil
        }
        var fields: [String: Field] = [:]
        var written: [String: String] = [:]   // key → the name it was written as (an alias, or itself)
        var suggested: Set<String> = []
        for (keyNode, valueNode) in mapping {
            let name = keyNode.scalar?.string ?? ""
            let keyField = Field(node: keyNode, path: path.isEmpty ? name : "\(path).\(name)", log: log)
            if let update = retired[name] {
                keyField.problem("is a key of an earlier version of hpgsim: \(update)", allowed: allowedKeys)
                continue
            }
            guard let key = ClinicalAlias.canonical(name, among: keys) else {
                let offered = keys + ClinicalAlias.aliases(of: keys)
                if let suggestion = nearest(name, among: offered) {
                    suggested.insert(ClinicalAlias.canonical(suggestion, among: keys) ?? suggestion)
                }
                keyField.problem("is not a key hpgsim knows here." + didYouMean(name, among: offered),
                                 allowed: allowedKeys)
                continue
            }
            if let first = written[key] {
                keyField.problem("gives \(key) a second time" + (first == name ? "." : " (\(first) and \(name) are the same key)."),
                                 allowed: "each key once")
                continue
            }
            written[key] = name
            fields[key] = Field(node: valueNode, path: keyField.path, log: log)
        }
        return Object(field: self, fields: fields, suggested: suggested)
    }
}

/// The known keys of a mapping, looked up by name.
struct Object {
    let field: Field
    let fields: [String: Field]
    /// Keys offered as "did you mean" for a misspelt key: not reported again as missing.
    let suggested: Set<String>

    subscript(_ key: String) -> Field? { fields[key] }

    /// The value of a key that must be present; a missing key is reported at the mapping.
    func required(_ key: String, allowed: String) -> Field? {
        if let value = fields[key] { return value }
        if suggested.contains(key) { return nil }
        let path = field.path.isEmpty ? key : "\(field.path).\(key)"
        field.log.report(at: field.mark, key: path, value: nil, "is missing.", allowed: allowed)
        return nil
    }
}

/// " Did you mean "x"?" for the closest candidate within a small edit distance, else "".
func didYouMean(_ word: String, among candidates: [String]) -> String {
    nearest(word, among: candidates).map { " Did you mean \"\($0)\"?" } ?? ""
}

/// The candidate closest to `word` by edit distance (ignoring case), if within max(2, length/3) edits.
///
/// The length difference is a lower bound on the edit distance, so a candidate whose length differs by more than
/// its allowance is skipped before the quadratic distance is computed: a 40 kB misspelt key costs nothing (the
/// scenario fuzzer spent seconds here).
func nearest(_ word: String, among candidates: [String]) -> String? {
    let lowered = word.lowercased(), length = lowered.count   // String.count walks the string: once
    let scored = candidates.compactMap { candidate -> (String, Int)? in
        let allowance = max(2, candidate.count / 3)
        guard abs(length - candidate.count) <= allowance else { return nil }
        let distance = editDistance(lowered, candidate.lowercased())
        return distance <= allowance ? (candidate, distance) : nil
    }
    return scored.min(by: { $0.1 < $1.1 })?.0
}

/// Levenshtein distance: the fewest single-character insertions, deletions and substitutions turning a into b.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...max(b.count, 1) where !b.isEmpty {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
