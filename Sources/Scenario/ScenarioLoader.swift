import Foundation
import Yams

/// Reads scenario files strictly: every key must be known, every value of the right kind, with its unit, in
/// range, and naming a drug, profile, observable or parameter the model has. All problems of a file are
/// collected and thrown together as a `ScenarioError`; nothing is simulated from a file with any problem.
public struct ScenarioLoader: Sendable {
    public let catalog: ScenarioCatalog

    public init(catalog: ScenarioCatalog) { self.catalog = catalog }

    /// Largest scenario file read: far above any real scenario (the longest in scenarios/ is a few kB), so
    /// that a wrong file (a data set, a binary) is refused at once, before it is parsed.
    public static let maximumFileBytes = 1 << 20
    /// `simulation.rtol` and `run --rtol`: tighter than 1e-12 is below double precision's reach for these
    /// states; looser than 1e-2 no longer resolves a hormone's change.
    public static let relativeToleranceRange = 1e-12...1e-2
    /// `simulation.atol` and `run --atol`, in each state's unit (mg, µg or IU of drug; IU/L, ng/dL, pg/mL …): looser
    /// than 1e-3 lets an error pass that is 0.4 % of the smallest dose hpgsim proposes (0.25 mg anastrozole,
    /// `recommend`) and a tenth of a percent of a low hormone level (LH of 1 IU/L); tighter than 1e-15 holds states of order one to
    /// less than their rounding (2.2e-16 relative), which no step can deliver.
    public static let absoluteToleranceRange = 1e-15...1e-3
    /// Largest `simulation.max_steps` (and `run --max-steps`): about an hour of solver work for the model.
    public static let maximumSolverSteps = 100_000_000

    /// Reads and checks a scenario file. Standard input (`/dev/stdin`, `-`), a FIFO and process substitution
    /// (`<(…)`) are read like a file.
    public func load(path: String) throws(ScenarioError) -> Scenario {
        let unreadable = { (reason: String) in
            ScenarioError(problems: [ScenarioProblem(file: path, line: 0, column: 0, key: "", value: nil,
                                                     message: reason, allowed: "a readable YAML file (.yaml or .yml) of at most \(InputFile.sizeText(Self.maximumFileBytes))")])
        }
        let bytes: [UInt8]
        do {
            bytes = try InputFile.read(path, limit: Self.maximumFileBytes)
        } catch .missing {
            throw unreadable("there is no such file (looked in \(FileManager.default.currentDirectoryPath)).")
        } catch {
            throw unreadable("cannot be read: \(error.description).")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
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
        guard log.problems.isEmpty, var scenario else { throw ScenarioError(problems: log.sorted) }
        Self.collectMarks(root, path: "", into: &scenario.keyMarks)
        return scenario
    }

    /// Every key path of the document (as `Field` names them) → where its value starts.
    static func collectMarks(_ node: Node, path: String, into marks: inout [String: SourceMark]) {
        if let mark = node.mark { marks[path] = SourceMark(line: mark.line, column: mark.column) }
        switch node {
        case let .mapping(mapping):
            for (key, value) in mapping {
                let name = key.scalar?.string ?? ""
                collectMarks(value, path: path.isEmpty ? name : "\(path).\(name)", into: &marks)
            }
        case let .sequence(sequence):
            for (k, item) in sequence.enumerated() { collectMarks(item, path: "\(path)[\(k)]", into: &marks) }
        case .scalar, .alias:
            break
        }
    }

    static let topLevelHelp = "the keys title, patient, regimens, simulation, output, reported, expect, population, monitoring, report"

    /// Where to point: the mark of the construct being read when libyaml has one (the `[` or `{` left open,
    /// the mapping a duplicate key is in), else where reading failed.
    private static func mark(of error: Error) -> (line: Int, column: Int) {
        switch error as? YamlError {
        case let .scanner(context?, _, _, _)?, let .parser(context?, _, _, _)?, let .composer(context?, _, _, _)?:
            (context.mark.line, context.mark.column)
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
        case let .scanner(context?, problem, mark, _)?, let .parser(context?, problem, mark, _)?,
             let .composer(context?, problem, mark, _)?:
            // "while parsing a flow sequence" (started here), "did not find expected ',' or ']'" (there).
            "\(context.text) that starts here: \(problem) (line \(mark.line), column \(mark.column))"
        case let .scanner(nil, problem, _, _)?, let .parser(nil, problem, _, _)?, let .composer(nil, problem, _, _)?:
            problem
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
                                           "population", "monitoring", "report"])
        else { return nil }
        let title = top["title"]?.text() ?? ""
        let patient = top.required("patient", allowed: "a mapping with profile and optionally age, bmi, baseline, overrides")
            .flatMap(patient)
        let simulation = top.required("simulation", allowed: "a mapping with duration, and optionally output_every, method, max_steps, rtol and atol")
            .flatMap(simulationSpan)
        let regimens = top.required("regimens", allowed: "a list of regimens, each starting with \"- drug:\"")
            .flatMap { regimenList($0, end: simulation?.duration) }
        // A drug a monitoring rule may switch to is in the model from the start, so its level may be written.
        let drugs = (regimens?.map(\.drug) ?? catalog.drugs.map(\.name)) + switchTargets(top["monitoring"]?.node)
        let output = top["output"].map { outputSpec($0, drugs: drugs) } ?? OutputSpec(observables: [], units: .conventional)
        let reported = top["reported"].flatMap { reportedBlock($0, simulationEnd: simulation?.duration) }
        let expect = top["expect"].map { expectBlocks($0, file: file, drugs: drugs, simulationEnd: simulation?.duration) } ?? []
        let population = top["population"].flatMap { populationBlock($0, file: file, simulationEnd: simulation?.duration) }
        let monitoring = top["monitoring"].flatMap { monitoringBlock($0, regimens: regimens, simulationEnd: simulation?.duration) }
        let report = top["report"].map { reportBlock($0, drugs: drugs, simulationEnd: simulation?.duration) }
        guard let patient, let simulation, let regimens, let output, report != .some(nil) else { return nil }
        let name = file == "-" ? "stdin" : URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        return Scenario(name: name, file: file, title: title, patient: patient, regimens: regimens,
                        simulation: simulation, output: output, reported: reported, expect: expect,
                        population: population, monitoring: monitoring, report: report ?? nil)
    }

    // MARK: lab values

    /// A lab value "<number> <unit>" whose unit is one the observable is reported in.
    /// `text` is the value when it is part of the field's (a condition's threshold).
    func measurement(_ field: Field, observable name: String, text written: String? = nil) -> Measurement? {
        guard let observable = catalog.anyObservable(name) else { return nil }
        let units = observable.units
        let allowed = (observable.unitWhenOmitted == nil ? "a number followed by one of the units "
                       : "a number, or a number followed by one of the units ") + units.joined(separator: ", ")
        guard let text = written ?? field.text(allowed: allowed) else { return nil }
        guard let (value, parsedUnit) = Quantity.splitNumber(text) else {
            field.problem("must start with a number.", allowed: allowed)
            return nil
        }
        guard value.isFinite else {
            field.problem("the number is not finite (doubles reach about 1.8e308).", allowed: allowed)
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

    /// Most rows of a run's table (output times): ten years hourly is 87 661. The trajectory keeps every
    /// state and observable at each row, about 0.6 kB, so this bounds a run's memory to about 150 MB.
    static let maximumOutputRows = 250_000

    func simulationSpan(_ field: Field) -> SimulationSpan? {
        guard let object = field.object(keys: ["duration", "output_every", "method", "max_steps", "rtol", "atol"]) else { return nil }
        let duration = object.required("duration", allowed: "a time, e.g. \"6 months\"")?
            .quantity([.time], sign: .positive, what: "a duration", example: "6 months")
        let every = object["output_every"].map {
            $0.quantity([.time], sign: .positive, what: "an output interval", example: "1 d")
        } ?? Quantity(1, QuantityUnit.all.first { $0.symbol == "d" }!)
        let method = object["method"].map { $0.choice(catalog.methods, what: "solver method") }
        let maxSteps = object["max_steps"].map {
            $0.number(positive: true, whole: true, allowed: "a whole number of solver steps, e.g. 1000000")
        }
        if let field = object["max_steps"], let steps = maxSteps ?? nil, steps > Double(ScenarioLoader.maximumSolverSteps) {
            field.problem("is more steps than a run may take.", allowed: "at most \(ScenarioLoader.maximumSolverSteps)")
            return nil
        }
        let rtol = tolerance(object["rtol"], "a relative tolerance", range: ScenarioLoader.relativeToleranceRange,
                             example: "1e-6", tooLoose: "is too loose to resolve the hormones' changes.")
        let atol = tolerance(object["atol"], "an absolute tolerance (in each state's unit)",
                             range: ScenarioLoader.absoluteToleranceRange, example: "1e-9",
                             tooLoose: "is too loose to resolve the smallest doses and hormone levels.")
        guard let duration, let every, method != .some(nil), maxSteps != .some(nil), rtol != .some(nil),
              atol != .some(nil) else { return nil }
        if every.baseValue > duration.baseValue, let field = object["output_every"] {
            field.problem("is longer than the simulation.", allowed: "an interval no longer than the duration")
            return nil
        }
        let rows = (duration.baseValue / every.baseValue).rounded(.down) + 1
        if rows > Double(Self.maximumOutputRows) {
            let field = object["output_every"] ?? object["duration"]!
            field.problem("gives \(formatNumber(rows)) output rows, more than a run may write.",
                          allowed: "at most \(Self.maximumOutputRows) rows (a longer output_every or a shorter duration)")
            return nil
        }
        return SimulationSpan(duration: duration.baseValue, outputEvery: every.baseValue, method: method ?? nil,
                              maxSteps: (maxSteps ?? nil).map { Int($0) }, relativeTolerance: rtol ?? nil,
                              absoluteTolerance: atol ?? nil)
    }

    /// `simulation.rtol` or `simulation.atol`: nil when not given, `.some(nil)` after a problem was reported.
    func tolerance(_ field: Field?, _ what: String, range: ClosedRange<Double>, example: String,
                   tooLoose: String) -> Double?? {
        guard let field else { return nil }
        let span = "from \(formatNumber(range.lowerBound)) to \(formatNumber(range.upperBound)), e.g. \(example)"
        guard let value = field.number(positive: true, allowed: "\(what) \(span)") else { return .some(nil) }
        guard range.contains(value) else {
            field.problem(value > range.upperBound ? tooLoose : "is below what double precision can deliver.", allowed: span)
            return .some(nil)
        }
        return value
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
