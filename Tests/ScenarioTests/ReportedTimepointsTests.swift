import Foundation
import Testing
@testable import Scenario

/// The `reported` block's time-point list, changes from day 0, evidence tags and default tolerances: parsing,
/// mistakes with their lines, and the comparison of a change as a ratio.
struct ReportedTimepointsTests {
    let loader = ScenarioLoader(catalog: .fixture)

    /// A 6-week scenario whose `reported` block is `block` (indented by two spaces), starting on line 11.
    static func text(_ block: String) -> String {
        """
        title: Time points
        patient:
          profile: obese
        regimens:
          - drug: anastrozole
            dose: 1 mg
            every: 1 d
        simulation:
          duration: 6 weeks
        reported:
        \(block)
        """
    }

    static let timepoints = """
          source: Example study
          evidence: A
          baseline:
            testosterone: 300 ng/dL
          timepoints:
            - label: week 1
              at: 1 week
              testosterone: {change: +53 %}
              estradiol: {change: -62 %, evidence: D}
              LH: {fold: 2.0, evidence: U}
            - from: 3 weeks
              to: 4 weeks
              tolerance: 30 %
              testosterone: 412 ng/dL
              LH: {fold: 1.5, tolerance: 10 %}
        """

    func problems(_ block: String) -> [ScenarioProblem] {
        do {
            _ = try loader.parse(Self.text(block), file: "bad.yaml")
            return []
        } catch {
            return error.problems
        }
    }

    @Test func timepointsChangesAndEvidenceAreRead() throws {
        let reported = try #require(try loader.parse(Self.text(Self.timepoints), file: "x.yaml").reported)
        #expect(reported.timepoints.map(\.label) == ["baseline", "week 1", "days 21–28"])
        let week1 = reported.timepoints[1]
        #expect(week1.from == 168 && week1.to == 168)
        // r = 1 + change; a fold is r itself.
        #expect(week1.values.map(\.value) == [1.53, 1 - 0.62, 2.0])
        #expect(week1.values.allSatisfy { $0.kind == .change })
        // A change is simulated in the observable's conventional unit (the unit cancels in the ratio).
        #expect(week1.values.map(\.unit) == ["ng/dL", "pg/mL", "IU/L"])
        #expect(week1.values.map(\.evidence) == [.A, .D, .U])
        // No tolerance anywhere: the evidence tag's default, 20 % for A, S, D and 40 % for U.
        #expect(week1.values.map(\.tolerance) == [0.20, 0.20, 0.40])
        // The time point's tolerance overrides the defaults; the value's own overrides the time point's.
        let window = reported.timepoints[2]
        #expect(window.values.map(\.tolerance) == [0.30, 0.10])
        #expect(window.values.map(\.kind) == [.absolute, .change])
    }

    /// A block without evidence keeps its meaning: its tolerance for every value, no tag.
    @Test func blockWithoutEvidenceKeepsItsTolerance() throws {
        let scenario = try loader.parse(ScenarioLoaderTests.valid, file: "x.yaml")
        let values = try #require(scenario.reported).timepoints.flatMap(\.values)
        #expect(values.map(\.tolerance) == [0.25, 0.25, 0.40])
        #expect(values.allSatisfy { $0.evidence == nil && $0.kind == .absolute })
    }

    /// Each mistake: one problem at the offending line (the block starts on line 11), naming the key, the
    /// value and what is allowed.
    @Test(arguments: [
        ("  source: s\n  evidence: A\n  timepoints:\n    - at: 1 week\n      LH: {change: +50 %, fold: 2}", 15, "reported.timepoints[0].LH.fold"),
        ("  source: s\n  evidence: B\n  on_treatment:\n    at: 1 week\n    LH: 4 IU/L", 12, "reported.evidence"),
        ("  source: s\n  evidence: A\n  timepoints:\n    - at: 1 week\n      LH: {change: -100 %}", 15, "reported.timepoints[0].LH.change"),
        ("  source: s\n  evidence: A\n  timepoints:\n    - at: 7 weeks\n      LH: 4 IU/L", 14, "reported.timepoints[0].at"),
        ("  source: s\n  evidence: A\n  timepoints: []", 13, "reported.timepoints"),
        ("  source: s\n  on_treatment:\n    at: 1 week\n    LH: 4 IU/L", 14, "reported.on_treatment.LH"),
        ("  source: s\n  evidence: A\n  baseline:\n    LH: {change: +10 %}", 14, "reported.baseline.LH.change"),
    ])
    func mistakesNameLineAndKey(_ block: String, _ line: Int, _ key: String) {
        let found = problems(block)
        #expect(found.count == 1, "\(found)")
        guard let problem = found.first else { return }
        #expect(problem.key == key)
        #expect(problem.line == line)
        #expect(problem.description.hasPrefix("bad.yaml:\(line):"))
        #expect(problem.allowed != nil)
    }

    /// A change is compared as s = x̄/x(0) with r = 1 + change: for x(t) = 100·(1 + t/28 d), the mean over days
    /// 21–28 is 100·(1 + 24.5/28) = 187.5, so s = 1.875; the passing band is |s/r − 1| ≤ tolerance.
    @Test func changeComparesRatioToDayZero() throws {
        let scenario = try loader.parse(Self.text(Self.timepoints), file: "x.yaml")
        let comparisons = scenario.comparisons { _, _, hours in 100 * (1 + hours / (28 * 24)) }
        #expect(scenario.comparisonTimes.contains(0))
        let lh = try #require(comparisons.first { $0.timepoint == "days 21–28" && $0.observable == "LH" })
        #expect(lh.kind == .change && lh.unit == "1")
        #expect(abs(lh.simulated - 1.875) < 1e-12)
        #expect(lh.reported == 1.5)
        #expect(abs(lh.relativeDifference - (1.875 / 1.5 - 1)) < 1e-12)
        #expect(!lh.pass)  // 1.875/1.5 − 1 = 25 % > 10 %
        let t1 = try #require(comparisons.first { $0.timepoint == "week 1" && $0.observable == "testosterone" })
        #expect(abs(t1.simulated - 1.25) < 1e-12)        // x(7 d)/x(0) = 1 + 7/28
        #expect(t1.pass == (abs(1.25 / 1.53 - 1) <= 0.20))
    }

    /// Pass at the band's edges, |s/r − 1| = tolerance, for a change; weight 1/ln(1 + tol); residual ln(s/r).
    /// `relative_to: 28 d`: the change at day 35 is x(35)/x(28); on x(t) = 100·(1 + t/28 d) that is
    /// (1 + 35/28)/(1 + 28/28) = 1.125, and day 28 is among the times simulated. A reference at or after the
    /// time point is a mistake with its line.
    @Test func changeRelativeToAnotherDay() throws {
        let block = """
              source: Run-in study
              evidence: S
              timepoints:
                - at: 35 d
                  relative_to: 28 d
                  LH: {change: +58 %}
            """
        let scenario = try loader.parse(Self.text(block), file: "x.yaml")
        #expect(scenario.comparisonTimes.contains(28 * 24))
        let lh = try #require(scenario.comparisons { _, _, hours in 100 * (1 + hours / (28 * 24)) }.first)
        #expect(abs(lh.simulated - 1.125) < 1e-12)
        #expect(lh.relativeToDays == 28)
        let late = block.replacingOccurrences(of: "relative_to: 28 d", with: "relative_to: 35 d")
        do {
            _ = try loader.parse(Self.text(late), file: "bad.yaml")
            Issue.record("a reference at the time point itself was accepted")
        } catch {
            #expect(error.problems.first?.key == "reported.timepoints[0].relative_to")
            #expect(error.problems.first?.line == 15)
        }
    }

    @Test func passWeightAndLogResidual() {
        var c = Comparison(scenario: "s", observable: "LH", timepoint: "week 1", timeDays: 7, fromDays: 7,
                           toDays: 7, kind: .change, reported: 2, simulated: 2 * 1.2, unit: "1", tolerance: 0.2,
                           evidence: .U, source: "study")
        #expect(c.pass)
        c.simulated = 2 * 0.8
        #expect(c.pass)
        c.simulated = 2 * 0.79
        #expect(!c.pass)
        #expect(abs(c.logResidual - log(0.79)) < 1e-15)
        #expect(c.weight == 1 / log(1.2))
        // At the upper bound the weighted residual is exactly 1.
        c.simulated = 2 * 1.2
        #expect(abs(c.weight * c.logResidual - 1) < 1e-12)
    }

    /// The JSON line carries kind, evidence, log residual and weight.
    @Test func jsonLineHasKindEvidenceAndWeight() throws {
        let c = Comparison(scenario: "s", observable: "LH", timepoint: "week 1", timeDays: 7, fromDays: 7, toDays: 7,
                           kind: .change, reported: 1.5, simulated: 1.8, unit: "1", tolerance: 0.4, evidence: .U,
                           source: "study")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(ComparisonReport.jsonLine(c).utf8))
                                  as? [String: Any])
        #expect(object["kind"] as? String == "change")
        #expect(object["evidence"] as? String == "U")
        #expect(abs((object["log_residual"] as? Double ?? 0) - log(1.2)) < 1e-9)
        #expect(abs((object["weight"] as? Double ?? 0) - 1 / log(1.4)) < 1e-9)
    }
}
