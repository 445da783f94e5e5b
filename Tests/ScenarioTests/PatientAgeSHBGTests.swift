import Foundation
import HPG
import Testing
@testable import Scenario

/// `patient.age`, the `SHBG` baseline lab and the binding observables (free, bioavailable testosterone, SHBG):
/// how they are read, their mistakes, and what they do to the simulated baseline.
struct PatientAgeSHBGTests {
    let loader = ScenarioLoader(catalog: .hpg)

    static let oneDay = """
        patient:
          profile: normal-weight
          age: AGE
        regimens:
          - {drug: anastrozole, dose: 1 mg, route: oral}
        simulation: {duration: 1 d, output_every: 1 d}
        output:
          observables: [SHBG, free_testosterone, bioavailable_testosterone]
        """

    func scenario(age: String, replacing old: String = "", with new: String = "") throws(ScenarioError) -> Scenario {
        let text = Self.oneDay.replacingOccurrences(of: "AGE", with: age)
        return try loader.parse(old.isEmpty ? text : text.replacingOccurrences(of: old, with: new), file: "age.yaml")
    }

    /// Simulated SHBG at time 0 (the patient's steady state), nmol/L.
    func baselineSHBG(_ scenario: Scenario) throws -> Double {
        let column = try #require(try scenario.simulate(units: .conventional).csv.columns.first { $0.name == "SHBG" })
        return column.values[0]
    }

    @Test func ageIsReadInYearsAndReachesThePatient() throws {
        for written in ["55 years", "55 year", "55 y", "55years"] {
            #expect(try scenario(age: written).patient.age == 55, "\(written)")
        }
        let physiological = HPGModel(drugs: []).observables
        #expect(try scenario(age: "55 years").patient.patient(observables: physiological).age_years == 55)
        let noAge = try scenario(age: "", replacing: "  age: \n", with: "")
        #expect(noAge.patient.age == nil)
        #expect(noAge.patient.patient(observables: physiological).age_years == nil)
    }

    /// E2 given by both assays would set the man's aromatase twice: one problem, at the second lab's line,
    /// naming both labs and what is allowed.
    @Test func estradiolByBothAssaysIsOneProblem() {
        let both = "  age: 55 years\n  baseline:\n    estradiol: 25 pg/mL\n    estradiol_immunoassay: 30 pg/mL\n"
        do {
            _ = try scenario(age: "", replacing: "  age: \n", with: both)
            Issue.record("estradiol and estradiol_immunoassay were both accepted")
        } catch {
            #expect(error.problems.count == 1, "\(error.problems)")
            let problem = error.problems.first
            #expect(problem?.line == 6 && problem?.key == "patient.baseline.estradiol_immunoassay", "\(String(describing: problem))")
            #expect(problem?.message.contains("estradiol") == true && problem?.message.contains("aromatase_capacity") == true)
            #expect(problem?.allowed != nil)
        }
    }

    /// Each bad age is one problem at line 3, key patient.age, saying what is allowed.
    @Test func badAgesAreReported() {
        let cases: [(String, String)] = [
            ("17 years", "outside the ages"), ("101 years", "outside the ages"), ("55", "needs a unit"),
            ("660 months", "written in years"), ("0 years", "more than zero"), ("fifty", "must start with a number"),
            ("55 yrs", "not a unit"), ("55 kg/m2", "not a unit for an age"),
        ]
        for (written, message) in cases {
            do {
                _ = try scenario(age: written)
                Issue.record("\(written) was accepted")
            } catch {
                #expect(error.problems.count == 1, "\(written): \(error.problems)")
                let problem = error.problems.first
                #expect(problem?.line == 3 && problem?.key == "patient.age", "\(written)")
                #expect(problem?.value == written)
                #expect(problem?.message.contains(message) == true, "\(written): \(problem?.message ?? "")")
                #expect(problem?.allowed?.contains("year") == true, "\(written)")
            }
        }
    }

    /// 18 and 100 years are the ends of the allowed range, included.
    @Test func ageRangeEndsAreAllowed() throws {
        #expect(try scenario(age: "18 years").patient.age == 18)
        #expect(try scenario(age: "100 y").patient.age == 100)
    }

    /// `age` is the parameter age_years; setting it twice is a mistake, at the age line.
    @Test func ageAndAgeOverrideTogetherAreReported() {
        do {
            _ = try scenario(age: "55 years", replacing: "  age: 55 years\n",
                             with: "  age: 55 years\n  overrides: {age_years: 60}\n")
            Issue.record("age given twice was accepted")
        } catch {
            #expect(error.problems.map(\.key) == ["patient.age"])
            #expect(error.problems.first?.line == 3)
        }
    }

    /// Androgens lower hepatic SHBG synthesis: with the estradiol term switched off (SHBG_E2_exponent 0), SHBG
    /// settles at S_cap·(T/Tref)^(−σT), so when testosterone gel holds T flat for months, SHBG(end)/SHBG(0) =
    /// (T(end)/T(0))^(−σT) with the model's own σT. Tolerance 1 %: SHBG lags its target by 1/ke_SHBG ≈ 10 days,
    /// and T still drifts slowly as the Leydig cells shrink under the gel.
    @Test func androgensLowerSHBGByTheSynthesisLaw() throws {
        let text = """
            patient:
              profile: normal-weight
              baseline: {testosterone: 300 ng/dL}
              overrides: {SHBG_E2_exponent: 0}
            regimens:
              - {drug: testosterone_gel, dose: 100 mg, route: transdermal, every: 1 d}
            simulation: {duration: 240 d, output_every: 1 d}
            output:
              observables: [SHBG, testosterone]
            """
        let result = try loader.parse(text, file: "gel.yaml").simulate(units: .conventional)
        let column = { (name: String) in result.csv.columns.first { $0.name == name }!.values }
        let (shbg, t) = (column("SHBG"), column("testosterone"))
        let exponent = try #require(HPGModel(drugs: []).parameters.first { $0.name == "SHBG_T_exponent" }).value
        #expect(exponent > 0)
        #expect(t.last! > 1.5 * t[0], "the gel should raise T: \(t[0]) → \(t.last!)")
        let expected = pow(t.last! / t[0], -exponent)
        #expect(abs(shbg.last! / shbg[0] / expected - 1) < 0.01, "SHBG ratio \(shbg.last! / shbg[0]), law \(expected)")
    }

    /// Without an SHBG lab, SHBG rises by 1.3 % per year of age above 30 (Feldman 2002): SHBG(a) / SHBG(30) =
    /// 1.013^(a − 30) for a > 30, and no change below 30.
    @Test func ageRaisesBaselineSHBGByFeldmanFactor() throws {
        let atThirty = try baselineSHBG(try scenario(age: "30 years"))
        let atFiftyFive = try baselineSHBG(try scenario(age: "55 years"))
        let atTwentyFive = try baselineSHBG(try scenario(age: "25 years"))
        let feldman = pow(1.013, 55.0 - 30)
        #expect(abs(atFiftyFive / atThirty / feldman - 1) < 1e-6, "\(atFiftyFive / atThirty) vs \(feldman)")
        #expect(abs(atTwentyFive / atThirty - 1) < 1e-6)
    }

    /// A measured SHBG is the patient's SHBG at baseline, whatever his age; SI and conventional are both nmol/L.
    @Test func givenSHBGIsReproducedAtBaseline() throws {
        let withLab = try scenario(age: "55 years", replacing: "  age: 55 years\n",
                                   with: "  age: 55 years\n  baseline: {SHBG: 40 nmol/L}\n")
        #expect(withLab.patient.baselineLabs["SHBG"] == Measurement(value: 40, unit: "nmol/L"))
        #expect(abs(try baselineSHBG(withLab) / 40 - 1) < 1e-6)
    }

    @Test func badSHBGLabIsReported() {
        do {
            _ = try scenario(age: "55 years", replacing: "  age: 55 years\n",
                             with: "  age: 55 years\n  baseline: {SHBG: 40 ng/dL}\n")
            Issue.record("SHBG in ng/dL was accepted")
        } catch {
            #expect(error.problems.map(\.key) == ["patient.baseline.SHBG"])
            #expect(error.problems.first?.line == 4)
            #expect(error.problems.first?.allowed?.contains("nmol/L") == true)
        }
    }

    /// The catalog offers SHBG as a lab and the binding observables with their units.
    @Test func catalogListsSHBGAndBindingObservables() {
        let catalog = ScenarioCatalog.hpg
        #expect(catalog.labObservables.contains("SHBG"))
        #expect(catalog.observable("SHBG")?.units == ["nmol/L"])
        #expect(catalog.observable("free_testosterone")?.units == ["pg/mL", "pmol/L"])
        #expect(catalog.observable("bioavailable_testosterone")?.units == ["ng/dL", "nmol/L"])
    }

    /// free_testosterone, bioavailable_testosterone and SHBG can be CSV columns, reported values and expectations.
    @Test func bindingObservablesCanBeNamedEverywhere() throws {
        let text = Self.oneDay.replacingOccurrences(of: "AGE", with: "55 years") + """

            reported:
              source: test
              tolerance: 50 %
              baseline: {free_testosterone: 300 pmol/L, bioavailable_testosterone: 250 ng/dL, SHBG: 40 nmol/L}
            expect:
              source: test
              from: 1 d
              to: 1 d
              not_fall: [free_testosterone, bioavailable_testosterone, SHBG]
            """
        let scenario = try loader.parse(text, file: "binding.yaml")
        #expect(scenario.reported?.timepoints.first?.values.map(\.observable)
                == ["free_testosterone", "bioavailable_testosterone", "SHBG"])
        #expect(scenario.expect.first?.checks.map(\.observable) == ["free_testosterone", "bioavailable_testosterone", "SHBG"])
        let headers = try scenario.simulate(units: .conventional).csv.columns.map(\.header)
        #expect(headers == ["SHBG_nmol_per_L", "free_testosterone_pg_per_mL", "bioavailable_testosterone_ng_per_dL"])
        let si = try scenario.simulate(units: .si).csv.columns.map(\.header)
        #expect(si == ["SHBG_nmol_per_L", "free_testosterone_pmol_per_L", "bioavailable_testosterone_nmol_per_L"])
    }

    /// The observables table of scenarios/README.md is the catalog's: every physiological observable once, in
    /// the model's order, with its conventional and SI units and whether it can be a baseline lab.
    @Test func readmeListsTheObservables() throws {
        let readme = try String(contentsOfFile: ScenarioSimulationTests.scenariosFolder + "/README.md", encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Observables").dropFirst().first?
            .components(separatedBy: "\n## ").first)
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { row in
            Array(row.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                .dropFirst().prefix(4))
        }
        let catalog = ScenarioCatalog.hpg
        let expected = catalog.observables.map { observable in
            ["`\(observable.name)`", observable.units[0], observable.units.last!,
             catalog.labObservables.contains(observable.name) ? "lab" : ""]
        }
        #expect(rows == expected)
    }
}
