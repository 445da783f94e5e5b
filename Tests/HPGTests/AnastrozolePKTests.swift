import Foundation
import Testing
import Dosing
@testable import HPG

/// Anastrozole PK against the closed forms of the one-compartment model with first-order absorption.
@Suite struct AnastrozolePKTests {
    let drug = Drug.anastrozole
    var ka: Double { drug.parameters.first { $0.name == "anastrozole.ka_per_h" }!.value }
    var clearance: Double { drug.parameters.first { $0.name == "anastrozole.CL_L_per_h" }!.value }
    var volume: Double { drug.parameters.first { $0.name == "anastrozole.V_L" }!.value }
    var k: Double { clearance / volume }

    func concentrations(_ doses: [DrugDose], at times: [Double]) throws -> [Double] {
        try simulate(patient: Patient(), doses: doses, outputTimes: times).series("anastrozole_concentration")!
    }

    @Test func halfLifeIsFortyTwoHoursAsInMen() {
        // Yuan et al. (men): t½ 42 ± 14 h; label 40–50 h.
        let halfLife = log(2.0) / k
        #expect(abs(halfLife - 42) < 1e-9)
        // Css,avg at 1 mg/day from CL/F = 1 mg / AUC 443 µg·h/L: 1000 / (CL·24) ng/mL, inside 18–27 ng/mL (research §1a).
        #expect((18...27).contains(1000 / (clearance * 24)))
    }

    @Test func singleDoseFollowsTheBatemanFunction() throws {
        // C(t) = F·D·ka / (V·(ka − k)) · (e^(−k t) − e^(−ka t)), D = 1 mg, in ng/mL (× 1000).
        let times: [Double] = [0.5, 1, 2, 4, 8, 24, 48, 96, 168]
        let simulated = try concentrations([DrugDose(drug: "anastrozole", record: .dose(1, at: 0))], at: times)
        for (t, c) in zip(times, simulated) {
            let exact = 1000 * ka / (volume * (ka - k)) * (exp(-k * t) - exp(-ka * t))
            #expect(abs(c / exact - 1) < 1e-4, "t = \(t) h: \(c) vs \(exact)")
        }
    }

    @Test func accumulationRatioMatchesOneOverOneMinusExpMinusKTau() throws {
        // Trough after many daily doses / trough after the first dose → R = 1/(1 − e^(−kτ)) (label: 3–4-fold).
        let tau = 24.0
        let doses = Analyses.regimen("anastrozole", amount: 1, every: tau, days: 60)
        let c = try concentrations(doses, at: [tau - 1e-9, 60 * 24 - 1e-9])
        let ratio = c[1] / c[0]
        let exact = 1 / (1 - exp(-k * tau))
        #expect(abs(ratio / exact - 1) < 2e-3, "R = \(ratio) vs \(exact)")
        #expect((3...4).contains(exact))
    }

    @Test func averageSteadyStateConcentrationIsFDoseOverCLTau() throws {
        for (amount, tau) in [(1.0, 24.0), (1.0, 84.0), (0.5, 48.0)] {
            let mean = try Analyses.steadyStateMean("anastrozole_concentration", patient: Patient(), amount: amount,
                                                    interval_h: tau, days: 60)
            let exact = 1000 * amount / (clearance * tau)
            #expect(abs(mean / exact - 1) < 2e-3, "\(amount) mg every \(tau) h: \(mean) vs \(exact)")
        }
    }

    @Test func siConcentrationUsesTheMolarMass() {
        // 1 ng/mL = 1 µg/L; ÷ 293.37 g/mol = 3.409 nmol/L (research file).
        let spec = HPGModel(drugs: [drug]).observables.first { $0.name == "anastrozole_concentration" }!
        #expect(abs(spec.siFactor - 3.409) < 1e-3)
    }
}

extension AnastrozolePKTests {
    @Test func bioavailabilityItemScalesExposureLinearly() throws {
        // AUC is proportional to F·Dose (linear PK): F1 = 0.5 halves the concentration at every time.
        let times: [Double] = [2, 24, 96]
        let full = try concentrations([DrugDose(drug: "anastrozole", record: .dose(1, at: 0))], at: times)
        let half = try concentrations([DrugDose(drug: "anastrozole", record: .dose(1, at: 0, items: ["F1": 0.5]))], at: times)
        for (a, b) in zip(full, half) { #expect(abs(b / a - 0.5) < 1e-6) }
    }
}

