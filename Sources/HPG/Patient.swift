import Foundation

/// Baseline labs of a patient (any subset). Each lab given makes the steady state reproduce it by solving
/// one patient parameter (`BaselineLabs.constraints`).
public struct BaselineLabs: Sendable, Equatable {
    public var testosterone_ng_per_dL: Double?
    public var estradiol_pg_per_mL: Double?
    /// E2 measured by a direct immunoassay (`estradiol_immunoassay`); solves the same parameter as
    /// `estradiol_pg_per_mL`, so a man has one or the other.
    public var estradiolImmunoassay_pg_per_mL: Double?
    public var LH_IU_per_L: Double?
    public var FSH_IU_per_L: Double?
    public var spermConcentration_million_per_mL: Double?
    public var totalMotileCount_million: Double?
    public var strictMorphology_percent: Double?
    /// SHBG; when absent, the default for the man's age (`SHBG_increase_per_year` above 30 y).
    public var SHBG_nmol_per_L: Double?

    public init(testosterone_ng_per_dL: Double? = nil, estradiol_pg_per_mL: Double? = nil,
                estradiolImmunoassay_pg_per_mL: Double? = nil, LH_IU_per_L: Double? = nil,
                FSH_IU_per_L: Double? = nil, spermConcentration_million_per_mL: Double? = nil,
                totalMotileCount_million: Double? = nil, strictMorphology_percent: Double? = nil,
                SHBG_nmol_per_L: Double? = nil) {
        self.estradiolImmunoassay_pg_per_mL = estradiolImmunoassay_pg_per_mL
        self.testosterone_ng_per_dL = testosterone_ng_per_dL
        self.estradiol_pg_per_mL = estradiol_pg_per_mL
        self.LH_IU_per_L = LH_IU_per_L
        self.FSH_IU_per_L = FSH_IU_per_L
        self.spermConcentration_million_per_mL = spermConcentration_million_per_mL
        self.totalMotileCount_million = totalMotileCount_million
        self.strictMorphology_percent = strictMorphology_percent
        self.SHBG_nmol_per_L = SHBG_nmol_per_L
    }

    /// Lab → (observable, parameter solved for it). The parameter is the one that sets that lab most
    /// directly: LH ← GnRH drive, FSH ← pituitary FSH secretion, T ← Leydig capacity, E2 ← peripheral
    /// aromatase capacity, SHBG ← hepatic SHBG capacity, semen ← spermatogenic capacity, motile volume,
    /// morphology capacity.
    public var constraints: [LabConstraint] {
        let table: [(Double?, String, Parameter, Parameter?)] = [
            (testosterone_ng_per_dL, "testosterone", .leydigCapacity, nil),
            (estradiol_pg_per_mL, "estradiol", .aromataseCapacity, nil),
            (estradiolImmunoassay_pg_per_mL, "estradiol_immunoassay", .aromataseCapacity, .e2ImmunoassayBias),
            (SHBG_nmol_per_L, "SHBG", .shbgCapacity, nil),
            (LH_IU_per_L, "LH", .gnrhDriveCapacity, nil),
            (FSH_IU_per_L, "FSH", .fshSecretion, nil),
            (spermConcentration_million_per_mL, "sperm_concentration", .spermatogenicCapacity, nil),
            (totalMotileCount_million, "total_motile_count", .motileVolume, nil),
            (strictMorphology_percent, "strict_morphology", .morphologyCapacity, nil),
        ]
        return table.compactMap { value, observable, parameter, floor in
            value.map { LabConstraint(observable: observable, value: $0, parameter: parameter, floor: floor) }
        }
    }

    /// The first two labs, in table order, that set the same parameter (E2 by both assays): a man has one.
    public var conflict: (first: LabConstraint, second: LabConstraint)? {
        let all = constraints
        for (k, second) in all.enumerated() {
            if let first = all[..<k].first(where: { $0.parameter == second.parameter }) { return (first, second) }
        }
        return nil
    }
}

/// A patient: a profile (population physiology of a condition), optional BMI, optional baseline labs,
/// and parameter overrides by name (`hpgsim parameters` lists the names).
public struct Patient: Sendable, Equatable {
    public var profile: String
    public var labs: BaselineLabs?
    public var BMI_kg_per_m2: Double?
    public var age_years: Double?
    public var overrides: [String: Double]

    public init(profile: String = "normal-weight", labs: BaselineLabs? = nil, BMI_kg_per_m2: Double? = nil,
                age_years: Double? = nil, overrides: [String: Double] = [:]) {
        self.age_years = age_years
        self.profile = profile
        self.labs = labs
        self.BMI_kg_per_m2 = BMI_kg_per_m2
        self.overrides = overrides
    }

    /// Parameters in the order of `model.parameters` and the drug-free steady state: profile values, then
    /// BMI, then overrides, then the labs solved for (individualisation).
    public func baseline(_ model: HPGModel) throws(HPGError) -> (state: [Double], parameters: [Double]) {
        guard let profile = ProfileRegistry.named(profile) else { throw .unknownProfile(profile) }
        var p = model.defaultParameters
        var settings = profile.overrides
        if let bmi = BMI_kg_per_m2 { settings[Parameter.bmi.spec.name] = bmi }
        if let age = age_years { settings[Parameter.age.spec.name] = age }
        settings.merge(overrides) { _, patient in patient }
        for name in settings.keys.sorted() {
            guard let k = model.parameterIndex(name) else { throw .unknownParameter(name) }
            let value = settings[name]!
            let allowed = model.parameters[k].allowed
            guard allowed.contains(value) else { throw .invalidParameter(name: name, value: value, allowed: allowed) }
            p[k] = value
        }
        var constraints = labs?.constraints ?? []
        if let (first, second) = labs?.conflict {
            throw .conflictingLabs(first: first.observable, second: second.observable, parameter: second.parameter.spec.name)
        }
        // SHBG not measured: the profile's SHBG (the reference man's unless the profile changes it) raised by
        // a_SHBG per year of age above 30 (Feldman 2002).
        if !constraints.contains(where: { $0.observable == "SHBG" }) {
            let years = max(p[Parameter.age.rawValue] - ReferenceMan.age_years, 0)
            constraints.append(LabConstraint(observable: "SHBG", value: p[Parameter.shbgCapacity.rawValue] * pow(1 + p[Parameter.shbgAgeIncrease.rawValue], years),
                                             parameter: .shbgCapacity))
        }
        for c in constraints where !(c.value > 0 && c.value.isFinite) { throw .invalidLab(name: c.observable, value: c.value) }
        for c in constraints {
            if let floor = c.floor, c.value <= p[floor.rawValue] {
                throw .labAtOrBelowFloor(name: c.observable, value: c.value, floor: floor.spec.name, floorValue: p[floor.rawValue])
            }
        }
        return try SteadyState.solve(model, parameters: p, constraints: constraints)
    }
}
