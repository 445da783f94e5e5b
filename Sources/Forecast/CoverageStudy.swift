import Dispatch
import Foundation
import HPG
import Population
import Scenario

/// Checks the forecast's intervals on synthetic men whose truth is known: man i's true z is drawn from the prior
/// (his own stream: seed, subject i, stream 1; a draw outside the population's bounds is drawn again), his labs
/// are simulated at the schedule's times and observables with log-normal noise of the schedule's CVs (stream 2;
/// `SyntheticMan`), he is estimated and forecast as a real man would be, and each observable's interval at the run's end is
/// checked against his noise-free truth. For a correct Bayesian procedure the coverage averaged over men drawn
/// from the prior equals the interval's level (Cook, Gelman & Rubin, J Comput Graph Stat 2006;15:675).
public enum CoverageStudy {
    public struct Result: Sendable {
        /// Per observable checked: how many men's intervals held the truth.
        public var covered: [String: Proportion]
        /// Men whose estimate or forecast failed (reported, left out).
        public var failures: [(man: Int, reason: String)]
        public var menSimulated: Int
    }

    /// `schedule` gives the lab times, observables and CVs (its values are not used).
    public static func run(prior: IndividualPrior, schedule: [LabMeasurement], observables: [String], men: Int,
                           seed: UInt64, settings: IndividualForecast.Settings, threads: Int) -> Result {
        let slots = Slots<(covered: [Bool], failure: String?)>(count: men)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, men))) { _ in
            while true {
                let i = slots.take()
                guard i < men else { return }
                slots[i] = oneMan(i, prior: prior, schedule: schedule, observables: observables, seed: seed,
                                  settings: settings)
            }
        }
        var covered: [String: Proportion] = [:]
        var failures: [(Int, String)] = []
        for i in 0..<men {
            let man = slots[i]!
            if let failure = man.failure { failures.append((i, failure)); continue }
            for (name, hit) in zip(observables, man.covered) {
                covered[name, default: Proportion(successes: 0, trials: 0)].trials += 1
                if hit { covered[name]!.successes += 1 }
            }
        }
        return Result(covered: covered, failures: failures, menSimulated: men)
    }

    static func oneMan(_ i: Int, prior: IndividualPrior, schedule: [LabMeasurement], observables: [String], seed: UInt64,
                       settings: IndividualForecast.Settings) -> (covered: [Bool], failure: String?) {
        var perMan = settings
        perMan.threads = 1
        perMan.seed = seed &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15
        do {
            let man = try SyntheticMan(i, prior: prior, schedule: schedule, seed: seed)
            let estimate = try IndividualEstimate(prior: prior, labs: man.labs)
            let forecast = try IndividualForecast(estimate, questions: [], settings: perMan)
            let last = forecast.times.count - 1
            return (observables.map { name in
                let o = forecast.observables.firstIndex { $0.name == name }!
                let value = man.truth.series(name)!.last!
                return forecast.band[o][last][0] <= value && value <= forecast.band[o][last][2]
            }, nil)
        } catch {
            return ([], String(describing: error))
        }
    }
}

/// A man whose truth is known: z drawn from the prior (stream: seed, subject i, stream 1; a draw outside the
/// population's bounds or without a steady state is drawn again), his noise-free trajectory on the scenario's
/// output grid, and his labs at the schedule's times and observables with log-normal noise of the schedule's CVs
/// (stream 2).
public struct SyntheticMan: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String { "no draw from the prior in 1000 had a steady state inside the population's bounds" }
    }

    public let z: [Double]
    /// On the scenario's output grid.
    public let truth: Trajectory
    public let labs: [LabMeasurement]

    public init(_ i: Int, prior: IndividualPrior, schedule: [LabMeasurement], seed: UInt64) throws(Failure) {
        var truthStream = SubjectStream(seed: seed, subject: UInt64(i), stream: 1)
        var noiseStream = SubjectStream(seed: seed, subject: UInt64(i), stream: 2)
        let grid = prior.plan.times
        let times = Array(Set(schedule.map(\.timeHours) + grid)).sorted()
        for _ in 0..<1000 {
            let z = truthStream.normals(prior.dimension)
            guard let man = try? prior.man(z), let full = try? prior.plan.trajectory(for: man, times: times) else { continue }
            let row = Dictionary(uniqueKeysWithValues: times.enumerated().map { ($1, $0) })
            labs = schedule.map { lab -> LabMeasurement in
                let cv = lab.cv ?? WithinSubjectVariability.named(lab.observable)!.cv
                let j = full.observables.firstIndex { $0.name == lab.observable }!
                var measured = lab
                measured.value = full.values[row[lab.timeHours]!][j] * exp(log1p(cv * cv).squareRoot() * noiseStream.normal())
                return measured
            }
            var onGrid = full
            onGrid.times = grid
            onGrid.values = grid.map { full.values[row[$0]!] }
            onGrid.states = grid.map { full.states[row[$0]!] }
            truth = onGrid
            self.z = z
            return
        }
        throw Failure()
    }
}
