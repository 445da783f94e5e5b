import Foundation
import Scenario
import Testing
@testable import Trial

/// K separate hpgsim processes as a stand-in for a cluster's array job (scripts/slurm-population.sh,
/// deploy/k8s-population.yaml): `population --shard k/3` three times and `merge`, against one process without
/// --shard. The hpgsim binary is the one built next to this test bundle.
@Suite struct ShardProcessTests {
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hpgsim")
    }

    static func run(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func threeProcessesMergeToTheBytesOfOne() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "hpgsim is built with the tests")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hpgsim-processes-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let scenario = directory + "/regimen.yaml"
        try ShardMergeTests.scenario(dose: "1 mg", every: "3.5 d", population: ShardMergeTests.sampled)
            .write(toFile: scenario, atomically: true, encoding: .utf8)
        let common = [scenario, "--n", "5", "--seed", "3"]
        for k in 1...3 {
            #expect(try Self.run(["population"] + common + ["--threads", "1", "--shard", "\(k)/3", "-o", directory + "/shard-\(k)"]) == 0)
        }
        #expect(try Self.run(["merge", directory + "/shard-2", directory + "/shard-1", directory + "/shard-3", "-o", directory + "/merged"]) == 0)
        #expect(try Self.run(["population"] + common + ["--threads", "2", "-o", directory + "/single"]) == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory + "/single").sorted()
        #expect(names == ["excluded.csv", "men.csv", "quantiles-regimen.csv", "responders.csv"])
        for name in names {
            #expect(FileManager.default.contents(atPath: directory + "/merged/" + name)
                    == FileManager.default.contents(atPath: directory + "/single/" + name), "\(name)")
        }
    }
}
