import HPG

/// A threshold on an observable, as clinicians write it: `estradiol < 15 pg/mL`, `T_E2_ratio > 10`,
/// `T >= 300 ng/dL` (the observable by its name or clinical shorthand, one of < ≤ <= > ≥ >=, a number and the
/// observable's conventional or SI unit, none for a pure number).
public struct LabCondition: Sendable, Equatable, CustomStringConvertible {
    public enum Comparison: String, Sendable, CaseIterable { case below = "<", atMost = "<=", above = ">", atLeast = ">=" }

    public var observable: String
    public var comparison: Comparison
    /// Conventional unit.
    public var threshold: Double
    /// As written.
    public var text: String

    public var description: String { text }

    public func holds(_ value: Double) -> Bool {
        switch comparison {
        case .below: value < threshold
        case .atMost: value <= threshold
        case .above: value > threshold
        case .atLeast: value >= threshold
        }
    }

    public init(observable: String, comparison: Comparison, threshold: Double, text: String) {
        self.observable = observable
        self.comparison = comparison
        self.threshold = threshold
        self.text = text
    }

    public struct ParseError: Error, CustomStringConvertible {
        public var description: String
    }

    public init(parsing text: String, observables: [ObservableSpec]) throws(ParseError) {
        let normalised = text.replacingOccurrences(of: "≤", with: "<=").replacingOccurrences(of: "≥", with: ">=")
        let allowed = "\"OBSERVABLE OP NUMBER UNIT\" with OP one of <, <=, >, >= (≤ ≥ too), e.g. \"estradiol < 15 pg/mL\""
            + " or \"T_E2_ratio > 10\""
        guard let op = ["<=", ">=", "<", ">"].first(where: { normalised.contains($0) }),
              let range = normalised.range(of: op) else {
            throw ParseError(description: "\"\(text)\" has no comparison. Allowed: \(allowed).")
        }
        let word = normalised[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
        let rest = normalised[range.upperBound...].split(separator: " ", maxSplits: 1).map(String.init)
        let names = observables.map(\.name)
        guard let name = names.first(where: { $0.lowercased() == word.lowercased() }) ?? ClinicalAlias.canonical(word, among: names),
              let spec = observables.first(where: { $0.name == name }) else {
            throw ParseError(description: "\"\(text)\": \"\(word)\" is not an observable. Allowed: one of "
                             + names.joined(separator: ", ") + ".")
        }
        guard let number = rest.first.flatMap(Double.init), number.isFinite else {
            throw ParseError(description: "\"\(text)\" has no number after \(op). Allowed: \(allowed).")
        }
        // A pure number or a ratio may leave its unit out, as in scenario files (`ScenarioCatalog.Observable`).
        let omitted = ScenarioCatalog.hpg.observables.first { $0.name == name }?.unitWhenOmitted
        let unit = rest.count > 1 ? rest[1].trimmingCharacters(in: .whitespaces) : omitted ?? ""
        let units = spec.unit == spec.siUnit ? [spec.unit] : [spec.unit, spec.siUnit]
        guard units.contains(unit) else {
            throw ParseError(description: "\"\(text)\": \"\(unit)\" is not a unit of \(name). Allowed: "
                             + units.joined(separator: " or ") + ".")
        }
        observable = name
        comparison = Comparison(rawValue: op)!
        threshold = unit == spec.unit ? number : number / spec.siFactor
        self.text = text
    }
}
