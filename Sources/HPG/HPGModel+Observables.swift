import Foundation

/// The model's outputs, declared once with conventional and SI units (factors from molar masses, research
/// file "Unit conversions").
public enum Observable {
    /// What an observable's value is computed from: the state, the parameters and the drug-effect sums.
    struct Context {
        let y: UnsafeBufferPointer<Double>
        let p: UnsafeBufferPointer<Double>
        let effects: DrugEffects
        func state(_ s: PhysiologicalState) -> Double { y[s.rawValue] }
        func parameter(_ q: Parameter) -> Double { p[q.rawValue] }
        var sperm: Double { y[SpermChain.cauda] }
        /// Free T (nmol/L), Vermeulen.
        var freeT_nmol_per_L: Double {
            RateLaws.freeTestosterone(total_nM: max(state(.testosterone), 0) * Units.testosterone_nmol_per_L_per_ng_per_dL,
                                      shbg_nM: max(state(.shbg), 0), p)
        }
    }

    /// Each physiological observable declared once: its spec and how it is computed.
    static let definitions: [(spec: ObservableSpec, value: @Sendable (Context) -> Double)] = [
        (ObservableSpec(name: "testosterone", unit: "ng/dL", siUnit: "nmol/L",
                        siFactor: Units.testosterone_nmol_per_L_per_ng_per_dL, description: "serum total testosterone"),
         { $0.state(.testosterone) }),
        (ObservableSpec(name: "estradiol", unit: "pg/mL", siUnit: "pmol/L",
                        siFactor: Units.estradiol_pmol_per_L_per_pg_per_mL, description: "serum estradiol"),
         { $0.state(.estradiol) }),
        (ObservableSpec(name: "T_E2_ratio", unit: "ng/dL per pg/mL", siUnit: "nmol/L per pmol/L",
                        siFactor: Units.testosterone_nmol_per_L_per_ng_per_dL / Units.estradiol_pmol_per_L_per_pg_per_mL,
                        description: "testosterone / estradiol (clinical ratio: T in ng/dL over E2 in pg/mL)"),
         { $0.state(.testosterone) / $0.state(.estradiol) }),
        (ObservableSpec(name: "LH", unit: "IU/L", siUnit: "IU/L", siFactor: 1, description: "serum LH"), { $0.state(.lh) }),
        (ObservableSpec(name: "FSH", unit: "IU/L", siUnit: "IU/L", siFactor: 1, description: "serum FSH"), { $0.state(.fsh) }),
        (ObservableSpec(name: "free_testosterone", unit: "pg/mL", siUnit: "pmol/L",
                        siFactor: Units.testosterone_pmol_per_L_per_pg_per_mL,
                        description: "free testosterone by the Vermeulen equations (total T, SHBG, albumin 4.3 g/dL)"),
         { $0.freeT_nmol_per_L * Units.testosteroneMolarMass_g_per_mol }),
        (ObservableSpec(name: "bioavailable_testosterone", unit: "ng/dL", siUnit: "nmol/L",
                        siFactor: Units.testosterone_nmol_per_L_per_ng_per_dL,
                        description: "free + albumin-bound testosterone, N·FT (Vermeulen)"),
         { RateLaws.albuminBindingFactor($0.p) * $0.freeT_nmol_per_L / Units.testosterone_nmol_per_L_per_ng_per_dL }),
        (ObservableSpec(name: "SHBG", unit: "nmol/L", siUnit: "nmol/L", siFactor: 1, description: "sex hormone-binding globulin"),
         { $0.state(.shbg) }),
        (ObservableSpec(name: "intratesticular_T", unit: "nmol/L", siUnit: "nmol/L", siFactor: 1,
                        description: "intratesticular testosterone"), { $0.state(.itt) }),
        (ObservableSpec(name: "GnRH_drive", unit: "1", siUnit: "1", siFactor: 1, description: "hypothalamic drive (reference man 1)"),
         { $0.state(.gnrhDrive) }),
        (ObservableSpec(name: "sperm_concentration", unit: "million/mL", siUnit: "1e9/L", siFactor: 1,
                        description: "ejaculate sperm concentration (epididymal cauda)"), { $0.sperm }),
        (ObservableSpec(name: "total_motile_count", unit: "million", siUnit: "million", siFactor: 1,
                        description: "concentration × ejaculate volume × motile fraction"),
         { $0.sperm * $0.parameter(.motileVolume) }),
        (ObservableSpec(name: "strict_morphology", unit: "%", siUnit: "%", siFactor: 1, description: "normal forms (strict criteria)"),
         { $0.parameter(.morphologyCapacity) * pow(max($0.sperm, 0) / $0.parameter(.spermatogenicCapacity), $0.parameter(.morphologyExponent)) }),
        (ObservableSpec(name: "aromatase_activity", unit: "1", siUnit: "1", siFactor: 1,
                        description: "aromatase activity left by inhibitors at low substrate, 1/(1 + Σ C/Ki)"),
         { 1 / (1 + $0.effects.aromataseInhibition) }),
    ]

    static var physiological: [ObservableSpec] { definitions.map(\.spec) }

    static func specs(drugs: [Drug]) -> [ObservableSpec] {
        physiological + drugs.flatMap { drug -> [ObservableSpec] in
            let molar = drug.molarMass_g_per_mol
            func concentration(_ name: String, _ what: String) -> ObservableSpec {
                ObservableSpec(name: name, unit: drug.concentrationUnit,
                               siUnit: molar == nil ? drug.concentrationUnit : "nmol/L",
                               siFactor: molar.map { 1000 / $0 } ?? 1, description: what)
            }
            let structure = drug.pk.structure
            let plasma = drug.pk.plasmaCompartments
            guard !plasma.isEmpty else {
                return [ObservableSpec(name: "\(drug.name)_depot", unit: drug.doseUnit.rawValue, siUnit: drug.doseUnit.rawValue,
                                       siFactor: 1, description: "\(drug.name) left in the depot")]
            }
            return [concentration("\(drug.name)_concentration", "\(drug.name) plasma concentration")]
                + plasma.dropFirst().map { structure.compartments[$0].name }.map {
                    concentration("\(drug.name)_\($0)_concentration",
                                  "\(drug.name): \($0) plasma concentration (parent-equivalent mass; SI by the parent's molar mass)")
                }
        }
    }
}

extension HPGModel {
    /// The observables at one state, in conventional units, in the order of `observables`.
    public func observe(_ y: [Double], _ p: [Double]) -> [Double] {
        y.withUnsafeBufferPointer { yb in
            p.withUnsafeBufferPointer { pb in
                let context = Observable.Context(y: yb, p: pb, effects: DrugEffects(yb, pb, slots, dydt: nil))
                let physiological = Observable.definitions.map { $0.value(context) }
                return physiological + slots.flatMap { slot -> [Double] in
                    guard !slot.plasma.isEmpty else { return [y[slot.kinetics.firstState]] }
                    return slot.plasma.map { slot.concentration(yb, pb, state: $0.state, volume: $0.volume) }
                }
            }
        }
    }

    public func observableIndex(_ name: String) -> Int? { observables.firstIndex { $0.name == name } }
}
