/// A scenario's `monitoring` block: labs drawn at set times, and ordered rules that change a regimen on what
/// the labs show (issue 10). `Titration` runs it; scenarios/README.md, "monitoring", documents it.
public struct Monitoring: Sendable, Equatable {
    /// The labs drawn, as the model names them (`estradiol`, `T_E2_ratio`), in the order written.
    public var labs: [String]
    /// Hours of the draws, ascending; the result of each is known before the end of the simulation.
    public var drawTimes: [Double]
    /// The assays' coefficient of variation (0.1 for `10 %`); 0: the lab seen is the simulated value.
    public var cv: Double
    /// Hours from a draw until its result is known (`result_after`).
    public var resultDelay: Double
    /// Key of the assay noise's random stream (`seed`).
    public var seed: UInt64
    public var rules: [MonitoringRule]

    /// The default `seed`.
    public static let defaultSeed: UInt64 = 1
    /// Most draws a block may give: each one may change the regimen, and each change simulates the run again,
    /// so a run costs at most this many simulations more (weekly labs for nearly two years).
    public static let maximumDraws = 100

    /// Labs computed from two measured ones, as the laboratory reports them: the ratio seen is the ratio of
    /// the values seen, so it carries both assays' errors. (The model's own T_E2_ratio is the same quotient of
    /// its testosterone in ng/dL and estradiol in pg/mL.)
    public static let ratios: [String: (numerator: String, denominator: String)] = [
        "T_E2_ratio": ("testosterone", "estradiol"),
    ]

    /// The labs an assay measures for these draws: each lab drawn, a ratio replaced by its two labs, once each,
    /// in order of first mention. Draw k's noise takes one normal deviate per measured lab, in this order.
    public var measured: [String] {
        var names: [String] = []
        for lab in labs {
            for name in Self.ratios[lab].map({ [$0.numerator, $0.denominator] }) ?? [lab] where !names.contains(name) {
                names.append(name)
            }
        }
        return names
    }

    /// Drugs a rule may switch to, in rule order: the model holds them from the start (`HPG.simulate(drugs:)`).
    public var switchDrugs: [String] { rules.compactMap(\.change.drug) }
}

/// One rule: when every condition holds for the labs seen, change one regimen. Rules are tried in order and
/// the first that holds acts; one draw fires at most one rule.
public struct MonitoringRule: Sendable, Equatable {
    /// 1-based position in `rules`.
    public var number: Int
    /// The rule as written, `if … then …`, for the decision log.
    public var text: String
    /// The line of its `if` in the scenario file.
    public var line: Int
    /// All must hold (`and`).
    public var conditions: [LabCondition]
    /// Index of the regimen it changes in `Scenario.regimens`.
    public var regimen: Int
    public var change: RegimenChange
}

/// What a rule does to its regimen from the next dose on: stop it, or give it another dose, schedule or drug.
/// Fields left nil keep the regimen's.
public struct RegimenChange: Sendable, Equatable {
    public var stop = false
    /// Switch to this drug (with `dose`, and `route` when the drug has several).
    public var drug: String?
    public var route: String?
    public var dose: Quantity?
    /// A repeating schedule (`every`, `times_per_week`, `on`).
    public var schedule: Regimen.Schedule?

    /// The regimen `template` becomes.
    func applied(to template: Regimen) -> Regimen {
        var regimen = template
        if let drug { regimen.drug = drug }
        if let route { regimen.route = route }
        if let dose { regimen.dose = dose }
        if let schedule { regimen.schedule = schedule }
        return regimen
    }
}
