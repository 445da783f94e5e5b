import Foundation
import Yams

/// Reading the `monitoring` block: which labs, when they are drawn, the assay's error and delay, and the rules.
/// Every rule is checked against the scenario it runs in, so that a rule that can never act is an error here,
/// not a silence at run time: its labs must be drawn, its thresholds in the lab's units, its doses in the
/// drug's unit, its regimen one of the scenario's, and some draw's result must be known before the end.
extension Reader {
    static let monitoringKeys = ["labs", "at", "every", "from", "until", "cv", "result_after", "seed", "regimen", "rules"]
    static let ruleKeys = ["if", "then", "regimen"]
    static let changeKeys = ["dose", "every", "times_per_week", "on", "switch", "route"]
    /// Largest `seed`: every whole number up to 2⁵³ is exact in the double YAML numbers are read as.
    static let maximumSeed = 9_007_199_254_740_992.0

    static let conditionHelp = "a lab, one of <, <=, >, >= and a value in one of the lab's units, e.g. "
        + "\"estradiol < 15 pg/mL\" or \"T_E2_ratio < 10\"; several joined by \"and\""
    static let changeHelp = "stop, or a mapping with dose, a schedule (every, times_per_week or on) and/or switch "
        + "(with dose and route), e.g. {dose: 0.5 mg} or {times_per_week: 3} or {switch: letrozole, dose: 2.5 mg}"

    func monitoringBlock(_ field: Field, regimens: [Regimen]?, simulationEnd end: Double?) -> Monitoring? {
        guard let object = field.object(keys: Self.monitoringKeys) else { return nil }
        let drugs = (regimens?.map(\.drug) ?? []) + switchTargets(field.node)
        let observables = catalog.outputObservables(drugs: drugs)
        let labs = object.required("labs", allowed: "a list of labs, e.g. [estradiol, testosterone]")
            .flatMap { labList($0, observables: observables) }
        let cv = object["cv"].map {
            $0.quantity([.fraction], sign: .nonNegative, what: "an assay CV", example: "10 %")?.baseValue
        } ?? 0
        if let field = object["cv"], let value = cv, value > 1 {
            field.problem("is more than any assay's coefficient of variation.", allowed: "from 0 % to 100 %")
        }
        let delay = object["result_after"].map {
            $0.quantity([.time], sign: .nonNegative, what: "a delay", example: "3 d")?.baseValue
        } ?? 0
        let seed = object["seed"].map {
            $0.number(whole: true, allowed: "a whole number from 0 to 2^53, e.g. 1")
        } ?? Double(Monitoring.defaultSeed)
        if let field = object["seed"], let value = seed, value > Self.maximumSeed {
            field.problem("is more than a seed may be.", allowed: "a whole number from 0 to 2^53")
        }
        let times = drawTimes(object, delay: delay ?? 0, end: end)
        let target = object["regimen"].flatMap { regimenIndex($0, regimens: regimens) }
        let rules = object.required("rules", allowed: "a list of rules, each \"- if: <condition>\" with \"then: <change>\"")
            .flatMap { field in
                self.rules(field, labs: labs, observables: observables, regimens: regimens, defaultRegimen: target,
                           blockRegimen: object["regimen"], end: end,
                           firstResult: times?.first.map { $0 + (delay ?? 0) })
            }
        guard let labs, let cv, let delay, let seed, let times, let rules, log.problems.isEmpty else { return nil }
        return Monitoring(labs: labs, drawTimes: times, cv: cv, resultDelay: delay, seed: UInt64(seed), rules: rules)
    }

    /// The drugs named by `switch` in the rules (read loosely here: only to know which observables exist).
    func switchTargets(_ monitoring: Node?) -> [String] {
        guard case let .sequence(items)? = monitoring?.mapping?["rules"] else { return [] }
        return items.compactMap { item in
            guard let drug = item.mapping?["then"]?.mapping?["switch"]?.scalar?.string else { return nil }
            return catalog.drugs.first { $0.name.lowercased() == drug.lowercased() }?.name
        }
    }

    func labList(_ field: Field, observables: [String]) -> [String]? {
        let allowed = observables.joined(separator: ", ")
        guard let items = field.list(allowed: "a list of labs from: " + allowed) else { return nil }
        if items.isEmpty { field.problem("lists no lab.", allowed: allowed); return nil }
        let labs = items.map { $0.choice(observables, what: "lab (an observable of this scenario)") }
        guard !labs.contains(where: { $0 == nil }) else { return nil }
        let names = labs.compactMap { $0 }
        if Set(names).count < names.count { field.problem("names a lab twice.", allowed: allowed); return nil }
        return names
    }

    /// `at: [times]`, or `every` with optional `from` (default: one interval in) and `until` (default: the end);
    /// only draws whose result is known before the end of the simulation.
    func drawTimes(_ object: Object, delay: Double, end: Double?) -> [Double]? {
        let at = object["at"], every = object["every"]
        let help = "either at: [6 weeks, 12 weeks] or every: 6 weeks (with optional from and until)"
        if let at, every != nil {
            at.problem("draws are given by at or by every, not both.", allowed: help)
            return nil
        }
        if let at {
            for key in ["from", "until"] {
                object[key]?.problem("applies to every, not to at.", allowed: "remove it, or use every")
            }
            guard let items = at.list(allowed: "a list of times, e.g. [6 weeks, 12 weeks]") else { return nil }
            if items.isEmpty { at.problem("lists no time.", allowed: "at least one time, e.g. [6 weeks]") }
            let times = items.map { item -> Double? in
                guard let time = item.quantity([.time], sign: .nonNegative, what: "a draw time", example: "6 weeks")?
                    .baseValue else { return nil }
                if let end, time + delay >= end {
                    item.problem(resultTooLate(time, delay: delay, end: end), allowed: knownBeforeEnd(delay: delay, end: end))
                    return nil
                }
                return time
            }
            guard !items.isEmpty, !times.contains(where: { $0 == nil }) else { return nil }
            let sorted = times.compactMap { $0 }.sorted()
            if zip(sorted, sorted.dropFirst()).contains(where: { $0 == $1 }) {
                at.problem("names a time twice.", allowed: "each draw time once")
                return nil
            }
            return tooManyDraws(sorted, at) ? nil : sorted
        }
        guard let every else {
            _ = object.required("at", allowed: help)
            return nil
        }
        let interval = every.quantity([.time], sign: .positive, what: "a draw interval", example: "6 weeks")?.baseValue
        var from = interval, until = end
        if let field = object["from"] {
            from = field.quantity([.time], sign: .nonNegative, what: "a first draw time", example: "6 weeks")?.baseValue
        }
        if let field = object["until"] {
            until = field.quantity([.time], sign: .positive, what: "a last draw time", example: "6 months")?.baseValue
        }
        guard let interval, let from, let end, let until else { return nil }
        if let field = object["until"], until < from {
            field.problem("is before the first draw (day \(formatNumber(from / 24))).", allowed: "a time after from")
            return nil
        }
        // Counted as a real number first, so that no conversion to Int can overflow on a tiny interval.
        let last = min(until, end - delay)
        let count = last < from ? 0 : ((last - from) / interval * (1 + 1e-12)).rounded(.down) + 1
        if count > Double(Monitoring.maximumDraws) {
            every.problem("gives \(formatNumber(count)) draws, more than a monitoring block may take.",
                          allowed: "at most \(Monitoring.maximumDraws) draws (a longer interval, or from/until)")
            return nil
        }
        // A draw whose result comes at the end itself cannot change a dose either.
        let times = (0..<Int(count)).map { from + Double($0) * interval }.filter { $0 + delay < end }
        if times.isEmpty {
            (object["from"] ?? every).problem(resultTooLate(from, delay: delay, end: end),
                                              allowed: knownBeforeEnd(delay: delay, end: end))
            return nil
        }
        return times
    }

    func resultTooLate(_ time: Double, delay: Double, end: Double) -> String {
        "the result of a draw on day \(formatNumber(time / 24)) is known on day \(formatNumber((time + delay) / 24)), "
            + "not before the end of the simulation (day \(formatNumber(end / 24))), so no rule could act on it."
    }

    func knownBeforeEnd(delay: Double, end: Double) -> String {
        "draws before day \(formatNumber((end - delay) / 24)) (the end of the simulation less result_after)"
    }

    func tooManyDraws(_ times: [Double], _ field: Field) -> Bool {
        guard times.count > Monitoring.maximumDraws else { return false }
        field.problem("gives \(times.count) draws, more than a monitoring block may take.",
                      allowed: "at most \(Monitoring.maximumDraws) draws")
        return true
    }

    /// The regimen a `regimen:` names: its `name`, or its drug when one regimen gives that drug.
    func regimenIndex(_ field: Field, regimens: [Regimen]?) -> Int? {
        guard let regimens, let text = field.text(allowed: "the name or drug of one of the regimens") else { return nil }
        let labels = regimens.map(\.label)
        let allowed = "one of the regimens: " + labels.joined(separator: ", ")
            + " (a regimen's name:, or its drug when one regimen gives it)"
        let matches = regimens.indices.filter { regimens[$0].label.lowercased() == text.lowercased() }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 {
            field.problem("names \(matches.count) regimens.", allowed: "give the regimens different name: keys; "
                          + allowed)
        } else {
            field.problem("is not a regimen of this scenario." + didYouMean(text, among: labels), allowed: allowed)
        }
        return nil
    }

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
        let spelled: [(String, LabCondition.Order)] = [("<=", .atMost), (">=", .atLeast), ("≤", .atMost), ("≥", .atLeast),
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
        return LabCondition(lab: lab, order: order, threshold: threshold)
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
