import Benchmark
import Foundation
import Scenario
import Trial

/// Virtual men through scenarios/populations/anastrozole-1mg-twice-weekly.yaml (180 days, daily output), one
/// thread, as `hpgsim population` runs them: sample, simulate, write the shard, merge. One iteration is the 16
/// men (throughput × 16 = men per second); mallocCountTotal ÷ 16 is the allocations per man. The whole-process benchmark of
/// 10 000 men is Benchmarks/population/run.sh.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 20)

    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let file = root.appendingPathComponent("scenarios/populations/anastrozole-1mg-twice-weekly.yaml").path
    let men = 16
    Benchmark("population \(men) men × 180 d, anastrozole 1 mg twice weekly, 1 thread",
              configuration: .init(scalingFactor: .one)) { benchmark in
        let scenario = try ScenarioLoader(catalog: .hpg).load(path: file)
        let run = try PopulationRun(scenarios: [scenario], seed: 1, men: men)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hpgsim-bench-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for _ in benchmark.scaledIterations {
            benchmark.startMeasurement()
            _ = try run.runShard(1, of: 1, threads: 1, into: directory + "/shard")
            blackHole(try PopulationMerge.merge([directory + "/shard"], into: directory + "/out"))
            benchmark.stopMeasurement()
        }
    }
}
