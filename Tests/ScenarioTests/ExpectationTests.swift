import Foundation
import Testing
@testable import Scenario

/// The `expect` block: parsing, its mistakes (file, line, key, what is allowed), and the pass rule of each
/// relation.
struct ExpectationTests {
    let loader = ScenarioLoader(catalog: .fixture)

    static func text(_ expect: String) -> String {
        """
        title: Directions
        patient:
          profile: obese
        regimens:
          - drug: anastrozole
            dose: 1 mg
            every: 1 d
        simulation:
          duration: 6 weeks
        expect:
        \(expect)
        """
    }

    @Test func parsesWindowAndRelations() throws {
        let scenario = try loader.parse(Self.text("""
              source: seed 004
              from: 4 weeks
              to: 6 weeks
              rise: [testosterone, LH]
              fall: [estradiol]
              not_fall: [T_E2_ratio]
            """), file: "x.yaml")
        let expect = try #require(scenario.expect.first)
        #expect(expect.from == 4 * 168 && expect.to == 6 * 168)
        #expect(expect.checks.map(\.observable) == ["testosterone", "LH", "estradiol", "T_E2_ratio"])
        #expect(expect.checks.map(\.relation) == [.rise, .rise, .fall, .notFall])
    }

    /// Each mistake is one problem naming line 14 (the offending key's line) and the key path.
    @Test(arguments: [
        ("  source: s\n  from: 1 week\n  to: 2 weeks\n  rise: [testosteron]", "expect.rise[0]"),
        ("  source: s\n  from: 1 week\n  to: 9 weeks\n  rise: [LH]", "expect.to"),
        ("  source: s\n  from: 1 week\n  to: 2 weeks\n  below: {scenario: missing.yaml, observables: [LH]}", "expect.below.scenario"),
        ("  source: s\n  from: 1 week\n  to: 2 weeks\n  rises: [LH]", "expect.rises"),
    ])
    func mistakesNameLineAndKey(_ block: String, _ key: String) {
        do {
            _ = try loader.parse(Self.text(block), file: "bad.yaml")
            Issue.record("accepted a bad expect block")
        } catch {
            let problem = error.problems.first { $0.key == key }
            #expect(problem != nil, "\(error.problems)")
            #expect(problem?.description.hasPrefix("bad.yaml:\(problem?.line ?? 0):") == true)
            #expect(problem?.allowed != nil)
        }
    }

    /// rise/fall need a change beyond the 1 % margin; below/above compare the two means directly.
    @Test func passRules() {
        func result(_ relation: Expectations.Relation, _ mean: Double, _ reference: Double) -> Bool {
            ExpectationResult(scenario: "s", observable: "LH", relation: relation, fromDays: 0, toDays: 1,
                              mean: mean, baseline: 1, other: (reference, 1), unit: "IU/L", source: "").pass
        }
        #expect(result(.rise, 1.02, 1) && !result(.rise, 1.005, 1))
        #expect(result(.fall, 0.98, 1) && !result(.fall, 0.995, 1))
        #expect(result(.notFall, 0.995, 1) && !result(.notFall, 0.98, 1))
        #expect(result(.below("o.yaml"), 0.9, 1) && !result(.below("o.yaml"), 1.1, 1))
        #expect(result(.above("o.yaml"), 1.1, 1) && !result(.above("o.yaml"), 0.9, 1))
    }

    /// `expect` as a list: one block per window, each with its own relations; the new relations' keys.
    @Test func listOfBlocksAndFractionRelations() throws {
        let scenario = try loader.parse(Self.text("""
              - source: a
                from: 1 week
                to: 2 weeks
                at_most_fraction_of_baseline: {LH: 10 %, testosterone: 50 %}
              - source: b
                from: 4 weeks
                to: 6 weeks
                change_smaller_than: {scenario: ../anastrozole-1mg-daily.yaml, factor: 1.3, observables: [estradiol]}
                below_fraction_of: {scenario: ../anastrozole-1mg-daily.yaml, observables: [LH]}
            """), file: ScenarioSimulationTests.scenariosFolder + "/drugs/x.yaml")
        let other = ScenarioSimulationTests.scenariosFolder + "/anastrozole-1mg-daily.yaml"
        #expect(scenario.expect.map(\.from) == [168, 4 * 168])
        #expect(scenario.expect[0].checks.map(\.relation) == [.atMostFractionOfBaseline(0.5), .atMostFractionOfBaseline(0.1)])
        #expect(scenario.expect[1].checks.map(\.relation) == [.changeSmallerThan(other, factor: 1.3), .belowFractionOf(other)])
    }

    /// The rules: at_most_fraction_of_baseline is m/b ≤ f; change_smaller_than is |m/b − 1| < k·|m′/b′ − 1|
    /// (a fall counts by its size); below_fraction_of is m/b < 0.99 × m′/b′ (more than the 1 % margin lower).
    @Test func fractionRules() {
        func pass(_ relation: Expectations.Relation, mean: Double, baseline: Double, other: (Double, Double)) -> Bool {
            ExpectationResult(scenario: "s", observable: "LH", relation: relation, fromDays: 0, toDays: 1, mean: mean,
                              baseline: baseline, other: other, unit: "IU/L", source: "").pass
        }
        #expect(pass(.atMostFractionOfBaseline(0.1), mean: 0.5, baseline: 5, other: (0, 0)))      // exactly 10 %
        #expect(!pass(.atMostFractionOfBaseline(0.1), mean: 0.51, baseline: 5, other: (0, 0)))
        // E2 −62 % against −60 % elsewhere: 0.62 < 1.3 × 0.60 = 0.78.
        let smaller = Expectations.Relation.changeSmallerThan("o.yaml", factor: 1.3)
        #expect(pass(smaller, mean: 38, baseline: 100, other: (40, 100)))
        #expect(!pass(smaller, mean: 20, baseline: 100, other: (40, 100)))   // 0.80 > 0.78
        #expect(!pass(smaller, mean: 180, baseline: 100, other: (40, 100)))  // a rise of 80 % is as large a change
        // Recovery to 60 % of day 0 against 80 % after a shorter suppression: slower.
        #expect(pass(.belowFractionOf("o.yaml"), mean: 3, baseline: 5, other: (4, 5)))
        #expect(!pass(.belowFractionOf("o.yaml"), mean: 4, baseline: 5, other: (3, 5)))
        #expect(!pass(.belowFractionOf("o.yaml"), mean: 3.98, baseline: 5, other: (4, 5)))   // 0.5 % lower: within the margin
    }
}
