import Foundation
import Testing
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
            RateLaws.core(CoreInputs { DrugEffects(yb, pb, [], dydt: nil).coreInput($0, yb) }, pb) } }
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
}
