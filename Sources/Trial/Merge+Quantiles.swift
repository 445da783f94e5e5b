import Foundation
import Population
import Scenario

/// The exact quantile trajectories of a merge, a block of columns at a time (`PopulationMerge.quantileBudget`).
extension PopulationMerge {
    /// quantiles-<scenario>.csv: per time, each observable's 5/25/50/75/95 % over the simulated men
    /// (Hyndman–Fan 7), computed exactly from every man's value, a block of columns per pass.
    static func quantilesCSV(_ shards: [(directory: String, manifest: ShardManifest)], manifest m: ShardManifest,
                             scenario s: Int) throws -> String {
        let layout = m.scenarios[s]
        let offset = m.scenarios[..<s].reduce(0) { $0 + $1.columns.count * $1.timesDays.count }
        let columns = layout.columns.count * layout.timesDays.count
        let perPass = max(1, quantileBudget / max(m.men, 1))
        var quantiles = [[Double]](repeating: [], count: columns)
        var first = 0
        while first < columns {
            let end = min(columns, first + perPass)
            var values = [[Double]](repeating: [], count: end - first)
            for c in values.indices { values[c].reserveCapacity(m.men) }
            for (directory, _) in shards {
                let reader = try Float64Reader(path: (directory as NSString).appendingPathComponent("trajectories.f64"),
                                               recordLength: m.trajectoryLength)
                while true {
                    let block = try reader.next(records: 64)
                    if block.isEmpty { break }
                    for r in stride(from: 0, to: block.count, by: m.trajectoryLength) {
                        for c in first..<end { values[c - first].append(block[r + offset + c]) }
                    }
                }
            }
            for c in first..<end { quantiles[c] = Quantile.of(values[c - first], probabilities) }
            first = end
        }
        let percents = probabilities.map { "p" + formatNumber($0 * 100) }
        var text = (["time_days"] + layout.columns.flatMap { column in percents.map { "\(column)_\($0)" } })
            .joined(separator: ",") + line
        for (t, day) in layout.timesDays.enumerated() {
            var row = [cell(day)]
            for o in layout.columns.indices { row += quantiles[o * layout.timesDays.count + t].map(cell) }
            text += row.joined(separator: ",") + line
        }
        return text
    }
}
