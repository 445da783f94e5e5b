import Foundation
import Scenario
import Testing
@testable import Forecast

@Suite struct RecommendationTests {
    static func outcome(_ name: String, mg: Double, every hours: Double, all: Double) -> Recommendation.Outcome {
        Recommendation.Outcome(candidate: .init(name: name, doses: [("anastrozole", mg, hours)]), probabilities: [all], medians: [])
    }

    /// The gentlest candidate that is likely enough wins, whatever the order given; with none likely enough, the
    /// likeliest, and the gentler of two equally likely ones.
    @Test func choosesTheGentlestLikelyEnough() {
        let outcomes = [Self.outcome("1 mg daily", mg: 1, every: 24, all: 0.95),
                        Self.outcome("0.5 mg twice weekly", mg: 0.5, every: 84, all: 0.85),
                        Self.outcome("0.25 mg weekly", mg: 0.25, every: 168, all: 0.4)]
        #expect(outcomes.map(\.candidate.weeklyExposure) == [7, 1, 0.25])
        #expect(Recommendation.choose(outcomes, requiredProbability: 0.8) == 1)
        #expect(Recommendation.choose(outcomes, requiredProbability: 0.9) == 0)
        #expect(Recommendation.choose(outcomes, requiredProbability: 0.99) == 0)
        let tied = [Self.outcome("a", mg: 1, every: 24, all: 0.5), Self.outcome("b", mg: 0.5, every: 24, all: 0.5)]
        #expect(Recommendation.choose(tied, requiredProbability: 0.9) == 1)
    }

    /// More aromatase inhibitor can only lower estradiol: for the same men (the same draws), the probability of
    /// keeping E2 ≥ 15 pg/mL falls, and of T/E2 ≥ 10 rises, from 0.25 mg weekly to 1 mg daily; P(all) ≤ each target's.
    @Test func moreInhibitorLowersEstradiolForTheSameMen() throws {
        let prior = try IndividualEstimateTests.prior()
        let estimate = try IndividualEstimate(prior: prior, labs: [])
        let targets = try ["estradiol >= 15 pg/mL", "T_E2_ratio >= 10"].map {
            try LabCondition(parsing: $0, observables: prior.plan.modelObservables)
        }
        var settings = IndividualForecast.Settings()
        settings.draws = 10
        let candidates = [Recommendation.Candidate(name: "weekly", doses: [("anastrozole", 0.25, 168)]),
                          Recommendation.Candidate(name: "daily", doses: [("anastrozole", 1, 24)])]
        let r = Recommendation(estimate, targets: targets, candidates: candidates, horizonHours: 4 * 168,
                               windowHours: 7 * 24, settings: settings)
        let weekly = r.outcomes[0].probabilities, daily = r.outcomes[1].probabilities
        #expect(weekly[0] >= daily[0])
        #expect(weekly[1] <= daily[1])
        #expect(weekly[0] > daily[0] || weekly[1] < daily[1])
        for p in [weekly, daily] { #expect(p[2] <= min(p[0], p[1]) + 1e-12) }
        #expect(abs(r.effectiveSampleSize - 10) < 1e-6)   // no labs: the posterior is the prior, all weights equal
    }

    /// No drug, or only another drug, is a course every man can follow: T/E2 above 1 (always true in men) holds for
    /// every draw, so its probability is 1 (a man's factor on the scenario's drug must not make it fail).
    @Test func noDrugAndAnotherDrugAreSimulated() throws {
        let prior = try IndividualEstimateTests.prior()
        let estimate = try IndividualEstimate(prior: prior, labs: [])
        let trivially = try LabCondition(parsing: "T_E2_ratio > 1", observables: prior.plan.modelObservables)
        var settings = IndividualForecast.Settings()
        settings.draws = 10
        let r = Recommendation(estimate, targets: [trivially],
                               candidates: [.init(name: "no drug", doses: []), .init(name: "letrozole", doses: [("letrozole", 2.5, 168)])],
                               horizonHours: 2 * 168, windowHours: 48, settings: settings)
        #expect(r.outcomes.map { $0.probabilities[0] } == [1, 1])
    }
}
