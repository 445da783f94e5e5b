import Foundation
import Testing
@testable import Scenario

/// Window means, pass/fail at the tolerance bound, and the JSON form of a comparison.
struct ComparisonTests {
    func scenario() throws -> Scenario {
        try ScenarioLoader(catalog: .fixture).parse(ScenarioLoaderTests.valid, file: "example.yaml")
    }

    /// Days 21…28 sampled daily: eight samples, both ends included.
    @Test func windowIsSampledDailyWithBothEnds() throws {
        let window = try #require(try scenario().reported?.timepoints.last)
        #expect(window.sampleTimes == (21...28).map { Double($0) * 24 })
    }

    /// A window whose length is not a whole number of days still ends on its last time.
    @Test func unevenWindowEndsOnItsEnd() {
        let timepoint = ReportedTimepoint(label: "on_treatment", from: 0, to: 60, values: [])
        #expect(timepoint.sampleTimes == [0, 24, 48, 60])
    }

    /// For a linear trajectory the mean over an evenly sampled window is its value at the window's middle,
    /// and at a single time it is the value there.
    @Test func meanOfLinearTrajectoryIsMidpointValue() throws {
        let scenario = try scenario()
        let line = { (hours: Double) in 300 + 2 * hours / 24 }  // ng/dL, rising 2 per day
        let comparisons = scenario.comparisons { _, _, hours in line(hours) }
        #expect(comparisons.count == 3)
        #expect(comparisons[0].simulated == line(0))
        #expect(comparisons[0].timeDays == 0)
        #expect(abs(comparisons[1].simulated - line(24.5 * 24)) < 1e-12)
        #expect(comparisons[1].timeDays == 24.5)
        #expect(comparisons.map(\.unit) == ["ng/dL", "ng/dL", "pg/mL"])
    }

    /// |simulated − reported| ≤ tolerance × |reported| passes, including at the bound itself.
    @Test func passIsWithinRelativeTolerance() {
        var c = Comparison(scenario: "s", observable: "testosterone", timepoint: "on_treatment", timeDays: 120,
                           fromDays: 90, toDays: 150, reported: 400, simulated: 500, unit: "ng/dL", tolerance: 0.25,
                           source: "study")
        #expect(c.pass)
        c.simulated = 300
        #expect(c.pass)
        c.simulated = 500.001
        #expect(!c.pass)
        #expect(abs(c.difference - 100.001) < 1e-9 && abs(c.relativeDifference - 0.2500025) < 1e-12)
    }

    /// A value's share of the calibration cost, in closed form for a ±20 % tolerance (weight w = 1/ln 1.2): inside
    /// the band ½(w·ln(s/r))²; at twice the reported value ½w²((ln 2)² + (ln 2 − ln 1.2)²); at half of it
    /// ½w²((ln 2)² + (ln 2 + ln 0.8)²), the lower edge of the band being ln 0.8.
    @Test func costShareIsTheSquaredLogRatioPlusItsPartBeyondTheBand() {
        var c = Comparison(scenario: "s", observable: "LH", timepoint: "week 1", timeDays: 7, fromDays: 7, toDays: 7,
                           reported: 10, simulated: 11, unit: "IU/L", tolerance: 0.2, source: "study")
        let w = 1 / log(1.2)
        #expect(abs(TrainingCalibration.cost(of: c) - 0.5 * pow(w * log(1.1), 2)) < 1e-12)
        c.simulated = 20
        #expect(abs(TrainingCalibration.cost(of: c) - 0.5 * w * w * (pow(log(2), 2) + pow(log(2) - log(1.2), 2))) < 1e-12)
        c.simulated = 5
        #expect(abs(TrainingCalibration.cost(of: c) - 0.5 * w * w * (pow(log(2), 2) + pow(log(2) + log(0.8), 2))) < 1e-12)
    }

    /// The JSON line carries the required keys and parses as JSON with the same values.
    @Test func jsonLineHasRequiredKeys() throws {
        let c = Comparison(scenario: "a \"quoted\" name", observable: "estradiol", timepoint: "baseline", timeDays: 0,
                           fromDays: 0, toDays: 0, reported: 32, simulated: 30.5, unit: "pg/mL", tolerance: 0.25,
                           source: "Shah 2021")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(ComparisonReport.jsonLine(c).utf8))
                                  as? [String: Any])
        for key in ["scenario", "observable", "time_days", "reported", "simulated", "unit", "tolerance", "pass"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["scenario"] as? String == "a \"quoted\" name")
        #expect(object["simulated"] as? Double == 30.5)
        #expect(object["pass"] as? Bool == true)
    }
}
