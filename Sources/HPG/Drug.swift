import Dosing

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
    /// How the drug is given (the routes a scenario may name).
    public var routes: [Route]

    public init(name: String, doseUnit: DoseUnit, molarMass_g_per_mol: Double?, routes: [Route], pk: PKModel,
                mechanisms: [Mechanism]) {
        precondition(!routes.contains(.iv) || pk.plasmaCompartment != nil, "\(name): iv needs a plasma compartment")
        self.name = name
        self.doseUnit = doseUnit
        self.molarMass_g_per_mol = molarMass_g_per_mol
        self.routes = routes
        self.pk = pk
        self.mechanisms = mechanisms
    }

    /// Every parameter of the drug for the parameter table, named "<drug>.<parameter>": PK, bioavailability,
    /// mechanisms.
    public var parameters: [ParameterSpec] {
        prefixed(pk.parameters + [pk.bioavailability] + (pk.deliveryDuration.map { [$0] } ?? []) + mechanisms.flatMap(\.parameters))
    }

    /// The record as the dosing engine takes it: a bolus into the depot of a drug with a delivery duration
    /// becomes NONMEM's modeled-duration infusion (RATE = −2, lasting the depot's D1, delivering F·AMT), as a
    /// gel's label describes its daily application. Any other record, and a record with its own rate, as given.
    public func delivered(_ record: EventRecord) -> EventRecord {
        guard pk.deliveryDuration != nil, record.event == .dose, record.compartment == 1, record.rate == 0,
              record.steadyState == .none else { return record }
        var record = record
        record.rate = EventRecord.modeledDuration
        return record
    }

    /// The parameters the right-hand side reads (PK, mechanisms). Bioavailability is not among them: it is
    /// the dosing engine's dose control Fn of the drug's depot compartment (a record item, as in NONMEM).
    var modelParameters: [ParameterSpec] { prefixed(pk.parameters + mechanisms.flatMap(\.parameters)) }

    private func prefixed(_ specs: [ParameterSpec]) -> [ParameterSpec] {
        specs.map { ParameterSpec(name + "." + $0.name, $0.unit, $0.value, $0.source, allowed: $0.allowed) }
    }

    /// Plasma concentration unit of the central compartment.
    public var concentrationUnit: String { doseUnit.concentrationUnit }
}

/// A route of administration. Every route but iv doses the drug's first compartment (its depot: gut, muscle,
/// subcutis or skin, with the drug's bioavailability); iv doses its plasma compartment.
public enum Route: String, Sendable, CaseIterable {
    case oral, im, sc, iv, transdermal

    /// The drug's own (1-based) compartment this route doses.
    public func compartment(of pk: PKModel) -> Int { self == .iv ? pk.plasmaCompartment! + 1 : 1 }
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
    /// Milligrams in one dose unit (mass units only).
    var milligrams: Double { self == .ug ? 1e-3 : 1 }
}

/// A drug's pharmacokinetics: one of the dosing library's linear compartment structures (`PKLibrary`,
/// declared as `LinearCompartments`) with the drug's value of each of its parameters. The structure derives
/// the PK equations, their Jacobian block and their text; the drug only names the values. Bioavailability is
/// a dose control (NONMEM Fn) applied by the dosing engine, and so is a delivery duration (NONMEM Dn).
public struct PKModel: Sendable {
    public let structure: LinearCompartments
    /// The drug's parameters (bioavailability apart), in the order of the parameter table.
    public let parameters: [ParameterSpec]
    /// The structure parameter each of `parameters` gives ("KA", "CL", …).
    let symbols: [String]
    public let bioavailability: ParameterSpec
    /// Hours over which each dose into the depot is delivered at a constant rate (NONMEM's modeled duration
    /// D1, RATE = −2: `Drug.delivered`); nil for a bolus.
    public let deliveryDuration: ParameterSpec?

    public init(_ structure: LinearCompartments, parameters: [(symbol: String, spec: ParameterSpec)],
                bioavailability: ParameterSpec, deliveryDuration: ParameterSpec? = nil) {
        precondition(parameters.map(\.symbol).sorted() == structure.parameters.sorted(),
                     "give each structure parameter (\(structure.parameters.joined(separator: ", "))) exactly once")
        self.structure = structure
        self.parameters = parameters.map(\.spec)
        self.symbols = parameters.map(\.symbol)
        self.bioavailability = bioavailability.allowing(.bioavailability)
        self.deliveryDuration = deliveryDuration
    }

    /// Oral/SC/IM depot → central, first-order absorption ka, linear elimination CL/V (ADVAN2 TRANS2),
    /// optionally with a second species (a metabolite or the other isomer of a mixture, `MetabolitePK`).
    /// Dosable compartments: 1 depot, 2 central (3 the second species).
    public static func firstOrderAbsorption(ka: ParameterSpec, clearance: ParameterSpec, volume: ParameterSpec,
                                            bioavailability: ParameterSpec, metabolite: MetabolitePK? = nil) -> PKModel {
        let parent = [("KA", ka), ("CL", clearance), ("V", volume)]
        guard let metabolite else {
            return PKModel(PKLibrary.oneCompartmentDepotKinetics, parameters: parent, bioavailability: bioavailability)
        }
        let (structure, formation) = metabolite.formedFromAbsorbedDose
            ? (PKLibrary.oneCompartmentDepotKinetics(isomer: metabolite.name), "f")
            : (PKLibrary.oneCompartmentDepotKinetics(metabolite: metabolite.name), "CLf")
        return PKModel(structure, parameters: parent + [(formation, metabolite.formationClearance),
                                                        ("CLm", metabolite.clearance), ("Vm", metabolite.volume)],
                       bioavailability: bioavailability)
    }

    /// A depot releasing the drug at ka·A into its site of action (testosterone esters release T into serum,
    /// a patch or gel's skin reservoir T or E2). Dosable compartment: 1 depot; with a delivery duration, each
    /// dose enters the depot at a constant rate over it.
    public static func depotRelease(ka: ParameterSpec, bioavailability: ParameterSpec,
                                    deliveryDuration: ParameterSpec? = nil) -> PKModel {
        PKModel(PKLibrary.depotReleaseKinetics, parameters: [("KA", ka)], bioavailability: bioavailability,
                deliveryDuration: deliveryDuration)
    }

    /// The compartment (0-based) whose concentration is the drug's plasma concentration, if any.
    public var plasmaCompartment: Int? { plasmaCompartments.first }

    /// Compartments with an observed concentration (a volume): the parent's plasma, then a second species.
    var plasmaCompartments: [Int] { structure.compartments.indices.filter { structure.compartments[$0].volume != nil } }
}

/// A second species with its own linear PK (clearance CLm, volume Vm), fed by the parent drug (the
/// structures `PKLibrary.oneCompartmentDepotKinetics(metabolite:)` and `(isomer:)`):
/// - an active metabolite formed from the parent's central compartment with clearance CLf (part of the
///   parent's total CL; tamoxifen → endoxifen, Ter Heine 2014);
/// - or the other isomer of a mixture, a fraction f of the absorbed dose (clomiphene: zuclomiphene beside
///   enclomiphene).
/// Amounts in parent-equivalent dose units.
public struct MetabolitePK: Sendable {
    /// CLf (L/h) for a metabolite, f (fraction) for an isomer.
    public var formationClearance: ParameterSpec
    public var clearance: ParameterSpec
    public var volume: ParameterSpec
    /// The species' name in state and observable names (`<drug>_<name>_concentration`).
    public var name: String
    /// True for an isomer (a fraction of the absorbed dose), false for a metabolite (formation clearance).
    public var formedFromAbsorbedDose: Bool

    public init(formationClearance: ParameterSpec, clearance: ParameterSpec, volume: ParameterSpec,
                name: String = "metabolite") {
        self.formationClearance = formationClearance
        self.clearance = clearance
        self.volume = volume
        self.name = name
        self.formedFromAbsorbedDose = false
    }

    /// The other isomer of a mixture: `fraction` of the absorbed dose.
    public init(isomer name: String, fraction: ParameterSpec, clearance: ParameterSpec, volume: ParameterSpec) {
        self.init(formationClearance: fraction.allowing(.share), clearance: clearance, volume: volume, name: name)
        formedFromAbsorbedDose = true
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
    /// GnRH-receptor agonism: pituitary stimulus G + Σ Emax·C^γ/(EC50^γ + C^γ) (gonadorelin; the
    /// Tornøe 2007 H1 form).
    case gnrhReceptorAgonism(emax: ParameterSpec, ec50: ParameterSpec, hill: ParameterSpec)
    /// GnRH-receptor inhibition, the Tornøe 2007 H2 form: each drug takes the fraction
    /// I = Imax·C^δ/(IC50^δ + C^δ) of the pituitary's LH and FSH secretion away, so secretion is scaled by
    /// Π(1 − I) (independent action of several drugs) after its ceiling, as H2 scales LH production in that
    /// model: Imax is the most a drug can take away, however strong the GnRH drive. An antagonist blocks the
    /// receptor (acyline, after degarelix in Tornøe 2007); a depot agonist desensitises it (leuprolide).
    case gnrhReceptorInhibition(imax: ParameterSpec, ic50: ParameterSpec, hill: ParameterSpec)
    /// A hormone made outside the axis: the depot's release ka·A (dose unit/h) × the hormone's mass fraction
    /// enters serum testosterone or estradiol, dividing by the hormone's distribution volume MCR/ke (its
    /// steady-state rise is release/MCR). Testosterone esters and gel; estradiol patches.
    case hormoneRelease(ReleasedHormone, massFraction: ParameterSpec)
    /// The wrapped mechanism, driven by the metabolite's concentration instead of the parent's
    /// (needs a `MetabolitePK`).
    indirect case throughMetabolite(Mechanism)

    public var parameters: [ParameterSpec] {
        switch self {
        case .throughMetabolite(let mechanism): return mechanism.parameters.map {
            ParameterSpec("metabolite_" + $0.name, $0.unit, $0.value, $0.source)
        }
        case .aromataseInhibition(let ki), .estrogenReceptorAntagonism(let ki): return [ki]
        case .lhReceptorAgonism(let k): return [k]
        case .gnrhReceptorAgonism(let emax, let ec50, let hill): return [emax, ec50, hill]
        case .gnrhReceptorInhibition(let imax, let ic50, let hill): return [imax, ic50, hill]
        case .hormoneRelease(_, let fraction): return [fraction]
        }
    }
}

/// The serum hormones a drug can release into (`Mechanism.hormoneRelease`).
public enum ReleasedHormone: Sendable {
    case testosterone, estradiol
}
