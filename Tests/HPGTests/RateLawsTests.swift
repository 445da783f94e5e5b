import Foundation
import Testing
import ODE
@testable import HPG

/// The pieces of `RateLaws` against closed forms and conservation laws.
@Suite struct RateLawsTests {
    let p = HPGModel().defaultParameters

    /// Dual numbers give the derivatives of the closed forms: d(x³)/dx = 3x², d√x = 1/(2√x),
    /// d(x/y)/dy = −x/y², d(x·y)/dx = y.
    @Test func dualNumbersDifferentiateExactly() {
        let x = Dual(1.7, seed: 0), y = Dual(0.4, seed: 1)
        #expect(abs(x.power(3).partials[0] - 3 * 1.7 * 1.7) < 1e-12)
        #expect(abs(x.squareRoot().partials[0] - 1 / (2 * 1.7.squareRoot())) < 1e-15)
        #expect(abs((x / y).partials[1] + 1.7 / (0.4 * 0.4)) < 1e-12)
        #expect((x * y).partials[0] == 0.4)
        #expect(x.floored(2).partials[0] == 0)
    }

    /// Vermeulen's free T conserves mass: TT = FT + albumin-bound (N − 1)·FT + SHBG-bound
    /// SHBG·Kt·FT/(1 + Kt·FT), over the range of total T and SHBG met in men.
    @Test(arguments: [(2.0, 10.0), (18.4, 35.2), (18.4, 80.0), (40.0, 15.0), (90.0, 120.0)])
    func freeTestosteroneConservesMass(_ total: Double, _ shbg: Double) {
        let (free, n, kt) = p.withUnsafeBufferPointer { pb in
            (RateLaws.freeTestosterone(total_nM: total, shbg_nM: shbg, pb), RateLaws.albuminBindingFactor(pb),
             pb[Parameter.shbgAssociation.rawValue])
        }
        let bound = n * free + shbg * kt * free / (1 + kt * free)
        #expect(abs(bound / total - 1) < 1e-12, "TT \(total), SHBG \(shbg): FT \(free)")
    }

    /// The reference man's SHBG was derived from Södergård's 2.0 % free T: Vermeulen returns 2.0 % there.
    @Test func referenceFreeFractionIsSodergard() {
        let free = p.withUnsafeBufferPointer {
            RateLaws.freeTestosterone(total_nM: Derived.referenceT_nmol_per_L, shbg_nM: Derived.referenceSHBG, $0)
        }
        #expect(abs(free / Derived.referenceT_nmol_per_L - 0.020) < 1e-12)
    }

    /// At steady state with drive ψ, each seminiferous stage keeps q = k_s/(k_s + k_d·(1 − ψ)) of the one before, so
    /// the cauda holds Cap·ψ·q¹⁶ (the epididymis only delays).
    @Test func germCellChainSteadyStateIsTheClosedForm() throws {
        let model = HPGModel()
        let (y, parameters) = try Patient().baseline(model)
        let rates = y.withUnsafeBufferPointer { yb in parameters.withUnsafeBufferPointer { pb in
            RateLaws.core(CoreInputs { DrugEffects(yb, pb, [], dydt: nil).coreInput($0, yb) }, pb, RateConstants(pb)) } }
        let psi = rates.spermatogenicDrive
        let ks = Double(SpermChain.seminiferousStages) / parameters[Parameter.spermatogenesisDuration.rawValue]
        let q = ks / (ks + parameters[Parameter.germCellLossRate.rawValue] * (1 - psi))
        let expected = parameters[Parameter.spermatogenicCapacity.rawValue] * psi * pow(q, Double(SpermChain.seminiferousStages))
        #expect(abs(y[SpermChain.cauda] / expected - 1) < 1e-9)
        // The reference man (ψ = ½) has 73 million/mL.
        #expect(abs(y[SpermChain.cauda] / ReferenceMan.spermConcentration_million_per_mL - 1) < 1e-9)
    }

    /// Gonadotropin secretion saturates: with no feedback left (E2 and T near zero, a GnRH-releasing stimulus),
    /// LH stays below the ceiling Cmax × the reference secretion / ke_LH, and FSH likewise.
    @Test func gonadotropinsStayBelowTheirCeiling() throws {
        let model = HPGModel()
        var (y, parameters) = try Patient().baseline(model)
        y[PhysiologicalState.estradiol.rawValue] = 1e-3
        y[PhysiologicalState.testosterone.rawValue] = 1e-3
        y[PhysiologicalState.gnrhDrive.rawValue] = 1e3
        y[PhysiologicalState.gonadotrophReserve.rawValue] = 1e3
        let dydt = model.derivatives(y, parameters)
        let ceiling = parameters[Parameter.gonadotropinCeiling.rawValue]
        let lhMax = ceiling * parameters[Parameter.lhSecretion.rawValue]
        let production = dydt[PhysiologicalState.lh.rawValue] + parameters[Parameter.keLH.rawValue] * y[PhysiologicalState.lh.rawValue]
        #expect(production < lhMax && production > 0.99 * lhMax)
    }
    /// The E2 feedback H_E(λ) = (1 + (E2ref/E50)^λ)/(1 + (E2/E50)^λ) is the power law (E2/E2ref)^(−λ) in the limit
    /// E50 → 0: with E50 = 1e-9·E2ref the GnRH drive's rate at E2 = 2·E2ref matches A_G·2^(−λE,h)·(T and
    /// desensitisation terms, 1 at the reference man) to 1e-6, while with the calibrated E50 the release at
    /// E2 → 0 is bounded by 1 + (E2ref/E50)^λ.
    @Test func estradiolFeedbackIsABoundedPowerLaw() throws {
        let model = HPGModel()
        let (y0, p0) = try Patient().baseline(model)
        func driveTarget(_ e2: Double, _ e50: Double) -> Double {
            var y = y0, p = p0
            y[PhysiologicalState.estradiol.rawValue] = e2
            y[PhysiologicalState.gnrhDrive.rawValue] = 0
            p[Parameter.e2FeedbackHalf.rawValue] = e50
            // dG/dt at G = 0 is ke_GnRH·A_G·H: the target the drive relaxes to, times ke_GnRH·A_G.
            return model.derivatives(y, p)[PhysiologicalState.gnrhDrive.rawValue]
                / (p[Parameter.keGnRHDrive.rawValue] * p[Parameter.gnrhDriveCapacity.rawValue])
        }
        let reference = p0[Parameter.e2FeedbackReference.rawValue], lambda = p0[Parameter.e2HypothalamicExponent.rawValue]
        let powerLaw = driveTarget(2 * reference, 1e-9 * reference) / driveTarget(reference, 1e-9 * reference)
        #expect(abs(powerLaw / pow(2, -lambda) - 1) < 1e-6)
        let e50 = p0[Parameter.e2FeedbackHalf.rawValue]
        let bound = 1 + pow(reference / e50, lambda)
        let released = driveTarget(1e-9, e50) / driveTarget(reference, e50)
        #expect(abs(released / bound - 1) < 1e-6, "release \(released), bound \(bound)")
    }

    /// dG/dt at G = 0 with one state of the steady state y0 scaled: ke_GnRH times the drive's target, so a ratio of
    /// two of them is the ratio of the targets.
    static func driveRate(_ model: HPGModel, _ y0: [Double], _ p: [Double], _ state: PhysiologicalState,
                          times factor: Double) -> Double {
        var y = y0
        y[state.rawValue] *= factor
        y[PhysiologicalState.gnrhDrive.rawValue] = 0
        return model.derivatives(y, p)[PhysiologicalState.gnrhDrive.rawValue]
    }

    /// A man's steady state from one lab, with the solved set-point checked to be his steady-state value of that
    /// state, and the set-point elasticity replaced.
    static func setPointMan(_ model: HPGModel, _ labs: BaselineLabs, _ setPoint: Parameter, of state: PhysiologicalState,
                            elasticity: (Parameter, Double)) throws -> (state: [Double], parameters: [Double]) {
        let (y0, p0) = try Patient(labs: labs).baseline(model)
        #expect(abs(p0[setPoint.rawValue] / y0[state.rawValue] - 1) < 1e-12)
        var p = p0
        p[elasticity.0.rawValue] = elasticity.1
        return (y0, p)
    }

    /// The androgen feedback follows the man's set-point: the solved set-point is his steady-state T, and with
    /// full elasticity (α = 1) the threshold is a fixed multiple of it, so the same relative rise of T (×1.5)
    /// lowers the GnRH drive's target by the same factor in men whose baseline T is 250, 531 or 800 ng/dL; with
    /// α = 0 (one threshold for all men) the man with the highest T is suppressed most.
    @Test func androgenFeedbackFollowsTheSetPoint() throws {
        let model = HPGModel()
        func relativeSuppression(_ testosterone: Double, elasticity: Double) throws -> Double {
            let (y0, p) = try Self.setPointMan(model, BaselineLabs(testosterone_ng_per_dL: testosterone),
                                               .tSetPoint, of: .testosterone, elasticity: (.tSetPointElasticity, elasticity))
            return Self.driveRate(model, y0, p, .testosterone, times: 1.5) / Self.driveRate(model, y0, p, .testosterone, times: 1)
        }
        let relative = try [250.0, 531, 800].map { try relativeSuppression($0, elasticity: 1) }
        #expect(abs(relative[0] / relative[2] - 1) < 1e-9 && abs(relative[1] / relative[2] - 1) < 1e-9, "\(relative)")
        let absolute = try [250.0, 800].map { try relativeSuppression($0, elasticity: 0) }
        #expect(absolute[1] < absolute[0], "\(absolute)")
    }

    /// The estrogen feedback follows the man's set-point E2 in the same way: the solved set-point is his
    /// steady-state E2, and with full elasticity (αE = 1) his curve is centred on his own E2, so halving E2 (an
    /// aromatase inhibitor) raises the GnRH drive's target by the same factor in men whose baseline E2 is 12, 25
    /// or 45 pg/mL, and his E2 feedback is 1 at his baseline (the drive target equals A_G·H_T·D as in a man with
    /// the feedback switched off); with αE = 0 (one curve for all men) the man with the highest E2, on the steep
    /// part of the Hill curve above E50, gains most.
    @Test func estrogenFeedbackFollowsTheSetPoint() throws {
        let model = HPGModel()
        func release(_ estradiol: Double, elasticity: Double) throws -> Double {
            let (y0, p) = try Self.setPointMan(model, BaselineLabs(estradiol_pg_per_mL: estradiol),
                                               .e2SetPoint, of: .estradiol, elasticity: (.e2SetPointElasticity, elasticity))
            func target(_ factor: Double, _ p: [Double]) -> Double { Self.driveRate(model, y0, p, .estradiol, times: factor) }
            if elasticity == 1 {
                var off = p
                off[Parameter.e2HypothalamicExponent.rawValue] = 0
                #expect(abs(target(1, p) / target(1, off) - 1) < 1e-12, "E2 \(estradiol)")
            }
            return target(0.5, p) / target(1, p)
        }
        let centred = try [12.0, 25, 45].map { try release($0, elasticity: 1) }
        #expect(centred[0] > 1 && abs(centred[0] / centred[2] - 1) < 1e-9 && abs(centred[1] / centred[2] - 1) < 1e-9,
                "\(centred)")
        let shared = try [12.0, 45].map { try release($0, elasticity: 0) }
        #expect(shared[1] > shared[0], "\(shared)")
    }
}

/// The rate laws' parameter-only parts carried by the dosing engine (`DosingModel.derivedParameters`, read back
/// by `RateConstants(loadingFrom:)`) are those computed in place: the dosing model's f and ∂f/∂y equal
/// `HPGModel.derivatives` and `jacobian` on the same state and parameters, bit for bit, with a drug dosed
/// and a man unlike the reference man.
@Test func derivedRateConstantsThroughTheEngineAreThoseComputedInPlace() throws {
    let model = HPGModel(drugs: try DrugRegistry.drugs(named: ["anastrozole"]))
    let (baseline, parameters) = try Patient(profile: "overweight").baseline(model)
    let dosing = model.dosingModel(baseline: baseline, method: HPGModel.defaultMethod)
    var y = baseline
    y[model.stateIndex("anastrozole_depot_mg")!] = 0.7
    y[model.stateIndex("anastrozole_central_mg")!] = 0.4
    let p = dosing.parameterDefaults.indices.map { $0 < parameters.count ? parameters[$0] : dosing.parameterDefaults[$0] }
    var extended = p + [Double](repeating: .nan, count: dosing.derivedParameters.count)
    extended.withUnsafeMutableBufferPointer { e in
        dosing.derivedParameters.compute(UnsafeBufferPointer(rebasing: e[..<p.count]),
                                         UnsafeMutableBufferPointer(rebasing: e[p.count...]))
    }
    var f = [Double](repeating: .nan, count: y.count)
    var J = Matrix(rows: y.count, columns: y.count)
    y.withUnsafeBufferPointer { yb in extended.withUnsafeBufferPointer { pb in
        f.withUnsafeMutableBufferPointer { dosing.rhs(0, yb, pb, $0) }
        dosing.jacobian!(0, yb, pb, &J)
    } }
    #expect(f == model.derivatives(y, p))
    #expect(J == model.jacobian(y, p))
}
