import Foundation
import HPG
import Population
import Scenario

/// Combines shard outputs into the population's results, the same bytes whichever way the men were sharded
/// (a single run is one shard merged): `men.csv`, `excluded.csv`, `responders.csv`, `comparison.csv` (two or
/// more scenarios), `quantiles-<scenario>.csv`, and `decisions.csv` when a scenario monitors labs.
///
/// Memory: counts for the responder tables, one shard record at a time for men.csv, and for the exact
/// quantiles one block of trajectory columns for all men at a time (at most `quantileBudget` doubles), read in
/// as many passes over trajectories.f64 as the block size requires.
public enum PopulationMerge {
    public static let probabilities = [0.05, 0.25, 0.5, 0.75, 0.95]
    /// Doubles held for the quantiles at once (128 MB).
    public static let quantileBudget = 16 << 20

    /// Per scenario and target, the men and responders in each subgroup; and the paired tables.
    public struct Tables: Sendable {
        public var scenarios: [String]
        /// counts[s][target][subgroup] = (men, responders).
        public var counts: [[[Proportion]]]
        /// paired[(a, b)][target], a < b.
        public var paired: [[Int]: [PairedProportions]]
        public var simulated: Int
        public var excluded: Int
    }

    public static func manifests(_ directories: [String]) throws -> [(directory: String, manifest: ShardManifest)] {
        guard !directories.isEmpty else { throw TrialError.shardsDoNotMatch("no shard directory given") }
        var shards: [(String, ShardManifest)] = []
        for directory in directories {
            let path = (directory as NSString).appendingPathComponent("shard.json")
            guard let data = FileManager.default.contents(atPath: path) else {
                throw TrialError.badShard(path: directory, reason: "it has no shard.json (was its run finished?)")
            }
            guard let manifest = try? JSONDecoder().decode(ShardManifest.self, from: data),
                  manifest.format == ShardManifest.formatName else {
                throw TrialError.badShard(path: path, reason: "it is not a shard manifest of this hpgsim (\(ShardManifest.formatName))")
            }
            shards.append((directory, manifest))
        }
        let first = shards[0].1
        for (directory, m) in shards {
            var same = m
            same.shard = first.shard
            guard same == first else {
                throw TrialError.shardsDoNotMatch("\(directory) has other inputs, seed, number of men or shard count "
                    + "than \(shards[0].0) (fingerprint \(m.fingerprint) vs \(first.fingerprint), seed \(m.seed) vs "
                    + "\(first.seed), men \(m.men) vs \(first.men), shards \(m.shards) vs \(first.shards))")
            }
        }
        let numbers = shards.map(\.1.shard).sorted()
        guard numbers == Array(1...first.shards) else {
            let missing = Set(1...first.shards).subtracting(numbers).sorted()
            let repeated = Dictionary(grouping: numbers, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            throw TrialError.shardsDoNotMatch("each of the \(first.shards) shards must be given once; "
                + (missing.isEmpty ? "" : "missing \(missing.map(String.init).joined(separator: ", "))")
                + (repeated.isEmpty ? "" : " repeated \(repeated.map(String.init).joined(separator: ", "))"))
        }
        return shards.sorted { $0.1.shard < $1.1.shard }
    }

    /// Writes the results of the shards in `directories` into `output` (created if needed).
    @discardableResult
    public static func merge(_ directories: [String], into output: String) throws -> Tables {
        let shards = try manifests(directories)
        let m = shards[0].manifest
        do { try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true) } catch {
            throw TrialError.cannotWrite(path: output, reason: "\(error)")
        }
        let path = { (name: String) in (output as NSString).appendingPathComponent(name) }
        var files: [StreamedFile] = []
        do {
            let men = try StreamedFile(path: path("men.csv")); files.append(men)
            let excluded = try StreamedFile(path: path("excluded.csv")); files.append(excluded)
            let tables = try writeMen(shards, manifest: m, to: men, excluded: excluded)
            let responders = try StreamedFile(path: path("responders.csv")); files.append(responders)
            try responders.write(respondersCSV(tables))
            if m.scenarios.count > 1 {
                let comparison = try StreamedFile(path: path("comparison.csv")); files.append(comparison)
                try comparison.write(comparisonCSV(tables))
            }
            if let columns = m.decisionColumns {
                let decisions = try StreamedFile(path: path("decisions.csv")); files.append(decisions)
                try decisions.write((["man", "scenario"] + columns).joined(separator: ",") + line)
                for (directory, _) in shards { try copyDecisions(directory, to: decisions) }
            }
            for (s, layout) in m.scenarios.enumerated() {
                let file = try StreamedFile(path: path("quantiles-\(layout.name).csv")); files.append(file)
                try file.write(try quantilesCSV(shards, manifest: m, scenario: s))
            }
            for file in files { try file.commit() }
            return tables
        } catch {
            for file in files { file.discard() }
            throw error
        }
    }

    static let line = "\n"   // LF, as the trajectory CSVs (TrajectoryCSV)

    static func cell(_ value: Double) -> String { formatNumber(value) }

    static func labColumns() -> [String] {
        let specs = HPGModel(drugs: []).observables
        return PopulationPlan.Summary.labs.map { name in specs.first { $0.name == name }!.column }
    }

    /// men.csv (one row per man and scenario) and excluded.csv, streamed; the responder counts on the way.
    static func writeMen(_ shards: [(directory: String, manifest: ShardManifest)], manifest m: ShardManifest,
                         to men: StreamedFile, excluded: StreamedFile) throws -> Tables {
        let labs = labColumns()
        var header = ["man"] + (m.patientsFile ? ["patients_line"] : []) + ["scenario", "age_years", "BMI_kg_per_m2"]
        header += m.factors.map { "\($0)_factor" }
        header += labs.map { "baseline_\($0)" } + ["baseline_T_LH_ratio_ng_per_dL_per_IU_per_L"]
        header += labs.map { "on_treatment_\($0)" }
        header += ResponseTarget.all.map(\.column) + ["solver_steps"]
        try men.write(header.joined(separator: ",") + line)
        try excluded.write("man" + (m.patientsFile ? ",patients_line" : "") + ",reason" + line)
        let targets = ResponseTarget.all, groups = Subgroup.all
        var counts = [[[(Int, Int)]]](repeating: .init(repeating: .init(repeating: (0, 0), count: groups.count),
                                                       count: targets.count), count: m.scenarios.count)
        var paired: [[Int]: [[Int]]] = [:]
        for a in m.scenarios.indices { for b in m.scenarios.indices where a < b {
            paired[[a, b]] = .init(repeating: [0, 0, 0, 0], count: targets.count)
        } }
        var simulated = 0, left = 0
        for (directory, manifest) in shards {
            let reader = try Float64Reader(path: (directory as NSString).appendingPathComponent("men.f64"),
                                           recordLength: m.recordLength)
            var reasons = try excludedReasons(directory)
            var man = manifest.range.lowerBound
            while true {
                let block = try reader.next(records: 256)
                if block.isEmpty { break }
                for r in stride(from: 0, to: block.count, by: m.recordLength) {
                    let record = block[r..<(r + m.recordLength)]
                    defer { man += 1 }
                    guard man < manifest.range.upperBound else {
                        throw TrialError.badShard(path: directory, reason: "men.f64 has more records than its men")
                    }
                    let lineCell = m.patientsFile ? [cell(record[r + 1])] : []
                    if record[r] != 0 {
                        left += 1
                        guard let reason = reasons.removeValue(forKey: man) else {
                            throw TrialError.badShard(path: directory, reason: "man \(man) is left out without a reason")
                        }
                        try excluded.write(([String(man)] + lineCell + [TrajectoryCSV.field(reason)]).joined(separator: ",") + line)
                        continue
                    }
                    simulated += 1
                    let factors = record[(r + 2)..<(r + 2 + m.factors.count)]
                    var flags: [[Bool]] = []
                    for s in m.scenarios.indices {
                        let start = r + 2 + m.factors.count + s * ShardManifest.summaryLength
                        let summary = PopulationRun.decode(record[start..<(start + ShardManifest.summaryLength)])
                        let hits = targets.map { $0.test(summary) }
                        flags.append(hits)
                        for (g, group) in groups.enumerated() where group.contains(summary) {
                            for t in targets.indices {
                                counts[s][t][g].0 += 1
                                if hits[t] { counts[s][t][g].1 += 1 }
                            }
                        }
                        var row = [String(man)] + lineCell + [m.scenarios[s].name, cell(summary.age_years), cell(summary.BMI_kg_per_m2)]
                        row += factors.map(cell) + summary.baseline.map(cell)
                        row.append(cell(summary.baseline("testosterone") / summary.baseline("LH")))
                        row += summary.onTreatment.map(cell) + hits.map { $0 ? "1" : "0" } + [String(summary.solverSteps)]
                        try men.write(row.joined(separator: ",") + line)
                    }
                    for (pair, _) in paired {
                        for t in targets.indices {
                            let (x, y) = (flags[pair[0]][t], flags[pair[1]][t])
                            paired[pair]![t][x && y ? 0 : x ? 1 : y ? 2 : 3] += 1
                        }
                    }
                }
            }
            guard man == manifest.range.upperBound else {
                throw TrialError.badShard(path: directory, reason: "men.f64 has \(man - manifest.range.lowerBound) of its \(manifest.range.count) men")
            }
        }
        return Tables(scenarios: m.scenarios.map(\.name),
                      counts: counts.map { $0.map { $0.map { Proportion(successes: $0.1, trials: $0.0) } } },
                      paired: paired.mapValues { $0.map { PairedProportions(both: $0[0], onlyFirst: $0[1], onlySecond: $0[2], neither: $0[3]) } },
                      simulated: simulated, excluded: left)
    }

    /// Appends a shard's decisions.csv rows (its men in order) as written, 1 MB at a time.
    static func copyDecisions(_ directory: String, to file: StreamedFile) throws {
        let path = (directory as NSString).appendingPathComponent("decisions.csv")
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TrialError.badShard(path: directory, reason: "it has no decisions.csv, though its scenarios monitor labs")
        }
        defer { try? handle.close() }
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { try file.write(chunk) }
        } catch let error as TrialError {
            throw error
        } catch {
            throw TrialError.badShard(path: path, reason: "it cannot be read: \(error)")
        }
    }

    static func excludedReasons(_ directory: String) throws -> [Int: String] {
        let path = (directory as NSString).appendingPathComponent("excluded.txt")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TrialError.badShard(path: directory, reason: "it has no excluded.txt")
        }
        var reasons: [Int: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2, let man = Int(parts[0]) else {
                throw TrialError.badShard(path: path, reason: "line \"\(line)\" is not \"man<TAB>reason\"")
            }
            reasons[man] = String(parts[1])
        }
        return reasons
    }

    static func respondersCSV(_ tables: Tables) -> String {
        var text = "scenario,target,subgroup,men,responders,fraction,wilson_95_low,wilson_95_high" + line
        for (s, name) in tables.scenarios.enumerated() {
            for (t, target) in ResponseTarget.all.enumerated() {
                for (g, group) in Subgroup.all.enumerated() {
                    let p = tables.counts[s][t][g], ci = p.wilson()
                    text += [name, target.column, TrajectoryCSV.field(group.name), String(p.trials), String(p.successes),
                             cell(p.estimate), cell(ci.low), cell(ci.high)].joined(separator: ",") + line
                }
            }
        }
        return text
    }

    static func comparisonCSV(_ tables: Tables) -> String {
        var text = "scenario_a,scenario_b,target,men,both,only_a,only_b,neither,difference_a_minus_b,"
            + "difference_95_low,difference_95_high,mcnemar_exact_p" + line
        for pair in tables.paired.keys.sorted(by: { ($0[0], $0[1]) < ($1[0], $1[1]) }) {
            for (t, target) in ResponseTarget.all.enumerated() {
                let p = tables.paired[pair]![t], ci = p.differenceInterval()
                text += [tables.scenarios[pair[0]], tables.scenarios[pair[1]], target.column, String(p.pairs),
                         String(p.both), String(p.onlyFirst), String(p.onlySecond), String(p.neither),
                         cell(p.difference), cell(ci.low), cell(ci.high), cell(p.mcNemarExactP)]
                    .joined(separator: ",") + line
            }
        }
        return text
    }
}
