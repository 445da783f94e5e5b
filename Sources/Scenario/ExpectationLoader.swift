import Foundation

/// Reading the `expect` block (see `Expectations`).
extension Reader {
    static let relationKeys = ["rise", "fall", "not_fall", "below", "above"]

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
        for key in ["below", "above"] {
            guard let entry = object[key], let other = entry.object(keys: ["scenario", "observables"]) else { continue }
            let directory = URL(fileURLWithPath: file).deletingLastPathComponent()
            let path = other.required("scenario", allowed: "another scenario file, relative to this one")?
                .text(allowed: "a path").map { directory.appendingPathComponent($0).standardized.path }
            if let path, !FileManager.default.fileExists(atPath: path), let field = other["scenario"] {
                field.problem("there is no such scenario file (looked for \(path)).", allowed: "a path relative to this file")
            }
            let list = other.required("observables", allowed: "a list of observables").flatMap(observables) ?? []
            guard let path else { continue }
            checks += list.map { Expectations.Check(observable: $0, relation: key == "below" ? .below(path) : .above(path)) }
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
    public static func table(_ results: [ExpectationResult]) -> TextTable {
        var table = TextTable(header: ["scenario", "observable", "expected", "days", "simulated", "compared with", "result"])
        for r in results {
            table.append([
                r.scenario, r.observable, r.relation.label,
                "\(formatNumber(r.fromDays, significantDigits: 4))–\(formatNumber(r.toDays, significantDigits: 4))",
                "\(formatNumber(r.simulated, significantDigits: 4)) \(r.unit)",
                "\(formatNumber(r.reference, significantDigits: 4)) \(r.unit)",
                r.pass ? "pass" : "FAIL",
            ])
        }
        return table
    }

    /// One JSON object per line: scenario, observable, expectation, from_days, to_days, simulated, reference,
    /// unit, pass, source.
    public static func jsonLine(_ r: ExpectationResult) -> String {
        func number(_ x: Double) -> String { JSONText.number(x, significantDigits: 10) }
        return JSONText.object([
            "scenario": JSONText.string(r.scenario), "observable": JSONText.string(r.observable),
            "expectation": JSONText.string(r.relation.label),
            "from_days": number(r.fromDays), "to_days": number(r.toDays),
            "simulated": number(r.simulated), "reference": number(r.reference),
            "unit": JSONText.string(r.unit), "pass": JSONText.bool(r.pass),
            "source": JSONText.string(r.source),
        ])
    }
}
