import Foundation
import HPG
import Testing
@testable import Scenario

/// Plausibility warnings: the first crossing and the extreme of a series, the bounds against the model's
/// observables and the README's table, and a huge testosterone dose against a normal one.
struct PlausibilityTests {
    let loader = ScenarioLoader(catalog: .hpg)

    static let upper = PlausibilityBound(observable: "x", side: .above, limit: 10, unit: "u", reason: "test")
    static let lower = PlausibilityBound(observable: "x", side: .below, limit: 5, unit: "u", reason: "test")

    /// The first time strictly beyond the limit, and the highest (upper bound) or lowest (lower bound) value
    /// with its time; the limit itself is within bounds.
    @Test func firstCrossingAndExtreme() throws {
        let times = [0.0, 6, 12, 18, 24]
        let above = try #require(Self.upper.warning(scenario: "s", timesHours: times, values: [10, 11, 9, 15, 12]))
        #expect(above.firstHours == 6 && above.extreme == 15 && above.extremeHours == 18)
        let below = try #require(Self.lower.warning(scenario: "s", timesHours: times, values: [6, 5, 4, 3, 7]))
        #expect(below.firstHours == 12 && below.extreme == 3 && below.extremeHours == 18)
        #expect(Self.upper.warning(scenario: "s", timesHours: times, values: [1, 10, 10, 2, 3]) == nil)
        #expect(Self.lower.warning(scenario: "s", timesHours: times, values: [5, 9, 100, 5, 6]) == nil)
        // Ties: the first time the extreme is reached.
        let tie = try #require(Self.upper.warning(scenario: "s", timesHours: times, values: [0, 12, 12, 0, 0]))
        #expect(tie.extremeHours == 6)
    }

    /// Each bound names a physiological observable of the model in the unit the trajectory is computed in
    /// (the conventional one), so the simulation can check it without conversion.
    @Test func boundsNameModelObservablesInConventionalUnits() {
        let observables = HPGModel(drugs: []).observables
        for bound in PlausibilityBound.all {
            #expect(observables.contains { $0.name == bound.observable && $0.unit == bound.unit }, "\(bound.observable)")
        }
    }

    /// scenarios/README.md lists exactly the bounds of `PlausibilityBound.all`, in order.
    @Test func readmeListsTheBounds() throws {
        let readme = try String(contentsOfFile: ScenarioSimulationTests.scenariosFolder + "/README.md", encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Plausibility warnings").dropFirst().first?
            .components(separatedBy: "\n## ").first)
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { row in
            row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let expected = PlausibilityBound.all.map { bound in
            ["`\(bound.observable)`", "\(bound.side.rawValue) \(formatNumber(bound.limit)) \(bound.unit)", bound.reason]
        }
        #expect(rows == expected)
    }

    static let testosteroneInjection = """
        patient:
          profile: normal-weight
        regimens:
          - {drug: testosterone_cypionate, dose: DOSE, route: im, every: 7 d}
        simulation: {duration: 4 weeks, output_every: 12 h}
        """

    /// A 5 g testosterone ester injection every week drives total T far above 3000 ng/dL. The warning's first time
    /// is the first CSV row whose testosterone is above 3000 ng/dL, and its extreme is the column's maximum
    /// (no `reported` block: the CSV grid is every simulated time).
    @Test func hugeTestosteroneDoseIsFlagged() throws {
        let scenario = try loader.parse(Self.testosteroneInjection.replacingOccurrences(of: "DOSE", with: "5000 mg"),
                                        file: "huge.yaml")
        let result = try scenario.simulate(units: .conventional)
        let column = try #require(result.csv.columns.first { $0.name == "testosterone" })
        #expect(column.unit == "ng/dL")
        let first = try #require(column.values.firstIndex { $0 > 3000 })
        let warning = try #require(result.warnings.first { $0.bound.observable == "testosterone" })
        #expect(warning.firstHours == result.csv.timesHours[first])
        #expect(warning.extreme == column.values.max())
        #expect(warning.scenario == "huge")
        #expect(warning.sentence.hasPrefix("testosterone above 3000 ng/dL from day \(formatNumber(warning.firstHours / 24, significantDigits: 4))"))
        // The same in SI units: the bounds are checked in conventional units whatever the CSV's.
        #expect(try scenario.simulate(units: .si).warnings == result.warnings)
    }

    /// A replacement dose (100 mg weekly) stays within every bound.
    @Test func replacementDoseIsNotFlagged() throws {
        let scenario = try loader.parse(Self.testosteroneInjection.replacingOccurrences(of: "DOSE", with: "100 mg"),
                                        file: "normal.yaml")
        #expect(try scenario.simulate(units: .conventional).warnings.isEmpty)
    }

    /// The JSON line has the documented keys in order and numbers in days.
    @Test func jsonLine() {
        let warning = PlausibilityWarning(scenario: "s", bound: Self.upper, firstHours: 36, extreme: 15, extremeHours: 48)
        #expect(warning.jsonLine == #"{"warning":"plausibility","scenario":"s","observable":"x","side":"above","bound":10,"unit":"u","first_days":1.5,"extreme":15,"extreme_days":2,"reason":"test"}"#)
    }
}
