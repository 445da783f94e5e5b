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
}
