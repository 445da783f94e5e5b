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
            states += zip(drug.pk.structure.compartments, drug.pk.structure.equations).map { compartment, equation in
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

    /// f(y; p): writes dy/dt into `dydt`.
    public func derivatives(_ y: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>,
                            _ dydt: UnsafeMutableBufferPointer<Double>) {
        let effects = DrugEffects(y, p, slots, dydt: dydt)
        @inline(__always) func v(_ q: Parameter) -> Double { p[q.rawValue] }
        let g = y[PhysiologicalState.gnrhDrive.rawValue], lh = y[PhysiologicalState.lh.rawValue]
        let fsh = y[PhysiologicalState.fsh.rawValue], itt = y[PhysiologicalState.itt.rawValue]
        let t = y[PhysiologicalState.testosterone.rawValue], e2 = y[PhysiologicalState.estradiol.rawValue]

        // Feedback: power laws around the reference levels (Tornøe 2007 H4 = (Te/Te_base)^λ), E2 seen
        // through estrogen-receptor antagonists as E2/(1 + Σ C/Ki).
        let e2Seen = max(e2, tiny) / effects.estrogenReceptorBlock / v(.e2FeedbackReference)
        let hypothalamic = pow(e2Seen, -v(.e2HypothalamicExponent)) * pow(max(t, tiny) / v(.tFeedbackReference), -v(.tHypothalamicExponent))
        let pituitary = pow(e2Seen, -v(.e2PituitaryExponent))
        let stimulus = g * effects.gnrhStimulusFactor
        dydt[PhysiologicalState.gnrhDrive.rawValue] = v(.keGnRHDrive) * (v(.gnrhDriveCapacity) * hypothalamic - g)
        dydt[PhysiologicalState.lh.rawValue] = v(.lhSecretion) * stimulus * pituitary - v(.keLH) * lh
        dydt[PhysiologicalState.fsh.rawValue] = v(.fshSecretion) * stimulus * pituitary - v(.keFSH) * fsh

        // Testis: Leydig output with the Tornøe 2007 H3 stimulation by LH (+ LH-like drugs); serum T
        // diffuses in, so ITT ≥ serum T.
        let serumT_nM = t * Units.testosterone_nmol_per_L_per_ng_per_dL
        let leydig = v(.leydigCapacity) * (1 + HPGModel.leydigStimulation(
            lh: max(lh, 0) + effects.lhEquivalent, emax: v(.leydigLHEmax), lh50: v(.leydigLH50), hill: v(.leydigHill)))
        dydt[PhysiologicalState.itt.rawValue] = v(.keITT) * (leydig + serumT_nM - itt)
        let tVolume_dL = v(.tClearance) / v(.keT) * 10
        let exogenousT = effects.testosteroneRelease_mg_per_h * 1e6 / tVolume_dL
        dydt[PhysiologicalState.testosterone.rawValue] = v(.ittToSerumT) * itt + exogenousT - v(.keT) * t

        // Aromatase, reversible competitive inhibition: Vmax·S/(Km·(1 + Σ C/Ki) + S), peripheral on free T
        // (scaled by adiposity), testicular on ITT.
        let km = v(.aromataseKm) * (1 + effects.aromataseInhibition)
        let freeT = v(.tFreeFraction) * max(serumT_nM, 0)
        let adiposity = pow(v(.bmi) / v(.bmiIdeal), v(.aromataseBMIExponent))
        let peripheral = v(.aromatasePeripheralVmax) * adiposity * freeT / (km + freeT)
        let testicular = v(.aromataseTesticularVmax) * max(itt, 0) / (km + max(itt, 0))
        dydt[PhysiologicalState.estradiol.rawValue] = peripheral + testicular + effects.estradiolInput_pg_per_mL_per_h(keE2: v(.keE2)) - v(.keE2) * e2

        SpermChain.derivatives(y, p, input: v(.spermatogenicCapacity) * HPGModel.spermatogenicDrive(fsh: fsh, itt: itt, p), dydt)
    }

    /// Tornøe 2007 H3(LH) = Lmax·LH^κ / (L50^κ + LH^κ).
    static func leydigStimulation(lh: Double, emax: Double, lh50: Double, hill: Double) -> Double {
        let x = pow(max(lh, 0), hill)
        return emax * x / (pow(lh50, hill) + x)
    }

    /// Fraction of spermatogenic capacity in use: D^h/(1 + D^h), D = √(FSH/FSH50 · ITT/ITT50).
    static func spermatogenicDrive(fsh: Double, itt: Double, _ p: UnsafeBufferPointer<Double>) -> Double {
        let drive = (max(fsh, 0) / p[Parameter.spermatogenicFSH50.rawValue] * max(itt, 0) / p[Parameter.spermatogenicITT50.rawValue]).squareRoot()
        let x = pow(drive, p[Parameter.spermatogenicHill.rawValue])
        return x / (1 + x)
    }

    /// f(y; p) with arrays (steady state, tests).
    public func derivatives(_ y: [Double], _ p: [Double]) -> [Double] {
        var dydt = [Double](repeating: 0, count: y.count)
        y.withUnsafeBufferPointer { yb in p.withUnsafeBufferPointer { pb in
            dydt.withUnsafeMutableBufferPointer { derivatives(yb, pb, $0) } } }
        return dydt
    }
}

/// Guards power laws of states that must stay positive.
let tiny = 1e-12
