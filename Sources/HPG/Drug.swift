/// A drug: pharmacokinetics + mechanism(s) + potency, with its dose unit and molar mass. Each drug lives in
/// its own file under `Drugs/` and is listed in `DrugRegistry.all`; the physiological equations read drugs
/// only through the mechanism sums in `DrugEffects`, so a new drug never touches them.
public struct Drug: Sendable {
    /// Registry key, used in scenario files and column names ("anastrozole").
    public var name: String
    public var doseUnit: DoseUnit
    /// g/mol, for SI concentrations (nmol/L); nil for drugs dosed in IU.
    public var molarMass_g_per_mol: Double?
    public var pk: PKModel
    public var mechanisms: [Mechanism]
    /// A second species with its own PK and mechanisms (an isomer of a mixture or an active metabolite);
    /// only for drugs with a central compartment (`DrugSpecies.swift`).
    public var secondary: SecondarySpecies?

    public init(name: String, doseUnit: DoseUnit, molarMass_g_per_mol: Double?, pk: PKModel, mechanisms: [Mechanism],
                secondary: SecondarySpecies? = nil) {
        self.name = name
        self.doseUnit = doseUnit
        self.molarMass_g_per_mol = molarMass_g_per_mol
        self.pk = pk
        self.mechanisms = mechanisms
        self.secondary = secondary
    }

    /// Every parameter of the drug for the parameter table, named "<drug>.<parameter>": PK, bioavailability,
    /// mechanisms.
    public var parameters: [ParameterSpec] {
        prefixed(pk.parameters + [pk.bioavailability] + mechanisms.flatMap(\.parameters) + (secondary?.parameters ?? []))
    }

    /// The parameters the right-hand side reads (PK, mechanisms). Bioavailability is not among them: it is
    /// the dosing engine's dose control Fn of the drug's depot compartment (a record item, as in NONMEM).
    var modelParameters: [ParameterSpec] {
        prefixed(pk.parameters + mechanisms.flatMap(\.parameters) + (secondary?.parameters ?? []))
    }

    private func prefixed(_ specs: [ParameterSpec]) -> [ParameterSpec] {
        specs.map { ParameterSpec(name + "." + $0.name, $0.unit, $0.value, $0.source) }
    }

    /// Plasma concentration unit of the central compartment.
    public var concentrationUnit: String { doseUnit.concentrationUnit }
}

public enum DoseUnit: String, Sendable {
    case mg, ug, IU

    /// Central amount / volume (L) in this unit.
    public var concentrationUnit: String { self == .IU ? "IU/L" : "ng/mL" }
    /// Factor from (dose unit)/L to the concentration unit: mg/L = 1000 ng/mL, µg/L = 1 ng/mL, IU/L = IU/L.
    public var concentrationFactor: Double {
        switch self {
        case .mg: return 1000
        case .ug, .IU: return 1
        }
    }
}

/// Linear pharmacokinetics. Bioavailability is a dose control (NONMEM Fn) applied by the dosing engine.
public enum PKModel: Sendable {
    /// Oral/SC/IM depot → central, first-order absorption ka, linear elimination CL/V (ADVAN2 TRANS2).
    /// Dosable compartments: 1 depot, 2 central.
    case firstOrderAbsorption(ka: ParameterSpec, clearance: ParameterSpec, volume: ParameterSpec, bioavailability: ParameterSpec)
    /// A depot releasing the drug at ka·A into its site of action (testosterone esters release T into serum).
    /// Dosable compartment: 1 depot.
    case depotRelease(ka: ParameterSpec, bioavailability: ParameterSpec)

    /// Rate parameters (bioavailability is separate: a dose control).
    public var parameters: [ParameterSpec] {
        switch self {
        case .firstOrderAbsorption(let ka, let cl, let v, _): return [ka, cl, v]
        case .depotRelease(let ka, _): return [ka]
        }
    }

    /// State names (without the drug prefix) and the one that holds the plasma concentration.
    var compartmentNames: [String] {
        switch self {
        case .firstOrderAbsorption: return ["depot", "central"]
        case .depotRelease: return ["depot"]
        }
    }

    var bioavailability: ParameterSpec {
        switch self {
        case .firstOrderAbsorption(_, _, _, let f), .depotRelease(_, let f): return f
        }
    }
}

/// How a drug acts on the axis. Each case carries its potency parameters with their sources.
public enum Mechanism: Sendable {
    /// Reversible competitive aromatase inhibition: rate = Vmax·S / (Km·(1 + Σ C/Ki) + S), in periphery
    /// (S = free T) and testis (S = ITT).
    case aromataseInhibition(ki: ParameterSpec)
    /// Competitive estrogen-receptor antagonism at hypothalamus and pituitary: the feedback sees
    /// E2 / (1 + Σ C/Ki) (SERMs).
    case estrogenReceptorAntagonism(ki: ParameterSpec)
    /// LH-receptor agonism: Leydig cells see LH + Σ k·C (hCG, k in IU/L LH per concentration unit).
    case lhReceptorAgonism(lhEquivalent: ParameterSpec)
    /// GnRH-receptor agonism: pituitary stimulus G·(1 + Σ Emax·C^γ/(EC50^γ + C^γ)) (gonadorelin; the
    /// Tornøe 2007 H1 form).
    case gnrhReceptorAgonism(emax: ParameterSpec, ec50: ParameterSpec, hill: ParameterSpec)
    /// Exogenous testosterone: the depot release ka·A (mg ester/h) × mass fraction of T enters serum T.
    case testosteroneRelease(testosteroneMassFraction: ParameterSpec)

    public var parameters: [ParameterSpec] {
        switch self {
        case .aromataseInhibition(let ki), .estrogenReceptorAntagonism(let ki): return [ki]
        case .lhReceptorAgonism(let k): return [k]
        case .gnrhReceptorAgonism(let emax, let ec50, let hill): return [emax, ec50, hill]
        case .testosteroneRelease(let fraction): return [fraction]
        }
    }
}
