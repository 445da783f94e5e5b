import Foundation
import Yams

/// Reads scenario files strictly: every key must be known, every value of the right kind, with its unit, in
/// range, and naming a drug, profile, observable or parameter the model has. All problems of a file are
/// collected and thrown together as a `ScenarioError`; nothing is simulated from a file with any problem.
public struct ScenarioLoader: Sendable {
    public let catalog: ScenarioCatalog

    public init(catalog: ScenarioCatalog) { self.catalog = catalog }

    public func load(path: String) throws(ScenarioError) -> Scenario {
        let unreadable = { (reason: String) in
            ScenarioError(problems: [ScenarioProblem(file: path, line: 0, column: 0, key: "", value: nil,
                                                     message: reason, allowed: "a readable YAML file (.yaml or .yml)")])
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw unreadable("there is no such file (looked in \(FileManager.default.currentDirectoryPath)).")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw unreadable("cannot be read.") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw unreadable("is not text in UTF-8 (is it a YAML file?).")
        }
        return try parse(text, file: path)
    }

    /// Parses scenario text; `file` is used for the scenario's name and in messages.
    public func parse(_ text: String, file: String) throws(ScenarioError) -> Scenario {
        let log = ProblemLog(file: file)
        let root: Node
        do {
            // The basic resolver tags every scalar as a string: the schema, not YAML's implicit typing, decides
            // what a value means (and the default resolver's seven regular expressions cost a few ms per run).
            guard let node = try Yams.compose(yaml: text, .basic) else {
                log.report(at: (1, 1), key: "(file)", value: nil, "is empty.", allowed: Self.topLevelHelp)
                throw ScenarioError(problems: log.problems)
            }
            root = node
        } catch let error as ScenarioError {
            throw error
        } catch {
            let duplicate = if case .duplicatedKeysInMapping? = error as? YamlError { true } else { false }
            log.report(at: Self.mark(of: error), key: "(file)", value: nil,
                       "is not valid YAML: \(Self.yamlProblem(error))",
                       allowed: duplicate ? "each key once in a mapping (a second regimen starts with its own \"- drug:\")"
                           : "YAML: \"key: value\" lines, lists as \"- item\" lines, indentation with spaces")
            throw ScenarioError(problems: log.problems)
        }
        let reader = Reader(catalog: catalog, log: log)
        let scenario = reader.scenario(Field(node: root, path: "", log: log), file: file)
        guard log.problems.isEmpty, let scenario else { throw ScenarioError(problems: log.sorted) }
        return scenario
    }

    static let topLevelHelp = "the keys title, patient, regimens, simulation, output, reported, expect, population"

    private static func mark(of error: Error) -> (line: Int, column: Int) {
        switch error as? YamlError {
        case let .scanner(_, _, mark, _)?, let .parser(_, _, mark, _)?, let .composer(_, _, mark, _)?:
            (mark.line, mark.column)
        case let .duplicatedKeysInMapping(_, context)?:
            (context.mark.line, context.mark.column)
        default:
            (1, 1)
        }
    }

    private static func yamlProblem(_ error: Error) -> String {
        switch error as? YamlError {
        case let .scanner(context, problem, _, _)?, let .parser(context, problem, _, _)?,
             let .composer(context, problem, _, _)?:
            [context?.text, problem].compactMap { $0 }.joined(separator: " ")
        case let .duplicatedKeysInMapping(duplicates, _)?:
            "the key \(duplicates.joined(separator: ", ")) appears twice in the same mapping"
        default:
            String(describing: error)
        }
    }
}

/// Reads each block of the schema; each method returns nil (after logging) when its block is unusable.
struct Reader {
    let catalog: ScenarioCatalog
    let log: ProblemLog

    func scenario(_ root: Field, file: String) -> Scenario? {
        guard let top = root.object(keys: ["title", "patient", "regimens", "simulation", "output", "reported", "expect",
                                           "population"])
        else { return nil }
        let title = top["title"]?.text() ?? ""
        let patient = top.required("patient", allowed: "a mapping with profile and optionally age, bmi, baseline, overrides")
            .flatMap(patient)
        let simulation = top.required("simulation", allowed: "a mapping with duration, and optionally output_every and method")
            .flatMap(simulationSpan)
        let regimens = top.required("regimens", allowed: "a list of regimens, each starting with \"- drug:\"")
            .flatMap { regimenList($0, end: simulation?.duration) }
        let drugs = regimens?.map(\.drug) ?? catalog.drugs.map(\.name)
        let output = top["output"].map { outputSpec($0, drugs: drugs) } ?? OutputSpec(observables: [], units: .conventional)
        let reported = top["reported"].flatMap { reportedBlock($0, simulationEnd: simulation?.duration) }
        let expect = top["expect"].map { expectBlocks($0, file: file, drugs: drugs, simulationEnd: simulation?.duration) } ?? []
        let population = top["population"].flatMap { populationBlock($0, file: file, simulationEnd: simulation?.duration) }
        guard let patient, let simulation, let regimens, let output else { return nil }
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        return Scenario(name: name, file: file, title: title, patient: patient, regimens: regimens,
                        simulation: simulation, output: output, reported: reported, expect: expect,
                        population: population)
    }

    // MARK: lab values

    /// A lab value "<number> <unit>" whose unit is one the observable is reported in.
    func measurement(_ field: Field, observable name: String) -> Measurement? {
        guard let observable = catalog.observable(name) else { return nil }
        let units = observable.units
        let allowed = (observable.unitWhenOmitted == nil ? "a number followed by one of the units "
                       : "a number, or a number followed by one of the units ") + units.joined(separator: ", ")
        guard let text = field.text(allowed: allowed) else { return nil }
        guard let (value, parsedUnit) = Quantity.splitNumber(text) else {
            field.problem("must start with a number.", allowed: allowed)
            return nil
        }
        let unit = parsedUnit.isEmpty ? observable.unitWhenOmitted ?? "" : parsedUnit
        guard units.contains(unit) else {
            field.problem(unit.isEmpty ? "needs a unit." : "\"\(unit)\" is not a unit \(name) is measured in.",
                          allowed: allowed)
            return nil
        }
        guard value >= 0 else { field.problem("a concentration cannot be negative.", allowed: allowed); return nil }
        return Measurement(value: value, unit: unit)
    }

    // MARK: simulation and output

    func simulationSpan(_ field: Field) -> SimulationSpan? {
        guard let object = field.object(keys: ["duration", "output_every", "method"]) else { return nil }
        let duration = object.required("duration", allowed: "a time, e.g. \"6 months\"")?
            .quantity([.time], sign: .positive, what: "a duration", example: "6 months")
        let every = object["output_every"].map {
            $0.quantity([.time], sign: .positive, what: "an output interval", example: "1 d")
        } ?? Quantity(1, QuantityUnit.all.first { $0.symbol == "d" }!)
        let method = object["method"].map { $0.choice(catalog.methods, what: "solver method") }
        guard let duration, let every, method != .some(nil) else { return nil }
        if every.baseValue > duration.baseValue, let field = object["output_every"] {
            field.problem("is longer than the simulation.", allowed: "an interval no longer than the duration")
            return nil
        }
        return SimulationSpan(duration: duration.baseValue, outputEvery: every.baseValue, method: method ?? nil)
    }

    func outputSpec(_ field: Field, drugs: [String]) -> OutputSpec? {
        guard let object = field.object(keys: ["observables", "units"]) else { return nil }
        let units = object["units"].map {
            $0.choice([("conventional", UnitSystem.conventional), ("si", .si)], what: "unit system")
        } ?? .conventional
        let names = catalog.outputObservables(drugs: drugs)
        var observables: [String] = []
        if let list = object["observables"]?.list(allowed: names.joined(separator: ", ")) {
            observables = list.compactMap { $0.choice(names, what: "observable for a scenario with these drugs") }
            if observables.count < list.count { return nil }
        }
        guard let units else { return nil }
        return OutputSpec(observables: observables, units: units)
    }
}
