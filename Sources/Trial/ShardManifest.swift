import Foundation
import Scenario

/// What a shard directory holds, so that `merge` needs nothing but the shards: the run's identity (the
/// fingerprint of every input file, the seed, the number of men and shards) and the layout of its records.
///
/// A shard directory holds `shard.json` (this), `men.f64` (one record per man, `recordLength` doubles),
/// `trajectories.f64` (per man, per scenario, per observable, per time; `trajectoryLength` doubles) and
/// `excluded.txt` (one line per man left out: index, tab, reason), and with monitoring `decisions.csv`. Doubles are IEEE 754, little-endian.
public struct ShardManifest: Codable, Sendable, Equatable {
    public static let formatName = "hpgsim population shard 1"

    public struct ScenarioLayout: Codable, Sendable, Equatable {
        public var name: String
        /// CSV headers of the kept observables (name and unit, e.g. testosterone_ng_per_dL).
        public var columns: [String]
        public var timesDays: [Double]
    }

    public var format = Self.formatName
    /// FNV-1a 64 of the scenario files and patients files, in order: shards of different inputs never merge.
    public var fingerprint: String
    public var seed: UInt64
    public var men: Int
    public var shard: Int
    public var shards: Int
    /// The integration's relative tolerance.
    public var relativeTolerance: Double
    public var scenarios: [ScenarioLayout]
    /// Parameters with a between-subject factor.
    public var factors: [String]
    /// Men come from a patients file (their line numbers are written).
    public var patientsFile: Bool
    /// The columns of decisions.csv after `man` and `scenario` (`DecisionLog.header`), when a scenario monitors
    /// labs; nil (and absent from shard.json) when none does. The shard's `decisions.csv` holds its men's rows,
    /// in man order, without a header.
    public var decisionColumns: [String]? = nil

    /// Men [first, end) of shard k of K (1-based k): an even split, ⌊(k − 1)N/K⌋ ..< ⌊kN/K⌋.
    public static func range(shard k: Int, of shards: Int, men: Int) -> Range<Int> {
        ((k - 1) * men / shards)..<(k * men / shards)
    }

    public var range: Range<Int> { Self.range(shard: shard, of: shards, men: men) }

    /// Doubles per man in men.f64: status (0 simulated, 1 left out), patients-file line (NaN without a file),
    /// one factor per varied parameter, then per scenario `summaryLength` values.
    public var recordLength: Int { 2 + factors.count + scenarios.count * Self.summaryLength }
    /// Age, BMI, the day-0 and on-treatment values of `PopulationPlan.Summary.labs`, solver steps.
    public static var summaryLength: Int { 3 + 2 * PopulationPlan.Summary.labs.count }
    public var trajectoryLength: Int { scenarios.reduce(0) { $0 + $1.columns.count * $1.timesDays.count } }

    static func fnv1a(_ chunks: [Data]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for chunk in chunks {
            for byte in chunk { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            hash = (hash ^ 0xff) &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
