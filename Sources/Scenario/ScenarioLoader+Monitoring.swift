import Foundation
import Yams

/// Reading the `monitoring` block: which labs, when they are drawn, the assay's error and delay, and the rules.
/// Every rule is checked against the scenario it runs in, so that a rule that can never act is an error here,
/// not a silence at run time: its labs must be drawn, its thresholds in the lab's units, its doses in the
/// drug's unit, its regimen one of the scenario's, and some draw's result must be known before the end.
extension Reader {
    static let monitoringKeys = ["labs", "at", "every", "from", "until", "cv", "result_after", "seed", "regimen", "rules"]
    /// Largest `seed`: every whole number up to 2⁵³ is exact in the double YAML numbers are read as.
    static let maximumSeed = 9_007_199_254_740_992.0

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
}
