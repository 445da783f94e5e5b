import ArgumentParser
import Foundation
import HPG
import Population
import Scenario
import Trial

struct PopulationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "population",
        abstract: "Simulate virtual men (a scenario's population block) through one or more scenarios.",
        discussion: """
            Each man's covariates and between-subject factors come from his own random stream (Philox4x32-10 keyed \
            by the seed and his index), so any man can be regenerated alone and the output is the same bytes \
            whatever --threads and --shard. Several scenarios run on the same men (a paired comparison of \
            regimens). scenarios/README.md ("population") describes the block and the outputs.

            Writes into the output folder: men.csv (one row per man and scenario: covariates, baseline, \
            on-treatment values, response flags), excluded.csv (men left out, with the reason), responders.csv \
            (each target by subgroup with Wilson 95 % intervals), comparison.csv (paired differences and McNemar's \
            exact test, with two or more scenarios) and quantiles-<scenario>.csv (5/25/50/75/95 % per day); \
            with a monitoring block, decisions.csv (each man titrated on his own labs: one row per man, scenario \
            and draw, with the labs seen and the rule that fired).

            With --shard k/K only the k-th of K slices of the men is run, and the folder gets the shard's raw \
            records; `hpgsim merge` combines the K folders into exactly the files a single run writes.

            Examples:
              hpgsim population scenarios/populations/anastrozole-1mg-twice-weekly.yaml --n 1000 --seed 1 -o pop/
              hpgsim population scenarios/populations/*.yaml --n 10000 --seed 1 --shard 2/4 -o shard-2/
            """)

    @Argument(help: ArgumentHelp("Scenario files (.yaml); the first population block describes the men.", valueName: "scenario"))
    var scenarios: [String] = []

    @Option(name: .customLong("n"), help: ArgumentHelp("Number of men (with a patients file: its first N rows; default all).", valueName: "N"))
    var men: Int?

    @Option(help: ArgumentHelp("Seed of the random streams (0 to 2^64 − 1).", valueName: "S"))
    var seed: UInt64

    @Option(help: ArgumentHelp("Threads simulating men at once (default: the processor count).", valueName: "T"))
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Run only slice k of K of the men (1 ≤ k ≤ K), for `hpgsim merge`.", valueName: "k/K"))
    var shard: String?

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Output folder (created if needed).", valueName: "dir"))
    var output: String

    @Option(help: ArgumentHelp("""
        Relative tolerance of the integration (default: each scenario's simulation.rtol, else the model's \(formatNumber(HPGModel.relativeTolerance));         the absolute tolerance is the scenario's simulation.atol, else \(formatNumber(HPGModel.absoluteToRelativeTolerance)) times it).         Benchmarks/README.md shows what a looser one changes.
        """, valueName: "R"))
    var rtol: Double?

    func validate() throws {
        if let rtol, !ScenarioLoader.relativeToleranceRange.contains(rtol) {
            let range = ScenarioLoader.relativeToleranceRange
            throw ValidationError("--rtol \(formatNumber(rtol)) is not allowed; use \(formatNumber(range.lowerBound)) to \(formatNumber(range.upperBound)), e.g. 1e-6.")
        }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1.") }
        if let men, men < 1 { throw ValidationError("--n must be at least 1.") }
        if shard != nil && parsedShard == nil {
            throw ValidationError("--shard \(shard!) is not k/K with 1 ≤ k ≤ K, e.g. 2/4.")
        }
    }

    var parsedShard: (Int, Int)? {
        guard let shard else { return nil }
        let parts = shard.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, (1...parts[1]).contains(parts[0]) else { return nil }
        return (parts[0], parts[1])
    }

    func run() throws {
        guard !scenarios.isEmpty else {
            print(RunGuide.noScenarioGiven(command: "population"), to: &standardError)
            throw ExitCode.validationFailure
        }
        let loaded = try ScenarioFiles.load(try ScenarioFiles.expand(scenarios))
        try OutputFolder.check(output)
        let progress = ProgressBar(label: "men")
        do {
            let run = try PopulationRun(scenarios: loaded, seed: seed, men: men, relativeTolerance: rtol)
            if let (k, count) = parsedShard {
                let manifest = try run.runShard(k, of: count, threads: threads, into: output, progress: progress.update)
                progress.finish()
                print("shard \(k)/\(count): men \(manifest.range.lowerBound)–\(manifest.range.upperBound - 1) of \(manifest.men) in \(output)")
                return
            }
            // The one shard is an intermediate: removed when done, and by a signal (`TemporaryFiles`).
            let temporary = (output as NSString).appendingPathComponent(".population-shard-\(getpid())")
            let intermediates = [temporary] + run.shardFiles.map { (temporary as NSString).appendingPathComponent($0) }
            for path in intermediates { TemporaryFiles.register(path) }
            defer {
                try? FileManager.default.removeItem(atPath: temporary)
                for path in intermediates { TemporaryFiles.unregister(path) }
            }
            _ = try run.runShard(1, of: 1, threads: threads, into: temporary, progress: progress.update)
            progress.finish()
            let tables = try PopulationMerge.merge([temporary], into: output)
            print(PopulationSummary.text(tables, output: output))
        } catch let error as TrialError {
            progress.finish()
            print("hpgsim: \(error.description)", to: &standardError)
            throw ExitCode.failure
        }
    }
}

/// `-o` must be a folder or a name not taken: never a file, a device or a symbolic link.
enum OutputFolder {
    static func check(_ path: String) throws {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        let type = status.st_mode & S_IFMT
        guard type == S_IFDIR else {
            let what = type == S_IFLNK ? "a symbolic link" : type == S_IFREG ? "a file" : "not a folder"
            print("hpgsim: -o \(path) is \(what); give a folder or a new name. Nothing was written.", to: &standardError)
            throw ExitCode.failure
        }
    }
}

/// A one-line progress count on standard error, only when standard error is a terminal.
final class ProgressBar: @unchecked Sendable {
    let label: String
    let enabled = isatty(STDERR_FILENO) != 0
    private var shown = false

    init(label: String) { self.label = label }

    func update(_ done: Int, _ total: Int) {
        guard enabled else { return }
        let width = 30, filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        print("\r[\(bar)] \(done)/\(total) \(label)", terminator: "", to: &standardError)
        shown = true
    }

    func finish() {
        if shown { print("", to: &standardError); shown = false }
    }
}

/// The responder rates of all men, for the terminal; the files hold every subgroup.
enum PopulationSummary {
    static func text(_ tables: PopulationMerge.Tables, output: String) -> String {
        var lines = ["\(tables.simulated) men simulated, \(tables.excluded) left out (excluded.csv); results in \(output)",
                     "", "| scenario | target | responders | 95 % CI (Wilson) |", "|---|---|---|---|"]
        for (s, name) in tables.scenarios.enumerated() {
            for (t, target) in ResponseTarget.all.enumerated() {
                let p = tables.counts[s][t][0], ci = p.wilson()
                lines.append("| \(name) | \(target.description) | \(p.successes)/\(p.trials) "
                             + "(\(formatNumber(100 * p.estimate, significantDigits: 3)) %) | "
                             + "\(formatNumber(100 * ci.low, significantDigits: 3))–\(formatNumber(100 * ci.high, significantDigits: 3)) % |")
            }
        }
        return lines.joined(separator: "\n")
    }
}
