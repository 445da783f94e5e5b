import Dispatch
import Fitting
import Foundation
import HPG
import Population
import Scenario

/// The man's future under the scenario's regimens: every observable on the scenario's output grid, at the
/// estimate and as a central interval over his posterior, with the first time each threshold condition holds.
///
/// The posterior is sampled by importance sampling from its Laplace approximation (`PosteriorDraws`); intervals
/// are weighted quantiles. A draw whose man has no steady state or leaves the population's bounds has weight 0.
public struct IndividualForecast: Sendable {
    public struct Settings: Sendable {
        public var draws = 200
        public var seed: UInt64 = 1
        /// Central probability of the intervals.
        public var level = 0.90
        public var threads = 1
        public init() {}
    }

    /// A threshold question: from `fromHours` on, when does the condition first hold on the output grid?
    public struct Crossing: Sendable {
        public var condition: LabCondition
        public var fromHours: Double
        /// At the estimate; nil: not within the run.
        public var estimateHours: Double?
        /// Posterior probability that it happens within the run.
        public var probability: Double
        /// Lower, median and upper quantile of the time (nil: later than the run's end).
        public var quantilesHours: [Double?]
    }

    public let times: [Double]
    public let observables: [ObservableSpec]
    /// estimate[o][t]: at the posterior mode.
    public let estimate: [[Double]]
    /// band[o][t] = [lower, median, upper].
    public let band: [[[Double]]]
    public let crossings: [Crossing]
    public let effectiveSampleSize: Double
    public let settings: Settings

    public init(_ estimate: IndividualEstimate, questions: [LabCondition], settings: Settings = .init()) throws(HPGError) {
        let plan = estimate.prior.plan
        let grid = plan.times
        let names = plan.scenario.output.observables.isEmpty ? plan.modelObservables.map(\.name) : plan.scenario.output.observables
        let specs = names.map { name in plan.modelObservables.first { $0.name == name }! }
        let evaluate = IndividualEstimate.dataResiduals(prior: estimate.prior, labs: estimate.labs, extraTimes: grid)
        let allTimes = Array(Set(estimate.labs.map(\.timeHours) + grid)).sorted()
        let row = Dictionary(uniqueKeysWithValues: allTimes.enumerated().map { ($1, $0) })
        @Sendable func table(_ trajectory: Trajectory) -> [[Double]] {
            specs.map { spec in
                let j = trajectory.observables.firstIndex { $0.name == spec.name }!
                return grid.map { trajectory.values[row[$0]!][j] }
            }
        }
        let mode = estimate.posterior.mode
        let center: [[Double]]
        do { center = table(try evaluate(mode).trajectory) } catch let error as HPGError { throw error } catch {
            preconditionFailure("the posterior mode is a feasible point of the fit")
        }

        // Draws, concurrently; each into its own slot, so the result does not depend on the thread count.
        let slots = Slots<(logWeight: Double, values: [[Double]])>(count: settings.draws)
        DispatchQueue.concurrentPerform(iterations: max(1, min(settings.threads, settings.draws))) { _ in
            while true {
                let k = slots.take()
                guard k < settings.draws else { return }
                let (u, z) = PosteriorDraws.proposal(estimate, draw: k, seed: settings.seed)
                guard let result = try? evaluate(z) else { continue }
                slots[k] = (PosteriorDraws.logWeight(u: u, z: z, dataResiduals: result.residuals), table(result.trajectory))
            }
        }
        let draws = (0..<settings.draws).compactMap { slots[$0] }
        let weights = PosteriorDraws.weights(draws.map(\.logWeight))
        let tail = (1 - settings.level) / 2
        let probabilities = [tail, 0.5, 1 - tail]
        band = specs.indices.map { o in
            grid.indices.map { t in Quantile.weighted(draws.map { $0.values[o][t] }, weights: weights, probabilities) }
        }
        effectiveSampleSize = Quantile.effectiveSampleSize(weights)

        let from = estimate.labs.map(\.timeHours).max() ?? 0
        let end = grid.last ?? 0
        crossings = questions.map { condition in
            let o = specs.firstIndex { $0.name == condition.observable }
            func first(_ values: [[Double]]) -> Double? {
                guard let o else { return nil }
                return grid.indices.first { grid[$0] >= from && condition.holds(values[o][$0]) }.map { grid[$0] }
            }
            let times = draws.map { first($0.values) ?? .greatestFiniteMagnitude }
            let total = weights.reduce(0, +)
            let happens = zip(times, weights).reduce(0) { $0 + ($1.0 <= end ? $1.1 : 0) } / total
            return Crossing(condition: condition, fromHours: from, estimateHours: first(center), probability: happens,
                            quantilesHours: Quantile.weighted(times, weights: weights, probabilities).map { $0 <= end ? $0 : nil })
        }
        times = grid
        observables = specs
        self.estimate = center
        self.settings = settings
    }
}

/// Results written by concurrent workers, each to its own index; `take()` hands out 0, 1, 2, … once each.
final class Slots<Element>: @unchecked Sendable {
    private var items: [Element?]
    private var counter = 0
    private let lock = NSLock()

    init(count: Int) { items = Array(repeating: nil, count: count) }

    subscript(k: Int) -> Element? {
        get { lock.withLock { items[k] } }
        set { lock.withLock { items[k] = newValue } }
    }

    func take() -> Int { lock.withLock { defer { counter += 1 }; return counter } }
}
