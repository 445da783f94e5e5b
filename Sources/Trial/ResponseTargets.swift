import Scenario

/// The responder analysis: the targets the documents name, judged on each man's means over the response
/// window, and the baseline predictors they name, as subgroups.
public struct ResponseTarget: Sendable {
    /// CSV column of the man's flag.
    public var column: String
    public var description: String
    /// The range the target asks the on-treatment mean to lie in, when it is a goal of fixed bounds (figures
    /// draw it as a target band); nil for a warning sign or a goal relative to the man's own baseline.
    public var goal: GoalRange?
    public var test: @Sendable (PopulationPlan.Summary) -> Bool

    init(column: String, description: String, test: @escaping @Sendable (PopulationPlan.Summary) -> Bool) {
        self.column = column
        self.description = description
        self.goal = nil
        self.test = test
    }

    /// A goal: met when the on-treatment mean lies in the range.
    init(column: String, description: String, goal: GoalRange) {
        self.column = column
        self.description = description
        self.goal = goal
        self.test = { goal.contains($0.onTreatment(goal.observable)) }
    }

    public static let all: [ResponseTarget] = [
        ResponseTarget(column: "T_at_least_300_ng_per_dL", description: "testosterone ≥ 300 ng/dL",
                       goal: GoalRange(observable: "testosterone", unit: "ng/dL", lower: 300, upper: nil)),
        ResponseTarget(column: "T_E2_ratio_at_least_10", description: "T/E2 ≥ 10 (ng/dL per pg/mL)",
                       goal: GoalRange(observable: "T_E2_ratio", unit: "ng/dL per pg/mL", lower: 10, upper: nil)),
        ResponseTarget(column: "E2_15_to_40_pg_per_mL", description: "estradiol 15–40 pg/mL",
                       goal: GoalRange(observable: "estradiol", unit: "pg/mL", lower: 15, upper: 40)),
        ResponseTarget(column: "E2_below_10_pg_per_mL", description: "estradiol < 10 pg/mL (over-suppression)") {
            $0.onTreatment("estradiol") < 10
        },
        ResponseTarget(column: "sperm_concentration_up_by_half", description: "sperm concentration ≥ 1.5 × baseline") {
            $0.onTreatment("sperm_concentration") >= 1.5 * $0.baseline("sperm_concentration")
        },
    ]

    /// The goals of fixed bounds, for figures.
    public static var goals: [(description: String, range: GoalRange)] {
        all.compactMap { target in target.goal.map { (target.description, $0) } }
    }
}

/// lower ≤ value ≤ upper for an observable in a unit (the model's conventional unit); an absent bound is open.
public struct GoalRange: Sendable, Equatable {
    public var observable: String
    public var unit: String
    public var lower: Double?
    public var upper: Double?

    public func contains(_ value: Double) -> Bool {
        value >= (lower ?? -.infinity) && value <= (upper ?? .infinity)
    }
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
