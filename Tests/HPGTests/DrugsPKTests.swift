import Foundation
import Testing
import ODE
@testable import HPG

/// PK of the new drugs against closed forms and reported values, and the secondary-species hook's Jacobian.
@Suite struct DrugsPKTests {
    /// The analytic Jacobian equals central differences with every registered drug present (parent,
    /// isomer and metabolite species, all mechanisms).
    @Test func jacobianWithEveryDrugMatchesFiniteDifferences() throws {
        let model = HPGModel(drugs: DrugRegistry.all)
        var (y, p) = try DrugsSupport.cohort.baseline(model)
        let physiological = PhysiologicalState.allCases.count + SpermChain.count
        for i in y.indices {
            if i >= physiological { y[i] = Double(i % 3 + 1) * 0.7 } else { y[i] *= 1 + 0.1 * sin(Double(i)) }
        }
        expectAnalyticJacobianMatchesCentralDifferences(model, y, p)
    }

    /// Mean concentration over the last dosing interval at steady state, by the trapezoid rule.
    func steadyStateMean(_ drug: String, _ amount: Double, every: Double, days: Int, _ observable: String) throws -> Double {
        let end = Double(days) * 24
        let times = stride(from: end - every, through: end, by: every / 480).map { $0 }
        let t = try simulate(patient: DrugsSupport.cohort,
                             doses: [DrugsSupport.dose(drug, amount, every: every, count: Int(end / every))], outputTimes: times)
        let s = t.series(observable)!
        var area = 0.0
        for k in 1..<s.count { area += (s[k] + s[k - 1]) / 2 * (times[k] - times[k - 1]) }
        return area / every
    }

    /// Linear PK: Css,avg = F·Dose/(CL·τ) for the parent and CLf·Css/CLm for a metabolite (mass balance).
    @Test func tamoxifenAndEndoxifenSteadyStateAreTheMassBalance() throws {
        let tamoxifen = try steadyStateMean("tamoxifen", 20, every: 24, days: 70, "tamoxifen_concentration")
        let endoxifen = try steadyStateMean("tamoxifen", 20, every: 24, days: 70, "tamoxifen_endoxifen_concentration")
        let expectedTamoxifen = 20_000 / (9.34 * 24)            // ng/mL
        let expectedEndoxifen = 0.324 * expectedTamoxifen / 5.1   // tamoxifen-equivalent ng/mL
        // 70 days = 10 half-lives of tamoxifen (7.3 d): within 0.2 %.
        #expect(abs(tamoxifen / expectedTamoxifen - 1) < 0.002, "\(tamoxifen) vs \(expectedTamoxifen)")
        #expect(abs(endoxifen / expectedEndoxifen - 1) < 0.002, "\(endoxifen) vs \(expectedEndoxifen)")
    }

    /// Clomiphene 25 mg/day at steady state: median enclomiphene 2.2 ng/mL and zuclomiphene 44 ng/mL in men
    /// (Helo S et al. BJU Int 2017;119:171), the values the clearances were derived from; 300 days = 10
    /// zuclomiphene half-lives.
    @Test func clomipheneIsomersReachTheReportedSteadyState() throws {
        let enclomiphene = try steadyStateMean("clomiphene", 25, every: 24, days: 300, "clomiphene_concentration")
        let zuclomiphene = try steadyStateMean("clomiphene", 25, every: 24, days: 300, "clomiphene_zuclomiphene_concentration")
        #expect(abs(enclomiphene / 2.2 - 1) < 0.01, "\(enclomiphene)")
        #expect(abs(zuclomiphene / 44 - 1) < 0.01, "\(zuclomiphene)")
    }

    /// Time of the peak after one dose, against the labels: hCG IM 9–12 h; gonadorelin SC ~15 min.
    @Test(arguments: [("hcg", 1500.0, 9.0, 12.0, 0.1), ("gonadorelin", 100.0, 0.15, 0.35, 0.005)])
    func timeToPeak(_ drug: String, _ amount: Double, _ low: Double, _ high: Double, _ step: Double) throws {
        let times = stride(from: 0.0, through: 2 * high, by: step).map { $0 }
        let t = try simulate(patient: DrugsSupport.cohort,
                             doses: [DrugsSupport.dose(drug, amount, every: 0, count: 1)], outputTimes: times)
        let c = t.series("\(drug)_concentration")!
        let tmax = times[c.indices.max { c[$0] < c[$1] }!]
        #expect(tmax >= low && tmax <= high, "\(drug) tmax \(tmax) h")
    }
}
