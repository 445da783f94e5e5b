import Foundation

/// The male HPG axis with the PK of the drugs a regimen uses: one declaration of states, parameters,
/// derivatives and observables. A model value is built for a list of drugs; the physiological part is the
/// same for every list (drugs enter only through the mechanism sums of `DrugEffects`).
///
/// Time unit: hours. States and parameters carry their units in their names.
public struct HPGModel: Sendable {
    public let drugs: [Drug]
    /// Physiological states, the spermatogenic chain, then the compartments of each drug's PK structure.
    public let states: [StateSpec]
    /// `Parameter.allCases` in order, then each drug's PK and mechanism parameters (the drugs'
    /// bioavailabilities are the dosing engine's Fn controls, added by `dosingModel`).
    public let parameters: [ParameterSpec]
    public let observables: [ObservableSpec]
    let slots: [DrugSlots]

    public init(drugs: [Drug] = []) {
        self.drugs = drugs
        var states = PhysiologicalState.allCases.map(\.spec) + SpermChain.specs
        var parameters = Parameter.allCases.map(\.spec)
        var slots: [DrugSlots] = []
        for drug in drugs {
            let firstState = states.count
            let equations = drug.pk.structure.equations(concentrationFactor: drug.doseUnit.concentrationFactor,
                                                         concentrationUnit: drug.concentrationUnit)
            states += zip(drug.pk.structure.compartments, equations).map { compartment, equation in
                StateSpec(name: "\(drug.name)_\(compartment.name)_\(drug.doseUnit.rawValue)", unit: drug.doseUnit.rawValue,
                          description: "\(drug.name) amount in the \(compartment.name) compartment", equation: equation)
            }
            slots.append(DrugSlots(drug: drug, firstState: firstState, firstParameter: parameters.count))
            parameters += drug.modelParameters
        }
        self.states = states
        self.parameters = parameters
        self.slots = slots
        self.observables = Observable.specs(drugs: drugs)
    }

    public var stateDimension: Int { states.count }
    public var defaultParameters: [Double] { parameters.map(\.value) }
    public func parameterIndex(_ name: String) -> Int? { parameters.firstIndex { $0.name == name } }
    public func stateIndex(_ name: String) -> Int? { states.firstIndex { $0.name == name } }

    /// f(y; p): writes dy/dt into `dydt`. The physiological rates come from `RateLaws.core`, the germ-cell chain
    /// from `SpermChain`, the drugs' PK from their linear structures (written by `DrugEffects`).
    public func derivatives(_ y: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>,
                            _ dydt: UnsafeMutableBufferPointer<Double>) {
        derivatives(y, p, RateConstants(p), dydt)
    }

    /// f(y; p) with the parameter-only parts `k` of the rate laws already computed from `p`.
    func derivatives(_ y: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>, _ k: RateConstants,
                     _ dydt: UnsafeMutableBufferPointer<Double>) {
        let effects = DrugEffects(y, p, slots, dydt: dydt)
        let rates = RateLaws.core(CoreInputs { effects.coreInput($0, y) }, p, k)
        for state in PhysiologicalState.allCases { dydt[state.rawValue] = rates[state] }
        SpermChain.derivatives(y, p, drive: rates.spermatogenicDrive, dydt)
    }

    /// f(y; p) with arrays (steady state, tests).
    public func derivatives(_ y: [Double], _ p: [Double]) -> [Double] {
        var dydt = [Double](repeating: 0, count: y.count)
        y.withUnsafeBufferPointer { yb in p.withUnsafeBufferPointer { pb in
            dydt.withUnsafeMutableBufferPointer { derivatives(yb, pb, $0) } } }
        return dydt
    }
}

