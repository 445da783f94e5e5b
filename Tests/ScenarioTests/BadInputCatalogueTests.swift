import Testing
@testable import Scenario

/// A catalogue of bad scenario files (issue 13: "at least 100 bad inputs … as tests"). Each one is a valid
/// scenario with one thing broken; every one must be refused when read, with the file, a line inside the
/// file, the key at fault and what is allowed — never accepted, never a crash.
struct BadInputCatalogueTests {
    static let valid = """
        title: catalogue
        patient:
          profile: obese
          age: 45 years
          bmi: 32 kg/m2
          baseline:
            testosterone: 270 ng/dL
            estradiol: 32 pg/mL
        regimens:
          - drug: anastrozole
            dose: 1 mg
            route: oral
            every: 1 d
            start: 0 d
            duration: 4 weeks
        simulation:
          duration: 6 weeks
          output_every: 1 d
        output:
          units: si
        monitoring:
          labs: [estradiol, T/E2]
          every: 2 weeks
          cv: 10 %
          result_after: 3 d
          rules:
            - if: E2 < 15 pg/mL
              then: {dose: 0.5 mg}
            - if: T_E2_ratio < 10 and estradiol > 20 pg/mL
              then: {times_per_week: 3}
            - if: T_E2_ratio > 30
              then: stop
        """

    /// (text replaced, replacement, key expected in a problem).
    static let cases: [(String, String, String)] = [
        // numbers that are not numbers, or not finite, or out of range
        ("dose: 1 mg", "dose: 1e999 mg", "regimens[0].dose"),
        ("dose: 1 mg", "dose: -1 mg", "regimens[0].dose"),
        ("dose: 1 mg", "dose: 0 mg", "regimens[0].dose"),
        ("dose: 1 mg", "dose: nan mg", "regimens[0].dose"),
        ("dose: 1 mg", "dose: inf mg", "regimens[0].dose"),
        ("dose: 1 mg", "dose: mg", "regimens[0].dose"),
        ("dose: 1 mg", "dose: 1", "regimens[0].dose"),
        ("dose: 1 mg", "dose: 1 mL", "regimens[0].dose"),
        ("dose: 1 mg", "dose: 1 L", "regimens[0].dose"),
        ("dose: 1 mg", "dose: 1 kg", "regimens[0].dose"),
        ("dose: 1 mg", "dose: 1 mmol", "regimens[0].dose"),
        ("dose: 1 mg", "dose: 1 IU", "regimens[0].dose"),
        ("dose: 1 mg", "dose: 1 d", "regimens[0].dose"),
        ("dose: 1 mg", "dose: 1e308 g", "regimens[0].dose"),
        ("dose: 1 mg", "dose: 2000 g", "regimens[0].dose"),
        ("dose: 1 mg", "dose: 1 mgg", "regimens[0].dose"),
        ("dose: 1 mg", "dose: [1 mg]", "regimens[0].dose"),
        ("dose: 1 mg", "dose: {a: 1}", "regimens[0].dose"),
        ("dose: 1 mg", "dose: \"\"", "regimens[0].dose"),
        ("every: 1 d", "every: 0 d", "regimens[0].every"),
        ("every: 1 d", "every: -1 d", "regimens[0].every"),
        ("every: 1 d", "every: 1e-9 h", "regimens[0].every"),
        ("every: 1 d", "every: 1e999 d", "regimens[0].every"),
        ("every: 1 d", "every: 1 mg", "regimens[0].every"),
        ("every: 1 d", "every: 1 s", "regimens[0].every"),
        ("every: 1 d", "every: daily", "regimens[0].every"),
        ("every: 1 d", "times_per_week: 0", "regimens[0].times_per_week"),
        ("every: 1 d", "times_per_week: -2", "regimens[0].times_per_week"),
        ("every: 1 d", "times_per_week: 1e300", "regimens[0].times_per_week"),
        ("every: 1 d", "times_per_week: two", "regimens[0].times_per_week"),
        ("every: 1 d", "on: [monday, monday]", "regimens[0].on"),
        ("every: 1 d", "on: [mondy]", "regimens[0].on[0]"),
        ("every: 1 d", "on: []", "regimens[0].on"),
        ("every: 1 d", "on: monday", "regimens[0].on"),
        ("every: 1 d", "ii: 1 d", "regimens[0].addl"),
        ("    every: 1 d\n    start: 0 d\n    duration: 4 weeks", "    ii: 1 d\n    addl: 1e30", "regimens[0].addl"),
        ("    every: 1 d\n    start: 0 d\n    duration: 4 weeks", "    ii: 1 d\n    addl: 2.5", "regimens[0].addl"),
        ("    every: 1 d\n    start: 0 d\n    duration: 4 weeks", "    ii: 1 d\n    addl: -1", "regimens[0].addl"),
        ("    every: 1 d\n    start: 0 d\n    duration: 4 weeks", "    ii: 0 d\n    addl: 3", "regimens[0].ii"),
        ("    every: 1 d\n    start: 0 d\n    duration: 4 weeks", "    addl: 3", "regimens[0].addl"),
        ("every: 1 d", "every: 1 d\n    times_per_week: 2", "regimens[0].times_per_week"),
        ("start: 0 d", "start: -1 d", "regimens[0].start"),
        ("start: 0 d", "start: 7 weeks", "regimens[0].start"),
        ("start: 0 d", "start: 1e999 d", "regimens[0].start"),
        ("duration: 4 weeks", "duration: 0 d", "regimens[0].duration"),
        ("duration: 4 weeks", "duration: -4 weeks", "regimens[0].duration"),
        ("duration: 4 weeks", "stop: 0 d", "regimens[0].stop"),
        ("duration: 4 weeks", "duration: 4 weeks\n    stop: 2 weeks", "regimens[0].stop"),
        ("route: oral", "route: iv", "regimens[0].route"),
        ("route: oral", "route: oarl", "regimens[0].route"),
        ("drug: anastrozole", "drug: anastrozol", "regimens[0].drug"),
        ("drug: anastrozole", "drug: aspirin", "regimens[0].drug"),
        ("drug: anastrozole", "drug: [anastrozole]", "regimens[0].drug"),
        ("    route: oral\n", "    route: oral\n    infusion_duration: 0 h\n", "regimens[0].infusion_duration"),
        ("    route: oral\n", "    route: oral\n    evrey: 1 d\n", "regimens[0].evrey"),
        ("    route: oral\n", "    route: oral\n    dose: 2 mg\n", "(file)"),
        // the patient
        ("profile: obese", "profile: obeese", "patient.profile"),
        ("profile: obese", "profile: athlete", "patient.profile"),
        ("profile: obese", "profile: 3", "patient.profile"),
        ("age: 45 years", "age: 12 years", "patient.age"),
        ("age: 45 years", "age: 200 years", "patient.age"),
        ("age: 45 years", "age: 45 d", "patient.age"),
        ("age: 45 years", "age: 45", "patient.age"),
        ("age: 45 years", "age: 1e999 years", "patient.age"),
        ("age: 45 years", "age: -45 years", "patient.age"),
        ("bmi: 32 kg/m2", "bmi: 1e6 kg/m2", "patient.bmi"),
        ("bmi: 32 kg/m2", "bmi: 5 kg/m2", "patient.bmi"),
        ("bmi: 32 kg/m2", "bmi: 0 kg/m2", "patient.bmi"),
        ("bmi: 32 kg/m2", "bmi: -32 kg/m2", "patient.bmi"),
        ("bmi: 32 kg/m2", "bmi: 32", "patient.bmi"),
        ("bmi: 32 kg/m2", "bmi: 32 kg", "patient.bmi"),
        ("bmi: 32 kg/m2", "bmi: [32 kg/m2", "(file)"),
        ("testosterone: 270 ng/dL", "testosterone: -270 ng/dL", "patient.baseline.testosterone"),
        ("testosterone: 270 ng/dL", "testosterone: 270 pg/mL", "patient.baseline.testosterone"),
        ("testosterone: 270 ng/dL", "testosterone: 270", "patient.baseline.testosterone"),
        ("testosterone: 270 ng/dL", "testosterone: 1e999 ng/dL", "patient.baseline.testosterone"),
        ("testosterone: 270 ng/dL", "testosterone: high", "patient.baseline.testosterone"),
        ("testosterone: 270 ng/dL", "testosteron: 270 ng/dL", "patient.baseline.testosteron"),
        ("estradiol: 32 pg/mL", "estradiol: 32 ng/dL", "patient.baseline.estradiol"),
        ("    estradiol: 32 pg/mL\n", "    estradiol: 32 pg/mL\n  overrides:\n    no_such_parameter: 1\n", "patient.overrides.no_such_parameter"),
        ("    estradiol: 32 pg/mL\n", "    estradiol: 32 pg/mL\n  overrides:\n    ke_E2_per_h: 0\n", "patient.overrides.ke_E2_per_h"),
        ("    estradiol: 32 pg/mL\n", "    estradiol: 32 pg/mL\n  overrides:\n    ke_E2_per_h: -1\n", "patient.overrides.ke_E2_per_h"),
        ("    estradiol: 32 pg/mL\n", "    estradiol: 32 pg/mL\n  overrides:\n    ke_E2_per_h: 1e999\n", "patient.overrides.ke_E2_per_h"),
        ("    estradiol: 32 pg/mL\n", "    estradiol: 32 pg/mL\n  overrides:\n    age_years: 50\n", "patient.age"),
        ("  profile: obese\n", "", "patient.profile"),
        // simulation and output
        ("duration: 6 weeks", "duration: 0 d", "simulation.duration"),
        ("duration: 6 weeks", "duration: -6 weeks", "simulation.duration"),
        ("duration: 6 weeks", "duration: 1e999 weeks", "simulation.duration"),
        ("duration: 6 weeks", "duration: 1e300 years", "simulation.output_every"),   // 3e305 rows
        ("duration: 6 weeks", "duration: six weeks", "simulation.duration"),
        ("output_every: 1 d", "output_every: 1e-4 min", "simulation.output_every"),
        ("output_every: 1 d", "output_every: 0 d", "simulation.output_every"),
        ("output_every: 1 d", "output_every: 7 weeks", "simulation.output_every"),
        ("output_every: 1 d", "output_every: 1 d\n  method: euler", "simulation.method"),
        ("output_every: 1 d", "output_every: 1 d\n  max_steps: 0", "simulation.max_steps"),
        ("output_every: 1 d", "output_every: 1 d\n  max_steps: 1.5", "simulation.max_steps"),
        ("output_every: 1 d", "output_every: 1 d\n  max_steps: 1e12", "simulation.max_steps"),
        ("units: si", "units: imperial", "output.units"),
        ("units: si", "units: si\n  observables: [testosteron]", "output.observables[0]"),
        ("units: si", "units: si\n  observables: testosterone", "output.observables"),
        // structure
        ("title: catalogue", "titel: catalogue", "titel"),
        ("regimens:\n", "regimens: []\nx:\n", "x"),
        ("  - drug: anastrozole", "  drug: anastrozole", "(file)"),   // the list item's keys lose their parent
        ("simulation:\n  duration: 6 weeks\n  output_every: 1 d\n", "", "simulation"),
        // monitoring (issue 10): labs, draw times, assay, rules, changes
        ("labs: [estradiol, T/E2]", "labs: [estradiol, T/E3]", "monitoring.labs[1]"),
        ("labs: [estradiol, T/E2]", "labs: [estradiol, letrozole_concentration]", "monitoring.labs[1]"),
        ("labs: [estradiol, T/E2]", "labs: []", "monitoring.labs"),
        ("labs: [estradiol, T/E2]", "labs: [estradiol, E2]", "monitoring.labs"),
        ("labs: [estradiol, T/E2]", "labs: estradiol", "monitoring.labs"),
        ("  labs: [estradiol, T/E2]\n", "", "monitoring.labs"),
        ("every: 2 weeks", "every: 2 weeks\n  at: [1 week]", "monitoring.at"),
        ("every: 2 weeks", "at: [8 weeks]", "monitoring.at[0]"),
        ("every: 2 weeks", "at: [41 d]", "monitoring.at[0]"),
        ("every: 2 weeks", "at: [2 weeks, 2 weeks]", "monitoring.at"),
        ("every: 2 weeks", "at: []", "monitoring.at"),
        ("every: 2 weeks", "at: [2 mg]", "monitoring.at[0]"),
        ("every: 2 weeks", "at: [2 weeks]\n  from: 1 week", "monitoring.from"),
        ("every: 2 weeks", "every: 2 weeks\n  from: 7 weeks", "monitoring.from"),
        ("every: 2 weeks", "every: 2 weeks\n  until: 1 d", "monitoring.until"),
        ("every: 2 weeks", "every: 1 h", "monitoring.every"),
        ("every: 2 weeks", "every: 0 weeks", "monitoring.every"),
        ("every: 2 weeks", "every: 2 mg", "monitoring.every"),
        ("  every: 2 weeks\n", "", "monitoring.at"),
        ("cv: 10 %", "cv: 10", "monitoring.cv"),
        ("cv: 10 %", "cv: 200 %", "monitoring.cv"),
        ("cv: 10 %", "cv: -10 %", "monitoring.cv"),
        ("result_after: 3 d", "result_after: -3 d", "monitoring.result_after"),
        ("result_after: 3 d", "result_after: 3 mg", "monitoring.result_after"),
        ("result_after: 3 d", "result_after: 5 weeks", "monitoring.every"),   // no result before the end
        ("result_after: 3 d", "result_after: 3 d\n  seed: -1", "monitoring.seed"),
        ("result_after: 3 d", "result_after: 3 d\n  seed: 1.5", "monitoring.seed"),
        ("result_after: 3 d", "result_after: 3 d\n  seed: 1e30", "monitoring.seed"),
        ("result_after: 3 d", "result_after: 3 d\n  sed: 1", "monitoring.sed"),
        ("result_after: 3 d", "result_after: 3 d\n  regimen: letrozole", "monitoring.regimen"),
        ("    - if: E2 < 15 pg/mL", "    - if: E2 < 15 ng/dL", "monitoring.rules[0].if"),
        ("    - if: E2 < 15 pg/mL", "    - if: E2 < 15", "monitoring.rules[0].if"),
        ("    - if: E2 < 15 pg/mL", "    - if: E2 < low", "monitoring.rules[0].if"),
        ("    - if: E2 < 15 pg/mL", "    - if: E2 < -15 pg/mL", "monitoring.rules[0].if"),
        ("    - if: E2 < 15 pg/mL", "    - if: E2 < 0 pg/mL", "monitoring.rules[0].if"),
        ("    - if: E2 < 15 pg/mL", "    - if: LH < 15 IU/L", "monitoring.rules[0].if"),
        ("    - if: E2 < 15 pg/mL", "    - if: estrogen < 15 pg/mL", "monitoring.rules[0].if"),
        ("    - if: E2 < 15 pg/mL", "    - if: E2 = 15 pg/mL", "monitoring.rules[0].if"),
        ("    - if: E2 < 15 pg/mL", "    - if: E2 < 15 pg/mL and", "monitoring.rules[0].if"),
        ("    - if: E2 < 15 pg/mL", "    - if: [E2 < 15 pg/mL]", "monitoring.rules[0].if"),
        ("    - if: E2 < 15 pg/mL", "    - iff: E2 < 15 pg/mL", "monitoring.rules[0].iff"),
        ("then: {dose: 0.5 mg}", "then: {dose: 0.5 IU}", "monitoring.rules[0].then.dose"),
        ("then: {dose: 0.5 mg}", "then: {dose: 0.5 mL}", "monitoring.rules[0].then.dose"),
        ("then: {dose: 0.5 mg}", "then: {dose: 0 mg}", "monitoring.rules[0].then.dose"),
        ("then: {dose: 0.5 mg}", "then: {dose: 5000 g}", "monitoring.rules[0].then.dose"),
        ("then: {dose: 0.5 mg}", "then: {switch: aspirin, dose: 1 mg}", "monitoring.rules[0].then.switch"),
        ("then: {dose: 0.5 mg}", "then: {switch: letrozole}", "monitoring.rules[0].then.dose"),
        ("then: {dose: 0.5 mg}", "then: {switch: hcg, dose: 1 mg}", "monitoring.rules[0].then.dose"),
        ("then: {dose: 0.5 mg}", "then: {switch: hcg, dose: 500 IU, route: oral}", "monitoring.rules[0].then.route"),
        ("then: {dose: 0.5 mg}", "then: {switch: hcg, dose: 500 IU}", "monitoring.rules[0].then.route"),
        ("then: {dose: 0.5 mg}", "then: halt", "monitoring.rules[0].then"),
        ("then: {dose: 0.5 mg}", "then: {}", "monitoring.rules[0].then"),
        ("then: {dose: 0.5 mg}", "then: {dose: 0.5 mg, evry: 2 d}", "monitoring.rules[0].then.evry"),
        ("then: {dose: 0.5 mg}", "then: {every: 0 d}", "monitoring.rules[0].then.every"),
        ("then: {dose: 0.5 mg}", "then: {every: 2 d, times_per_week: 3}", "monitoring.rules[0].then.times_per_week"),
        ("then: {dose: 0.5 mg}", "then: {ii: 2 d, addl: 3}", "monitoring.rules[0].then.ii"),
        ("then: {dose: 0.5 mg}", "then: {every: 1e-6 h}", "monitoring.rules[0].then.every"),
        ("every: 2 weeks", "at: [5 weeks]", "monitoring.rules[0].then"),   // the regimen ended at week 4
        ("then: {dose: 0.5 mg}", "then: {times_per_week: 1e9}", "monitoring.rules[0].then.times_per_week"),
        ("then: {dose: 0.5 mg}", "then: {on: [mondy]}", "monitoring.rules[0].then.on[0]"),
        ("      then: stop", "      then: stop\n      regimen: AI", "monitoring.rules[2].regimen"),
        ("\n      then: stop", "", "monitoring.rules[2].then"),
        ("  rules:\n", "  rules: []\n  x:\n", "monitoring.rules"),
    ]

    @Test func catalogueHasAHundredCases() { #expect(Self.cases.count >= 100) }

    @Test(arguments: cases.indices)
    func badInputIsRefusedWithItsKeyAndLine(_ index: Int) {
        let (old, new, key) = Self.cases[index]
        guard let range = Self.valid.range(of: old) else { Issue.record("case \(index): fixture lacks \(old)"); return }
        let text = Self.valid.replacingCharacters(in: range, with: new)
        let lines = text.components(separatedBy: "\n").count
        do {
            _ = try ScenarioLoader(catalog: .hpg).parse(text, file: "bad.yaml")
            Issue.record("case \(index) (\(new)) was accepted")
        } catch {
            #expect(error.problems.contains { $0.key == key }, "case \(index) (\(new)): \(error.problems.map(\.key))")
            for problem in error.problems {
                #expect(problem.file == "bad.yaml")
                #expect((1...lines).contains(problem.line), "case \(index): line \(problem.line)")
                #expect(problem.allowed?.isEmpty == false, "case \(index): \(problem.description)")
            }
        }
    }
}
