import ArgumentParser
import Foundation
import Plot
import Scenario

/// `hpgsim plot`: SVG figures of scenarios, of a population folder, or of simulated against reported.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw scenarios, a population or the validation as an SVG figure.",
        discussion: """
            Three figures, each one SVG file (no script, viewable in any browser or image viewer; the same \
            input gives the same bytes):

            Scenarios (the default): each scenario is simulated as `run` simulates it and drawn over time, one \
            panel per observable (default: \(TrajectoryFigure.central.joined(separator: ", ")), those the model \
            has), several scenarios overlaid in their own colours. Doses are ticks along the top of each panel, \
            the values a study reported (the scenario's `reported` block) are points with their tolerance as \
            error bars, and the goals of the responder analysis (testosterone ≥ 300 ng/dL, estradiol 15–40 \
            pg/mL, T/E2 ≥ 10) are shaded target bands. Time is in days, or in weeks beyond \
            \(Int(TrajectoryFigure.daysBeforeWeeks)) days.

            --population DIR: fan charts from the quantiles-<scenario>.csv files of an `hpgsim population` \
            (or `merge`) output folder: 5–95 % and 25–75 % bands and the median over the men, one row per \
            scenario.

            --validation [PATH ...]: every value the scenarios' `reported` blocks hold, simulated against \
            reported on log–log axes with the identity line and a ±20 % band (default: the scenarios \
            `hpgsim validate` reads).

            Examples:
              hpgsim plot scenarios/anastrozole-1mg-daily.yaml               (writes anastrozole-1mg-daily.svg)
              hpgsim plot scenarios/anastrozole-1mg-daily.yaml scenarios/anastrozole-0.5mg-twice-weekly.yaml -o compare.svg
              hpgsim plot scenarios/anastrozole-shah-2021.yaml --observables E2,T/E2,LH -o -
              hpgsim plot --population results/ -o fan.svg
              hpgsim plot --validation scenarios/studies -o validation.svg

            The file is written whole or not at all (a temporary file renamed over the target); -o - writes \
            to standard output.
            """)

    @Argument(help: ArgumentHelp("Scenario files (.yaml) or folders of them.", valueName: "scenario"))
    var scenarios: [String] = []

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("""
                Where to write: a .svg file, a folder (created if needed; the file is named after the scenario, \
                or plot.svg, population.svg, validation.svg), a device or FIFO, or - for standard output. \
                Default: the current folder.
                """, valueName: "path"))
    var output: String?

    @Option(help: ArgumentHelp("""
        Observables to draw, comma-separated, one panel each (clinical shorthand such as E2, T, T/E2 is read \
        as in scenario files). `hpgsim list observables` lists them.
        """, valueName: "a,b,..."))
    var observables: String?

    @Option(help: ArgumentHelp("Draw fan charts from this `hpgsim population` output folder.", valueName: "folder"))
    var population: String?

    @Flag(help: "Draw simulated against reported for the scenarios given (default: those `hpgsim validate` reads).")
    var validation = false

    func validate() throws {
        if population != nil && validation {
            throw ValidationError("--population and --validation draw different figures; give one of them.")
        }
        if population != nil && !scenarios.isEmpty {
            throw ValidationError("--population draws the folder's quantile tables; give no scenario files with it.")
        }
        if validation && observables != nil {
            throw ValidationError("--observables chooses panels of time courses; --validation draws every reported value.")
        }
        if let observables, names(observables).isEmpty {
            throw ValidationError("--observables \"\(observables)\" names no observable; give e.g. testosterone,estradiol")
        }
    }

    func names(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run() throws {
        let figure: Figure
        let name: String
        if let population {
            figure = try populationFigure(population)
            name = "population"
        } else if validation {
            figure = try validationFigure()
            name = "validation"
        } else {
            guard !scenarios.isEmpty else {
                print(RunGuide.noScenarioGiven(command: "plot"), to: &standardError)
                throw ExitCode.validationFailure
            }
            let loaded = try ScenarioFiles.load(try ScenarioFiles.expand(scenarios))
            figure = try trajectoryFigure(loaded)
            name = loaded.count == 1 ? loaded[0].name : "plot"
        }
        try FigureOutput.write(figure.svg, to: try FigureOutput.path(output, defaultName: name + ".svg"))
    }

    func populationFigure(_ folder: String) throws -> Figure {
        do {
            var tables: [PopulationFigure.Quantiles] = []
            for file in try PopulationFigure.files(in: folder) { tables.append(try PopulationFigure.read(file)) }
            return try PopulationFigure.figure(tables, observables: observables.map(names))
        } catch {
            print("hpgsim: \(error.description). Nothing was written.", to: &standardError)
            throw ExitCode.failure
        }
    }

    func validationFigure() throws -> Figure {
        let loaded = try ScenarioFiles.load(try ScenarioFiles.expand(scenarios.isEmpty ? ScenarioFiles.validatedByDefault : scenarios))
        let compared = loaded.filter { $0.reported != nil }
        var comparisons: [Comparison] = []
        for scenario in compared { comparisons += try ScenarioFiles.simulate(scenario, units: scenario.output.units).comparisons }
        guard !comparisons.isEmpty else {
            print("hpgsim: none of the \(loaded.count) scenarios has a `reported` block, so there is nothing to "
                  + "compare; give scenarios with one (e.g. scenarios/studies).", to: &standardError)
            throw ExitCode.failure
        }
        return ValidationFigure.figure(comparisons, scenarioCount: compared.count)
    }

    /// Every observable is simulated, whatever the scenario's output block lists for its CSV; in SI units when
    /// every scenario asks for them, else in conventional ones (one axis, one unit).
    func trajectoryFigure(_ loaded: [Scenario]) throws -> Figure {
        let units: UnitSystem = loaded.allSatisfy { $0.output.units == .si } ? .si : .conventional
        var results: [ScenarioResult] = []
        for scenario in loaded {
            var all = scenario
            all.output.observables = []
            results.append(try ScenarioFiles.simulate(all, units: units))
        }
        return TrajectoryFigure.figure(results, observables: try chosenObservables(results))
    }

    /// The --observables names (aliases read as their words), each a column of every result; else the default.
    func chosenObservables(_ results: [ScenarioResult]) throws -> [String] {
        guard let observables else { return TrajectoryFigure.defaultObservables(results) }
        let available = results[0].csv.columns.map(\.name).filter { name in
            results.allSatisfy { $0.csv.columns.contains { $0.name == name } }
        }
        return try names(observables).map { word in
            guard let name = ScenarioCatalog.canonicalName(word, among: available) else {
                print("hpgsim: --observables \(word) is not an observable of "
                      + (results.count == 1 ? "the scenario" : "every scenario given") + "; use one of "
                      + available.joined(separator: ", ") + ".", to: &standardError)
                throw ExitCode.validationFailure
            }
            return name
        }
    }
}

/// Where a figure goes and writing it whole.
enum FigureOutput {
    /// `-o` as given when it names a .svg file, a stream or standard output; a folder (created) with
    /// `defaultName` in it; nothing: `defaultName` in the current folder.
    static func path(_ output: String?, defaultName: String) throws -> String {
        guard let output else { return defaultName }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory)
        if output == "-" || RunCommand.isStream(output) || output.hasSuffix(".svg") && !isDirectory.boolValue {
            return output
        }
        if exists && !isDirectory.boolValue {
            print("hpgsim: -o \(output) is an existing file that is not a .svg; give a .svg name or a folder.",
                  to: &standardError)
            throw ExitCode.validationFailure
        }
        let suffix = (output as NSString).pathExtension
        if !exists && !suffix.isEmpty {
            print("hpgsim: -o \(output) names a .\(suffix) file, but figures are SVG; give a .svg name or a folder.",
                  to: &standardError)
            throw ExitCode.validationFailure
        }
        if !exists {
            do {
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            } catch {
                print("hpgsim: cannot create the folder \(output): \(error.localizedDescription)", to: &standardError)
                throw ExitCode.failure
            }
        }
        return (output as NSString).appendingPathComponent(defaultName)
    }

    static func write(_ svg: String, to path: String) throws {
        do {
            try AtomicFile.write(svg, to: path)
        } catch {
            print("hpgsim: \(error.description). Nothing was written.", to: &standardError)
            throw ExitCode.failure
        }
        if path != "-" && !RunCommand.isStream(path) { print("wrote \(path)") }
    }
}
