import Foundation

/// Every physiological parameter of the model, declared once: name (with unit), unit, value, source.
/// Drug parameters are declared in each drug's file (`Drugs/`).
///
/// Values marked "individual" are solved per patient from baseline labs (`Patient`, `Individualization`);
/// their declared values are those of the reference man (`ReferenceMan`). Values marked "calibrated" were
/// fitted once to the Shah 2021 cohort table (`Calibration.fit`, notebooks-md/model.md).
public enum Parameter: Int, CaseIterable, Sendable {
    case keGnRHDrive, gnrhDriveCapacity
    case e2FeedbackReference, tFeedbackReference
    case e2HypothalamicExponent, e2PituitaryExponent, tHypothalamicExponent
    case lhSecretion, keLH, fshSecretion, keFSH
    case leydigCapacity, leydigLHEmax, leydigLH50, leydigHill
    case keITT, ittToSerumT, keT, tClearance, tFreeFraction
    case aromataseKm, aromatasePeripheralVmax, aromataseTesticularVmax, keE2
    case bmi, bmiIdeal, aromataseBMIExponent
    case spermatogenesisDuration, caputTransit, corpusTransit, caudaTransit
    case spermatogenicCapacity, spermatogenicHill, spermatogenicFSH50, spermatogenicITT50
    case motileVolume, morphologyCapacity, morphologyExponent

    public var spec: ParameterSpec {
        switch self {
        case .keGnRHDrive: return ParameterSpec("ke_GnRH_drive_per_h", "1/h", 0.00497,
            "Tornøe CW et al. Br J Clin Pharmacol 2007;63:648, keF (degarelix study), feedback compartment t½ 5.8 d")
        case .gnrhDriveCapacity: return ParameterSpec("GnRH_drive_capacity", "1", 1,
            "individual (solved from LH); reference man: 1, the feedback-free drive of Tornøe 2007 (F0 = 1)")
        case .e2FeedbackReference: return ParameterSpec("E2_feedback_reference_pg_per_mL", "pg/mL",
            ReferenceMan.estradiol_pg_per_mL, "reference man E2: 40 µg/d ÷ 1600 L/d (de Ronde & de Jong 2011; mdwiki)")
        case .tFeedbackReference: return ParameterSpec("T_feedback_reference_ng_per_dL", "ng/dL",
            ReferenceMan.testosterone_ng_per_dL, "reference man T: Travison TG et al. JCEM 2017;102:1161 median")
        case .e2HypothalamicExponent: return ParameterSpec("E2_feedback_hypothalamic_exponent", "1",
            Calibrated.e2FeedbackExponentTotal / 2,
            "calibrated: total E2 exponent fitted to the Shah 2021 LH, FSH and E2 shifts, split equally between hypothalamus and pituitary (assumption; both sites: Hayes FJ et al. JCEM 2000, Pitteloud N et al. JCEM 2008)")
        case .e2PituitaryExponent: return ParameterSpec("E2_feedback_pituitary_exponent", "1",
            Calibrated.e2FeedbackExponentTotal / 2, "calibrated: see E2_feedback_hypothalamic_exponent")
        case .tHypothalamicExponent: return ParameterSpec("T_feedback_hypothalamic_exponent", "1", 0.56,
            "Tornøe 2007 λ (degarelix study), T feedback exponent")
        case .lhSecretion: return ParameterSpec("LH_secretion_IU_per_L_per_h", "IU/L/h",
            Derived.value(.keLH) * ReferenceMan.LH_IU_per_L, "derived: ke_LH × reference LH 5 IU/L at drive 1 (steady state)")
        case .keLH: return ParameterSpec("ke_LH_per_h", "1/h", log(2.0) / 1.3,
            "Tornøe 2007 popPK LH t½ 1.3 h (ke 0.535/h); single-exponential 136 min (Veldhuis)")
        case .fshSecretion: return ParameterSpec("FSH_secretion_IU_per_L_per_h", "IU/L/h",
            Derived.value(.keFSH) * ReferenceMan.FSH_IU_per_L, "individual (solved from FSH); reference: ke_FSH × 5 IU/L")
        case .keFSH: return ParameterSpec("ke_FSH_per_h", "1/h", log(2.0) / 4.6,
            "FSH t½ 274 ± 45 min single-exponential (Urban RJ et al. JCEM 1991)")
        case .leydigCapacity: return ParameterSpec("Leydig_capacity_nmol_per_L", "nmol/L", Derived.leydigCapacity,
            "individual (solved from T); reference: (ITT 1200 − serum T) / (1 + H(LH 5)) so ITT = 1200 nmol/L")
        case .leydigLHEmax: return ParameterSpec("Leydig_LH_Emax", "1", 77.5, "Tornøe 2007 Lmax")
        case .leydigLH50: return ParameterSpec("Leydig_LH50_IU_per_L", "IU/L", 5.18, "Tornøe 2007 L50")
        case .leydigHill: return ParameterSpec("Leydig_LH_hill", "1", 1.9, "Tornøe 2007 κ")
        case .keITT: return ParameterSpec("ke_ITT_per_h", "1/h", log(2.0) / 1.0,
            "assumption: intratesticular T turnover t½ 1 h (not retrieved); only the speed of ITT changes depends on it")
        case .ittToSerumT: return ParameterSpec("ITT_to_serum_T_ng_per_dL_per_h_per_nmol_per_L", "ng/dL/h per nmol/L",
            Derived.value(.keT) * ReferenceMan.testosterone_ng_per_dL / ReferenceMan.intratesticularT_nmol_per_L,
            "derived: ke_T × 531 ng/dL ÷ 1200 nmol/L (serum and intratesticular T of the reference man)")
        case .keT: return ParameterSpec("ke_T_per_h", "1/h", log(2.0) / (97.0 / 60.0),
            "T rise half-time 97 ± 9 min under pulsatile rhLH after ganirelix (Veldhuis et al.)")
        case .tClearance: return ParameterSpec("T_clearance_L_per_h", "L/h", 950.0 / 24,
            "T MCR 950 L/day (mdwiki textbook template); used for exogenous T input (volume = CL/ke_T)")
        case .tFreeFraction: return ParameterSpec("T_free_fraction", "1", 0.020, "Södergård R et al. J Steroid Biochem 1982;16:801")
        case .aromataseKm: return ParameterSpec("aromatase_Km_nmol_per_L", "nmol/L", 1.83,
            "Lakshman KM et al. JCEM 2010;95:3955 (free T)")
        case .aromatasePeripheralVmax: return ParameterSpec("aromatase_peripheral_Vmax_pg_per_mL_per_h", "pg/mL/h",
            Derived.peripheralVmax,
            "individual (solved from E2); reference: makes the remaining \(percent(1 - Calibrated.testicularE2Fraction)) of 25 pg/mL at free T")
        case .aromataseTesticularVmax: return ParameterSpec("aromatase_testicular_Vmax_pg_per_mL_per_h", "pg/mL/h",
            Derived.testicularVmax,
            "calibrated: testis makes \(percent(Calibrated.testicularE2Fraction)) of the reference man's E2 (aromatase sees total ITT, research note 2), fitted to the Shah 2021 E2 fall; literature 20–83 % (de Ronde & de Jong 2011; mdwiki)")
        case .keE2: return ParameterSpec("ke_E2_per_h", "1/h", log(2.0) / 1.5, "E2 iv t½ 1–2 h (research §1e), 1.5 h")
        case .bmi: return ParameterSpec("BMI_kg_per_m2", "kg/m2", ReferenceMan.BMI_kg_per_m2, "individual (patient)")
        case .bmiIdeal: return ParameterSpec("BMI_ideal_kg_per_m2", "kg/m2", ReferenceMan.BMI_kg_per_m2,
            "assumption: 100 % ideal body weight ≈ BMI 22")
        case .aromataseBMIExponent: return ParameterSpec("aromatase_BMI_exponent", "1", Calibrated.aromataseBMIExponent,
            "calibrated: peripheral aromatase ∝ (BMI/22)^p fitted to E2/T ×\(Calibrated.kleyE2OverTRatio) at 170 % IBW (Kley HK et al. Metabolism 1980;29:1041; Schneider G et al. JCEM 1979;48:633)")
        case .spermatogenesisDuration: return ParameterSpec("spermatogenesis_duration_h", "h", 64 * 24,
            "64 d (Heller & Clermont 1963; Amann RP J Androl 2008;29:469), \(SpermChain.seminiferousStages) stages")
        case .caputTransit: return ParameterSpec("epididymis_caput_transit_h", "h", 1.1 * 24, "Amann RP et al. Biol Reprod 1976;15:586 (rhesus)")
        case .corpusTransit: return ParameterSpec("epididymis_corpus_transit_h", "h", 3.8 * 24, "Amann 1976 (rhesus)")
        case .caudaTransit: return ParameterSpec("epididymis_cauda_transit_h", "h", 5.6 * 24, "Amann 1976 (rhesus)")
        case .spermatogenicCapacity: return ParameterSpec("spermatogenic_capacity_million_per_mL", "million/mL",
            ReferenceMan.spermConcentration_million_per_mL / 0.5,
            "individual (solved from sperm concentration); reference: 73 million/mL at half capacity")
        case .spermatogenicHill: return ParameterSpec("spermatogenic_drive_hill", "1", Calibrated.spermatogenicHill,
            "calibrated: sperm concentration rise under anastrozole (Shah 2021), see notebook")
        case .spermatogenicFSH50: return ParameterSpec("spermatogenic_FSH50_IU_per_L", "IU/L", ReferenceMan.FSH_IU_per_L,
            "assumption: the reference man's FSH gives half-maximal drive (with ITT50)")
        case .spermatogenicITT50: return ParameterSpec("spermatogenic_ITT50_nmol_per_L", "nmol/L",
            ReferenceMan.intratesticularT_nmol_per_L, "assumption: the reference man's ITT gives half-maximal drive (with FSH50)")
        case .motileVolume: return ParameterSpec("motile_volume_mL", "mL", ReferenceMan.motileVolume_mL,
            "individual (solved from total motile count); reference: volume 3.7 mL × motility 61 % (Cooper 2010)")
        case .morphologyCapacity: return ParameterSpec("morphology_capacity_percent", "%",
            ReferenceMan.strictMorphology_percent / pow(0.5, Calibrated.morphologyExponent),
            "individual (solved from strict morphology); reference: 15 % normal forms at half capacity (Cooper 2010)")
        case .morphologyExponent: return ParameterSpec("morphology_exponent", "1", Calibrated.morphologyExponent,
            "calibrated: strict morphology rise under anastrozole (Shah 2021)")
        }
    }

    /// The symbol of the parameter in the printed equations (`hpgsim model`).
    public var symbol: String {
        switch self {
        case .keGnRHDrive: return "ke_GnRH"
        case .gnrhDriveCapacity: return "A_G"
        case .e2FeedbackReference: return "E2ref"
        case .tFeedbackReference: return "Tref"
        case .e2HypothalamicExponent: return "λE,h"
        case .e2PituitaryExponent: return "λE,p"
        case .tHypothalamicExponent: return "λT,h"
        case .lhSecretion: return "ks_LH"
        case .keLH: return "ke_LH"
        case .fshSecretion: return "ks_FSH"
        case .keFSH: return "ke_FSH"
        case .leydigCapacity: return "Leydig"
        case .leydigLHEmax: return "Lmax"
        case .leydigLH50: return "L50"
        case .leydigHill: return "κ"
        case .keITT: return "ke_ITT"
        case .ittToSerumT: return "k_ITT→T"
        case .keT: return "ke_T"
        case .tClearance: return "CL_T"
        case .tFreeFraction: return "fT"
        case .aromataseKm: return "Km"
        case .aromatasePeripheralVmax: return "Vp"
        case .aromataseTesticularVmax: return "Vt"
        case .keE2: return "ke_E2"
        case .bmi: return "BMI"
        case .bmiIdeal: return "BMI0"
        case .aromataseBMIExponent: return "p"
        case .spermatogenesisDuration: return "τ_sg"
        case .caputTransit: return "τ_caput"
        case .corpusTransit: return "τ_corpus"
        case .caudaTransit: return "τ_cauda"
        case .spermatogenicCapacity: return "Cap"
        case .spermatogenicHill: return "h"
        case .spermatogenicFSH50: return "FSH50"
        case .spermatogenicITT50: return "ITT50"
        case .motileVolume: return "Vmot"
        case .morphologyCapacity: return "Mcap"
        case .morphologyExponent: return "β"
        }
    }

    /// Patient-specific parameters that individualisation can solve for.
    public var isIndividual: Bool { spec.source.hasPrefix("individual") }

    public static func named(_ name: String) -> Parameter? { allCases.first { $0.spec.name == name } }
}

/// The values fitted by `Calibration.fit()` (`hpgsim model --calibrate`; notebooks-md/model.md, "Calibration").
enum Calibrated {
    static let e2FeedbackExponentTotal = 1.0547
    static let testicularE2Fraction = 0.62085
    static let spermatogenicHill = 1.7204
    static let morphologyExponent = 0.33647
    static let aromataseBMIExponent = 3.8848
    /// E2/T at > 160 % IBW relative to normal weight: (44.7/25.4)/(2.5/6.2) (Kley 1980).
    static let kleyE2OverTRatio = 4.4
}

/// Reference-man values in closed form: the steady state of the equations (`HPGModel.derivatives`) solved
/// for the individual parameters at the reference labs. Built from the other parameters' declared values.
enum Derived {
    static func value(_ p: Parameter) -> Double { p.spec.value }
    static let referenceT_nmol_per_L = ReferenceMan.testosterone_ng_per_dL * Units.testosterone_nmol_per_L_per_ng_per_dL
    static let leydigCapacity = (ReferenceMan.intratesticularT_nmol_per_L - referenceT_nmol_per_L)
        / (1 + HPGModel.leydigStimulation(lh: ReferenceMan.LH_IU_per_L, emax: value(.leydigLHEmax),
                                          lh50: value(.leydigLH50), hill: value(.leydigHill)))
    static let testicularVmax = Calibrated.testicularE2Fraction * value(.keE2) * ReferenceMan.estradiol_pg_per_mL
        * (value(.aromataseKm) + ReferenceMan.intratesticularT_nmol_per_L) / ReferenceMan.intratesticularT_nmol_per_L
    static let peripheralVmax: Double = {
        let free = value(.tFreeFraction) * referenceT_nmol_per_L
        return (1 - Calibrated.testicularE2Fraction) * value(.keE2) * ReferenceMan.estradiol_pg_per_mL
            * (value(.aromataseKm) + free) / free
    }()
}

func percent(_ fraction: Double) -> String { String(format: "%.0f %%", 100 * fraction) }
