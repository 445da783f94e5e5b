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
///   added to the drug's compartment; an infusion's rate is added to the compartment's input (a parameter
///   its rate rule adds) at its start and taken away at its end. One event per time; doses of the same time
///   share it.
///
/// Time is in hours. The same scenario gives the same bytes.
public enum SBMLDocument {
    /// The SBML text of `scenario`. Throws a problem pointing at the scenario's key when the patient cannot be
    /// set up or a dose cannot be written (`HPGModel.inputs`).
    public static func text(for scenario: Scenario) throws(ScenarioError) -> String {
        do {
            return try document(scenario)
        } catch {
            throw ScenarioError(problems: [scenario.problem(for: error)])
        }
    }

    static func document(_ scenario: Scenario) throws(HPGError) -> String {
        let doses = scenario.doses()
        let model = HPGModel(drugs: try DrugRegistry.drugs(named: doses.map(\.drug)))
        let inputs = try model.inputs(doses)
        let patient = scenario.patient.patient(observables: HPGModel(drugs: []).observables)
        let (baseline, parameters) = try patient.baseline(model)

        let stateIDs = model.states.map { identifier($0.name) }
        let observableIDs = model.observables.map { "obs_" + identifier($0.column) }
        let parameterIDs = model.parameters.map { "p_" + identifier($0.name) }
        // An infused state's input rate (dose unit/h), changed by the infusions' start and end events.
        let infused = Set(inputs.compactMap { input -> Int? in
            if case .rate = input.change { return input.state } else { return nil }
        }).sorted()
        let inputIDs = Dictionary(uniqueKeysWithValues: infused.map { ($0, "input_" + stateIDs[$0]) })
        let all = stateIDs + observableIDs + parameterIDs + inputIDs.values
        precondition(Set(all).count == all.count, "SBML identifiers of states, observables and parameters must differ")
        let equations = model.symbolic(parameters: parameters, identifiers: stateIDs)

        var x = XMLText()
        x.line(#"<?xml version="1.0" encoding="UTF-8"?>"#)
        x.open(#"<sbml xmlns="http://www.sbml.org/sbml/level3/version2/core" level="3" version="2">"#)
        x.open(#"<model id="\#(identifier("hpgsim_" + scenario.name))" name="\#(escaped(scenario.title.isEmpty ? scenario.name : scenario.title))" timeUnits="hour">"#)
        x.open("<notes>")
        x.open(#"<body xmlns="http://www.w3.org/1999/xhtml">"#)
        for paragraph in notes(scenario: scenario, doseCount: doses.count, infused: !infused.isEmpty) { x.line("<p>\(escaped(paragraph))</p>") }
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
        for state in infused {
            x.line(#"<parameter id="\#(inputIDs[state]!)" name="infusion input into \#(escaped(model.states[state].name)) (\#(escaped(model.states[state].unit))/h)" value="0" constant="false"/>"#)
        }
        for (k, parameter) in model.parameters.enumerated() {
            x.line(#"<parameter id="\#(parameterIDs[k])" name="\#(escaped(parameter.name + " (" + parameter.unit + ")"))" value="\#(number(parameters[k]))" constant="true"/>"#)
        }
        x.close("</listOfParameters>")

        x.open("<listOfRules>")
        for (k, rate) in equations.rates.enumerated() {
            let total = inputIDs[k].map { ModelExpression.sum(rate, .symbol($0)) } ?? rate
            x.line(#"<rateRule variable="\#(stateIDs[k])">\#(math(total))</rateRule>"#)
        }
        for (k, observable) in equations.observables.enumerated() {
            x.line(#"<assignmentRule variable="\#(observableIDs[k])">\#(math(observable))</assignmentRule>"#)
        }
        x.close("</listOfRules>")

        if !inputs.isEmpty {
            x.open("<listOfEvents>")
            for (n, group) in groupedByTime(inputs).enumerated() {
                x.open(#"<event id="dose_\#(n + 1)" useValuesFromTriggerTime="true">"#)
                let trigger = "<apply><geq/>" + timeSymbol + cn(group.time) + "</apply>"
                x.line(#"<trigger initialValue="false" persistent="true">\#(math(trigger))</trigger>"#)
                x.open("<listOfEventAssignments>")
                for (variable, change) in group.changes {
                    let id = variable.rate ? inputIDs[variable.state]! : stateIDs[variable.state]
                    let sum = "<apply><plus/><ci>\(id)</ci>" + cn(change) + "</apply>"
                    x.line(#"<eventAssignment variable="\#(id)">\#(math(sum))</eventAssignment>"#)
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
    static func notes(scenario: Scenario, doseCount: Int, infused: Bool) -> [String] {
        [
            "Exported by hpgsim (hpgsim export --sbml) from the scenario \(scenario.name): the male HPG axis model with the drugs of the scenario's regimens, for this scenario's patient. Time in hours.",
            "States are parameters with rate rules; their initial values are the patient's drug-free steady state, solved by hpgsim from his profile and labs. Observables (obs_*) are assignment rules in conventional units (the CSV columns of hpgsim run).",
            "The rate rules are recorded from the rate laws hpgsim integrates; model parameters enter them as numbers (this patient's values). The parameters p_* list those values with their units for reference only: changing them does not change the rates.",
            "The \(doseCount) dose records (NONMEM, with their additional doses written out) are events at the dose times: a bolus adds the dose (times the drug's bioavailability for depot doses) to the dosed compartment; doses at the same time share one event."
                + (infused ? " An infusion adds its rate to the compartment's input_* parameter, which its rate rule adds, at its start and takes it away at its end (after F·AMT/rate hours, as NONMEM)." : ""),
        ]
    }

    /// The changes of each variable (a state's amount, or an infused state's input rate) at each distinct
    /// time, summed, variables in order of first appearance.
    static func groupedByTime(_ inputs: [StateInput]) -> [(time: Double, changes: [(variable: (state: Int, rate: Bool), change: Double)])] {
        var groups: [(time: Double, changes: [(variable: (state: Int, rate: Bool), change: Double)])] = []
        for input in inputs {
            let (variable, change): ((state: Int, rate: Bool), Double) = switch input.change {
            case .amount(let a): ((input.state, false), a)
            case .rate(let r): ((input.state, true), r)
            }
            if groups.last?.time != input.time { groups.append((input.time, [])) }
            let last = groups.count - 1
            if let j = groups[last].changes.firstIndex(where: { $0.variable == variable }) {
                groups[last].changes[j].change += change
            } else {
                groups[last].changes.append((variable, change))
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
