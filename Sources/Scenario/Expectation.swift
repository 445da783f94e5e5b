import Foundation
import HPG

/// Directional checks a scenario states (`expect` block, or a list of them, one per window): over a window,
/// the mean of an observable against the patient's own day-0 value, or against the same window of another
/// scenario. The documents state directions and rankings, not numbers; `hpgsim validate` checks them.
///
///     expect:
///       source: "seed 004: SERMs increase LH and FSH; testosterone rises"
///       from: 2 months
///       to: 3 months
///       rise: [LH, FSH, testosterone]
///       not_fall: [estradiol]
///       below: {scenario: ../anastrozole-1mg-twice-weekly.yaml, observables: [estradiol]}
///
/// Every relation is one rule (`Relation.rule`): a statistic of the window mean m and the day-0 value b of this
/// scenario — m itself, the fraction m/b, or the size of the change |m/b − 1| — is compared (<, ≤, >, ≥) with a
/// bound: a constant, or a factor times the same statistic of another scenario over the same window.
public struct Expectations: Sendable {
    public var source: String
    /// Window in hours; the mean is over daily samples, both ends included (as `reported` windows).
    public var from: Double
    public var to: Double
    public var checks: [Check]

    /// What is compared, from the window mean m and the day-0 value b.
    public enum Statistic: Sendable, Equatable {
        /// m, in the observable's unit.
        case mean
        /// m / b.
        case fractionOfBaseline
        /// |m/b − 1|, the size of the change from day 0 in either direction.
        case sizeOfChange

        public func of(mean m: Double, baseline b: Double) -> Double {
            switch self {
            case .mean: m
            case .fractionOfBaseline: m / b
            case .sizeOfChange: abs(m / b - 1)
            }
        }
    }

    public enum Order: String, Sendable, Equatable {
        case less = "<", atMost = "≤", greater = ">", atLeast = "≥"

        public func holds(_ x: Double, _ bound: Double) -> Bool {
            switch self {
            case .less: x < bound
            case .atMost: x <= bound
            case .greater: x > bound
            case .atLeast: x >= bound
            }
        }
    }

    /// What the statistic is compared with.
    public enum Bound: Sendable, Equatable {
        case constant(Double)
        /// factor × the same statistic of another scenario file (path as resolved) over the same window.
        case scenario(String, factor: Double)
    }

    public enum Relation: Sendable, Equatable {
        /// m/b > 1 + `Expectations.margin`.
        case rise
        /// m/b < 1 − margin.
        case fall
        /// m/b ≥ 1 − margin.
        case notFall
        /// m below / above the other scenario's m.
        case below(String)
        case above(String)
        /// m/b ≤ the fraction (e.g. LH on TRT ≤ 10 % of day 0).
        case atMostFractionOfBaseline(Double)
        /// |m/b − 1| < factor × the other scenario's |m′/b′ − 1|.
        case changeSmallerThan(String, factor: Double)
        /// m/b < (1 − margin) × the other scenario's m′/b′: more than 1 % lower (e.g. still further below
        /// baseline: a slower recovery); the margin keeps two equal recoveries from passing on rounding noise.
        case belowFractionOf(String)

        public var rule: (statistic: Statistic, order: Order, bound: Bound) {
            let m = Expectations.margin
            return switch self {
            case .rise: (.fractionOfBaseline, .greater, .constant(1 + m))
            case .fall: (.fractionOfBaseline, .less, .constant(1 - m))
            case .notFall: (.fractionOfBaseline, .atLeast, .constant(1 - m))
            case .below(let path): (.mean, .less, .scenario(path, factor: 1))
            case .above(let path): (.mean, .greater, .scenario(path, factor: 1))
            case .atMostFractionOfBaseline(let f): (.fractionOfBaseline, .atMost, .constant(f))
            case let .changeSmallerThan(path, factor): (.sizeOfChange, .less, .scenario(path, factor: factor))
            case .belowFractionOf(let path): (.fractionOfBaseline, .less, .scenario(path, factor: 1 - m))
            }
        }

        public var label: String {
            switch self {
            case .rise: "rises"
            case .fall: "falls"
            case .notFall: "does not fall"
            case .below(let path): "below " + Self.name(path)
            case .above(let path): "above " + Self.name(path)
            case .atMostFractionOfBaseline(let f): "≤ \(formatNumber(f * 100, significantDigits: 3)) % of day 0"
            case let .changeSmallerThan(path, factor):
                "changes less than \(formatNumber(factor, significantDigits: 3)) × " + Self.name(path)
            case .belowFractionOf(let path): "below " + Self.name(path) + " as a fraction of day 0"
            }
        }

        static func name(_ path: String) -> String { URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent }
    }

    public struct Check: Sendable {
        public var observable: String
        public var relation: Relation
    }

    /// A change smaller than 1 % of baseline counts as no change (tolerance of the solver and of the daily mean).
    public static let margin = 0.01

    var window: ReportedTimepoint { ReportedTimepoint(label: "expect", from: from, to: to, values: []) }
}

/// The outcome of one check.
public struct ExpectationResult: Sendable {
    public var scenario: String
    public var observable: String
    public var relation: Expectations.Relation
    public var fromDays: Double
    public var toDays: Double
    /// This scenario's window mean and day-0 value, in `unit`.
    public var mean: Double
    public var baseline: Double
    /// The other scenario's, for relations with another scenario; nil otherwise.
    public var other: (mean: Double, baseline: Double)?
    public var unit: String
    public var source: String

    /// The statistic of this scenario.
    public var value: Double { relation.rule.statistic.of(mean: mean, baseline: baseline) }

    /// What `value` is compared with.
    public var bound: Double {
        let rule = relation.rule
        switch rule.bound {
        case .constant(let c): return c
        case .scenario(_, let factor):
            guard let other else { return .nan }
            return factor * rule.statistic.of(mean: other.mean, baseline: other.baseline)
        }
    }

    public var pass: Bool { relation.rule.order.holds(value, bound) }
}

extension Scenario {
    /// Simulates this scenario (and each scenario it is compared with) at each window's daily samples and day 0,
    /// and evaluates every check; conventional units. Empty when there is no `expect` block. `overrides` set
    /// model parameters in this scenario and in every scenario it is compared with (their own overrides win).
    public func checkExpectations(loader: ScenarioLoader = ScenarioLoader(catalog: .hpg),
                                  overrides: [String: Double] = [:]) throws -> [ExpectationResult] {
        var others: [String: Scenario] = [:]
        let units = HPGModel(drugs: try DrugRegistry.drugs(named: regimens.map(\.drug))).observables
        return try expect.flatMap { block in
            let times = [0] + block.window.sampleTimes
            let own = try windowMeans(self, times: times, overrides: overrides)
            var compared: [String: (baseline: [String: Double], mean: [String: Double])] = [:]
            return try block.checks.map { check in
                var other: (mean: Double, baseline: Double)?
                if case .scenario(let path, _) = check.relation.rule.bound {
                    if others[path] == nil { others[path] = try loader.load(path: path) }
                    if compared[path] == nil { compared[path] = try windowMeans(others[path]!, times: times, overrides: overrides) }
                    other = (compared[path]!.mean[check.observable] ?? .nan, compared[path]!.baseline[check.observable] ?? .nan)
                }
                return ExpectationResult(scenario: name, observable: check.observable, relation: check.relation,
                                         fromDays: block.from / 24, toDays: block.to / 24,
                                         mean: own.mean[check.observable]!, baseline: own.baseline[check.observable]!,
                                         other: other, unit: units.first { $0.name == check.observable }?.unit ?? "",
                                         source: block.source)
            }
        }
    }

    /// Day-0 values and window means of every observable, by name.
    private func windowMeans(_ scenario: Scenario, times: [Double], overrides: [String: Double])
        throws -> (baseline: [String: Double], mean: [String: Double]) {
        let scenario = scenario.applying(overrides)
        let physiological = HPGModel(drugs: []).observables
        let solver = try scenario.solverSettings()
        // A monitored scenario is titrated as `run` titrates it: its draws are simulated times too.
        let simulated = Array(Set(times + (scenario.monitoring?.drawTimes ?? []))).sorted()
        let (trajectory, _) = try scenario.simulate(patient: scenario.patient.patient(observables: physiological),
                                                    outputTimes: simulated, method: solver.method,
                                                    maxSteps: solver.maxSteps, relativeTolerance: solver.relativeTolerance,
                                                    absoluteTolerance: solver.absoluteTolerance)
        let rows = times.map { simulated.firstIndex(of: $0)! }
        var baseline: [String: Double] = [:], mean: [String: Double] = [:]
        for (j, spec) in trajectory.observables.enumerated() {
            baseline[spec.name] = trajectory.values[rows[0]][j]
            let window = rows.dropFirst().map { trajectory.values[$0][j] }
            mean[spec.name] = window.reduce(0, +) / Double(window.count)
        }
        return (baseline, mean)
    }
}

extension Scenario {
    /// The scenario with these model parameters set, where its own overrides do not set them already. A drug's
    /// parameter (`<drug>.<name>`) applies only when the scenario doses that drug (its model has no such
    /// parameter otherwise).
    public func applying(_ overrides: [String: Double]) -> Scenario {
        let drugs = Set(regimens.map(\.drug))
        var scenario = self
        for (name, value) in overrides where scenario.patient.overrides[name] == nil {
            if let dot = name.firstIndex(of: "."), !drugs.contains(String(name[..<dot])) { continue }
            scenario.patient.overrides[name] = value
        }
        return scenario
    }
}
