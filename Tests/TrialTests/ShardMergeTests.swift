import Foundation
import Population
import Scenario
import Testing
@testable import Trial

/// The merge identity: the same seed gives the same bytes with 1 or 2 threads, and with 1 or 3 shards merged
/// (shards given in any order); a man regenerated alone is the man of the run; a man without a steady state is
/// reported with his row and the others are simulated.
@Suite(.serialized) struct ShardMergeTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hpgsim-trial-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    static func scenario(dose: String, every: String, population: String) -> String {
        """
        title: t
        patient:
          profile: overweight
        regimens:
          - drug: anastrozole
            dose: \(dose)
            every: \(every)
            duration: 21 d
        simulation:
          duration: 21 d
          output_every: 1 d
        population:
        \(population)
          response: {from: 14 d, to: 21 d}
        """
    }

    static let sampled = """
          covariates:
            bmi: {distribution: log-normal, median: 27 kg/m2, cv: 15 %, min: 18 kg/m2, max: 45 kg/m2, source: test}
            testosterone: {distribution: log-normal, median: 280 ng/dL, cv: published, min: 100 ng/dL, max: 1000 ng/dL}
            estradiol: {distribution: log-normal, median: 32 pg/mL, cv: published, min: 8 pg/mL, max: 120 pg/mL}
          variability:
            anastrozole.CL_L_per_h: published
          correlations:
            - {between: [bmi, estradiol], r: 0.3, source: test}
        """

    func load(_ texts: [String]) throws -> [Scenario] {
        try texts.enumerated().map { k, text in
            let file = directory.appendingPathComponent("s\(k).yaml").path
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            return try ScenarioLoader(catalog: .hpg).load(path: file)
        }
    }

    func files(_ folder: String) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }
        return Dictionary(uniqueKeysWithValues: names.map { ($0, FileManager.default.contents(atPath: folder + "/" + $0)!) })
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    @Test func shardsAndThreadsGiveTheSameBytes() throws {
        let scenarios = try load([Self.scenario(dose: "1 mg", every: "3.5 d", population: Self.sampled),
                                  Self.scenario(dose: "0.5 mg", every: "2 d", population: Self.sampled)])
        let run = try PopulationRun(scenarios: scenarios, seed: 20_111_111, men: 7)
        _ = try run.runShard(1, of: 1, threads: 1, into: path("single"))
        try PopulationMerge.merge([path("single")], into: path("one-thread"))
        _ = try run.runShard(1, of: 1, threads: 2, into: path("single-2"))
        try PopulationMerge.merge([path("single-2")], into: path("two-threads"))
        for k in 1...3 { _ = try run.runShard(k, of: 3, threads: 2, into: path("shard-\(k)")) }
        try PopulationMerge.merge([path("shard-3"), path("shard-1"), path("shard-2")], into: path("three-shards"))
        let reference = try files(path("one-thread"))
        #expect(Set(reference.keys) == ["men.csv", "excluded.csv", "responders.csv", "comparison.csv",
                                        "quantiles-s0.csv", "quantiles-s1.csv"])
        #expect(try files(path("two-threads")) == reference)
        #expect(try files(path("three-shards")) == reference)
        // 7 men × 2 scenarios + header.
        let men = String(decoding: reference["men.csv"]!, as: UTF8.self)
        #expect(men.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 1 + 7 * 2)

        // Man 4 regenerated alone: his draw and his simulation give his row.
        let spec = try #require(scenarios[0].population)
        let man = try spec.man(4, seed: 20_111_111)
        let summary = try PopulationPlan(scenarios[0]).simulate(man).summary
        let row = men.components(separatedBy: "\n").first { $0.hasPrefix("4,s0,") }!.split(separator: ",").map(String.init)
        #expect(row[3] == formatNumber(summary.BMI_kg_per_m2))
        #expect(row[4] == formatNumber(man.factors["anastrozole.CL_L_per_h"]!))
        #expect(row[5] == formatNumber(summary.baseline("testosterone")))
        #expect(row[5 + 7 + 1] == formatNumber(summary.onTreatment("testosterone")))
    }

    @Test func mergeRefusesIncompleteOrForeignShards() throws {
        let scenarios = try load([Self.scenario(dose: "1 mg", every: "3.5 d", population: Self.sampled)])
        let run = try PopulationRun(scenarios: scenarios, seed: 1, men: 2)
        _ = try run.runShard(1, of: 2, threads: 1, into: path("a1"))
        _ = try run.runShard(2, of: 2, threads: 1, into: path("a2"))
        #expect(throws: TrialError.self) { try PopulationMerge.merge([path("a1")], into: path("out")) }
        #expect(throws: TrialError.self) { try PopulationMerge.merge([path("a1"), path("a1")], into: path("out")) }
        let other = try PopulationRun(scenarios: scenarios, seed: 2, men: 2)
        _ = try other.runShard(2, of: 2, threads: 1, into: path("b2"))
        #expect(throws: TrialError.self) { try PopulationMerge.merge([path("a1"), path("b2")], into: path("out")) }
        #expect(!FileManager.default.fileExists(atPath: path("out") + "/men.csv"))
    }

    /// LH 200 IU/L has no steady state (gonadotropin secretion saturates at Cmax × the reference rate, so
    /// LH ≤ 10 × 4.5 IU/L): that man is in excluded.csv with his line and row, the two others are simulated.
    @Test func manWithoutSteadyStateIsReportedWithHisRow() throws {
        try "id,testosterone_ng_per_dL,LH_IU_per_L\na,300,4\nc,300,200\nd,500,5\n"
            .write(toFile: path("men.csv"), atomically: true, encoding: .utf8)
        let scenarios = try load([Self.scenario(dose: "1 mg", every: "3.5 d", population: "  patients: men.csv")])
        let run = try PopulationRun(scenarios: scenarios, seed: 1, men: nil)
        #expect(run.men == 3)
        _ = try run.runShard(1, of: 1, threads: 1, into: path("p"))
        let tables = try PopulationMerge.merge([path("p")], into: path("p-out"))
        #expect(tables.simulated == 2 && tables.excluded == 1)
        let excluded = String(decoding: FileManager.default.contents(atPath: path("p-out") + "/excluded.csv")!, as: UTF8.self)
        #expect(excluded.hasPrefix("man,patients_line,reason\n1,3,"))
        #expect(excluded.contains("c,300,200"))
    }

    /// With a monitoring block each man is titrated on his own labs (his own simulated values, his own assay
    /// errors, keyed by his index), and decisions.csv is the same bytes with 1 or 2 threads and 1 or 3 shards.
    /// A paired scenario without monitoring has no rows; the rule fires on every draw and changes the dose once.
    @Test func monitoredMenAreTitratedAloneAndMergeIdentically() throws {
        let monitored = Self.scenario(dose: "1 mg", every: "1 d", population: Self.sampled) + """

            monitoring:
              labs: [estradiol, T/E2]
              every: 1 week
              cv: 10 %
              result_after: 1 d
              rules:
                - {if: estradiol < 1000 pg/mL, then: {dose: 0.5 mg}}
            """
        let scenarios = try load([monitored, Self.scenario(dose: "0.5 mg", every: "2 d", population: Self.sampled)])
        let run = try PopulationRun(scenarios: scenarios, seed: 7, men: 5)
        _ = try run.runShard(1, of: 1, threads: 1, into: path("m-single"))
        try PopulationMerge.merge([path("m-single")], into: path("m-one"))
        _ = try run.runShard(1, of: 1, threads: 2, into: path("m-single-2"))
        try PopulationMerge.merge([path("m-single-2")], into: path("m-two"))
        for k in 1...3 { _ = try run.runShard(k, of: 3, threads: 2, into: path("m-shard-\(k)")) }
        try PopulationMerge.merge([path("m-shard-2"), path("m-shard-3"), path("m-shard-1")], into: path("m-three"))
        let reference = try files(path("m-one"))
        #expect(reference["decisions.csv"] != nil)
        #expect(try files(path("m-two")) == reference)
        #expect(try files(path("m-three")) == reference)
        let lines = String(decoding: reference["decisions.csv"]!, as: UTF8.self).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header.prefix(5) == ["man", "scenario", "draw", "drawn_days", "result_known_days"])
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // Draws on days 7 and 14 (day 21's result would come after the end), for the monitored scenario only.
        #expect(rows.count == 5 * 2 && rows.allSatisfy { $0[1] == "s0" })
        #expect(rows.map { $0[0] } == ["0", "0", "1", "1", "2", "2", "3", "3", "4", "4"])
        let changes = header.firstIndex(of: "changes_regimen")!
        #expect(rows.map { $0[changes] } == Array(repeating: ["1", "0"], count: 5).flatMap { $0 })
        // His own labs: the simulated estradiol differs between men, and so does the assay's factor.
        let seen = header.firstIndex(of: "estradiol_seen_pg_per_mL")!, simulated = seen + 1
        let firstDraws = rows.filter { $0[2] == "1" }
        #expect(Set(firstDraws.map { $0[simulated] }).count == 5)
        #expect(Set(firstDraws.map { Double($0[seen])! / Double($0[simulated])! }).count == 5)
        // Man 3's rows are the rows of man 3 simulated alone.
        let man = try run.population.man(3, seed: 7)
        let alone = try #require(try run.plans[0].simulate(man).decisions).rows(labs: run.decisionLabs, units: .conventional)
        #expect(rows.filter { $0[0] == "3" }.map { Array($0.dropFirst(2)) } == alone)
    }
}
