import Foundation

/// The model's outputs, declared once with conventional and SI units (factors from molar masses, research
/// file "Unit conversions").
public enum Observable {
    /// What an observable's value is computed from: the state, the parameters and the drug-effect sums, in
    /// any arithmetic (`Double` for outputs, `Symbolic` for the SBML export).
    struct Context<S: ModelScalar> {
        let y: [S]
        let p: UnsafeBufferPointer<Double>
        let aromataseInhibition: S
        func state(_ s: PhysiologicalState) -> S { y[s.rawValue] }
        func parameter(_ q: Parameter) -> Double { p[q.rawValue] }
        var sperm: S { y[SpermChain.cauda] }
        /// E2 as a direct immunoassay reads it: the mass-spectrometry value plus the assay's bias b_IA.
        var estradiolByImmunoassay: S { state(.estradiol) + parameter(.e2ImmunoassayBias) }
        /// Free T (nmol/L), Vermeulen.
        var freeT_nmol_per_L: S {
            RateLaws.freeTestosterone(total_nM: state(.testosterone).floored(0) * Units.testosterone_nmol_per_L_per_ng_per_dL,
                                      shbg_nM: state(.shbg).floored(0), p)
        }
    }

    /// How a physiological observable is computed.
    enum Formula: Sendable {
        case state(PhysiologicalState)
        case testosteroneOverEstradiol, freeTestosterone, bioavailableTestosterone
        case sperm, totalMotileCount, strictMorphology, aromataseActivity
        case estradiolByImmunoassay, testosteroneOverEstradiolByImmunoassay

        func value<S: ModelScalar>(_ c: Context<S>) -> S {
            switch self {
            case .state(let s): c.state(s)
            case .testosteroneOverEstradiol: c.state(.testosterone) / c.state(.estradiol)
            case .freeTestosterone: c.freeT_nmol_per_L * Units.testosteroneMolarMass_g_per_mol
            case .bioavailableTestosterone:
                c.freeT_nmol_per_L * RateLaws.albuminBindingFactor(c.p) / Units.testosterone_nmol_per_L_per_ng_per_dL
            case .sperm: c.sperm
            case .totalMotileCount: c.sperm * c.parameter(.motileVolume)
            case .strictMorphology:
                (c.sperm.floored(0) / c.parameter(.spermatogenicCapacity)).power(c.parameter(.morphologyExponent))
                    * c.parameter(.morphologyCapacity)
            case .aromataseActivity: 1 / (c.aromataseInhibition + 1)
            case .estradiolByImmunoassay: c.estradiolByImmunoassay
            case .testosteroneOverEstradiolByImmunoassay: c.state(.testosterone) / c.estradiolByImmunoassay
            }
        }
    }

    /// Each physiological observable declared once: its spec and how it is computed.
    static let definitions: [(spec: ObservableSpec, formula: Formula)] = [
        (ObservableSpec(name: "testosterone", unit: "ng/dL", siUnit: "nmol/L",
                        siFactor: Units.testosterone_nmol_per_L_per_ng_per_dL, description: "serum total testosterone"),
         .state(.testosterone)),
        (ObservableSpec(name: "estradiol", unit: "pg/mL", siUnit: "pmol/L",
                        siFactor: Units.estradiol_pmol_per_L_per_pg_per_mL, description: "serum estradiol"),
         .state(.estradiol)),
        (ObservableSpec(name: "T_E2_ratio", unit: "ng/dL per pg/mL", siUnit: "nmol/L per pmol/L",
                        siFactor: Units.testosterone_nmol_per_L_per_ng_per_dL / Units.estradiol_pmol_per_L_per_pg_per_mL,
                        description: "testosterone / estradiol (clinical ratio: T in ng/dL over E2 in pg/mL)"),
         .testosteroneOverEstradiol),
        (ObservableSpec(name: "LH", unit: "IU/L", siUnit: "IU/L", siFactor: 1, description: "serum LH"), .state(.lh)),
        (ObservableSpec(name: "FSH", unit: "IU/L", siUnit: "IU/L", siFactor: 1, description: "serum FSH"), .state(.fsh)),
        (ObservableSpec(name: "free_testosterone", unit: "pg/mL", siUnit: "pmol/L",
                        siFactor: Units.testosterone_pmol_per_L_per_pg_per_mL,
                        description: "free testosterone by the Vermeulen equations (total T, SHBG, albumin 4.3 g/dL)"),
         .freeTestosterone),
        (ObservableSpec(name: "bioavailable_testosterone", unit: "ng/dL", siUnit: "nmol/L",
                        siFactor: Units.testosterone_nmol_per_L_per_ng_per_dL,
                        description: "free + albumin-bound testosterone, N·FT (Vermeulen)"),
         .bioavailableTestosterone),
        (ObservableSpec(name: "SHBG", unit: "nmol/L", siUnit: "nmol/L", siFactor: 1, description: "sex hormone-binding globulin"),
         .state(.shbg)),
        (ObservableSpec(name: "intratesticular_T", unit: "nmol/L", siUnit: "nmol/L", siFactor: 1,
                        description: "intratesticular testosterone"), .state(.itt)),
        (ObservableSpec(name: "GnRH_drive", unit: "1", siUnit: "1", siFactor: 1, description: "hypothalamic drive (reference man 1)"),
         .state(.gnrhDrive)),
        (ObservableSpec(name: "sperm_concentration", unit: "million/mL", siUnit: "1e9/L", siFactor: 1,
                        description: "ejaculate sperm concentration (epididymal cauda)"), .sperm),
        (ObservableSpec(name: "total_motile_count", unit: "million", siUnit: "million", siFactor: 1,
                        description: "concentration × ejaculate volume × motile fraction"),
         .totalMotileCount),
        (ObservableSpec(name: "strict_morphology", unit: "%", siUnit: "%", siFactor: 1, description: "normal forms (strict criteria)"),
         .strictMorphology),
        (ObservableSpec(name: "aromatase_activity", unit: "1", siUnit: "1", siFactor: 1,
                        description: "aromatase activity left by inhibitors at low substrate, 1/(1 + Σ C/Ki)"),
         .aromataseActivity),
        (ObservableSpec(name: "estradiol_immunoassay", unit: "pg/mL", siUnit: "pmol/L",
                        siFactor: Units.estradiol_pmol_per_L_per_pg_per_mL,
                        description: "serum estradiol as a direct immunoassay reads it: estradiol + E2_immunoassay_bias_pg_per_mL"),
         .estradiolByImmunoassay),
        (ObservableSpec(name: "T_E2_ratio_immunoassay", unit: "ng/dL per pg/mL", siUnit: "nmol/L per pmol/L",
                        siFactor: Units.testosterone_nmol_per_L_per_ng_per_dL / Units.estradiol_pmol_per_L_per_pg_per_mL,
                        description: "testosterone / estradiol_immunoassay (the clinical ratio with E2 by immunoassay)"),
         .testosteroneOverEstradiolByImmunoassay),
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
            p.withUnsafeBufferPointer { pb in observe(y, pb, DrugEffects(yb, pb, slots, dydt: nil).sums) }
        }
    }

    /// The observables in any arithmetic, with the drug-effect sums at `y`.
    func observe<S: ModelScalar>(_ y: [S], _ p: UnsafeBufferPointer<Double>, _ sums: MechanismSums<S>) -> [S] {
        let context = Observable.Context(y: y, p: p, aromataseInhibition: sums.aromataseInhibition)
        return Observable.definitions.map { $0.formula.value(context) } + slots.flatMap { slot -> [S] in
            guard !slot.plasma.isEmpty else { return [y[slot.kinetics.firstState]] }
            return slot.plasma.map { slot.concentration(y[$0.state], p, volume: $0.volume) }
        }
    }

    public func observableIndex(_ name: String) -> Int? { observables.firstIndex { $0.name == name } }
}
