import ArgumentParser
import Foundation
import Trial

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the shard folders of `hpgsim population --shard k/K` into the files of a single run.",
        discussion: """
            Every shard 1…K of the same run (same scenario files, patients file, seed and --n) must be given \
            once, in any order. The output is byte for byte what `hpgsim population` without --shard writes.

            Example:
              hpgsim merge shard-1 shard-2 shard-3 -o population/
            """)

    @Argument(help: ArgumentHelp("Shard output folders.", valueName: "dir"))
    var shards: [String] = []

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Output folder (created if needed).", valueName: "dir"))
    var output: String

    func run() throws {
        try OutputFolder.check(output)
        do {
            let tables = try PopulationMerge.merge(shards, into: output)
            print(PopulationSummary.text(tables, output: output))
        } catch let error as TrialError {
            print("hpgsim: \(error.description)", to: &standardError)
            throw ExitCode.failure
        }
    }
}
