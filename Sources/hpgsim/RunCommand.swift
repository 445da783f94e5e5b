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
            the extreme value; it does not change the exit status. A baseline lab the scenario did not give is \
            marked * (the model's steady state for this man); when other labs are given and such a value falls \
            outside healthy men's 95 % reference interval (\(RunSummary.exampleInterval), …), a note says so: give it if \
            it was measured. A scenario with a monitoring block (labs \
            drawn during treatment and rules that change the regimen on them) also writes NAME.decisions.csv \
            beside its table: each draw, the labs seen and simulated, the rule that fired and the new regimen.

            Examples:
              hpgsim run scenarios/anastrozole-shah-2021.yaml     (writes anastrozole-shah-2021.csv)
              hpgsim run scenarios/ -o results/
              hpgsim run scenarios/anastrozole-1mg-daily.yaml --units si -o daily-si.csv
              hpgsim run scenarios/anastrozole-1mg-daily.yaml -o - | head    (CSV on standard output)
              hpgsim run scenarios/anastrozole-1mg-daily.yaml --plot    (also anastrozole-1mg-daily.svg)

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

    @Option(name: .customLong("at"), help: ArgumentHelp("""
        Report every key observable at this time, e.g. "3 months" (repeatable).
        """, valueName: "time"))
    var reportTimes: [String] = []

    @Option(name: .customLong("when"), help: ArgumentHelp("""
        Report the first time a condition holds, e.g. "E2 < 15 pg/mL" or "T/E2 > 10" (repeatable).
        """, valueName: "condition"))
    var reportConditions: [String] = []

    @Flag(help: "Report steady-state trough, peak and average and the on-treatment and after-stopping phases.")
    var report = false

    @Flag(help: "Print the report (--at, --when, --report, or the scenario's report block) as JSON lines instead of the summary (the summary goes to standard error).")
    var json = false

    @Flag(help: ArgumentHelp("""
        Also draw each scenario as an SVG figure beside its CSV (same name, .svg): the central observables \
        the CSV has, doses, reported values and target bands, as `hpgsim plot` draws them.
        """))
    var plot = false

    @Option(help: ArgumentHelp("""
        Absolute tolerance of the integration, in each state's unit. Default: the scenario's simulation.atol, \
        else \(formatNumber(HPGModel.absoluteToRelativeTolerance)) times the relative tolerance.
        """, valueName: "a"))
    var atol: Double?

    func validate() throws {
        if plot, let output, output == "-" || Self.isStream(output) {
            throw ValidationError("--plot writes the figure beside the CSV file; with -o \(output) there is no file "
                                  + "to put it beside. Give a .csv name or a folder, or use hpgsim plot -o -.")
        }
        for text in reportTimes {
            guard case .success = Quantity.parse(text, dimensions: [.time]) else {
                throw ValidationError("--at \(text) is not a time; write a number and a unit, e.g. \"3 months\" or \"12 weeks\".")
            }
        }
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
                                       relativeTolerance: rtol, absoluteTolerance: atol, report: try reportSpec(for: $0))
        }
        for (result, path) in zip(results, destinations) {
            let decisionsPath = Self.decisionsPath(beside: path, scenario: result.scenario.name)
            do {
                try AtomicFile.write(result.csv.text, to: path)
                if let log = result.decisions { try AtomicFile.write(log.csv(units: result.units), to: decisionsPath) }
            } catch {
                print("hpgsim: \(error.description). Nothing more was written for \(result.scenario.name).", to: &standardError)
                throw ExitCode.failure
            }
            if plot {
                let figure = TrajectoryFigure.figure([result], observables: TrajectoryFigure.defaultObservables([result]))
                let svgPath = String(path.dropLast(".csv".count)) + ".svg"
                do {
                    try AtomicFile.write(figure.svg, to: svgPath)
                } catch {
                    print("hpgsim: \(error.description). \(path) was written, its figure was not.", to: &standardError)
                    throw ExitCode.failure
                }
            }
            if json, let report = result.report {
                print(ReportSummary.json(report, scenario: result.scenario.name))
            }
            // With the table or JSON on standard output, the summary goes to standard error.
            if path == "-" || json {
                print(RunSummary.text(result, csvPath: path == "-" ? "standard output" : path, decisionsPath: decisionsPath),
                      to: &standardError)
            } else {
                print(RunSummary.text(result, csvPath: path, decisionsPath: decisionsPath))
            }
        }
    }

    /// The scenario's report block with the command line's --at, --when and --report added; nil when neither asks.
    func reportSpec(for scenario: Scenario) throws -> ReportSpec? {
        guard report || json || !reportTimes.isEmpty || !reportConditions.isEmpty || scenario.report != nil else { return nil }
        var spec = scenario.report ?? ReportSpec(steadyState: report, phases: report)
        if report { spec.steadyState = true; spec.phases = true }
        for text in reportTimes {
            guard case let .success(time) = Quantity.parse(text, dimensions: [.time]) else { continue }
            guard time.baseValue >= 0 && time.baseValue <= scenario.simulation.duration else {
                print("hpgsim: --at \(text) is outside \(scenario.name)'s run (0 to \(formatNumber(scenario.simulation.duration / 24)) d).",
                      to: &standardError)
                throw ExitCode.validationFailure
            }
            spec.at.append(time.baseValue)
        }
        let observables = try HPGModel.observables(forDrugs: scenario.regimens.map(\.drug))
        for text in reportConditions {
            do { spec.when.append(try LabCondition(parsing: text, observables: observables)) } catch {
                print("hpgsim: --when \(error)", to: &standardError)
                throw ExitCode.validationFailure
            }
        }
        return spec
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

    /// Where a monitored scenario's decisions go: beside its CSV (`x.csv` → `x.decisions.csv`); with the
    /// table on standard output or a device, `<scenario>.decisions.csv` in the current folder.
    static func decisionsPath(beside path: String, scenario: String) -> String {
        guard path.hasSuffix(".csv"), !isStream(path) else { return scenario + ".decisions.csv" }
        return String(path.dropLast(4)) + ".decisions.csv"
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
