import Scenario

/// The responder analysis: the targets the documents name, judged on each man's means over the response
/// window, and the baseline predictors they name, as subgroups.
public struct ResponseTarget: Sendable {
    /// CSV column of the man's flag.
    public var column: String
    public var description: String
    public var test: @Sendable (PopulationPlan.Summary) -> Bool

    public static let all: [ResponseTarget] = [
        ResponseTarget(column: "T_at_least_300_ng_per_dL", description: "testosterone ≥ 300 ng/dL") {
            $0.onTreatment("testosterone") >= 300
        },
        ResponseTarget(column: "T_E2_ratio_at_least_10", description: "T/E2 ≥ 10 (ng/dL per pg/mL)") {
            $0.onTreatment("T_E2_ratio") >= 10
        },
        ResponseTarget(column: "E2_15_to_40_pg_per_mL", description: "estradiol 15–40 pg/mL") {
            (15...40).contains($0.onTreatment("estradiol"))
        },
        ResponseTarget(column: "E2_below_10_pg_per_mL", description: "estradiol < 10 pg/mL (over-suppression)") {
            $0.onTreatment("estradiol") < 10
        },
        ResponseTarget(column: "sperm_concentration_up_by_half", description: "sperm concentration ≥ 1.5 × baseline") {
            $0.onTreatment("sperm_concentration") >= 1.5 * $0.baseline("sperm_concentration")
        },
    ]
}

/// Men grouped by a baseline predictor (all men, and each side of the documents' thresholds).
public struct Subgroup: Sendable {
    public var name: String
    public var contains: @Sendable (PopulationPlan.Summary) -> Bool

    public static let all: [Subgroup] = [
        Subgroup(name: "all men") { _ in true },
        Subgroup(name: "baseline T/E2 < 10") { $0.baseline("T_E2_ratio") < 10 },
        Subgroup(name: "baseline T/E2 ≥ 10") { $0.baseline("T_E2_ratio") >= 10 },
        Subgroup(name: "BMI ≥ 25 kg/m2") { $0.BMI_kg_per_m2 >= 25 },
        Subgroup(name: "BMI < 25 kg/m2") { $0.BMI_kg_per_m2 < 25 },
        Subgroup(name: "baseline T/LH ≥ 100") { $0.baseline("testosterone") / $0.baseline("LH") >= 100 },
        Subgroup(name: "baseline T/LH < 100") { $0.baseline("testosterone") / $0.baseline("LH") < 100 },
    ]
}
