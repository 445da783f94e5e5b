import HPG
import Foundation
import Yams

/// Reading the rules of a `monitoring` block: each `if` (conditions on drawn labs, in their units, joined by
/// `and`), its `then` (stop, or a dose, schedule or drug for the regimen) and the regimen it changes.
extension Reader {
    static let ruleKeys = ["if", "then", "regimen"]
    static let changeKeys = ["dose", "every", "times_per_week", "on", "switch", "route"]
    static let conditionHelp = "a lab, one of <, <=, >, >= and a value in one of the lab's units, e.g. "
        + "\"estradiol < 15 pg/mL\" or \"T_E2_ratio < 10\"; several joined by \"and\""
    static let changeHelp = "stop, or a mapping with dose, a schedule (every, times_per_week or on) and/or switch "
        + "(with dose and route), e.g. {dose: 0.5 mg} or {times_per_week: 3} or {switch: letrozole, dose: 2.5 mg}"

    func rules(_ field: Field, labs: [String]?, observables: [String], regimens: [Regimen]?, defaultRegimen: Int?,
               blockRegimen: Field?, end: Double?, firstResult: Double?) -> [MonitoringRule]? {
        guard let items = field.list(allowed: "a list of rules, each \"- if: <condition>\" with \"then: <change>\"")
        else { return nil }
        if items.isEmpty { field.problem("lists no rule.", allowed: "at least one rule, e.g. \"- if: estradiol < 15 pg/mL\"") }
        let rules = items.enumerated().map { k, item in
            rule(item, number: k + 1, labs: labs, observables: observables, regimens: regimens,
                 defaultRegimen: defaultRegimen, blockRegimen: blockRegimen, end: end, firstResult: firstResult)
        }
        guard !items.isEmpty, !rules.contains(where: { $0 == nil }) else { return nil }
        return rules.compactMap { $0 }
    }

    func rule(_ field: Field, number: Int, labs: [String]?, observables: [String], regimens: [Regimen]?,
              defaultRegimen: Int?, blockRegimen: Field?, end: Double?, firstResult: Double?) -> MonitoringRule? {
        guard let object = field.object(keys: Self.ruleKeys) else { return nil }
        let condition = object.required("if", allowed: Self.conditionHelp)
        let conditions = condition.flatMap { self.conditions($0, labs: labs, observables: observables) }
        var regimen: Int?
        if let named = object["regimen"] {
            regimen = regimenIndex(named, regimens: regimens)
        } else if let defaultRegimen {
            regimen = defaultRegimen
        } else if let regimens, blockRegimen == nil {
            if regimens.count == 1 {
                regimen = 0
            } else {
                field.problem("does not say which regimen it changes, and the scenario has \(regimens.count).",
                              allowed: "regimen: one of " + regimens.map(\.label).joined(separator: ", ")
                                  + " (in the rule, or once for all rules in the monitoring block)")
            }
        }
        let then = object.required("then", allowed: Self.changeHelp)
        let change = then.flatMap { self.change($0, regimen: regimen.flatMap { regimens?[$0] }, end: end) }
        guard let condition, let then, let conditions, let regimen, let change else { return nil }
        // A regimen whose doses are all given before the first result is known has nothing left to change.
        if let regimens, let end, let firstResult,
           let last = regimens[regimen].doseTimes(until: end).last, last < firstResult {
            then.problem("the regimen \(regimens[regimen].label) gives its last dose on day \(formatNumber(last / 24)), "
                         + "before the first result is known (day \(formatNumber(firstResult / 24))), so the rule could never change it.",
                         allowed: "draws while the regimen is still given, or a longer regimen")
            return nil
        }
        return MonitoringRule(number: number, text: "if \(condition.written ?? "") then \(Self.flowText(then.node))",
                              line: condition.mark.line, conditions: conditions, regimen: regimen, change: change)
    }

    /// A node written on one line, as YAML's flow style would: `{dose: 0.5 mg}`, `stop`.
    static func flowText(_ node: Node) -> String {
        switch node {
        case let .scalar(scalar): scalar.string
        case let .mapping(mapping): "{" + mapping.map { "\($0.key.scalar?.string ?? ""): \(flowText($0.value))" }
            .joined(separator: ", ") + "}"
        case let .sequence(sequence): "[" + sequence.map(flowText).joined(separator: ", ") + "]"
        case .alias: ""
        }
    }

    /// `estradiol < 15 pg/mL and T_E2_ratio < 10`.
    func conditions(_ field: Field, labs: [String]?, observables: [String]) -> [LabCondition]? {
        guard let text = field.text(allowed: Self.conditionHelp) else { return nil }
        let parts = text.split(separator: /\s+[aA][nN][dD]\s+/).map { $0.trimmingCharacters(in: .whitespaces) }
        let conditions = parts.map { self.condition($0, field: field, labs: labs, observables: observables) }
        guard !conditions.contains(where: { $0 == nil }) else { return nil }
        return conditions.compactMap { $0 }
    }

    func condition(_ text: String, field: Field, labs: [String]?, observables: [String]) -> LabCondition? {
        // The longest operators first, so that "<=" is not read as "<" followed by "= 15".
        let spelled: [(String, LabCondition.Comparison)] = [("<=", .atMost), (">=", .atLeast), ("≤", .atMost), ("≥", .atLeast),
                                                            ("<", .below), (">", .above)]
        guard let (symbol, order) = spelled.first(where: { text.contains($0.0) }),
              let range = text.range(of: symbol) else {
            field.problem("\"\(text)\" compares nothing.", allowed: Self.conditionHelp)
            return nil
        }
        let written = text[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
        let value = text[range.upperBound...].trimmingCharacters(in: .whitespaces)
        let lab = observables.first { $0.lowercased() == written.lowercased() }
            ?? ClinicalAlias.canonical(written, among: observables)
        guard let lab else {
            field.problem("\"\(written)\" is not a lab of this scenario."
                          + didYouMean(written, among: observables + ClinicalAlias.aliases(of: observables)),
                          allowed: observables.joined(separator: ", "))
            return nil
        }
        if let labs, !labs.contains(lab) {
            field.problem("reads \(lab), which is not drawn, so the rule could never fire.",
                          allowed: "a lab of monitoring.labs (\(labs.joined(separator: ", "))), or add \(lab) to them")
            return nil
        }
        guard let threshold = measurement(field, observable: lab, text: value) else { return nil }
        if order == .below && threshold.value == 0 {
            field.problem("\(lab) is never below 0, so the rule could never fire.", allowed: "a threshold above 0")
            return nil
        }
        // The threshold in the lab's conventional unit, the unit labs are compared in.
        guard let spec = HPGModel(drugs: DrugRegistry.all).observables.first(where: { $0.name == lab }) else { return nil }
        return LabCondition(observable: lab, comparison: order, threshold: threshold.unit == spec.unit ? threshold.value
                                : threshold.value / spec.siFactor, text: text)
    }

    /// `stop`, or `{dose, every | times_per_week | on, switch, route}` for the regimen the rule changes.
    func change(_ field: Field, regimen: Regimen?, end: Double?) -> RegimenChange? {
        if case .scalar = field.node {
            guard field.written?.lowercased() == "stop" else {
                field.problem("is not a change hpgsim knows.", allowed: Self.changeHelp)
                return nil
            }
            return RegimenChange(stop: true)
        }
        guard let object = field.object(keys: Self.changeKeys) else { return nil }
        if object.fields.isEmpty { field.problem("changes nothing.", allowed: Self.changeHelp); return nil }
        let switched = object["switch"].map { $0.choice(catalog.drugs.map { ($0.name, $0) }, what: "drug") }
        let drug = switched ?? regimen.flatMap { regimen in catalog.drugs.first { $0.name == regimen.drug } }
        if switched != nil, object["dose"] == nil {
            _ = object.required("dose", allowed: "the new drug's dose, e.g. \"2.5 mg\"")
        }
        let dose = object["dose"].map { self.dose($0, of: drug ?? nil) }
        var route: String??
        if switched != nil || object["route"] != nil {
            route = (drug ?? nil).map { routeOf(object, drug: $0) }
        }
        var schedule: Regimen.Schedule?? = .some(nil)
        if Reader.scheduleKeys.contains(where: { object[$0] != nil }) {
            schedule = scheduleOf(object).map { .some($0) }
        }
        // Bounded as a regimen is: the new schedule over the whole simulation (counted as a real number).
        if case .every(let hours)?? = schedule, let end, let field = object["every"] ?? object["times_per_week"],
           !(end / hours <= Double(Reader.maximumDoses)) {
            tooManyDoses(field, end / hours)
            return nil
        }
        if let regimen, case .once = regimen.schedule, let field = object["dose"] ?? object["every"]
            ?? object["times_per_week"] ?? object["on"] ?? object["switch"] {
            field.problem("the regimen \(regimen.label) is a single dose, so there is no next dose to change.",
                          allowed: "a rule on a regimen with a schedule (every, times_per_week, on or ii)")
            return nil
        }
        if case .some(nil) = switched { return nil }
        guard dose != .some(nil), route != .some(nil), let schedule else { return nil }
        return RegimenChange(drug: (switched ?? nil)?.name, route: route ?? nil, dose: dose ?? nil, schedule: schedule)
    }
}
