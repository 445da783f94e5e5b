import Foundation
import HPG

/// Directional checks a scenario states (`expect` block): over a window, the mean of an observable rises or
/// falls against the patient's baseline (day 0), does not fall, or lies below/above the same window of another
/// scenario. The documents state directions and rankings, not numbers; `hpgsim validate` checks them.
///
///     expect:
///       source: "seed 004: SERMs increase LH and FSH; testosterone rises"
///       from: 2 months
///       to: 3 months
///       rise: [LH, FSH, testosterone]
///       not_fall: [estradiol]
///       below: {scenario: ../anastrozole-1mg-twice-weekly.yaml, observables: [estradiol]}
public struct Expectations: Sendable {
    public var source: String
    /// Window in hours; the mean is over daily samples, both ends included (as `reported` windows).
    public var from: Double
    public var to: Double
    public var checks: [Check]

    public enum Relation: Sendable, Equatable {
        /// Mean > baseline × (1 + `Expectations.margin`).
        case rise
        /// Mean < baseline × (1 − margin).
        case fall
        /// Mean ≥ baseline × (1 − margin).
        case notFall
        /// Mean below / above the mean over the same window in another scenario file (path as resolved).
        case below(String)
        case above(String)

        public var label: String {
            switch self {
            case .rise: "rises"
            case .fall: "falls"
            case .notFall: "does not fall"
            case .below(let path): "below " + Self.name(path)
            case .above(let path): "above " + Self.name(path)
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
    /// Window mean in this scenario, and the value it is compared with (baseline or the other scenario's mean).
    public var simulated: Double
    public var reference: Double
    public var unit: String
    public var source: String

    public var pass: Bool {
        let m = Expectations.margin
        switch relation {
        case .rise: return simulated > reference * (1 + m)
        case .fall: return simulated < reference * (1 - m)
        case .notFall: return simulated >= reference * (1 - m)
        case .below: return simulated < reference
        case .above: return simulated > reference
        }
    }
}

extension Scenario {
    /// Simulates this scenario (and each scenario it is compared with) at the window's daily samples and day 0,
    /// and evaluates every check; conventional units. Empty when there is no `expect` block.
    public func checkExpectations(loader: ScenarioLoader = ScenarioLoader(catalog: .hpg)) throws -> [ExpectationResult] {
        guard let expect else { return [] }
        let times = [0] + expect.window.sampleTimes
        let own = try windowMeans(self, times: times)
        var others: [String: [String: Double]] = [:]
        return try expect.checks.map { check in
            var reference = own.baseline[check.observable]!
            switch check.relation {
            case .below(let path), .above(let path):
                if others[path] == nil { others[path] = try windowMeans(try loader.load(path: path), times: times).mean }
                reference = others[path]![check.observable] ?? .nan
            default: break
            }
            let unit = HPGModel(drugs: try DrugRegistry.drugs(named: regimens.map(\.drug))).observables
                .first { $0.name == check.observable }?.unit ?? ""
            return ExpectationResult(scenario: name, observable: check.observable, relation: check.relation,
                                     fromDays: expect.from / 24, toDays: expect.to / 24,
                                     simulated: own.mean[check.observable]!, reference: reference, unit: unit,
                                     source: expect.source)
        }
    }

    /// Day-0 values and window means of every observable, by name.
    private func windowMeans(_ scenario: Scenario, times: [Double]) throws -> (baseline: [String: Double], mean: [String: Double]) {
        let physiological = HPGModel(drugs: []).observables
        let trajectory = try HPG.simulate(patient: scenario.patient.patient(observables: physiological),
                                          doses: scenario.doses(), outputTimes: times)
        var baseline: [String: Double] = [:], mean: [String: Double] = [:]
        for (j, spec) in trajectory.observables.enumerated() {
            baseline[spec.name] = trajectory.values[0][j]
            let window = trajectory.values.dropFirst().map { $0[j] }
            mean[spec.name] = window.reduce(0, +) / Double(window.count)
        }
        return (baseline, mean)
    }
}
