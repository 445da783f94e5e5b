import Testing
import HPG
@testable import Scenario

/// Scenario text → Scenario, and every kind of bad input → a problem naming file, line, key and what is allowed.
struct ScenarioLoaderTests {
    let loader = ScenarioLoader(catalog: .fixture)

    static let valid = """
        title: Anastrozole 1 mg twice weekly
        patient:
          profile: obese
          bmi: 32 kg/m2
          baseline:
            testosterone: 270 ng/dL
        regimens:
          - drug: anastrozole
            dose: 1 mg
            times_per_week: 2
            start: 0 d
            duration: 4 weeks
        simulation:
          duration: 6 weeks
          output_every: 1 d
        output:
          units: si
        reported:
          source: Example study
          tolerance: 25 %
          baseline:
            testosterone: 270 ng/dL
          on_treatment:
            from: 3 weeks
            to: 4 weeks
            testosterone: 412 ng/dL
            estradiol: {value: 16 pg/mL, tolerance: 40 %}
        """

    /// Replaces the first occurrence of `old` in the valid scenario.
    func problems(replacing old: String, with new: String) -> [ScenarioProblem] {
        guard let range = Self.valid.range(of: old) else { preconditionFailure("fixture does not contain \(old)") }
        let text = Self.valid.replacingCharacters(in: range, with: new)
        do {
            _ = try loader.parse(text, file: "bad.yaml")
            return []
        } catch {
            return error.problems
        }
    }

    /// The one problem of a file with one mistake; its text must name the file, line and key.
    func single(replacing old: String, with new: String, line: Int, key: String) -> ScenarioProblem? {
        let found = problems(replacing: old, with: new)
        #expect(found.count == 1, "\(found)")
        guard let problem = found.first else { return nil }
        #expect(problem.line == line)
        #expect(problem.key == key)
        #expect(problem.description.hasPrefix("bad.yaml:\(line):"))
        #expect(problem.description.contains(key))
        #expect(problem.allowed != nil)
        return problem
    }

    @Test func validScenarioReadsAsWritten() throws {
        let scenario = try loader.parse(Self.valid, file: "scenarios/example.yaml")
        #expect(scenario.name == "example")
        #expect(scenario.patient.profile == "obese")
        #expect(scenario.patient.bodyMassIndex == 32)
        #expect(scenario.patient.baselineLabs["testosterone"] == Measurement(value: 270, unit: "ng/dL"))
        #expect(scenario.simulation.duration == 42 * 24)
        #expect(scenario.output.units == .si)
        #expect(scenario.outputTimes.count == 43)
        let regimen = try #require(scenario.regimens.first)
        #expect(regimen.route == "oral")  // the drug's only route
        #expect(regimen.doseTimes(until: scenario.simulation.duration) == (0..<8).map { Double($0) * 84 })
        let reported = try #require(scenario.reported)
        #expect(reported.timepoints.map(\.label) == ["baseline", "on_treatment"])
        #expect(reported.timepoints[0].from == 0 && reported.timepoints[0].to == 0)
        #expect(reported.timepoints[1].from == 21 * 24 && reported.timepoints[1].to == 28 * 24)
        #expect(reported.timepoints[1].values.map(\.tolerance) == [0.25, 0.40])
    }

    @Test func unknownKeySuggestsTheNearestKnownOne() {
        let problem = single(replacing: "    dose: 1 mg", with: "    dsoe: 1 mg", line: 9, key: "regimens[0].dsoe")
        #expect(problem?.message.contains("Did you mean \"dose\"?") == true)
    }

    /// A parameter renamed since an earlier version is refused with the update to make (DEVELOPERS: compatible
    /// files keep their meaning or say exactly how to update), not with a bare "did you mean".
    @Test func retiredParameterSaysHowToUpdate() {
        let problem = single(replacing: "  bmi: 32 kg/m2", with: "  bmi: 32 kg/m2\n  overrides:\n    T_feedback_hypothalamic_T50_ng_per_dL: 460",
                             line: 6, key: "patient.overrides.T_feedback_hypothalamic_T50_ng_per_dL")
        #expect(problem?.message.contains("T_feedback_hypothalamic_T50_fold: X/531") == true)
        #expect(problem?.message.contains("T_feedback_set_point_elasticity: 0") == true)
    }

    /// Clinical shorthand (issue 12): `E2` and `T` for the labs, `PO` for oral, `Mon`/`thu` for weekdays read
    /// as the full words; an alias and its word together are one key given twice; a near miss is offered the
    /// alias too.
    @Test func clinicalAliasesReadAsTheirWords() throws {
        var text = Self.valid.replacingOccurrences(of: "    testosterone: 270 ng/dL\nregimens:",
                                                   with: "    T: 270 ng/dL\n    E2: 30 pg/mL\nregimens:")
        text = text.replacingOccurrences(of: "    times_per_week: 2", with: "    route: PO\n    on: [Mon, thu]")
        let scenario = try loader.parse(text, file: "alias.yaml")
        #expect(scenario.patient.baselineLabs["testosterone"]?.value == 270)
        #expect(scenario.patient.baselineLabs["estradiol"]?.value == 30)
        #expect(scenario.regimens[0].route == "oral")
        let twice = single(replacing: "    testosterone: 270 ng/dL", with: "    testosterone: 270 ng/dL\n    T: 280 ng/dL",
                           line: 7, key: "patient.baseline.T")
        #expect(twice?.message.contains("testosterone and T are the same key") == true)
        let near = single(replacing: "    testosterone: 270 ng/dL", with: "    E3: 30 pg/mL", line: 6, key: "patient.baseline.E3")
        #expect(near?.message.contains("Did you mean \"E2\"?") == true)
    }

    @Test func wrongTypeIsReported() {
        let problem = single(replacing: "  profile: obese", with: "  profile: [obese]", line: 3, key: "patient.profile")
        #expect(problem?.message.contains("found a list") == true)
    }

    @Test func zeroDoseIsRejected() {
        let problem = single(replacing: "dose: 1 mg", with: "dose: 0 mg", line: 9, key: "regimens[0].dose")
        #expect(problem?.value == "0 mg")
        #expect(problem?.message.contains("more than zero") == true)
    }

    @Test func negativeIntervalIsRejected() {
        let problem = single(replacing: "    times_per_week: 2", with: "    every: -3.5 d", line: 10,
                             key: "regimens[0].every")
        #expect(problem?.value == "-3.5 d")
    }

    /// A mistyped interval or ADDL would give more doses than fit an Int (a trap before) or a run that never
    /// ends; the loader names the key instead. 4 weeks every 1e-9 h is 6.72e11 doses.
    @Test func intervalGivingTooManyDosesIsRejected() {
        let problem = single(replacing: "    times_per_week: 2", with: "    every: 1e-9 h", line: 10,
                             key: "regimens[0].every")
        #expect(problem?.message.contains("6.72e+11 doses") == true)
        #expect(problem?.allowed?.contains("\(Reader.maximumDoses)") == true)
    }

    @Test func additionalDosesBeyondTheBoundAreRejected() {
        let problem = single(replacing: "    times_per_week: 2\n    start: 0 d\n    duration: 4 weeks",
                             with: "    ii: 1 d\n    addl: 1e30\n    start: 0 d", line: 11, key: "regimens[0].addl")
        #expect(problem?.message.contains("1e+30 doses") == true)
    }

    @Test func missingUnitIsRejected() {
        let problem = single(replacing: "dose: 1 mg", with: "dose: 1", line: 9, key: "regimens[0].dose")
        #expect(problem?.message.contains("needs a unit") == true)
        #expect(problem?.allowed?.contains("mg") == true)
    }

    @Test func misspeltUnitGetsASuggestion() {
        let problem = single(replacing: "duration: 6 weeks", with: "duration: 6 weks", line: 14, key: "simulation.duration")
        #expect(problem?.message.contains("Did you mean \"weeks\"?") == true)
    }

    @Test func wrongUnitIsRejected() {
        let problem = single(replacing: "duration: 4 weeks", with: "duration: 4 mg", line: 12,
                             key: "regimens[0].duration")
        #expect(problem?.allowed?.contains("months") == true)
    }

    @Test func stopBeforeStartIsRejected() {
        let problem = single(replacing: "    start: 0 d\n    duration: 4 weeks", with: "    start: 2 weeks\n    stop: 1 week",
                             line: 12, key: "regimens[0].stop")
        #expect(problem?.message.contains("stops before it starts") == true)
    }

    @Test func unknownDrugIsRejectedWithSuggestion() {
        let problem = single(replacing: "drug: anastrozole", with: "drug: anastrazole", line: 8, key: "regimens[0].drug")
        #expect(problem?.message.contains("Did you mean \"anastrozole\"?") == true)
    }

    @Test func unknownProfileIsRejected() {
        let problem = single(replacing: "profile: obese", with: "profile: martian", line: 3, key: "patient.profile")
        #expect(problem?.allowed?.contains("normal-weight") == true)
    }

    @Test func badUnitSystemIsRejected() {
        let problem = single(replacing: "units: si", with: "units: metric", line: 17, key: "output.units")
        #expect(problem?.allowed == "conventional, si")
    }

    @Test func labUnitMustBeTheObservablesUnit() {
        _ = single(replacing: "  baseline:\n    testosterone: 270 ng/dL", with: "  baseline:\n    testosterone: 270 pg/mL",
                   line: 6, key: "patient.baseline.testosterone")
    }

    @Test func twoSchedulesAreRejected() {
        _ = single(replacing: "    times_per_week: 2", with: "    times_per_week: 2\n    every: 3.5 d", line: 11,
                   key: "regimens[0].every")
    }

    @Test func missingRequiredKeyIsReportedAtItsMapping() {
        _ = single(replacing: "  duration: 6 weeks\n", with: "", line: 14, key: "simulation.duration")
    }

    @Test func invalidYAMLIsReportedWithItsPosition() {
        let found = problems(replacing: "  bmi: 32 kg/m2", with: "  bmi: [32 kg/m2")
        #expect(found.count == 1)
        #expect(found.first?.key == "(file)")
        #expect((found.first?.line ?? 0) >= 4)
    }

    /// Friday is day 4; dosing that stops after two days never reaches it.
    @Test func regimenWithoutAnyDoseIsRejected() {
        _ = single(replacing: "    times_per_week: 2\n    start: 0 d\n    duration: 4 weeks",
                   with: "    on: [friday]\n    start: 0 d\n    duration: 2 d", line: 8, key: "regimens[0]")
    }

    @Test func duplicateKeyIsReported() {
        let found = problems(replacing: "    dose: 1 mg\n", with: "    dose: 1 mg\n    dose: 2 mg\n")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("the key dose appears twice") == true)
        #expect(found.first?.line == 9)  // the first of the two keys
    }

    /// Every problem in a file is reported at once, in file order.
    @Test func allProblemsAreReportedTogether() {
        let text = Self.valid
            .replacingOccurrences(of: "dose: 1 mg", with: "dose: -1 mg")
            .replacingOccurrences(of: "profile: obese", with: "profile: obeese")
            .replacingOccurrences(of: "units: si", with: "unit: si")
            .replacingOccurrences(of: "tolerance: 25 %", with: "tolerance: 25")
        #expect(throws: ScenarioError.self) { try loader.parse(text, file: "bad.yaml") }
        do {
            _ = try loader.parse(text, file: "bad.yaml")
        } catch {
            #expect(error.problems.map(\.line).sorted() == [3, 9, 17, 20])
            #expect(error.description.hasPrefix("4 problems in bad.yaml"))
        }
    }
}

extension ScenarioCatalog {
    /// Names for parsing tests only (no model behind them).
    static let fixture = ScenarioCatalog(
        drugs: [Drug(name: "anastrozole", routes: [("oral", 1)], doseDimension: .mass, baseUnitsPerDoseUnit: 1,
                     observables: ["anastrozole_concentration"]),
                Drug(name: "hcg", routes: [("im", 1), ("sc", 1)], doseDimension: .activity, baseUnitsPerDoseUnit: 1,
                     observables: ["hcg_concentration"])],
        profiles: ["normal-weight", "obese"],
        observables: [Observable(name: "testosterone", units: ["ng/dL", "nmol/L"], unitWhenOmitted: nil),
                      Observable(name: "estradiol", units: ["pg/mL", "pmol/L"], unitWhenOmitted: nil),
                      Observable(name: "T_E2_ratio", units: ["ng/dL per pg/mL"], unitWhenOmitted: "ng/dL per pg/mL"),
                      Observable(name: "LH", units: ["IU/L"], unitWhenOmitted: nil)],
        labObservables: ["testosterone", "estradiol", "LH"],
        parameters: [Parameter(name: "aromatase_scale", unit: "1", allowed: .positive)],
        methods: ["dp5", "rodas5p"])
}
