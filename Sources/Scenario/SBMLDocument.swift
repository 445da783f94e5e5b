import Foundation
import HPG

/// A scenario as an SBML Level 3 Version 2 core model (Hucka M et al., "The Systems Biology Markup Language
/// (SBML): Language Specification for Level 3 Version 2 Core", J Integr Bioinform 2019;16(2):20190021), for
/// libRoadRunner, COPASI, tellurium and other SBML tools:
///
/// - each model state is a parameter (constant="false") whose initial value is the patient's solved baseline,
///   with a rate rule: its derivative as `HPGModel.symbolic` records it from the rate laws the simulation runs;
/// - each observable (conventional unit) is a parameter with an assignment rule, id `obs_<CSV column>`;
/// - the model parameters are listed as constants (id `p_<name>`) with this patient's values, for reference:
///   the rate rules read them as numbers, because the rate laws take parameters as numbers;
/// - the doses are events: at each dose time, the dose (× bioavailability when it goes to the depot) is
///   added to the drug's compartment. One event per dose time; doses of the same time share it.
///
/// Time is in hours. The same scenario gives the same bytes.
public enum SBMLDocument {
    /// The SBML text of `scenario`. Throws a problem pointing at the scenario's key when a regimen cannot be
    /// written as instant doses (an infusion) or the patient cannot be set up.
    public static func text(for scenario: Scenario) throws(ScenarioError) -> String {
        if let k = scenario.regimens.firstIndex(where: { $0.infusionDuration != nil }) {
            let key = "regimens[\(k)].infusion_duration"
            let mark = scenario.keyMarks[key] ?? SourceMark(line: 0, column: 0)
            throw ScenarioError(problems: [ScenarioProblem(file: scenario.file, line: mark.line, column: mark.column, key: key, value: nil,
                                  message: "an infusion cannot be exported to SBML yet; hpgsim export writes doses as instant events",
                                  allowed: "bolus doses (no infusion_duration); hpgsim run simulates infusions")])
        }
        do {
            return try document(scenario)
        } catch {
            throw ScenarioError(problems: [scenario.problem(for: error)])
        }
    }

    static func document(_ scenario: Scenario) throws(HPGError) -> String {
        let doses = scenario.doses()
        let model = HPGModel(drugs: try DrugRegistry.drugs(named: doses.map(\.drug)))
        let boluses = try model.boluses(doses)
        let patient = scenario.patient.patient(observables: HPGModel(drugs: []).observables)
        let (baseline, parameters) = try patient.baseline(model)

        let stateIDs = model.states.map { identifier($0.name) }
        let observableIDs = model.observables.map { "obs_" + identifier($0.column) }
        let parameterIDs = model.parameters.map { "p_" + identifier($0.name) }
        let all = stateIDs + observableIDs + parameterIDs
        precondition(Set(all).count == all.count, "SBML identifiers of states, observables and parameters must differ")
        let equations = model.symbolic(parameters: parameters, identifiers: stateIDs)

        var x = XMLText()
        x.line(#"<?xml version="1.0" encoding="UTF-8"?>"#)
        x.open(#"<sbml xmlns="http://www.sbml.org/sbml/level3/version2/core" level="3" version="2">"#)
        x.open(#"<model id="\#(identifier("hpgsim_" + scenario.name))" name="\#(escaped(scenario.title.isEmpty ? scenario.name : scenario.title))" timeUnits="hour">"#)
        x.open("<notes>")
        x.open(#"<body xmlns="http://www.w3.org/1999/xhtml">"#)
        for paragraph in notes(scenario: scenario, doseCount: boluses.count) { x.line("<p>\(escaped(paragraph))</p>") }
        x.close("</body>")
        x.close("</notes>")
        x.open("<listOfUnitDefinitions>")
        x.open(#"<unitDefinition id="hour">"#)
        x.line(#"<listOfUnits><unit kind="second" exponent="1" scale="0" multiplier="3600"/></listOfUnits>"#)
        x.close("</unitDefinition>")
        x.close("</listOfUnitDefinitions>")

        x.open("<listOfParameters>")
        for (k, state) in model.states.enumerated() {
            x.line(#"<parameter id="\#(stateIDs[k])" name="\#(escaped(state.description + " (" + state.unit + ")"))" value="\#(number(baseline[k]))" constant="false"/>"#)
        }
        for (k, observable) in model.observables.enumerated() {
            x.line(#"<parameter id="\#(observableIDs[k])" name="\#(escaped(observable.description + " (" + observable.unit + ")"))" constant="false"/>"#)
        }
        for (k, parameter) in model.parameters.enumerated() {
            x.line(#"<parameter id="\#(parameterIDs[k])" name="\#(escaped(parameter.name + " (" + parameter.unit + ")"))" value="\#(number(parameters[k]))" constant="true"/>"#)
        }
        x.close("</listOfParameters>")

        x.open("<listOfRules>")
        for (k, rate) in equations.rates.enumerated() {
            x.line(#"<rateRule variable="\#(stateIDs[k])">\#(math(rate))</rateRule>"#)
        }
        for (k, observable) in equations.observables.enumerated() {
            x.line(#"<assignmentRule variable="\#(observableIDs[k])">\#(math(observable))</assignmentRule>"#)
        }
        x.close("</listOfRules>")

        if !boluses.isEmpty {
            x.open("<listOfEvents>")
            for (n, group) in groupedByTime(boluses).enumerated() {
                x.open(#"<event id="dose_\#(n + 1)" useValuesFromTriggerTime="true">"#)
                let trigger = "<apply><geq/>" + timeSymbol + cn(group.time) + "</apply>"
                x.line(#"<trigger initialValue="false" persistent="true">\#(math(trigger))</trigger>"#)
                x.open("<listOfEventAssignments>")
                for (state, amount) in group.amounts {
                    let sum = "<apply><plus/><ci>\(stateIDs[state])</ci>" + cn(amount) + "</apply>"
                    x.line(#"<eventAssignment variable="\#(stateIDs[state])">\#(math(sum))</eventAssignment>"#)
                }
                x.close("</listOfEventAssignments>")
                x.close("</event>")
            }
            x.close("</listOfEvents>")
        }
        x.close("</model>")
        x.close("</sbml>")
        return x.text
    }

    /// What the file is, for its <notes>.
    static func notes(scenario: Scenario, doseCount: Int) -> [String] {
        [
            "Exported by hpgsim (hpgsim export --sbml) from the scenario \(scenario.name): the male HPG axis model with the drugs of the scenario's regimens, for this scenario's patient. Time in hours.",
            "States are parameters with rate rules; their initial values are the patient's drug-free steady state, solved by hpgsim from his profile and labs. Observables (obs_*) are assignment rules in conventional units (the CSV columns of hpgsim run).",
            "The rate rules are recorded from the rate laws hpgsim integrates; model parameters enter them as numbers (this patient's values). The parameters p_* list those values with their units for reference only: changing them does not change the rates.",
            "\(doseCount) doses are events that add the dose amount (times the drug's bioavailability for depot doses) to the dosed compartment at the dose time; doses at the same time share one event. After the last dose the drugs wash out.",
        ]
    }

    /// Bolus amounts per state at each distinct time, states in order of first appearance.
    static func groupedByTime(_ boluses: [StateBolus]) -> [(time: Double, amounts: [(Int, Double)])] {
        var groups: [(time: Double, amounts: [(Int, Double)])] = []
        for bolus in boluses {
            if groups.last?.time != bolus.time { groups.append((bolus.time, [])) }
            if let j = groups[groups.count - 1].amounts.firstIndex(where: { $0.0 == bolus.state }) {
                groups[groups.count - 1].amounts[j].1 += bolus.amount
            } else {
                groups[groups.count - 1].amounts.append((bolus.state, bolus.amount))
            }
        }
        return groups
    }

    static let timeSymbol = #"<csymbol encoding="text" definitionURL="http://www.sbml.org/sbml/symbols/time">time</csymbol>"#

    static func math(_ content: String) -> String { #"<math xmlns="http://www.w3.org/1998/Math/MathML">"# + content + "</math>" }

    static func math(_ expression: ModelExpression) -> String { math(mathML(expression)) }

    /// Content MathML of an expression (SBML L3V2 subset: plus, minus, times, divide, power, root, max).
    static func mathML(_ e: ModelExpression) -> String {
        func apply(_ op: String, _ args: ModelExpression...) -> String { "<apply><\(op)/>" + args.map(mathML).joined() + "</apply>" }
        switch e {
        case .number(let v): return cn(v)
        case .symbol(let name): return "<ci>\(name)</ci>"
        case let .sum(a, b): return apply("plus", a, b)
        case let .difference(a, b): return apply("minus", a, b)
        case let .product(a, b): return apply("times", a, b)
        case let .quotient(a, b): return apply("divide", a, b)
        case let .negation(a): return apply("minus", a)
        case let .power(a, b): return apply("power", a, .number(b))
        case let .squareRoot(a): return apply("root", a)
        case let .maximum(a, floor): return apply("max", a, .number(floor))
        }
    }

    /// A MathML number: the shortest decimal that reads back as the same double, in e-notation when it has
    /// an exponent.
    static func cn(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "<notanumber/>" : (v > 0 ? "<infinity/>" : "<apply><minus/><infinity/></apply>") }
        let text = number(v)
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return "<cn>\(text)</cn>" }
        let exponent = text[text.index(after: e)...].replacingOccurrences(of: "+", with: "")
        return #"<cn type="e-notation">\#(text[..<e])<sep/>\#(exponent)</cn>"#
    }

    /// Shortest round-trip decimal of a double (Swift's description), e.g. 270.6, 1e-12.
    static func number(_ v: Double) -> String { "\(v)" }

    /// An SBML SId: letters, digits and underscores, not starting with a digit.
    static func identifier(_ name: String) -> String {
        let mapped = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
        return mapped.first?.isNumber == true ? "_" + mapped : mapped
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// Indented XML lines.
struct XMLText {
    private(set) var text = ""
    private var depth = 0

    mutating func line(_ s: String) { text += String(repeating: "  ", count: depth) + s + "\n" }
    mutating func open(_ s: String) { line(s); depth += 1 }
    mutating func close(_ s: String) { depth -= 1; line(s) }
}
