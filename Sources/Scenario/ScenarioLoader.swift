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
            log.report(at: Self.mark(of: error), key: "(file)", value: nil,
                       "is not valid YAML: \(Self.yamlProblem(error))",
                       allowed: "YAML: \"key: value\" lines, lists as \"- item\" lines, indentation with spaces")
            throw ScenarioError(problems: log.problems)
        }
        let reader = Reader(catalog: catalog, log: log)
        let scenario = reader.scenario(Field(node: root, path: "", log: log), file: file)
        guard log.problems.isEmpty, let scenario else { throw ScenarioError(problems: log.sorted) }
        return scenario
    }

    static let topLevelHelp = "the keys title, patient, regimens, simulation, output, reported"

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
private struct Reader {
    let catalog: ScenarioCatalog
    let log: ProblemLog

    func scenario(_ root: Field, file: String) -> Scenario? {
        guard let top = root.object(keys: ["title", "patient", "regimens", "simulation", "output", "reported"])
        else { return nil }
        let title = top["title"]?.text() ?? ""
        let patient = top.required("patient", allowed: "a mapping with profile and optionally bmi, baseline, overrides")
            .flatMap(patient)
        let simulation = top.required("simulation", allowed: "a mapping with duration and output_every")
            .flatMap(simulationSpan)
        let regimens = top.required("regimens", allowed: "a list of regimens, each starting with \"- drug:\"")
            .flatMap { regimenList($0, end: simulation?.duration) }
        let drugs = regimens?.map(\.drug) ?? catalog.drugs.map(\.name)
        let output = top["output"].map { outputSpec($0, drugs: drugs) } ?? OutputSpec(observables: [], units: .conventional)
        let reported = top["reported"].flatMap { reportedBlock($0, simulationEnd: simulation?.duration) }
        guard let patient, let simulation, let regimens, let output else { return nil }
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        return Scenario(name: name, file: file, title: title, patient: patient, regimens: regimens,
                        simulation: simulation, output: output, reported: reported)
    }

    // MARK: patient

    func patient(_ field: Field) -> PatientSpec? {
        guard let object = field.object(keys: ["profile", "bmi", "baseline", "overrides"]) else { return nil }
        let profiles = catalog.profiles
        let profile = object.required("profile", allowed: profiles.joined(separator: ", "))
            .flatMap { $0.choice(profiles, what: "patient profile") }
        let bmi = object["bmi"]?.quantity([.bodyMassIndex], sign: .positive, what: "a body-mass index",
                                          example: "31 kg/m2")
        let labs = object["baseline"].map { labsMapping($0) } ?? [:]
        let overrides = object["overrides"].map(overridesMapping) ?? [:]
        guard let profile else { return nil }
        return PatientSpec(profile: profile, bodyMassIndex: bmi?.baseValue, baselineLabs: labs, overrides: overrides)
    }

    func labsMapping(_ field: Field) -> [String: Measurement] {
        guard let object = field.object(keys: catalog.labObservables) else { return [:] }
        return object.fields.compactMapValues { measurement($0, observable: $0.path.components(separatedBy: ".").last!) }
    }

    func overridesMapping(_ field: Field) -> [String: Double] {
        guard let object = field.object(keys: catalog.parameters.map(\.name)) else { return [:] }
        var overrides: [String: Double] = [:]
        for parameter in catalog.parameters {
            guard let value = object[parameter.name] else { continue }
            overrides[parameter.name] = value.number(positive: true, allowed: "a positive number in \(parameter.unit)")
        }
        return overrides
    }

    /// A lab value "<number> <unit>" whose unit is one the observable is reported in.
    func measurement(_ field: Field, observable name: String) -> Measurement? {
        guard let observable = catalog.observable(name) else { return nil }
        let units = observable.units
        let allowed = (observable.unitWhenOmitted == nil ? "a number followed by one of " : "a number, or a number followed by one of ")
            + units.joined(separator: ", ") + (units.first.map { ", e.g. \"300 \($0)\"" } ?? "")
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

    // MARK: regimens

    static let scheduleKeys = ["every", "times_per_week", "on", "ii"]

    func regimenList(_ field: Field, end: Double?) -> [Regimen]? {
        guard let items = field.list(allowed: "a list of regimens, each starting with \"- drug:\"") else { return nil }
        if items.isEmpty { field.problem("lists no regimen.", allowed: "at least one regimen, e.g. \"- drug: anastrozole\"") }
        let regimens = items.map { regimen($0, end: end) }
        return regimens.contains { $0 == nil } ? nil : regimens.compactMap { $0 }
    }

    func regimen(_ field: Field, end: Double?) -> Regimen? {
        guard let object = field.object(keys: ["drug", "dose", "route", "every", "times_per_week", "on", "ii", "addl",
                                               "start", "stop", "duration", "infusion_duration"])
        else { return nil }
        let drugNames = catalog.drugs.map(\.name)
        let drug = object.required("drug", allowed: drugNames.joined(separator: ", "))
            .flatMap { $0.choice(catalog.drugs.map { ($0.name, $0) }, what: "drug") }
        let dose = object.required("dose", allowed: "an amount with its unit, e.g. \"1 mg\" or \"5000 IU\"")
            .flatMap { field in
                field.quantity(drug.map { [$0.doseDimension] } ?? [.mass, .activity], sign: .positive,
                               what: "a dose", example: drug?.doseDimension == .activity ? "5000 IU" : "1 mg")
            }
        let route = routeOf(object, drug: drug)
        let start = object["start"]?.quantity([.time], sign: .nonNegative, what: "a start time", example: "0 d")?
            .baseValue ?? 0
        let schedule = scheduleOf(object)
        let stop = stopOf(object, start: start, schedule: schedule)
        let infusion = object["infusion_duration"]?.quantity([.time], sign: .positive, what: "an infusion duration",
                                                               example: "30 min")?.baseValue
        if let end, start >= end, let field = object["start"] {
            field.problem("the regimen starts at or after the end of the simulation (\(formatNumber(end / 24)) d).",
                          allowed: "a start before the end of the simulation")
        }
        guard let drug, let dose, let route, let schedule, let stop else { return nil }
        return Regimen(drug: drug.name, dose: dose, route: route, schedule: schedule, start: start, stop: stop,
                       infusionDuration: infusion)
    }

    func routeOf(_ object: Object, drug: ScenarioCatalog.Drug?) -> String? {
        guard let drug else { return nil }
        let routes = drug.routes.map(\.name)
        guard let field = object["route"] else {
            if routes.count == 1 { return routes[0] }
            _ = object.required("route", allowed: routes.joined(separator: ", "))
            return nil
        }
        return field.choice(routes, what: "route for \(drug.name)")
    }

    /// Exactly one of every / times_per_week / on / ii (+ addl), or none for a single dose.
    func scheduleOf(_ object: Object) -> Regimen.Schedule? {
        let given = Reader.scheduleKeys.compactMap { object[$0] }.sorted { $0.mark.line < $1.mark.line }
        if given.count > 1 {
            given[1].problem("a regimen takes only one schedule, but this one has " +
                             given.map { $0.path.components(separatedBy: ".").last! }.joined(separator: " and ") + ".",
                             allowed: "one of every, times_per_week, on, ii (with addl), or none for a single dose")
            return nil
        }
        if let addl = object["addl"], object["ii"] == nil {
            addl.problem("addl (additional doses) needs ii (the interval between them).",
                         allowed: "ii and addl together, e.g. \"ii: 24 h\" and \"addl: 89\"")
            return nil
        }
        if let every = object["every"] {
            return every.quantity([.time], sign: .positive, what: "a dosing interval", example: "3.5 d")
                .map { .every(hours: $0.baseValue) }
        }
        if let perWeek = object["times_per_week"] {
            return perWeek.number(positive: true, allowed: "a positive number of doses per week, e.g. 2")
                .map { .every(hours: Weekday.hoursPerWeek / $0) }
        }
        if let on = object["on"] {
            return weekdays(on).map { .weekdays($0) }
        }
        if let ii = object["ii"] {
            let interval = ii.quantity([.time], sign: .positive, what: "a dosing interval (ii)", example: "24 h")
            let addl = object.required("addl", allowed: "the number of doses after the first, e.g. 89")?
                .number(whole: true, allowed: "a whole number of additional doses, 0 or more")
            guard let interval, let addl else { return nil }
            return .additional(interval: interval.baseValue, additional: Int(addl))
        }
        return .once
    }

    func weekdays(_ field: Field) -> [Weekday]? {
        let allowed = "a list of weekdays, e.g. [monday, thursday]"
        guard let items = field.list(allowed: allowed) else { return nil }
        let options = Weekday.allCases.map { ($0.name, $0) }
        let days = items.map { $0.choice(options, what: "weekday") }
        if items.isEmpty { field.problem("names no weekday.", allowed: allowed) }
        guard !items.isEmpty, !days.contains(where: { $0 == nil }) else { return nil }
        let unique = Set(days.compactMap { $0 })
        if unique.count < days.count { field.problem("names a weekday twice.", allowed: allowed); return nil }
        return unique.sorted()
    }

    /// The stop time from `stop` or `duration` (not both; neither with ii/addl). `.some(nil)` means open-ended.
    func stopOf(_ object: Object, start: Double, schedule: Regimen.Schedule?) -> Double??  {
        let stopField = object["stop"], durationField = object["duration"]
        if let stopField, durationField != nil {
            stopField.problem("a regimen takes stop or duration, not both.", allowed: "either stop or duration")
            return nil
        }
        if case .additional? = schedule, let field = stopField ?? durationField {
            field.problem("with ii and addl the number of doses is fixed; stop and duration do not apply.",
                          allowed: "remove this key, or use every with stop/duration instead of ii/addl")
            return nil
        }
        if let stopField {
            guard let stop = stopField.quantity([.time], sign: .positive, what: "a stop time", example: "6 months")
            else { return nil }
            guard stop.baseValue > start else {
                stopField.problem("the regimen stops before it starts (start is \(formatNumber(start / 24)) d).",
                                  allowed: "a stop time after the start")
                return nil
            }
            return .some(stop.baseValue)
        }
        if let durationField {
            return durationField.quantity([.time], sign: .positive, what: "a duration", example: "12 weeks")
                .map { .some(start + $0.baseValue) }
        }
        return .some(nil)
    }

    // MARK: simulation and output

    func simulationSpan(_ field: Field) -> SimulationSpan? {
        guard let object = field.object(keys: ["duration", "output_every"]) else { return nil }
        let duration = object.required("duration", allowed: "a time, e.g. \"6 months\"")?
            .quantity([.time], sign: .positive, what: "a duration", example: "6 months")
        let every = object["output_every"].map {
            $0.quantity([.time], sign: .positive, what: "an output interval", example: "1 d")
        } ?? Quantity(1, QuantityUnit.all.first { $0.symbol == "d" }!)
        guard let duration, let every else { return nil }
        if every.baseValue > duration.baseValue, let field = object["output_every"] {
            field.problem("is longer than the simulation.", allowed: "an interval no longer than the duration")
            return nil
        }
        return SimulationSpan(duration: duration.baseValue, outputEvery: every.baseValue)
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

    // MARK: reported

    func reportedBlock(_ field: Field, simulationEnd: Double?) -> Reported? {
        guard let object = field.object(keys: ["source", "tolerance", "baseline", "on_treatment"]) else { return nil }
        let source = object.required("source", allowed: "the study's citation, e.g. \"Author et al. Journal 2017;6:470\"")?
            .text(allowed: "the study's citation")
        let tolerance = object.required("tolerance", allowed: "a percentage, e.g. \"25 %\"")?
            .quantity([.fraction], sign: .positive, what: "a tolerance", example: "25 %")
            .map(\.baseValue)
        var timepoints: [ReportedTimepoint] = []
        for label in ["baseline", "on_treatment"] {
            guard let block = object[label], let tolerance else { continue }
            if let timepoint = reportedTimepoint(block, label: label, tolerance: tolerance, end: simulationEnd) {
                timepoints.append(timepoint)
            }
        }
        if object["baseline"] == nil && object["on_treatment"] == nil {
            field.problem("reports no values.", allowed: "a baseline and/or an on_treatment block")
        }
        guard let source else { return nil }
        return Reported(source: source, timepoints: timepoints)
    }

    func reportedTimepoint(_ field: Field, label: String, tolerance: Double, end: Double?) -> ReportedTimepoint? {
        let observables = catalog.observables.map(\.name)
        guard let object = field.object(keys: ["at", "from", "to"] + observables) else { return nil }
        let time = { (key: String) in
            object[key]?.quantity([.time], sign: .nonNegative, what: "a time", example: "3 months")?.baseValue
        }
        var from: Double?, to: Double?
        if object["at"] != nil {
            if let extra = object["from"] ?? object["to"] {
                extra.problem("a time point takes at, or from and to, not both.", allowed: "at, or from and to")
            }
            from = time("at"); to = from
        } else if object["from"] == nil && object["to"] == nil && label == "baseline" {
            from = 0; to = 0
        } else {
            from = object.required("from", allowed: "the start of the window, e.g. \"3 months\"").flatMap { _ in time("from") }
            to = object.required("to", allowed: "the end of the window, e.g. \"5 months\"").flatMap { _ in time("to") }
            if let from, let to, to < from, let field = object["to"] {
                field.problem("the window ends before it begins.", allowed: "to at or after from")
            }
        }
        if let end, let to, to > end, let field = object["to"] ?? object["at"] {
            field.problem("is after the end of the simulation (\(formatNumber(end / 24)) d).",
                          allowed: "a time within the simulated span")
        }
        var values: [ReportedValue] = []
        for name in observables {
            guard let entry = object[name] else { continue }
            if let value = reportedValue(entry, observable: name, tolerance: tolerance) { values.append(value) }
        }
        if values.isEmpty && object.fields.keys.allSatisfy({ ["at", "from", "to"].contains($0) }) {
            field.problem("reports no values.", allowed: "observable: value lines, e.g. \"testosterone: 412 ng/dL\"")
        }
        guard let from, let to else { return nil }
        return ReportedTimepoint(label: label, from: from, to: to, values: values)
    }

    /// `412 ng/dL`, or `{value: 412 ng/dL, tolerance: 30 %}` to override the block's tolerance.
    func reportedValue(_ field: Field, observable: String, tolerance: Double) -> ReportedValue? {
        var valueField = field, tolerance = tolerance
        if case .mapping = field.node {
            guard let object = field.object(keys: ["value", "tolerance"]),
                  let value = object.required("value", allowed: "the reported value with its unit") else { return nil }
            valueField = value
            if let toleranceField = object["tolerance"] {
                guard let relative = toleranceField.quantity([.fraction], sign: .positive, what: "a tolerance",
                                                             example: "30 %") else { return nil }
                tolerance = relative.baseValue
            }
        }
        guard let measurement = measurement(valueField, observable: observable) else { return nil }
        return ReportedValue(observable: observable, measurement: measurement, tolerance: tolerance,
                             line: valueField.mark.line)
    }
}
