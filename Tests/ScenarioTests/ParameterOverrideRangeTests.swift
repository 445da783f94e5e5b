import Foundation
import HPG
import Testing
@testable import Scenario

/// Each parameter's own range for `patient.overrides` (issue 13): nonsense is refused at its line with the range,
/// and a feedback can still be switched off with its exponent 0.
struct ParameterOverrideRangeTests {
    let loader = ScenarioLoader(catalog: .hpg)

    func scenario(overrides: String, regimen: String = "{drug: anastrozole, dose: 1 mg, route: oral, every: 1 d}",
                  baseline: String = "{testosterone: 270.6 ng/dL, estradiol: 32 pg/mL}") throws(ScenarioError) -> Scenario {
        try loader.parse("""
            patient:
              profile: overweight
              baseline: \(baseline)
              overrides:
                \(overrides)
            regimens:
              - \(regimen)
            simulation: {duration: 2 weeks, output_every: 1 d}
            """, file: "test.yaml")
    }

    /// A share above 1, a Hill coefficient of 20, an isomer fraction of 1 (no other isomer left), a negative
    /// exponent, a BMI of a million, a zero rate constant: each refused at line 5 (the override) with its range.
    @Test(arguments: [("aromatase_testicular_share: 1.5", "a number in (0, 1)"),
                      ("Leydig_LH_hill: 20", "a number in (0, 10]"),
                      ("clomiphene.zuclomiphene_fraction: 1", "a number in (0, 1)"),
                      ("E2_feedback_pituitary_exponent: -1", "a number in [0, 10]"),
                      ("BMI_kg_per_m2: 1e6", "a number in [15, 60], in kg/m2"),
                      ("ke_LH_per_h: 0", "a number in (0, ∞), in 1/h")])
    func outOfRangeOverrideIsRefused(_ override: String, _ allowed: String) throws {
        let error = try #require(throws: ScenarioError.self) { try scenario(overrides: override) }
        let problem = try #require(error.problems.first)
        #expect(error.problems.count == 1 && problem.line == 5, "\(error.problems)")
        #expect(problem.key == "patient.overrides." + override.split(separator: ":")[0], "\(problem)")
        #expect(problem.allowed == allowed, "\(problem)")
    }

    /// E2's feedback switched off (both exponents 0, and E2's effect on SHBG): the factor (1 + s^0)/(1 + (E2·s)^0)
    /// is 1 whatever E2, so an estradiol patch that raises E2 several-fold leaves LH at its baseline, while with the
    /// feedback on it lowers LH. The same overrides are accepted by the reader and by `Patient.baseline`.
    @Test func feedbackSwitchedOffWithItsExponentZero() throws {
        let patch = "{drug: estradiol_patch, dose: 350 ug, route: transdermal, every: 3.5 d, infusion_duration: 3.5 d}"
        func lh(_ overrides: String) throws -> (e2: [Double], lh: [Double]) {
            let result = try scenario(overrides: overrides, regimen: patch).simulate(units: .conventional)
            let column = { (name: String) in result.csv.columns.first { $0.name == name }!.values }
            return (column("estradiol"), column("LH"))
        }
        let off = try lh("{E2_feedback_hypothalamic_exponent: 0, E2_feedback_pituitary_exponent: 0, SHBG_E2_exponent: 0}")
        let on = try lh("{SHBG_E2_exponent: 0}")
        #expect(off.e2.last! > 2 * off.e2.first!)
        for value in off.lh { #expect(abs(value / off.lh[0] - 1) < 1e-5, "LH \(value) vs \(off.lh[0])") }
        #expect(on.lh.last! < 0.9 * on.lh[0])
    }
}
