import Foundation

/// Reading the `expect` block, or a list of blocks (see `Expectations`).
extension Reader {
    static let relationKeys = ["rise", "fall", "not_fall", "below", "above", "at_most_fraction_of_baseline",
                               "change_smaller_than", "below_fraction_of"]

    /// One block (a mapping) or a list of them.
    func expectBlocks(_ field: Field, file: String, drugs: [String], simulationEnd: Double?) -> [Expectations] {
        guard case .sequence = field.node else {
            return expectBlock(field, file: file, drugs: drugs, simulationEnd: simulationEnd).map { [$0] } ?? []
        }
        let list = field.list(allowed: "a list of expect blocks, each with source, from, to and relations") ?? []
        if list.isEmpty { field.problem("lists no expect blocks.", allowed: "one or more \"- source: …\" blocks") }
        return list.compactMap { expectBlock($0, file: file, drugs: drugs, simulationEnd: simulationEnd) }
    }

    func expectBlock(_ field: Field, file: String, drugs: [String], simulationEnd: Double?) -> Expectations? {
        guard let object = field.object(keys: ["source", "from", "to"] + Reader.relationKeys) else { return nil }
        let source = object.required("source", allowed: "where the stated behaviour comes from, e.g. \"seed 004\"")?
            .text(allowed: "the document or study that states the behaviour")
        let time = { (key: String) in
            object.required(key, allowed: "a time, e.g. \"3 months\"")?
                .quantity([.time], sign: .nonNegative, what: "a time", example: "3 months")?.baseValue
        }
        let from = time("from"), to = time("to")
        if let from, let to, to < from, let field = object["to"] {
            field.problem("the window ends before it begins.", allowed: "to at or after from")
        }
        if let end = simulationEnd, let to, to > end, let field = object["to"] {
            field.problem("is after the end of the simulation (\(formatNumber(end / 24)) d).",
                          allowed: "a time within the simulated span")
        }
        let names = catalog.outputObservables(drugs: drugs)
        func observables(_ field: Field) -> [String]? {
            guard let list = field.list(allowed: "a list of observables, e.g. [testosterone, LH]") else { return nil }
            let chosen = list.compactMap { $0.choice(names, what: "observable for a scenario with these drugs") }
            return chosen.count == list.count ? chosen : nil
        }
        var checks: [Expectations.Check] = []
        for (key, relation) in [("rise", Expectations.Relation.rise), ("fall", .fall), ("not_fall", .notFall)] {
            guard let list = object[key] else { continue }
            checks += (observables(list) ?? []).map { Expectations.Check(observable: $0, relation: relation) }
        }
        if let entry = object["at_most_fraction_of_baseline"],
           let fractions = entry.object(keys: names, describedAs: "observables with a percentage, e.g. {LH: 10 %}") {
            for name in names {
                guard let fraction = fractions[name]?.quantity([.fraction], sign: .positive, what: "a fraction of day 0",
                                                               example: "10 %") else { continue }
                checks.append(Expectations.Check(observable: name, relation: .atMostFractionOfBaseline(fraction.baseValue)))
            }
        }
        for key in ["below", "above", "change_smaller_than", "below_fraction_of"] {
            guard let entry = object[key] else { continue }
            let takesFactor = key == "change_smaller_than"
            guard let other = entry.object(keys: ["scenario", "observables"] + (takesFactor ? ["factor"] : [])) else { continue }
            let directory = URL(fileURLWithPath: file).deletingLastPathComponent()
            let path = other.required("scenario", allowed: "another scenario file, relative to this one")?
                .text(allowed: "a path").map { directory.appendingPathComponent($0).standardized.path }
            if let path, !FileManager.default.fileExists(atPath: path), let field = other["scenario"] {
                field.problem("there is no such scenario file (looked for \(path)).", allowed: "a path relative to this file")
            }
            let factor = other["factor"].map { $0.number(positive: true, allowed: "a number more than zero, e.g. 1.3") } ?? 1
            let list = other.required("observables", allowed: "a list of observables").flatMap(observables) ?? []
            guard let path, let factor else { continue }
            checks += list.map { observable in
                let relation: Expectations.Relation = switch key {
                case "below": .below(path)
                case "above": .above(path)
                case "change_smaller_than": .changeSmallerThan(path, factor: factor)
                default: .belowFractionOf(path)
                }
                return Expectations.Check(observable: observable, relation: relation)
            }
        }
        if Reader.relationKeys.allSatisfy({ object[$0] == nil }) {
            field.problem("states no expectation.", allowed: Reader.relationKeys.joined(separator: ", "))
        }
        guard let source, let from, let to else { return nil }
        return Expectations(source: source, from: from, to: to, checks: checks)
    }
}

/// How expectation results are shown by `hpgsim validate`.
public enum ExpectationReport {
    /// One row per check: the window mean and day-0 value, then the rule as evaluated (statistic, order, bound).
    public static func table(_ results: [ExpectationResult]) -> TextTable {
        var table = TextTable(header: ["scenario", "observable", "expected", "days", "mean", "day 0", "checked", "result"])
        for r in results {
            let rule = r.relation.rule
            table.append([
                r.scenario, r.observable, r.relation.label,
                "\(formatNumber(r.fromDays, significantDigits: 4))–\(formatNumber(r.toDays, significantDigits: 4))",
                "\(formatNumber(r.mean, significantDigits: 4)) \(r.unit)",
                "\(formatNumber(r.baseline, significantDigits: 4)) \(r.unit)",
                "\(statistic(r.value, rule.statistic, r.unit)) \(rule.order.rawValue) \(statistic(r.bound, rule.statistic, r.unit))",
                r.pass ? "pass" : "FAIL",
            ])
        }
        return table
    }

    /// A statistic as read: "12.3 pg/mL", "8.1 % of day 0", "|Δ| 40 %".
    static func statistic(_ x: Double, _ statistic: Expectations.Statistic, _ unit: String) -> String {
        switch statistic {
        case .mean: "\(formatNumber(x, significantDigits: 4)) \(unit)"
        case .fractionOfBaseline: "\(formatNumber(x * 100, significantDigits: 3)) % of day 0"
        case .sizeOfChange: "|Δ| \(formatNumber(x * 100, significantDigits: 3)) %"
        }
    }

    /// One JSON object per line: scenario, observable, expectation, from_days, to_days, simulated (the window
    /// mean), baseline (day 0), statistic (mean, fraction_of_baseline, size_of_change), value (the statistic),
    /// order, bound, unit, pass, source.
    public static func jsonLine(_ r: ExpectationResult) -> String {
        func number(_ x: Double) -> String { JSONText.number(x, significantDigits: 10) }
        let rule = r.relation.rule
        let statistic = switch rule.statistic {
        case .mean: "mean"
        case .fractionOfBaseline: "fraction_of_baseline"
        case .sizeOfChange: "size_of_change"
        }
        return JSONText.object([
            "scenario": JSONText.string(r.scenario), "observable": JSONText.string(r.observable),
            "expectation": JSONText.string(r.relation.label),
            "from_days": number(r.fromDays), "to_days": number(r.toDays),
            "simulated": number(r.mean), "baseline": number(r.baseline),
            "statistic": JSONText.string(statistic), "value": number(r.value),
            "order": JSONText.string(rule.order.rawValue), "bound": number(r.bound),
            "unit": JSONText.string(r.unit), "pass": JSONText.bool(r.pass),
            "source": JSONText.string(r.source),
        ])
    }
}
