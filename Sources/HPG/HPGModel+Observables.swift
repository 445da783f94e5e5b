import Foundation

/// The model's outputs, declared once with conventional and SI units (factors from molar masses, research
/// file "Unit conversions").
public enum Observable {
    static let physiological: [ObservableSpec] = [
        ObservableSpec(name: "testosterone", unit: "ng/dL", siUnit: "nmol/L",
                       siFactor: Units.testosterone_nmol_per_L_per_ng_per_dL, description: "serum total testosterone"),
        ObservableSpec(name: "estradiol", unit: "pg/mL", siUnit: "pmol/L",
                       siFactor: Units.estradiol_pmol_per_L_per_pg_per_mL, description: "serum estradiol"),
        ObservableSpec(name: "T_E2_ratio", unit: "ng/dL per pg/mL", siUnit: "nmol/L per pmol/L",
                       siFactor: Units.testosterone_nmol_per_L_per_ng_per_dL / Units.estradiol_pmol_per_L_per_pg_per_mL,
                       description: "testosterone / estradiol (clinical ratio: T in ng/dL over E2 in pg/mL)"),
        ObservableSpec(name: "LH", unit: "IU/L", siUnit: "IU/L", siFactor: 1, description: "serum LH"),
        ObservableSpec(name: "FSH", unit: "IU/L", siUnit: "IU/L", siFactor: 1, description: "serum FSH"),
        ObservableSpec(name: "intratesticular_T", unit: "nmol/L", siUnit: "nmol/L", siFactor: 1,
                       description: "intratesticular testosterone"),
        ObservableSpec(name: "GnRH_drive", unit: "1", siUnit: "1", siFactor: 1, description: "hypothalamic drive (reference man 1)"),
        ObservableSpec(name: "sperm_concentration", unit: "million/mL", siUnit: "1e9/L", siFactor: 1,
                       description: "ejaculate sperm concentration (epididymal cauda)"),
        ObservableSpec(name: "total_motile_count", unit: "million", siUnit: "million", siFactor: 1,
                       description: "concentration × ejaculate volume × motile fraction"),
        ObservableSpec(name: "strict_morphology", unit: "%", siUnit: "%", siFactor: 1,
                       description: "normal forms (strict criteria)"),
        ObservableSpec(name: "aromatase_activity", unit: "1", siUnit: "1", siFactor: 1,
                       description: "aromatase activity left by inhibitors at low substrate, 1/(1 + Σ C/Ki)"),
    ]

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
                let effects = DrugEffects(yb, pb, slots, dydt: nil)
                let t = y[PhysiologicalState.testosterone.rawValue], e2 = y[PhysiologicalState.estradiol.rawValue]
                let sperm = y[SpermChain.cauda]
                let usedCapacity = max(sperm, 0) / p[Parameter.spermatogenicCapacity.rawValue]
                let physiological = [
                    t, e2, t / e2,
                    y[PhysiologicalState.lh.rawValue], y[PhysiologicalState.fsh.rawValue],
                    y[PhysiologicalState.itt.rawValue], y[PhysiologicalState.gnrhDrive.rawValue],
                    sperm, sperm * p[Parameter.motileVolume.rawValue],
                    p[Parameter.morphologyCapacity.rawValue] * pow(usedCapacity, p[Parameter.morphologyExponent.rawValue]),
                    1 / (1 + effects.aromataseInhibition),
                ]
                return physiological + slots.flatMap { slot -> [Double] in
                    guard !slot.plasma.isEmpty else { return [y[slot.kinetics.firstState]] }
                    return slot.plasma.map { slot.concentration(yb, pb, state: $0.state, volume: $0.volume) }
                }
            }
        }
    }

    public func observableIndex(_ name: String) -> Int? { observables.firstIndex { $0.name == name } }
}
