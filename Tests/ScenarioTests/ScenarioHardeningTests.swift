import Dosing
import Foundation
import HPG
import Testing
@testable import Scenario

/// Scenario input that used to be accepted as nonsense, refused as valid, or reported without its line
/// (issue 13). Each expectation is the behaviour the issue states, not a pasted message.
struct ScenarioHardeningTests {
    let loader = ScenarioLoader(catalog: .fixture)

    static let base = """
        title: hardening
        patient:
          profile: obese
          bmi: 32 kg/m2
        regimens:
          - drug: anastrozole
            dose: 1 mg
            every: 1 d
            duration: 4 weeks
        simulation:
          duration: 6 weeks
          output_every: 1 d
        """

    func problems(_ old: String, _ new: String) -> [ScenarioProblem] {
        precondition(Self.base.contains(old), "fixture does not contain \(old)")
        do {
            _ = try loader.parse(Self.base.replacingOccurrences(of: old, with: new), file: "bad.yaml")
            return []
        } catch {
            return error.problems
        }
    }

    /// `every: 1 d` for `duration: 1 d` is one dose: one record with ADDL = 0 and II = 0, which NONMEM's
    /// rule (II > 0 if and only if ADDL > 0) accepts.
    @Test func regimenOfExactlyOneDose() throws {
        let scenario = try loader.parse(Self.base.replacingOccurrences(of: "duration: 4 weeks", with: "duration: 1 d"),
                                        file: "one.yaml")
        let records = scenario.regimens[0].records(amount: 1, compartment: 1, until: scenario.simulation.duration)
        #expect(records.count == 1)
        #expect(records[0].additionalDoses == 0 && records[0].interval == 0)
        let engine = DosingEngine(model: PKLibrary.model(named: "pk1cmt")!)
        #expect(engine.validate(records: records, parameters: ["CL": 1, "V": 1]).isEmpty)
    }

    /// The dose cap counts every regimen together: two regimens of 151 200 doses each (every 0.4 min for the
    /// 6 weeks = 1008 h) pass the per-regimen test but not the total.
    @Test func doseCapIsForAllRegimensTogether() {
        let regimen = "  - drug: anastrozole\n    dose: 1 mg\n    every: 0.4 min\n"
        let found = problems("""
              - drug: anastrozole
                dose: 1 mg
                every: 1 d
                duration: 4 weeks
            """, regimen + regimen).filter { $0.key == "regimens" }
        #expect(found.count == 1)
        #expect(found.first?.allowed?.contains("\(Reader.maximumDoses)") == true)
        #expect(Reader.maximumDoses < 2 * 150_000)
    }

    /// 6 weeks every 1e-4 min is 6e8 rows: refused at the key, before any allocation.
    @Test func outputRowsAreCapped() {
        let found = problems("output_every: 1 d", "output_every: 1e-4 min")
        #expect(found.map(\.key) == ["simulation.output_every"])
        #expect(found.first?.allowed?.contains("\(Reader.maximumOutputRows)") == true)
    }

    /// A BMI of 10⁶ is refused with the range allowed.
    @Test func absurdBodyMassIndexIsRefused() {
        let found = problems("bmi: 32 kg/m2", "bmi: 1e6 kg/m2")
        #expect(found.map(\.key) == ["patient.bmi"])
        #expect(found.first?.allowed?.contains("15") == true && found.first?.allowed?.contains("60") == true)
    }

    /// 1e999 overflows to infinity: the message says so, not "must start with a number".
    @Test func infiniteNumberIsNamedAsSuch() {
        let found = problems("dose: 1 mg", "dose: 1e999 mg")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("not finite") == true)
        #expect(found.first?.message.contains("start with a number") == false)
    }

    /// A dose in mL is a volume: said so, without suggesting "mg".
    @Test func volumeUnitForADoseIsNamedAsAVolume() {
        let found = problems("dose: 1 mg", "dose: 1 mL")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("volume") == true)
        #expect(found.first?.message.contains("Did you mean") == false)
    }

    /// A dose beyond any real dose (1e308 mg, a typo) is refused at the key, not passed to the solver.
    @Test func absurdDoseIsRefused() {
        #expect(problems("dose: 1 mg", "dose: 1e308 mg").map(\.key) == ["regimens[0].dose"])
    }

    /// An unclosed [ is reported at the line where it opens (line 4), with where parsing failed.
    @Test func unclosedBracketIsReportedWhereItOpens() {
        let found = problems("bmi: 32 kg/m2", "bmi: [32 kg/m2")
        #expect(found.count == 1)
        #expect(found.first?.line == 4)
    }

    /// Failures found while simulating point at the key they come from.
    @Test func simulationFailuresCarryTheLine() throws {
        let text = Self.base.replacingOccurrences(of: "  bmi: 32 kg/m2", with: "  baseline:\n    testosterone: 270 ng/dL")
        let scenario = try loader.parse(text, file: "s.yaml")
        let lab = scenario.problem(for: .noPhysiologicalSolution(lab: "testosterone", value: 270, parameter: "x", required: -1))
        #expect((lab.line, lab.key) == (5, "patient.baseline.testosterone"))
    }

    /// Through the model: an LH of 200 IU/L has no steady state (secretion saturates at Cmax × the reference
    /// rate, so LH ≤ 10 × 4.5 IU/L); the failure points into the baseline block (line 5), not only at the file.
    @Test func impossibleBaselineCarriesTheLine() throws {
        let text = Self.base.replacingOccurrences(of: "  bmi: 32 kg/m2", with: "  baseline:\n    LH: 200 IU/L")
        let scenario = try ScenarioLoader(catalog: .hpg).parse(text, file: "s.yaml")
        do {
            _ = try scenario.simulate(units: .conventional)
            Issue.record("an impossible baseline was simulated")
        } catch {
            let problem = scenario.problem(for: error)
            #expect(problem.line == 5)
            #expect(problem.key.hasPrefix("patient.baseline"))
        }
    }

    /// `simulation.max_steps` is read as a positive whole number.
    @Test func maxStepsIsReadAndChecked() throws {
        let scenario = try loader.parse(Self.base.replacingOccurrences(of: "output_every: 1 d", with: "output_every: 1 d\n  max_steps: 2000000"),
                                        file: "s.yaml")
        #expect(scenario.simulation.maxSteps == 2_000_000)
        #expect(problems("output_every: 1 d", "output_every: 1 d\n  max_steps: -3").map(\.key) == ["simulation.max_steps"])
    }

    /// An override of zero is refused when the file is read (the model takes no parameter ≤ 0), at its key.
    @Test func zeroOverrideIsRefusedAtItsKey() {
        let found = problems("  bmi: 32 kg/m2", "  overrides:\n    aromatase_scale: 0")
        #expect(found.map(\.key) == ["patient.overrides.aromatase_scale"])
        #expect(found.first?.line == 5)
    }

    /// A scenario larger than the cap is refused before it is parsed, naming the limit.
    @Test func oversizedScenarioFileIsRefused() throws {
        let path = NSTemporaryDirectory() + "hpgsim-big-\(UUID().uuidString).yaml"
        try String(repeating: "# padding\n", count: ScenarioLoader.maximumFileBytes / 10 + 1).write(toFile: path, atomically: false, encoding: .utf8)
        #expect(throws: ScenarioError.self) { try loader.load(path: path) }
        do { _ = try loader.load(path: path) } catch { #expect(error.problems.first?.message.contains("larger than") == true) }
    }
}
