import ArgumentParser
import Dosing
import Foundation
import HPG
import ODE
import Scenario

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate scenario files and write each one's time course as a CSV table.",
        discussion: """
            A scenario file (YAML) describes a patient, the drugs he takes (dose, how often, for how long) and \
            how long to simulate; scenarios/README.md explains every key with examples. For each scenario, \
            hpgsim writes one CSV file (first column: time in days; one column per hormone and drug \
            concentration, named with its unit, e.g. testosterone_ng_per_dL) and prints a short summary: each \
            value at baseline and on treatment, and, when the scenario lists what a study reported, the \
            simulated against the reported values. A value that leaves its physiological bounds (e.g. total \
            testosterone above 3000 ng/dL) is a warning under the summary, with the day it first happened and \
            the extreme value; it does not change the exit status.

            Examples:
              hpgsim run scenarios/anastrozole-shah-2021.yaml     (writes anastrozole-shah-2021.csv)
              hpgsim run scenarios/ -o results/
              hpgsim run scenarios/anastrozole-1mg-daily.yaml --units si -o daily-si.csv
              hpgsim run scenarios/anastrozole-1mg-daily.yaml -o - | head    (CSV on standard output)

            Nothing is written when a scenario has a mistake: every mistake is listed with its line number, \
            and the exit status is non-zero. A CSV is never left half-written: it is written to a temporary \
            file that is renamed over the target. A device or FIFO given to -o (/dev/null, a named pipe) is \
            written in place, and a symbolic link is followed to its target (a link to nothing is refused).
            """)

    @Argument(help: ArgumentHelp("Scenario files to simulate (.yaml), or folders of them.", valueName: "scenario"))
    var scenarios: [String] = []

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("""
                Where to write: a .csv file name, a device or FIFO, or - for standard output (one scenario \
                only), or a folder (created if needed). Default: the current folder, one <scenario-name>.csv \
                per scenario.
                """, valueName: "path"))
    var output: String?

    @Option(help: ArgumentHelp("""
        Units of the hormone columns: conventional (ng/dL, pg/mL) or si (nmol/L, pmol/L). Default: the \
        scenario's output.units, else conventional.
        """, valueName: "units"))
    var units: UnitSystem?

    @Option(help: ArgumentHelp("""
        ODE method for the model, one of \(Method.all.map(\.name).joined(separator: ", ")). Default: the \
        scenario's simulation.method, else the model's default (\(HPGModel.defaultMethod.name)).
        """, valueName: "method"))
    var method: String?

    @Option(help: ArgumentHelp("""
        Solver steps allowed per run besides \(DosingEngine.stepsPerDose) per dose (long pulsatile regimens \
        need no setting). Default: the scenario's simulation.max_steps, else \(SolverOptions().maxSteps).
        """, valueName: "n"))
    var maxSteps: Int?

    @Option(help: ArgumentHelp("""
        Relative tolerance of the integration. Default: the scenario's simulation.rtol, else the model's \
        \(formatNumber(HPGModel.relativeTolerance)).
        """, valueName: "r"))
    var rtol: Double?

    @Option(help: ArgumentHelp("""
        Absolute tolerance of the integration, in each state's unit. Default: the scenario's simulation.atol, \
        else \(formatNumber(HPGModel.absoluteToRelativeTolerance)) times the relative tolerance.
        """, valueName: "a"))
    var atol: Double?

    func validate() throws {
        for (option, value, range) in [("--rtol", rtol, ScenarioLoader.relativeToleranceRange),
                                       ("--atol", atol, ScenarioLoader.absoluteToleranceRange)] {
            if let value, !range.contains(value) {
                throw ValidationError("\(option) \(formatNumber(value)) is not allowed; use \(formatNumber(range.lowerBound)) to \(formatNumber(range.upperBound)).")
            }
        }
        if let maxSteps, !(1...ScenarioLoader.maximumSolverSteps).contains(maxSteps) {
            throw ValidationError("--max-steps \(maxSteps) is not allowed; use 1 to \(ScenarioLoader.maximumSolverSteps).")
        }
        if let method, Method.named(method) == nil {
            throw ValidationError("--method \(method) is not a method hpgsim has; use one of "
                                  + Method.all.map(\.name).joined(separator: ", ") + ".")
        }
    }

    func run() throws {
        guard !scenarios.isEmpty else {
            print(RunGuide.noScenarioGiven(command: "run"), to: &standardError)
            throw ExitCode.validationFailure
        }
        let loaded = try ScenarioFiles.load(try ScenarioFiles.expand(scenarios))
        let destinations = try outputPaths(for: loaded)
        // Simulate everything first, so a failing scenario leaves no CSV of the others behind either.
        let results = try loaded.map {
            try ScenarioFiles.simulate($0, units: units ?? $0.output.units, method: method, maxSteps: maxSteps,
                                       relativeTolerance: rtol, absoluteTolerance: atol)
        }
        for (result, path) in zip(results, destinations) {
            do {
                try AtomicFile.write(result.csv.text, to: path)
            } catch {
                print("hpgsim: \(error.description). Nothing was written for \(result.scenario.name).", to: &standardError)
                throw ExitCode.failure
            }
            // With the table on standard output (-o -), the summary goes to standard error.
            if path == "-" {
                print(RunSummary.text(result, csvPath: "standard output"), to: &standardError)
            } else {
                print(RunSummary.text(result, csvPath: path))
            }
        }
    }

    /// One CSV path per scenario: `-o` as a file (one scenario) or a folder, else the current folder.
    func outputPaths(for scenarios: [Scenario]) throws -> [String] {
        let names = scenarios.map { $0.name + ".csv" }
        if let repeated = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            print("hpgsim: two scenario files would both write \(repeated); run them separately with -o.",
                  to: &standardError)
            throw ExitCode.validationFailure
        }
        guard let output else { return names }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory)
        if output.hasSuffix(".csv") && !isDirectory.boolValue || output == "-" || Self.isStream(output) {
            guard scenarios.count == 1 else {
                print("hpgsim: -o \(output) names one file or stream, but \(scenarios.count) scenarios were given. " +
                      "Give a folder instead, e.g. -o results/", to: &standardError)
                throw ExitCode.validationFailure
            }
            return [output]
        }
        if !exists {
            do {
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            } catch {
                print("hpgsim: cannot create the folder \(output): \(error.localizedDescription)", to: &standardError)
                throw ExitCode.failure
            }
        } else if !isDirectory.boolValue {
            print("hpgsim: -o \(output) is an existing file that is not a .csv; give a .csv name or a folder.",
                  to: &standardError)
            throw ExitCode.validationFailure
        }
        return names.map { (output as NSString).appendingPathComponent($0) }
    }

    /// A character device or FIFO (after following links), e.g. /dev/null, /dev/stdout or a named pipe:
    /// written in place as one file (`AtomicFile`).
    static func isStream(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return false }
        return (status.st_mode & S_IFMT) == S_IFCHR || (status.st_mode & S_IFMT) == S_IFIFO
    }
}

extension UnitSystem: ExpressibleByArgument {}
