import ODE

/// The study behind the documents' table (seed 000): Shah T, Nyirenda T, Shin D. "Efficacy of anastrozole
/// in the treatment of hypogonadal, subfertile men with body mass index ≥25 kg/m²." Transl Androl Urol
/// 2021;10(3):1222–1228 (PMID 33850757, PMC8039603). 30 men, median BMI 28.7 kg/m², anastrozole 1 mg
/// orally once daily; hormones at baseline and months 1, 3, 5 (the abstract's "after" values are month 5:
/// T 270.6 → 412.0 ng/dL); semen before and after treatment. (The seed cites it as Shoshany/Shin.)
public struct StudyTable: Sendable {
    public struct Row: Sendable {
        public var observable: String
        public var unit: String
        public var baseline: Double
        public var onTreatment: Double
        /// Relative tolerance the simulation must meet (issue 3: hormones ±10 %, semen ±15 %).
        public var tolerance: Double
    }

    public var citation: String
    public var doseAmount_mg: Double
    public var doseInterval_h: Double
    /// Time of the on-treatment sample: month 5 = 150 days, 24 h after the last daily dose (trough).
    public var sampleTime_h: Double
    public var BMI_kg_per_m2: Double
    public var rows: [Row]

    public static let shah2021 = StudyTable(
        citation: "Shah T, Nyirenda T, Shin D. Transl Androl Urol 2021;10(3):1222–1228",
        doseAmount_mg: 1, doseInterval_h: 24, sampleTime_h: 150 * 24, BMI_kg_per_m2: 28.7,
        rows: [
            Row(observable: "testosterone", unit: "ng/dL", baseline: 270, onTreatment: 412, tolerance: 0.10),
            Row(observable: "estradiol_immunoassay", unit: "pg/mL", baseline: 32, onTreatment: 16, tolerance: 0.10),
            Row(observable: "T_E2_ratio_immunoassay", unit: "ng/dL per pg/mL", baseline: 9, onTreatment: 26, tolerance: 0.10),
            Row(observable: "LH", unit: "IU/L", baseline: 3.4, onTreatment: 5.4, tolerance: 0.10),
            Row(observable: "FSH", unit: "IU/L", baseline: 4.8, onTreatment: 7.6, tolerance: 0.10),
            Row(observable: "sperm_concentration", unit: "million/mL", baseline: 7.8, onTreatment: 14.2, tolerance: 0.15),
            Row(observable: "total_motile_count", unit: "million", baseline: 12.6, onTreatment: 17.7, tolerance: 0.15),
            Row(observable: "strict_morphology", unit: "%", baseline: 3.0, onTreatment: 3.5, tolerance: 0.15),
        ])

    /// The cohort's baseline labs (the T/E2 ratio follows from T and E2). E2 is taken as a clinical laboratory's
    /// direct immunoassay (`estradiol_immunoassay`): a 2021 urology-clinic cohort; the paper's assay is not
    /// in the training file, so this is an assumption [U] (training-studies.md tags).
    public var baselineLabs: BaselineLabs {
        func value(_ name: String) -> Double? { rows.first { $0.observable == name }?.baseline }
        return BaselineLabs(testosterone_ng_per_dL: value("testosterone"), estradiolImmunoassay_pg_per_mL: value("estradiol_immunoassay"),
                            LH_IU_per_L: value("LH"), FSH_IU_per_L: value("FSH"),
                            spermConcentration_million_per_mL: value("sperm_concentration"),
                            totalMotileCount_million: value("total_motile_count"),
                            strictMorphology_percent: value("strict_morphology"))
    }

    public var patient: Patient { Patient(profile: "overweight", labs: baselineLabs, BMI_kg_per_m2: BMI_kg_per_m2) }

    /// The regimen: daily doses into the depot from t = 0 up to (not including) the sample time.
    public var doses: [DrugDose] {
        let count = Int((sampleTime_h / doseInterval_h).rounded())
        return [DrugDose(drug: "anastrozole", record: .dose(doseAmount_mg, at: 0, compartment: 1,
                                                            interval: doseInterval_h, additionalDoses: count - 1))]
    }

    /// Simulated value of each row at the sample time.
    public func simulated(method: ODE.Method = HPGModel.defaultMethod) throws(HPGError) -> [Double] {
        let trajectory = try simulate(patient: patient, doses: doses, outputTimes: [sampleTime_h], method: method)
        return rows.map { trajectory.series($0.observable)![0] }
    }
}
