import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import HPG
@testable import Scenario

/// `SBMLDocument` read back as XML (FoundationXML): every state has exactly one rate rule, the rate rules'
/// MathML, evaluated by a reader written here, equals the model's right-hand side, and the events are the
/// scenario's doses.
@Suite struct SBMLExportTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func load(_ relative: String) throws -> Scenario {
        try ScenarioLoader(catalog: .hpg).load(path: repository.appendingPathComponent(relative).path)
    }

    /// Descendant elements named `name` (local name; SBML's default namespace).
    static func elements(_ node: XMLNode, _ name: String) -> [XMLElement] {
        (node.children ?? []).flatMap { child -> [XMLElement] in
            guard let element = child as? XMLElement else { return [] }
            return (element.name == name ? [element] : []) + elements(element, name)
        }
    }

    /// (FoundationXML's `attribute(forName:)` finds nothing on an element in a default namespace.)
    static func attribute(_ element: XMLElement, _ name: String) -> String? {
        element.attributes?.first { $0.name == name }?.stringValue
    }

    /// Content MathML → number, for the operators SBMLDocument writes.
    static func evaluate(_ node: XMLElement, _ value: (String) -> Double) throws -> Double {
        let children = (node.children ?? []).compactMap { $0 as? XMLElement }
        switch node.name {
        case "math": return try evaluate(children[0], value)
        case "ci": return value(node.stringValue!.trimmingCharacters(in: .whitespaces))
        case "cn":
            let parts = (node.children ?? []).filter { $0.kind == .text }.map { $0.stringValue!.trimmingCharacters(in: .whitespaces) }
            if attribute(node, "type") == "e-notation" { return Double(parts[0])! * pow(10, Double(parts[1])!) }
            return Double(parts.joined())!
        case "apply":
            let op = children[0].name!
            let args = try children.dropFirst().map { try evaluate($0, value) }
            switch (op, args.count) {
            case ("plus", _): return args.reduce(0, +)
            case ("minus", 1): return -args[0]
            case ("minus", 2): return args[0] - args[1]
            case ("times", _): return args.reduce(1, *)
            case ("divide", 2): return args[0] / args[1]
            case ("power", 2): return pow(args[0], args[1])
            case ("root", 1): return args[0].squareRoot()
            case ("max", _): return args.max()!
            default: throw SBMLReadError(text: "operator \(op) with \(args.count) arguments")
            }
        default: throw SBMLReadError(text: "element \(node.name ?? "?")")
        }
    }

    struct SBMLReadError: Error { var text: String }

    @Test func calibrationScenarioRoundTrips() throws {
        let scenario = try Self.load("scenarios/anastrozole-shah-2021.yaml")
        let text = try SBMLDocument.text(for: scenario)
        #expect(try SBMLDocument.text(for: scenario) == text)
        let document = try XMLDocument(xmlString: text, options: [])
        let root = document.rootElement()!
        #expect(root.name == "sbml" && Self.attribute(root, "level") == "3" && Self.attribute(root, "version") == "2")

        let model = HPGModel(drugs: [try DrugRegistry.drugs(named: ["anastrozole"])[0]])
        let (baseline, parameters) = try scenario.patient.patient(observables: HPGModel().observables).baseline(model)
        let ids = model.states.map { SBMLDocument.identifier($0.name) }

        // Each state: one parameter at its baseline value, exactly one rate rule.
        let declared = Dictionary(uniqueKeysWithValues: Self.elements(root, "parameter").map { (Self.attribute($0, "id")!, $0) })
        for (k, id) in ids.enumerated() { #expect(Double(Self.attribute(declared[id]!, "value")!) == baseline[k]) }
        let rules = Self.elements(root, "rateRule")
        #expect(rules.map { Self.attribute($0, "variable")! }.sorted() == ids.sorted())
        #expect(Self.elements(root, "assignmentRule").count == model.observables.count)

        // The rate rules at a state off the steady state (drug in both compartments) equal f(y).
        var y = baseline
        for i in y.indices { y[i] = i >= ids.count - 2 ? 0.3 * Double(i - ids.count + 3) : y[i] * (1 + 0.05 * cos(Double(i))) }
        let values = Dictionary(uniqueKeysWithValues: zip(ids, y))
        let f = model.derivatives(y, parameters)
        for rule in rules {
            let k = ids.firstIndex(of: Self.attribute(rule, "variable")!)!
            let math = Self.elements(rule, "math")[0]
            let rate = try Self.evaluate(math) { values[$0]! }
            #expect(abs(rate - f[k]) <= 1e-12 * max(abs(f[k]), 1e-3), "\(ids[k])")
        }

        // One event per dose, at the regimen's dose times, each adding F × 1 mg to the depot.
        let times = scenario.regimens[0].doseTimes(until: scenario.simulation.duration)
        let events = Self.elements(root, "event")
        #expect(events.count == times.count)
        let depot = ids[model.stateIndex("anastrozole_depot_mg")!]
        let bioavailability = DrugRegistry.named("anastrozole")!.pk.bioavailability.value
        for (event, time) in zip(events, times) {
            let trigger = Self.elements(event, "trigger")[0]
            #expect(Self.attribute(trigger, "initialValue") == "false")
            let threshold = Self.elements(trigger, "cn")[0]
            #expect(try Self.evaluate(threshold) { _ in .nan } == time)
            let assignments = Self.elements(event, "eventAssignment")
            #expect(assignments.count == 1 && Self.attribute(assignments[0], "variable") == depot)
            let added = try Self.evaluate(Self.elements(assignments[0], "math")[0]) { _ in 0 }
            #expect(added == 1 * bioavailability)
        }
    }

    /// Doses of several drugs at one time share one event with one assignment per dosed compartment.
    @Test func simultaneousDosesShareAnEvent() throws {
        let scenario = try Self.load("scenarios/combinations/trt-cypionate-plus-hcg-plus-anastrozole.yaml")
        let root = try XMLDocument(xmlString: try SBMLDocument.text(for: scenario), options: []).rootElement()!
        let times = Set(scenario.regimens.flatMap { $0.doseTimes(until: scenario.simulation.duration) })
        let events = Self.elements(root, "event")
        #expect(events.count == times.count)
        let assignments = events.map { Self.elements($0, "eventAssignment").count }.reduce(0, +)
        #expect(assignments == scenario.regimens.map { $0.doseTimes(until: scenario.simulation.duration).count }.reduce(0, +))
    }

    /// An infusion (the estradiol patch: 350 µg over each 3.5 d into the skin reservoir) is an input rate
    /// added to the reservoir's rate rule, raised at each start and lowered after F·AMT/RATE.
    @Test func infusionIsAnInputSwitchedByEvents() throws {
        let scenario = try Self.load("scenarios/drugs/estradiol-patch-100ug-per-day.yaml")
        let root = try XMLDocument(xmlString: try SBMLDocument.text(for: scenario), options: []).rootElement()!
        let regimen = scenario.regimens[0]
        let drug = try #require(DrugRegistry.named(regimen.drug))
        let depot = SBMLDocument.identifier(HPGModel(drugs: [drug]).states.last!.name)   // its one compartment
        let input = "input_" + depot
        let rule = try #require(Self.elements(root, "rateRule").first { Self.attribute($0, "variable") == depot })
        #expect(Self.elements(rule, "ci").contains { $0.stringValue == input })

        let record = scenario.doses()[0].record   // in the drug's dose unit
        let rate = record.amount / regimen.infusionDuration!
        #expect(record.rate == rate)
        let end = drug.pk.bioavailability.value * record.amount / rate
        var level = 0.0, changes: [(Double, Double)] = []
        for event in Self.elements(root, "event") {
            let time = try Self.evaluate(Self.elements(Self.elements(event, "trigger")[0], "cn")[0]) { _ in .nan }
            for assignment in Self.elements(event, "eventAssignment") where Self.attribute(assignment, "variable") == input {
                let change = try Self.evaluate(Self.elements(assignment, "math")[0]) { _ in 0 }
                changes.append((time, change))
                level += change
            }
        }
        let starts = regimen.doseTimes(until: scenario.simulation.duration)
        #expect(abs(changes[0].1 - rate) <= 1e-12 * rate && changes[0].0 == starts[0])
        // At each later start the previous infusion ends (F·AMT/RATE = the interval when F = 1) or not.
        let expected = Set(starts.map { $0 }).union(starts.map { $0 + end })
        #expect(Set(changes.map(\.0)).isSubset(of: expected))
        #expect(abs(level) <= 1e-9 * rate)   // every infusion switched off by the end
    }
}
