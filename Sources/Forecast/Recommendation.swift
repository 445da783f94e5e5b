import Dispatch
import Foundation
import HPG
import Population
import Scenario

/// The gentlest regimen that meets a man's targets, from his posterior (`hpgsim recommend`).
///
/// Each candidate replaces the scenario's regimens from `fromHours` (his last lab) on, for `horizonHours`. For each
/// posterior draw (`PosteriorDraws`) the man is simulated through the candidate, and a target counts as met when
/// it holds at every daily sample of the last `windowHours` (steady state on the new regimen, troughs and peaks
/// included). A candidate's probability of a target is the importance-weighted fraction of draws meeting it. The
/// recommendation is the gentlest candidate whose probability of meeting every target at once is at least
/// `requiredProbability`; when none is, the one with the highest such probability.
public struct Recommendation: Sendable {
    /// A regimen to compare: its drugs from `from` on, and how much drug it gives.
    public struct Candidate: Sendable {
        public var name: String
        /// Drug, dose (mg), hours between doses.
        public var doses: [(drug: String, milligrams: Double, everyHours: Double)]

        /// Reference daily doses the documents give (seed 003: anastrozole 0.5–1 mg per day; letrozole 2.5 mg;
        /// clomiphene 25 mg, scenarios/drugs): gentleness is the weekly amount in these units, so 1 mg anastrozole
        /// twice weekly is 2 and letrozole 2.5 mg three times weekly 3.
        static let referenceDailyMilligrams = ["anastrozole": 1.0, "letrozole": 2.5, "clomiphene": 25.0]

        public var weeklyExposure: Double {
            doses.reduce(0) { $0 + $1.milligrams / Self.referenceDailyMilligrams[$1.drug]! * 168 / $1.everyHours }
        }

        func regimens(from start: Double, to stop: Double) -> [Regimen] {
            doses.map { Regimen(drug: $0.drug, dose: Quantity($0.milligrams, QuantityUnit.all.first { $0.symbol == "mg" }!), route: "oral",
                                schedule: .every(hours: $0.everyHours), start: start, stop: stop) }
        }
    }

    /// The documents' regimen space (issue 10), after no drug at all: anastrozole 0.25–1 mg from once weekly to daily (seeds 002, 003:
    /// 0.5–1 mg daily, every other day or twice weekly), letrozole 2.5 mg once to three times weekly and daily
    /// (seed 003: two to three times per week), clomiphene 25 mg every other day or daily, and anastrozole with
    /// clomiphene (seed 002, "Anastrozole in Combination Protocols").
    public static let documentsSpace: [Candidate] = {
        let schedules: [(String, Double)] = [("once weekly", 168), ("twice weekly", 84), ("every other day", 48), ("daily", 24)]
        // No drug at all: a man who meets his targets untreated needs nothing.
        var space = [Candidate(name: "no drug", doses: [])]
        for mg in [0.25, 0.5, 1.0] {
            for (label, hours) in schedules {
                space.append(Candidate(name: "anastrozole \(formatNumber(mg)) mg \(label)", doses: [("anastrozole", mg, hours)]))
            }
        }
        for (label, hours) in [("once weekly", 168.0), ("twice weekly", 84), ("three times weekly", 56), ("daily", 24)] {
            space.append(Candidate(name: "letrozole 2.5 mg \(label)", doses: [("letrozole", 2.5, hours)]))
        }
        space.append(Candidate(name: "clomiphene 25 mg every other day", doses: [("clomiphene", 25, 48)]))
        space.append(Candidate(name: "clomiphene 25 mg daily", doses: [("clomiphene", 25, 24)]))
        space.append(Candidate(name: "anastrozole 0.5 mg twice weekly + clomiphene 25 mg every other day",
                               doses: [("anastrozole", 0.5, 84), ("clomiphene", 25, 48)]))
        return space
    }()

    public struct Outcome: Sendable {
        public var candidate: Candidate
        /// Per target, then all targets together (last).
        public var probabilities: [Double]
        /// Posterior medians over the window's daily samples, per target's observable.
        public var medians: [Double]
    }

    public let targets: [LabCondition]
    public let outcomes: [Outcome]
    /// Index into `outcomes` of the recommended candidate.
    public let chosen: Int
    public let requiredProbability: Double
    public let fromHours: Double
    public let horizonHours: Double
    public let effectiveSampleSize: Double

    public init(_ estimate: IndividualEstimate, targets: [LabCondition], candidates: [Candidate] = documentsSpace,
                horizonHours: Double = 12 * 168, windowHours: Double = 28 * 24, requiredProbability: Double = 0.8,
                settings: IndividualForecast.Settings = .init()) {
        let plan = estimate.prior.plan
        let from = estimate.labs.map(\.timeHours).max() ?? 0
        let end = from + horizonHours
        let days = Int((windowHours / 24).rounded(.down))
        let window = (0...days).map { end - Double(days - $0) * 24 }
        let labTimes = estimate.labTimes
        let times = Array(Set(labTimes + window)).sorted()
        let row = Dictionary(uniqueKeysWithValues: times.enumerated().map { ($1, $0) })
        // The regimen so far (the scenario's, stopped at `from`), then the candidate.
        var past = plan.scenario.regimens
        for k in past.indices { past[k].stop = min(past[k].stop ?? from, from) }

        // Weights from the labs under the regimen so far; one proposal per draw, shared by every candidate.
        let labResiduals = IndividualEstimate.dataResiduals(prior: estimate.prior, labs: estimate.labs)
        let proposals = (0..<settings.draws).map { PosteriorDraws.proposal(estimate, draw: $0, seed: settings.seed) }
        let logWeights = Slots<Double>(count: settings.draws)
        DispatchQueue.concurrentPerform(iterations: max(1, min(settings.threads, settings.draws))) { _ in
            while true {
                let k = logWeights.take()
                guard k < settings.draws else { return }
                let (u, z) = proposals[k]
                if let d = try? labResiduals(z).residuals { logWeights[k] = PosteriorDraws.logWeight(u: u, z: z, dataResiduals: d) }
            }
        }
        let weights = PosteriorDraws.weights((0..<settings.draws).map { logWeights[$0] })
        let total = weights.reduce(0, +)

        var outcomes: [Outcome] = []
        for candidate in candidates {
            let doses = plan.scenario.doses(past + candidate.regimens(from: from, to: end), until: end)
            let met = Slots<[Bool]>(count: settings.draws)
            let values = Slots<[Double]>(count: settings.draws)
            DispatchQueue.concurrentPerform(iterations: max(1, min(settings.threads, settings.draws))) { _ in
                while true {
                    let k = met.take()
                    guard k < settings.draws else { return }
                    guard weights[k] > 0, let man = try? estimate.prior.man(proposals[k].z),
                          let trajectory = try? plan.trajectory(for: man, doses: doses, times: times) else { continue }
                    let series = targets.map { target in
                        let j = trajectory.observables.firstIndex { $0.name == target.observable }!
                        return window.map { trajectory.values[row[$0]!][j] }
                    }
                    met[k] = zip(targets, series).map { target, values in values.allSatisfy(target.holds) }
                    values[k] = series.map { $0.reduce(0, +) / Double($0.count) }
                }
            }
            let probabilities = (0...targets.count).map { t in
                (0..<settings.draws).reduce(0) { sum, k in
                    guard let hits = met[k] else { return sum }
                    return sum + ((t < targets.count ? hits[t] : !hits.contains(false)) ? weights[k] : 0)
                } / total
            }
            let medians = targets.indices.map { t in
                Quantile.weighted((0..<settings.draws).map { values[$0]?[t] ?? .nan }, weights: weights, [0.5])[0]
            }
            outcomes.append(Outcome(candidate: candidate, probabilities: probabilities, medians: medians))
        }
        chosen = Self.choose(outcomes, requiredProbability: requiredProbability)
        self.targets = targets
        self.outcomes = outcomes
        self.requiredProbability = requiredProbability
        fromHours = from
        self.horizonHours = horizonHours
        effectiveSampleSize = Quantile.effectiveSampleSize(weights)
    }

    /// The gentlest outcome whose probability of meeting every target is at least `requiredProbability`; when none
    /// is, the likeliest (the gentler of equals).
    static func choose(_ outcomes: [Outcome], requiredProbability: Double) -> Int {
        let gentlest = outcomes.indices.sorted {
            (outcomes[$0].candidate.weeklyExposure, $0) < (outcomes[$1].candidate.weeklyExposure, $1)
        }
        return gentlest.first { outcomes[$0].probabilities.last! >= requiredProbability }
            ?? gentlest.min { outcomes[$0].probabilities.last! > outcomes[$1].probabilities.last! }!
    }
}
