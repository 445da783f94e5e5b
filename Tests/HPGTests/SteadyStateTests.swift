import Foundation
import Testing
@testable import HPG

/// Steady-state identities: f(baseline) = 0, and individualised baselines reproduce the labs.
@Suite struct SteadyStateTests {
    let model = HPGModel(drugs: [.anastrozole])

    @Test func referenceManIsTheSteadyStateOfTheDefaultParameters() throws {
        let (y, p) = try Patient().baseline(model)
        let f = model.derivatives(y, p)
        for i in 0..<y.count { #expect(abs(f[i]) <= 1e-9 * max(abs(y[i]), 1), "state \(model.states[i].name)") }
        let o = model.observe(y, p)
        func value(_ name: String) -> Double { o[model.observableIndex(name)!] }
        // The declared reference labs (ReferenceMan) are the steady state at the declared parameters.
        #expect(abs(value("testosterone") / ReferenceMan.testosterone_ng_per_dL - 1) < 1e-9)
        #expect(abs(value("estradiol") / ReferenceMan.estradiol_pg_per_mL - 1) < 1e-9)
        #expect(abs(value("LH") / ReferenceMan.LH_IU_per_L - 1) < 1e-9)
        #expect(abs(value("FSH") / ReferenceMan.FSH_IU_per_L - 1) < 1e-9)
        #expect(abs(value("intratesticular_T") / ReferenceMan.intratesticularT_nmol_per_L - 1) < 1e-9)
        #expect(abs(value("sperm_concentration") / ReferenceMan.spermConcentration_million_per_mL - 1) < 1e-9)
        #expect(abs(value("strict_morphology") / ReferenceMan.strictMorphology_percent - 1) < 1e-9)
        #expect(abs(value("GnRH_drive") - 1) < 1e-9)
    }

    @Test func individualisedBaselineReproducesTheLabs() throws {
        let labs = StudyTable.shah2021.baselineLabs
        let (y, p) = try Patient(profile: "overweight", labs: labs).baseline(model)
        let f = model.derivatives(y, p)
        for i in 0..<y.count { #expect(abs(f[i]) <= 1e-9 * max(abs(y[i]), 1), "state \(model.states[i].name)") }
        let o = model.observe(y, p)
        for c in labs.constraints {
            #expect(abs(o[model.observableIndex(c.observable)!] / c.value - 1) < 1e-9, "\(c.observable)")
        }
    }

    @Test func anySubsetOfLabsIsReproducedAndTheOtherParametersKeepTheirProfileValues() throws {
        let labs = BaselineLabs(testosterone_ng_per_dL: 350, estradiol_pg_per_mL: 40)
        let (y, p) = try Patient(profile: "obese", labs: labs).baseline(model)
        let o = model.observe(y, p)
        #expect(abs(o[model.observableIndex("testosterone")!] / 350 - 1) < 1e-9)
        #expect(abs(o[model.observableIndex("estradiol")!] / 40 - 1) < 1e-9)
        #expect(p[Parameter.gnrhDriveCapacity.rawValue] == Parameter.gnrhDriveCapacity.spec.value)
        #expect(p[Parameter.fshSecretion.rawValue] == Parameter.fshSecretion.spec.value)
    }

    /// The immunoassay is a measurement model, E2_IA = E2 + b_IA, outside every rate law: a man whose E2 reads
    /// X by immunoassay is the man whose E2 is X − b by mass spectrometry (the same steady state), and his
    /// `estradiol_immunoassay` exceeds `estradiol` by exactly b.
    @Test func anImmunoassayLabIsTheMassSpectrometryLabPlusTheAssayBias() throws {
        let b = Parameter.e2ImmunoassayBias.spec.value
        let (yIA, pIA) = try Patient(profile: "overweight", labs: BaselineLabs(testosterone_ng_per_dL: 300,
                                                                                estradiolImmunoassay_pg_per_mL: 32)).baseline(model)
        let (yMS, pMS) = try Patient(profile: "overweight", labs: BaselineLabs(testosterone_ng_per_dL: 300,
                                                                                estradiol_pg_per_mL: 32 - b)).baseline(model)
        for i in yIA.indices { #expect(abs(yIA[i] - yMS[i]) <= 1e-9 * max(abs(yMS[i]), 1), "state \(model.states[i].name)") }
        for k in pIA.indices { #expect(abs(pIA[k] - pMS[k]) <= 1e-12 * max(abs(pMS[k]), 1), "parameter \(k)") }
        let o = model.observe(yIA, pIA)
        #expect(abs(o[model.observableIndex("estradiol_immunoassay")!] - 32) < 1e-9)
        #expect(abs(o[model.observableIndex("estradiol_immunoassay")!] - o[model.observableIndex("estradiol")!] - b) < 1e-12)
        #expect(abs(o[model.observableIndex("T_E2_ratio_immunoassay")!] - 300.0 / 32) < 1e-9)
    }

    /// E2 by both assays would set the same parameter twice (a singular system): an error naming both labs.
    @Test func estradiolByBothAssaysIsAnError() {
        let labs = BaselineLabs(estradiol_pg_per_mL: 25, estradiolImmunoassay_pg_per_mL: 32)
        let error = #expect(throws: HPGError.self) { try Patient(labs: labs).baseline(model) }
        guard case .conflictingLabs(let first, let second, let parameter) = error else {
            Issue.record("expected conflictingLabs, got \(String(describing: error))")
            return
        }
        #expect([first, second, parameter] == ["estradiol", "estradiol_immunoassay", "aromatase_capacity"])
    }

    /// An immunoassay reads E2 = 0 as its bias b, so a lab at or below b has no steady state: an error naming
    /// the lab and the bias, before any iteration (just above b, the man exists, with almost no E2).
    @Test func anImmunoassayLabAtOrBelowItsBiasIsAnError() throws {
        let b = Parameter.e2ImmunoassayBias.spec.value
        let error = #expect(throws: HPGError.self) {
            try Patient(labs: BaselineLabs(estradiolImmunoassay_pg_per_mL: b)).baseline(model)
        }
        guard case .labAtOrBelowFloor(let name, let value, let floor, let floorValue) = error else {
            Issue.record("expected labAtOrBelowFloor, got \(String(describing: error))")
            return
        }
        #expect(name == "estradiol_immunoassay" && value == b && floor == "E2_immunoassay_bias_pg_per_mL" && floorValue == b)
        let (y, _) = try Patient(labs: BaselineLabs(estradiolImmunoassay_pg_per_mL: b + 1)).baseline(model)
        #expect(abs(y[PhysiologicalState.estradiol.rawValue] - 1) < 1e-9)
    }

    /// A residual with a floating-point floor: r(x) = k·(x − 1) + 3e-13·sign(x − 1) (slope k = 1e-4 /h, like
    /// a slow rate) never drops below 3e-13 in magnitude, so ‖r‖ ≤ 1e-13 is unreachable and the damped steps
    /// stay above the 1e-13 relative step test. Newton stops at the floor (‖r‖ ≤ 1e-12 and no longer
    /// decreasing) with |x − 1| ≤ 1e-12/k = 1e-8, instead of failing after `maxIterations`.
    @Test func newtonStopsAtTheRoundingFloorOfTheResidual() throws {
        let k = 1e-4
        let x = try SteadyState.newton(from: [0.5], positiveCount: 1) { x in
            [k * (x[0] - 1) + (x[0] > 1 ? 3e-13 : -3e-13)]
        }
        #expect(abs(x[0] - 1) <= 1e-12 / k)
    }

    /// Without a root (r(x) = x² + 1) the iteration still fails, with the non-convergence error.
    @Test func newtonWithoutARootFails() {
        #expect {
            _ = try SteadyState.newton(from: [0.5], positiveCount: 0) { x in [x[0] * x[0] + 1] }
        } throws: { error in
            guard case HPGError.steadyStateNotConverged? = error as? HPGError else { return false }
            return true
        }
    }

    /// Low-E2 men exist (E2 8–15 pg/mL with T 250–400 ng/dL; training-studies.md, physiology): with the
    /// aromatase capacity solved from E2 (both sites scaled alike) there is no E2 floor, and the steady state
    /// reproduces the labs.
    @Test(arguments: [(320.0, 15.0), (250.0, 10.0), (400.0, 8.0)])
    func lowEstradiolBaselinesCanBeEntered(_ t: Double, _ e2: Double) throws {
        let (y, p) = try Patient(labs: BaselineLabs(testosterone_ng_per_dL: t, estradiol_pg_per_mL: e2)).baseline(model)
        #expect(abs(y[PhysiologicalState.testosterone.rawValue] / t - 1) < 1e-9)
        #expect(abs(y[PhysiologicalState.estradiol.rawValue] / e2 - 1) < 1e-9)
        #expect(p[Parameter.aromataseCapacity.rawValue] > 0)
    }
    /// Pseudo-transient continuation walks to the steady state from far away. The feedback loop
    /// dx/dt = 1 − x·y³, dy/dt = 10·(x − y) (scaled rows F_i/x_i, as `solve` builds them) has the single positive
    /// steady state x = y = 1; started at (1e3, 1e-3), where the first rate is −1e-6·x and the second 1e4,
    /// the iteration returns within ‖r‖∞ ≤ 1e-6 of it, and Newton's method then finishes to 1e-12.
    @Test func pseudoTransientContinuationReachesTheSteadyStateFromFarAway() throws {
        let residual: ([Double]) -> [Double] = { v in
            [(1 - v[0] * v[1] * v[1] * v[1]) / v[0], 10 * (v[0] - v[1]) / v[1]]
        }
        let near = try SteadyState.pseudoTransient(from: [1e3, 1e-3], positiveCount: 2, residual: residual)
        #expect(residual(near).allSatisfy { abs($0) <= 1e-6 })
        let root = try SteadyState.newton(from: near, positiveCount: 2, residual: residual)
        #expect(abs(root[0] - 1) < 1e-12 && abs(root[1] - 1) < 1e-12)
    }

    /// A profile far from the reference man (GnRH deficiency: drive 0.001 % of normal, LH and T near castrate)
    /// still has its steady state found: f(y) = 0 to the solver's tolerance, with LH under a tenth of the
    /// reference man's (the feedback released at castrate T and E2 multiplies the tiny drive by a bounded factor).
    @Test func gnrhDeficiencyHasASteadyState() throws {
        let (y, p) = try Patient(profile: "gnrh-deficiency").baseline(model)
        let f = model.derivatives(y, p)
        for i in 0..<PhysiologicalState.allCases.count { #expect(abs(f[i]) <= 1e-9 * max(abs(y[i]), 1e-6) * 100) }
        #expect(y[PhysiologicalState.lh.rawValue] < 0.1 * ReferenceMan.LH_IU_per_L)
    }
}
