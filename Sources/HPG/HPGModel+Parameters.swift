import Foundation

/// Every physiological parameter of the model, declared once: name (with unit), unit, value, source.
/// Drug parameters are declared in each drug's file (`Drugs/`).
///
/// Values marked "individual" are solved per patient from baseline labs (`Patient`, `Individualization`);
/// their declared values are those of the reference man (`ReferenceMan`). Values marked "calibrated" were
/// fitted jointly to the training studies (`hpgsim calibrate`, `Calibrated.swift`, notebooks-md/calibration.md).
public enum Parameter: Int, CaseIterable, Sendable {
    case keGnRHDrive, gnrhDriveCapacity
    case e2FeedbackReference, tFeedbackReference, tSetPoint, e2SetPoint
    case e2FeedbackHalf, e2HypothalamicExponent, e2PituitaryExponent, tHypothalamicExponent, tHypothalamicHalf, tSetPointElasticity, e2SetPointElasticity, tPituitaryExponent
    case keGnRHNeuronAvailability, gnrhNeuronDesensitisationGain, gnrhNeuronDesensitisationHalf
    case keGonadotrophReserve, gonadotrophReserveExponent, gonadotropinCeiling, inhibinFSHExponent
    case lhSecretion, keLH, fshSecretion, keFSH
    case leydigCapacity, leydigLHEmax, leydigLH50, leydigHill, keLeydigTrophic, leydigTrophicExponent
    case keITT, ittToSerumT, keT, tClearance
    case shbgAssociation, albuminAssociation, albumin, shbgCapacity, keSHBG, shbgEstradiolExponent, shbgTestosteroneExponent, shbgAgeIncrease
    case aromataseKm, aromataseTesticularShare, aromataseCapacity, aromataseAgeSlope, keE2
    case bmi, bmiIdeal, aromataseBMIExponent, age
    case spermatogenesisDuration, caputTransit, corpusTransit, caudaTransit
    case spermatogenicCapacity, spermatogenicHill, spermatogenicFSH50, spermatogenicITT50, germCellLossRate
    case motileVolume, morphologyCapacity, morphologyExponent
    case e2ImmunoassayBias

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
        case .e2FeedbackHalf: return ParameterSpec("E2_feedback_E50_pg_per_mL", "pg/mL",
            Calibrated.values["E2_feedback_E50_pg_per_mL"]!,
            "calibrated (training set): E2 at which the estrogen-receptor feedback is half-maximal; below it the feedback flattens (an aromatase inhibitor releases a bounded rise), above it the Hill coefficients λE act fully (E2 patch, TRT)")
        case .e2HypothalamicExponent: return ParameterSpec("E2_feedback_hypothalamic_exponent", "1",
            Calibrated.values["E2_feedback_hypothalamic_exponent"]!,
            "calibrated (training set): E2 lowers GnRH pulse frequency (Hayes FJ et al. JCEM 2000; Pitteloud N et al. JCEM 2008)", allowed: .feedbackExponent)
        case .e2PituitaryExponent: return ParameterSpec("E2_feedback_pituitary_exponent", "1",
            Calibrated.values["E2_feedback_pituitary_exponent"]!,
            "calibrated (training set): E2 lowers the gonadotroph response to GnRH; Hayes 2000 GnRH-deficient men on fixed GnRH separate it from the hypothalamic part", allowed: .feedbackExponent)
        case .tHypothalamicExponent: return ParameterSpec("T_feedback_hypothalamic_hill", "1", Calibrated.values["T_feedback_hypothalamic_hill"]!,
            "calibrated (training set): Hill coefficient of T's androgen-receptor inhibition of the GnRH drive (T lowers GnRH pulse frequency, Pitteloud N et al. JCEM 2008)", allowed: .exponent)
        case .tHypothalamicHalf: return ParameterSpec("T_feedback_hypothalamic_T50_fold", "1", Calibrated.values["T_feedback_hypothalamic_T50_fold"]!,
            "calibrated (training set): T at which the androgen-receptor inhibition of the GnRH drive is half-maximal, as a multiple of the reference man's T (531 ng/dL) for a man at the reference set-point")
        case .tSetPointElasticity: return ParameterSpec("T_feedback_set_point_elasticity", "1", Calibrated.values["T_feedback_set_point_elasticity"]!,
            "calibrated (training set): how far the androgen-feedback threshold follows the man's own set-point T, T50 ∝ Tset^α (0: one threshold for all men; 1: a threshold at a fixed multiple of his own T; between them by its meaning)", allowed: .closed(0, 1))
        case .tSetPoint: return ParameterSpec("T_set_point_ng_per_dL", "ng/dL", ReferenceMan.testosterone_ng_per_dL,
            "individual (solved with the steady state): the man's own drug-free steady-state T, to which his hypothalamic androgen feedback is tuned")
        case .e2SetPointElasticity: return ParameterSpec("E2_feedback_set_point_elasticity", "1", Calibrated.values["E2_feedback_set_point_elasticity"]!,
            "calibrated (training set): how far the estrogen-feedback curve follows the man's own set-point E2, E2m = E2ref·(E2set/E2ref)^α (0: one curve for all men, so a man's E2 alone sets his LH; 1: every man's curve centred on his own E2; between them by its meaning)", allowed: .closed(0, 1))
        case .e2SetPoint: return ParameterSpec("E2_set_point_pg_per_mL", "pg/mL", ReferenceMan.estradiol_pg_per_mL,
            "individual (solved with the steady state): the man's own drug-free steady-state E2, to which his estrogen feedback is partly tuned")
        case .tPituitaryExponent: return ParameterSpec("T_feedback_pituitary_exponent", "1", 0,
            "Pitteloud N et al. JCEM 2008;93:784: in GnRH-deficient men on fixed GnRH with aromatase blocked, restoring normal T did not lower LH (T acts on the pituitary through E2), so no direct androgen-receptor term; kept as a parameter for sensitivity analyses", allowed: .feedbackExponent)
        case .keGonadotrophReserve: return ParameterSpec("ke_gonadotroph_reserve_per_h", "1/h", Calibrated.values["ke_gonadotroph_reserve_per_h"]!,
            "calibrated (training set): rate at which gonadotroph LH/FSH synthesis follows the GnRH stimulus (self-priming and down-regulation over days to weeks)")
        case .keGnRHNeuronAvailability: return ParameterSpec("ke_GnRH_neuron_availability_per_h", "1/h",
            Calibrated.values["ke_GnRH_neuron_availability_per_h"]!,
            "calibrated (training set and physiology checks): how slowly androgen desensitisation of the GnRH neurons builds and fades (recovery after TRT depends on how long it lasted)")
        case .gnrhNeuronDesensitisationGain: return ParameterSpec("GnRH_neuron_desensitisation_gain", "1",
            Calibrated.values["GnRH_neuron_desensitisation_gain"]!,
            "calibrated (training set and physiology checks): full desensitisation lowers the GnRH drive to 1/(1 + g)")
        case .gnrhNeuronDesensitisationHalf: return ParameterSpec("GnRH_neuron_desensitisation_T50_ng_per_dL", "ng/dL",
            Calibrated.values["GnRH_neuron_desensitisation_T50_ng_per_dL"]!,
            "calibrated (training set and physiology checks): T at which half the GnRH neurons are desensitised at steady state (supraphysiological: TRT, not an aromatase inhibitor's T rise)")
        case .gonadotrophReserveExponent: return ParameterSpec("gonadotroph_reserve_exponent", "1", 1,
            "assumption: secretion proportional to the reserve (stimulus × reserve), so chronic suppression deepens as the reserve runs down", allowed: .exponent)
        case .gonadotropinCeiling: return ParameterSpec("gonadotropin_secretion_ceiling_fold", "1", 10,
            "assumption: maximal LH/FSH secretion 10× the reference rate (LH ~50 IU/L, the range of castrate and anorchic men)")
        case .inhibinFSHExponent: return ParameterSpec("inhibin_B_FSH_exponent", "1", Calibrated.values["inhibin_B_FSH_exponent"]!,
            "calibrated (training set): inhibin B (Sertoli cells, following the germ cells) suppresses FSH but not LH", allowed: .feedbackExponent)
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
        case .leydigLH50: return ParameterSpec("Leydig_LH50_IU_per_L", "IU/L", Calibrated.values["Leydig_LH50_IU_per_L"]!,
            "calibrated (training set), prior centred on Tornøe 2007 L50 = 5.18 IU/L (fitted in men with prostate cancer on degarelix): the T response to an LH rise in eugonadal and hypogonadal men (Shah 2021, Hayes 2000, enclomiphene, hCG)")
        case .leydigHill: return ParameterSpec("Leydig_LH_hill", "1", Calibrated.values["Leydig_LH_hill"]!,
            "calibrated (training set), prior centred on Tornøe 2007 κ = 1.9: how steeply Leydig output follows LH", allowed: .exponent)
        case .keLeydigTrophic: return ParameterSpec("ke_Leydig_trophic_per_h", "1/h", Calibrated.values["ke_Leydig_trophic_per_h"]!,
            "calibrated (training set): Leydig-cell mass follows LH over months (atrophy under suppression, slow recovery after it)")
        case .leydigTrophicExponent: return ParameterSpec("Leydig_trophic_exponent", "1", Calibrated.values["Leydig_trophic_exponent"]!,
            "calibrated (training set): how strongly Leydig mass follows LH stimulation", allowed: .exponent)
        case .keITT: return ParameterSpec("ke_ITT_per_h", "1/h", log(2.0) / 1.0,
            "assumption: intratesticular T turnover t½ 1 h (not retrieved); only the speed of ITT changes depends on it")
        case .ittToSerumT: return ParameterSpec("ITT_to_serum_T_ng_per_dL_per_h_per_nmol_per_L", "ng/dL/h per nmol/L",
            Derived.value(.keT) * ReferenceMan.testosterone_ng_per_dL / ReferenceMan.intratesticularT_nmol_per_L,
            "derived: ke_T × 531 ng/dL ÷ 1200 nmol/L (serum and intratesticular T of the reference man)")
        case .keT: return ParameterSpec("ke_T_per_h", "1/h", log(2.0) / (97.0 / 60.0),
            "T rise half-time 97 ± 9 min under pulsatile rhLH after ganirelix (Veldhuis et al.)")
        case .tClearance: return ParameterSpec("T_clearance_L_per_h", "L/h", 950.0 / 24,
            "T MCR 950 L/day (mdwiki textbook template); used for exogenous T input (volume = CL/ke_T)")
        case .shbgAssociation: return ParameterSpec("SHBG_T_association_L_per_nmol", "L/nmol", 1.0,
            "Vermeulen A et al. JCEM 1999;84:3666: K(T–SHBG) = 1.0×10⁹ L/mol")
        case .albuminAssociation: return ParameterSpec("albumin_T_association_L_per_mol", "L/mol", 3.6e4,
            "Vermeulen 1999: K(T–albumin) = 3.6×10⁴ L/mol")
        case .albumin: return ParameterSpec("albumin_g_per_dL", "g/dL", 4.3, "Vermeulen 1999 standard albumin 4.3 g/dL")
        case .shbgCapacity: return ParameterSpec("SHBG_capacity_nmol_per_L", "nmol/L", Derived.referenceSHBG,
            "individual (solved from SHBG, or from age); reference: SHBG giving 2.0 % free T at 531 ng/dL by Vermeulen (Södergård R et al. J Steroid Biochem 1982;16:801)")
        case .keSHBG: return ParameterSpec("ke_SHBG_per_h", "1/h", log(2.0) / (7 * 24),
            "assumption: SHBG plasma half-life about 7 days (hepatic glycoprotein turnover)")
        case .shbgEstradiolExponent: return ParameterSpec("SHBG_E2_exponent", "1", Calibrated.values["SHBG_E2_exponent"]!,
            "calibrated (training set): estradiol raises hepatic SHBG synthesis; SHBG −16 % with E2 −29 % under anastrozole (Taxel 2001)", allowed: .feedbackExponent)
        case .shbgTestosteroneExponent: return ParameterSpec("SHBG_T_exponent", "1", Calibrated.values["SHBG_T_exponent"]!,
            "calibrated (training set): androgens lower hepatic SHBG synthesis, estrogens raise it (Anderson DC. Clin Endocrinol 1974;3:69); without it, restoring T and E2 in a GnRH-deficient man on a GnRH pump (Hayes 2000) tripled his SHBG", allowed: .feedbackExponent)
        case .shbgAgeIncrease: return ParameterSpec("SHBG_increase_per_year", "1/y", 0.013,
            "Feldman HA et al. JCEM 2002;87:589 (MMAS): SHBG +1.3 % per year of age; applied above 30 y to the default SHBG")
        case .aromataseKm: return ParameterSpec("aromatase_Km_nmol_per_L", "nmol/L", 1.83,
            "Lakshman KM et al. JCEM 2010;95:3955 (free T)")
        case .aromataseTesticularShare: return ParameterSpec("aromatase_testicular_share", "1", Calibrated.values["aromatase_testicular_share"]!,
            "calibrated (training set): share of the reference man's E2 made by testicular aromatase (which sees ITT ≫ Km, so escapes competitive inhibition, research note 2; its activity follows LH, as hCG raises testicular E2 secretion); literature 20–60 % (de Ronde & de Jong 2011)", allowed: .share)
        case .aromataseCapacity: return ParameterSpec("aromatase_capacity", "1", 1,
            "individual (solved from E2): scales peripheral and testicular aromatase alike, so any baseline E2 can be entered")
        case .aromataseAgeSlope: return ParameterSpec("aromatase_age_slope_per_year", "1/y", 0.01,
            "Lakshman KM et al. JCEM 2010;95:3955: aromatase Vmax 40 % higher in older (60–75 y) than young (20–35 y) men, ≈ 1 %/year")
        case .keE2: return ParameterSpec("ke_E2_per_h", "1/h", log(2.0) / 1.5, "E2 iv t½ 1–2 h (research §1e), 1.5 h")
        // 15–60 kg/m²: adult men from marked thinness to super-obesity. Peripheral aromatase scales as (BMI/22)^p,
        // calibrated on men up to about 170 % of ideal body weight (BMI ≈ 37); far beyond, the power law is
        // extrapolated past any data (BMI 10⁶ gave an E2 of 3.7e17 pg/mL).
        case .bmi: return ParameterSpec("BMI_kg_per_m2", "kg/m2", ReferenceMan.BMI_kg_per_m2, "individual (patient)", allowed: .closed(15, 60))
        // 18–100 y: adult men. The age covariates (SHBG +1.3 %/y above 30 y, Feldman 2002; aromatase +1 %/y,
        // Lakshman 2010) are linear trends fitted in adult men; outside they would be extrapolations (and
        // puberty is not modelled at all).
        case .age: return ParameterSpec("age_years", "y", ReferenceMan.age_years, "individual (patient)", allowed: .closed(18, 100))
        case .bmiIdeal: return ParameterSpec("BMI_ideal_kg_per_m2", "kg/m2", ReferenceMan.BMI_kg_per_m2,
            "assumption: 100 % ideal body weight ≈ BMI 22")
        case .aromataseBMIExponent: return ParameterSpec("aromatase_BMI_exponent", "1", Calibrated.values["aromatase_BMI_exponent"]!,
            "calibrated (with the training set, to E2/T ×4.4 at 170 % IBW): peripheral aromatase ∝ (BMI/22)^p (Kley HK et al. Metabolism 1980;29:1041; Schneider G et al. JCEM 1979;48:633)", allowed: .exponent)
        case .spermatogenesisDuration: return ParameterSpec("spermatogenesis_duration_h", "h", 64 * 24,
            "64 d (Heller & Clermont 1963; Amann RP J Androl 2008;29:469), \(SpermChain.seminiferousStages) stages")
        case .caputTransit: return ParameterSpec("epididymis_caput_transit_h", "h", 1.1 * 24, "Amann RP et al. Biol Reprod 1976;15:586 (rhesus)")
        case .corpusTransit: return ParameterSpec("epididymis_corpus_transit_h", "h", 3.8 * 24, "Amann 1976 (rhesus)")
        case .caudaTransit: return ParameterSpec("epididymis_cauda_transit_h", "h", 5.6 * 24, "Amann 1976 (rhesus)")
        case .spermatogenicCapacity: return ParameterSpec("spermatogenic_capacity_million_per_mL", "million/mL",
            Derived.spermatogenicCapacity,
            "individual (solved from sperm concentration); reference: 73 million/mL at half drive, after the germ-cell losses of the chain")
        case .spermatogenicHill: return ParameterSpec("spermatogenic_drive_hill", "1", Calibrated.values["spermatogenic_drive_hill"]!,
            "calibrated (training set): sperm concentration rise under anastrozole (Shah 2021)", allowed: .exponent)
        case .spermatogenicFSH50: return ParameterSpec("spermatogenic_FSH50_IU_per_L", "IU/L", ReferenceMan.FSH_IU_per_L,
            "assumption: the reference man's FSH gives half-maximal drive (with ITT50)")
        case .spermatogenicITT50: return ParameterSpec("spermatogenic_ITT50_nmol_per_L", "nmol/L",
            ReferenceMan.intratesticularT_nmol_per_L, "assumption: the reference man's ITT gives half-maximal drive (with FSH50)")
        case .germCellLossRate: return ParameterSpec("germ_cell_loss_rate_per_h", "1/h", log(2.0) / (14 * 24),
            "assumption: germ cells deprived of FSH and ITT are lost by apoptosis with t½ ≈ 2 weeks at every stage (withdrawal lowers sperm output within weeks, before a full cycle)")
        case .motileVolume: return ParameterSpec("motile_volume_mL", "mL", ReferenceMan.motileVolume_mL,
            "individual (solved from total motile count); reference: volume 3.7 mL × motility 61 % (Cooper 2010)")
        case .morphologyCapacity: return ParameterSpec("morphology_capacity_percent", "%",
            ReferenceMan.strictMorphology_percent / pow(Derived.referenceCaudaFraction, Calibrated.values["morphology_exponent"]!),
            "individual (solved from strict morphology); reference: 15 % normal forms at half capacity (Cooper 2010)", allowed: .percent)
        case .morphologyExponent: return ParameterSpec("morphology_exponent", "1", Calibrated.values["morphology_exponent"]!,
            "calibrated (training set): strict morphology rise under anastrozole (Shah 2021)", allowed: .exponent)
        // Direct E2 immunoassays read men's serum high: every one of five platforms had a positive bias against
        // LC-MS (Handelsman DJ et al. Clin Chem 2014;60:510), and one read E2 below 40.7 pmol/L (11 pg/mL by GC-MS)
        // in only 13 % of the men who had it (Huhtaniemi IT et al. Eur J Endocrinol 2012;166:983): a floor rather
        // than a scale, so the measurement model is additive, E2_IA = E2 + b. It is not in any rate law: only the
        // `*_immunoassay` observables (labs and reported values measured that way) carry it.
        case .e2ImmunoassayBias: return ParameterSpec("E2_immunoassay_bias_pg_per_mL", "pg/mL",
            Calibrated.values["E2_immunoassay_bias_pg_per_mL"]!,
            "calibrated (training set): what a direct E2 immunoassay adds to the mass-spectrometry value in men's serum (positive bias of every platform, Handelsman DJ et al. Clin Chem 2014;60:510; low E2 rarely read as low, Huhtaniemi IT et al. Eur J Endocrinol 2012;166:983); studies whose E2 was measured by immunoassay report estradiol_immunoassay", allowed: .closed(0, 40))
        }
    }

    /// Parameter names of earlier versions, with how to update a scenario that sets one.
    public static let retiredNames: [String: String] = [
        "T_feedback_hypothalamic_T50_ng_per_dL":
            "the threshold is now T_feedback_hypothalamic_T50_fold, a multiple of 531 ng/dL (the reference man's T) that follows the man's own set-point with T_feedback_set_point_elasticity; to keep one threshold of X ng/dL for every man, set T_feedback_hypothalamic_T50_fold: X/531 and T_feedback_set_point_elasticity: 0",
    ]

    /// The symbol of the parameter in the printed equations (`hpgsim model`).
    public var symbol: String {
        switch self {
        case .keGnRHDrive: return "ke_GnRH"
        case .gnrhDriveCapacity: return "A_G"
        case .e2FeedbackReference: return "E2ref"
        case .tFeedbackReference: return "Tref"
        case .tSetPoint: return "Tset"
        case .e2SetPoint: return "E2set"
        case .e2FeedbackHalf: return "E50"
        case .e2HypothalamicExponent: return "λE,h"
        case .e2PituitaryExponent: return "λE,p"
        case .tHypothalamicExponent: return "nT,h"
        case .tHypothalamicHalf: return "ρT,h"
        case .tSetPointElasticity: return "αT"
        case .e2SetPointElasticity: return "αE"
        case .tPituitaryExponent: return "λT,p"
        case .keGonadotrophReserve: return "ke_R"
        case .gonadotrophReserveExponent: return "βR"
        case .keGnRHNeuronAvailability: return "ke_N"
        case .gnrhNeuronDesensitisationGain: return "g_N"
        case .gnrhNeuronDesensitisationHalf: return "T50,N"
        case .gonadotropinCeiling: return "Cmax"
        case .inhibinFSHExponent: return "λI"
        case .lhSecretion: return "ks_LH"
        case .keLH: return "ke_LH"
        case .fshSecretion: return "ks_FSH"
        case .keFSH: return "ke_FSH"
        case .leydigCapacity: return "Leydig"
        case .leydigLHEmax: return "Lmax"
        case .leydigLH50: return "L50"
        case .leydigHill: return "κ"
        case .keLeydigTrophic: return "ke_Ly"
        case .leydigTrophicExponent: return "γLy"
        case .keITT: return "ke_ITT"
        case .ittToSerumT: return "k_ITT→T"
        case .keT: return "ke_T"
        case .tClearance: return "CL_T"
        case .shbgAssociation: return "Kt"
        case .albuminAssociation: return "Ka"
        case .albumin: return "Alb"
        case .shbgCapacity: return "S_cap"
        case .keSHBG: return "ke_SHBG"
        case .shbgEstradiolExponent: return "σ"
        case .shbgTestosteroneExponent: return "σT"
        case .shbgAgeIncrease: return "a_SHBG"
        case .aromataseKm: return "Km"
        case .aromataseTesticularShare: return "φ"
        case .aromataseCapacity: return "Ac"
        case .aromataseAgeSlope: return "a_age"
        case .keE2: return "ke_E2"
        case .bmi: return "BMI"
        case .bmiIdeal: return "BMI0"
        case .age: return "age"
        case .aromataseBMIExponent: return "p"
        case .spermatogenesisDuration: return "τ_sg"
        case .caputTransit: return "τ_caput"
        case .corpusTransit: return "τ_corpus"
        case .caudaTransit: return "τ_cauda"
        case .spermatogenicCapacity: return "Cap"
        case .spermatogenicHill: return "h"
        case .spermatogenicFSH50: return "FSH50"
        case .spermatogenicITT50: return "ITT50"
        case .germCellLossRate: return "k_d"
        case .motileVolume: return "Vmot"
        case .morphologyCapacity: return "Mcap"
        case .morphologyExponent: return "β"
        case .e2ImmunoassayBias: return "b_IA"
        }
    }

    /// Patient-specific parameters that individualisation can solve for.
    public var isIndividual: Bool { spec.source.hasPrefix("individual") }

    public static func named(_ name: String) -> Parameter? { allCases.first { $0.spec.name == name } }
}

/// Reference-man values in closed form: the steady state of the equations (`RateLaws`) solved for the
/// individual parameters at the reference labs. Built from the other parameters' declared values.
enum Derived {
    static func value(_ p: Parameter) -> Double { p.spec.value }
    static let referenceT_nmol_per_L = ReferenceMan.testosterone_ng_per_dL * Units.testosterone_nmol_per_L_per_ng_per_dL
    static let leydigCapacity = (ReferenceMan.intratesticularT_nmol_per_L - referenceT_nmol_per_L)
        / (1 + referenceLeydigStimulation)
    /// H3(5 IU/L) = Lmax·5^κ/(L50^κ + 5^κ) (Tornøe 2007).
    static let referenceLeydigStimulation: Double = {
        let x = pow(ReferenceMan.LH_IU_per_L, value(.leydigHill))
        return value(.leydigLHEmax) * x / (pow(value(.leydigLH50), value(.leydigHill)) + x)
    }()
    /// Free T of the reference man: 2.0 % of total (Södergård 1982).
    static let referenceFreeT_nmol_per_L = 0.020 * referenceT_nmol_per_L
    /// N = 1 + Ka·[albumin] at the declared albumin (Vermeulen 1999).
    static let albuminBindingFactor = 1 + value(.albuminAssociation) * value(.albumin) * 10 / Units.albuminMolarMass_g_per_mol
    /// SHBG that leaves 2.0 % of T free: SHBG-bound B = TT − N·FT, and B = Kt·FT·(SHBG − B)/(1 + …) at
    /// equilibrium gives SHBG = B + B/(Kt·FT) (Vermeulen 1999).
    static let referenceSHBG: Double = {
        let bound = referenceT_nmol_per_L - albuminBindingFactor * referenceFreeT_nmol_per_L
        return bound + bound / (value(.shbgAssociation) * referenceFreeT_nmol_per_L)
    }()
    /// Germ cells surviving each stage at ψ = ½: q = k_s/(k_s + ½·k_d); the cauda holds Cap·½·q¹⁶.
    static let referenceCaudaFraction: Double = {
        let stageRate = Double(SpermChain.seminiferousStages) / value(.spermatogenesisDuration)
        return 0.5 * pow(stageRate / (stageRate + 0.5 * value(.germCellLossRate)), Double(SpermChain.seminiferousStages))
    }()
    static let spermatogenicCapacity = ReferenceMan.spermConcentration_million_per_mL / referenceCaudaFraction
}

func percent(_ fraction: Double) -> String { String(format: "%.0f %%", 100 * fraction) }
