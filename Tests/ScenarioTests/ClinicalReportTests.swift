import Foundation
import HPG
import Testing
@testable import Scenario

/// The clinical report against closed forms and its own definitions.
@Suite struct ClinicalReportTests {
    let loader = ScenarioLoader(catalog: .hpg)

    static func scenario(_ report: String, dose: String = "1 mg", every: String = "1 d", duration: String = "10 weeks",
                         simulation: String = "12 weeks") -> String {
        """
        title: report
        patient:
          profile: normal-weight
        regimens:
          - drug: anastrozole
            dose: \(dose)
            route: oral
            every: \(every)
            duration: \(duration)
        simulation:
          duration: \(simulation)
          output_every: 1 d
          rtol: 1e-9
        report:
        \(report)
        """
    }

    /// Oral one-compartment drug at steady state: the average concentration over a dosing interval is
    /// F·D/(CL·τ) (the AUC over τ equals the AUC of one dose), here 1 mg daily with CL/F = 1/0.443 L/h:
    /// 18.46 ng/mL. The trapezoid over hourly samples errs by at most h³/12·max|c''| on the absorption peak
    /// (c'' ≤ ka²·F·D/V·ka/(ka − k) ≈ 66 ng/mL/h² with ka = 3/h: 5.5 ng·h/mL of the 443 ng·h/mL AUC, 1.2 %).
    @Test func steadyStateAverageIsDoseOverClearanceTimesInterval() throws {
        let scenario = try loader.parse(Self.scenario("  observables: [anastrozole_concentration]"), file: "r.yaml")
        let report = try #require(try scenario.simulate(units: .conventional).report)
        let interval = try #require(report.intervals.first)
        let expected = 1000 / ((1 / 0.443) * 24)
        #expect(abs(interval.average[0] / expected - 1) < 1.2e-2, "\(interval.average[0]) vs \(expected)")
        #expect(interval.trough[0] < interval.average[0] && interval.average[0] < interval.peak[0])
        #expect(interval.to - interval.from == 24)
    }

    /// `when` is the first hourly sample at which the condition holds: the hour before, it does not.
    @Test func firstCrossingIsTheFirstHourItHolds() throws {
        let text = Self.scenario("  at: [2 d]\n  when: [\"E2 < 20 pg/mL\", \"T/E2 > 1000\"]\n  observables: [estradiol]")
        let scenario = try loader.parse(text, file: "r.yaml")
        let report = try #require(try scenario.simulate(units: .conventional).report)
        let hours = try #require(report.crossings[0].hours)
        #expect(report.crossings[1].hours == nil)
        var probe = ReportSpec(at: [hours - 1, hours], observables: ["estradiol"], steadyState: false, phases: false)
        probe.when = []
        let values = try #require(try scenario.simulate(units: .conventional, report: probe).report).values
        #expect(values[0][0] >= 20 && values[1][0] < 20)
    }

    /// After stopping, the summary starts where the treatment ends, and every observable's mean lies between
    /// its minimum and maximum; the drug's concentration decays, so it is highest at the phase's start.
    @Test func phasesSplitAtTheEndOfTreatment() throws {
        let scenario = try loader.parse(Self.scenario("  phases: true\n  steady_state: no\n  observables: [testosterone, anastrozole_concentration]"),
                                        file: "r.yaml")
        let report = try #require(try scenario.simulate(units: .conventional).report)
        #expect(report.intervals.isEmpty)
        #expect(report.phases.map(\.name) == ["on treatment", "after stopping"])
        let after = report.phases[1]
        #expect(after.from == scenario.treatmentEnd && after.to == 12 * 168)
        for c in 0..<2 { #expect(after.minimum[c] <= after.mean[c] && after.mean[c] <= after.maximum[c]) }
        #expect(after.end[1] < after.mean[1])
    }

    @Test(arguments: [
        ("  at: [20 weeks]", "is after the simulation ends"),
        ("  when: [\"E2 15\"]", "has no comparison"),
        ("  observables: [cortisol]", "is not a known observable"),
        ("  phases: maybe", "is not a known switch"),
        ("  colour: red", "colour"),
    ])
    func mistakesAreNamed(_ block: String, _ message: String) {
        do {
            _ = try loader.parse(Self.scenario(block), file: "bad.yaml")
            Issue.record("accepted \(block)")
        } catch {
            #expect(error.description.contains("bad.yaml:"), "\(error.description)")
            #expect(error.description.contains(message), "\(error.description)")
        }
    }
}
