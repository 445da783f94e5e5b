import Dosing
import Foundation
import HPG
import Population
import Scenario

/// Virtual men through one or more scenarios (paired: the same men in every scenario), one shard at a time.
///
/// Man i is a function of (population block, seed, i) alone (`PopulationSpec.man`), and his simulation of the
/// scenario and him alone, so a shard's records are the same whichever threads compute them; they are written
/// in man order. Memory: one batch of men (`batchSize` per thread) at a time, whatever the number of men.
public struct PopulationRun: Sendable {
    public let plans: [PopulationPlan]
    public let population: PopulationSpec
    public let seed: UInt64
    public let men: Int
    public let fingerprint: String
    /// The labs any scenario draws (`Monitoring`), in order of first mention: the lab columns of decisions.csv.
    public let decisionLabs: [ObservableSpec]

    /// Men per thread per batch.
    static let batchSize = 16

    /// Checks that the scenarios describe one population (the first block; the others equal or absent) and
    /// that `men` fits a patients file.
    /// `relativeTolerance`: the integration's (`HPG.simulate`), overriding each scenario's `simulation.rtol`;
    /// part of the run's identity.
    public init(scenarios: [Scenario], seed: UInt64, men: Int?, relativeTolerance: Double? = nil) throws {
        guard let population = scenarios.compactMap(\.population).first else {
            throw TrialError.noPopulation("none of the scenarios has a population block (scenarios/README.md, \"population\").")
        }
        for scenario in scenarios {
            if let other = scenario.population, other != population {
                throw TrialError.noPopulation("\(scenario.file) describes a different population from "
                    + "\(scenarios.first { $0.population != nil }!.file); paired scenarios need the same "
                    + "population block (or none: they take the first one's).")
            }
        }
        if Set(scenarios.map(\.name)).count < scenarios.count {
            throw TrialError.noPopulation("two scenarios have the same name; each scenario's outputs are named after its file.")
        }
        let count: Int
        switch (men, population.fileSize) {
        case let (n?, rows?) where n > rows:
            throw TrialError.noPopulation("--n \(n) is more than the \(rows) men of the patients file.")
        case let (n?, _): count = n
        case let (nil, rows?): count = rows
        case (nil, nil): throw TrialError.noPopulation("--n is needed: the population's covariates are sampled.")
        }
        guard count > 0 else { throw TrialError.noPopulation("--n must be at least 1.") }
        plans = try scenarios.map { scenario throws in try PopulationPlan(scenario, relativeTolerance: relativeTolerance) }
        self.population = population
        self.seed = seed
        self.men = count
        var inputs = scenarios.map { FileManager.default.contents(atPath: $0.file) ?? Data($0.file.utf8) }
        if let file = population.patients?.file { inputs.append(FileManager.default.contents(atPath: file) ?? Data()) }
        for plan in plans { inputs.append(Data(String(plan.relativeTolerance.bitPattern).utf8)) }
        fingerprint = ShardManifest.fnv1a(inputs)
        var labs: [ObservableSpec] = []
        for plan in plans {
            for name in plan.scenario.monitoring?.labs ?? [] where !labs.contains(where: { $0.name == name }) {
                labs.append(try HPGModel.observables(forDrugs: plan.scenario.modelDrugs).first { $0.name == name }!)
            }
        }
        decisionLabs = labs
    }

    /// Whether any scenario monitors labs (and so the run writes decisions).
    var monitored: Bool { plans.contains { $0.scenario.monitoring != nil } }

    public func manifest(shard: Int, of shards: Int) -> ShardManifest {
        ShardManifest(fingerprint: fingerprint, seed: seed, men: men, shard: shard, shards: shards,
                      relativeTolerance: plans[0].relativeTolerance,
                      scenarios: plans.map { plan in
                          .init(name: plan.scenario.name, columns: plan.observables.map(\.column),
                                timesDays: plan.times.map { $0 / 24 })
                      },
                      factors: population.parameters, patientsFile: population.patients != nil,
                      decisionColumns: monitored ? DecisionLog.header(labs: decisionLabs, units: .conventional) : nil)
    }

    /// One man's records: men.f64 record, trajectory values, and the reason when he is left out.
    struct ManResult: Sendable {
        var record: [Double]
        var trajectory: [Double]
        var excluded: String?
        /// His rows of decisions.csv (man, scenario, `DecisionLog.rows`), each ending in a line break.
        var decisions = ""
    }

    func simulate(man index: Int, manifest: ShardManifest) -> ManResult {
        let line = population.patients.map { Double($0.rows[index].line) } ?? .nan
        let leftOut = { (reason: String) -> ManResult in
            var record = [Double](repeating: .nan, count: manifest.recordLength)
            record[0] = 1
            record[1] = line
            let row = population.patients.map { " (patients file line \($0.rows[index].line): \"\($0.rows[index].text)\")" } ?? ""
            // One line per man in excluded.txt: line breaks and tabs of a message become spaces.
            let text = (reason + row).map { $0.isNewline || $0 == "\t" ? " " : String($0) }.joined()
            return ManResult(record: record, trajectory: [Double](repeating: .nan, count: manifest.trajectoryLength),
                             excluded: text)
        }
        let man: VirtualMan
        do { man = try population.man(index, seed: seed) } catch { return leftOut("covariates: \(error)") }
        var record = [0, line] + population.parameters.map { man.factors[$0]! }
        var trajectory: [Double] = []
        trajectory.reserveCapacity(manifest.trajectoryLength)
        var decisions = ""
        for plan in plans {
            do {
                let outcome = try plan.simulate(man)
                record += Self.encode(outcome.summary)
                for series in outcome.trajectory { trajectory += series }
                for row in outcome.decisions?.rows(labs: decisionLabs, units: .conventional) ?? [] {
                    decisions += ([String(index), plan.scenario.name] + row).joined(separator: ",") + "\n"
                }
            } catch {
                return leftOut("\(plan.scenario.name): \(error)")
            }
        }
        return ManResult(record: record, trajectory: trajectory, excluded: nil, decisions: decisions)
    }

    static func encode(_ s: PopulationPlan.Summary) -> [Double] {
        [s.age_years, s.BMI_kg_per_m2] + s.baseline + s.onTreatment + [Double(s.solverSteps)]
    }

    static func decode(_ values: ArraySlice<Double>) -> PopulationPlan.Summary {
        let n = PopulationPlan.Summary.labs.count, start = values.startIndex
        return PopulationPlan.Summary(age_years: values[start], BMI_kg_per_m2: values[start + 1],
                                      baseline: Array(values[(start + 2)..<(start + 2 + n)]),
                                      onTreatment: Array(values[(start + 2 + n)..<(start + 2 + 2 * n)]),
                                      solverSteps: Int(values[start + 2 + 2 * n]))
    }

    /// The files a shard's folder holds once `runShard` has finished (decisions.csv too when a scenario titrates).
    public var shardFiles: [String] {
        ["men.f64", "trajectories.f64", "excluded.txt", "shard.json"] + (monitored ? ["decisions.csv"] : [])
    }

    /// Runs shard k of K into `directory` (created if needed): its men in order, `threads` at a time.
    /// `progress(done, total)` is called after each batch.
    public func runShard(_ shard: Int, of shards: Int, threads: Int, into directory: String,
                         progress: (Int, Int) -> Void = { _, _ in }) throws -> ShardManifest {
        precondition(1 <= shard && shard <= shards && threads >= 1)
        let manifest = manifest(shard: shard, of: shards)
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw TrialError.cannotWrite(path: directory, reason: "\(error)")
        }
        let path = { (name: String) in (directory as NSString).appendingPathComponent(name) }
        let files = try shardFiles.map { try StreamedFile(path: path($0)) }
        do {
            let range = manifest.range
            var start = range.lowerBound
            let batch = Self.batchSize * threads
            while start < range.upperBound {
                let count = min(batch, range.upperBound - start)
                let first = start
                let results = parallelMap(count: count, threads: threads) { simulate(man: first + $0, manifest: manifest) }
                for (offset, result) in results.enumerated() {
                    try files[0].write(result.record)
                    try files[1].write(result.trajectory)
                    if let reason = result.excluded { try files[2].write("\(start + offset)\t\(reason)\n") }
                    if monitored { try files[4].write(result.decisions) }
                }
                start += count
                progress(start - range.lowerBound, range.count)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try files[3].write(String(decoding: try encoder.encode(manifest), as: UTF8.self) + "\n")
            for file in files { try file.commit() }
        } catch {
            for file in files { file.discard() }
            throw error
        }
        return manifest
    }
}
