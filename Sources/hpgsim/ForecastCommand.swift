import ArgumentParser
import Forecast
import Foundation
import HPG
import Population
import Scenario

struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Estimate one man's parameters from his labs and forecast every observable with an interval.",
        discussion: """
            The scenario gives the man (his patient block: what is known for certain, such as age and BMI), the \
            regimen he is on, how long to look ahead (simulation.duration) and a population block, whose spread \
            between men is the prior. LABS.csv holds his measured labs under that regimen (see \
            scenarios/forecast/README.md):

              time_d,observable,value,unit,cv_percent
              0,testosterone,262,ng/dL,
              42,estradiol,14.5,pg/mL,

            hpgsim finds his maximum a posteriori parameters (each lab with a proportional error of its \
            published within-subject CV, `hpgsim parameters`), their Laplace approximation, and samples the \
            posterior by importance sampling from it. It prints the estimates with 90 % intervals and the answers \
            to threshold questions (--when), and writes the forecast: per observable the estimate and the \
            5 %, 50 % and 95 % posterior quantiles on the scenario's output grid.

            Examples:
              hpgsim forecast scenarios/forecast/anastrozole-1mg-twice-weekly.yaml --labs scenarios/forecast/labs-example.csv
              hpgsim forecast S.yaml --labs L.csv --when "estradiol < 15 pg/mL" --when "T >= 300 ng/dL" -o f.csv
              hpgsim forecast S.yaml --labs L.csv --coverage 200   (synthetic men drawn from the prior, measured \
            as L.csv says: how often the 90 % interval holds the truth)
            """)

    @Argument(help: ArgumentHelp("The scenario (.yaml) with a population block.", valueName: "scenario"))
    var scenario: String

    @Option(help: ArgumentHelp("The man's measured labs (CSV).", valueName: "labs.csv"))
    var labs: String

    @Option(name: .customLong("when"), help: ArgumentHelp("""
        A threshold question, e.g. "estradiol < 15 pg/mL" (repeatable). Default: estradiol < 15 pg/mL and \
        T_E2_ratio > 10.
        """, valueName: "condition"))
    var questions: [String] = []

    @OptionGroup var sampling: PosteriorSampling

    @Option(help: ArgumentHelp("""
        Instead of forecasting the man of LABS.csv, check the forecast on this many synthetic men drawn from the \
        prior and measured at LABS.csv's times and labs (its values are not used).
        """, valueName: "men"))
    var coverage: Int?

    @Option(help: ArgumentHelp("""
        Instead of the man of LABS.csv, forecast synthetic man i of --coverage (drawn from the prior, measured at \
        LABS.csv's times and labs with their noise), with his true values beside the forecast.
        """, valueName: "i"))
    var synthetic: Int?

    @Option(help: ArgumentHelp("Also draw the forecast as an SVG figure here.", valueName: "file.svg"))
    var plot: String?

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("""
        The forecast CSV: a file, a device, or - for standard output. Default: <scenario-name>.forecast.csv.
        """, valueName: "path"))
    var output: String?

    func validate() throws {
        if let plot, !plot.hasSuffix(".svg") && plot != "-" {
            throw ValidationError("--plot \(plot): name an .svg file (or - for standard output).")
        }
        if let synthetic, synthetic < 0 { throw ValidationError("--synthetic \(synthetic) is not allowed; use 0 or more.") }
        if coverage != nil && synthetic != nil { throw ValidationError("--coverage and --synthetic are two different runs; give one.") }
        if let coverage, !(1...100_000).contains(coverage) {
            throw ValidationError("--coverage \(coverage) is not allowed; use 1 to 100000 men.")
        }
    }

    func run() throws {
        let scenario = try ScenarioFiles.load([self.scenario])[0]
        let (prior, measured) = try ForecastInputs.load(scenario, labs: labs)
        let conditions = try ForecastInputs.conditions(questions.isEmpty ? ["estradiol < 15 pg/mL", "T_E2_ratio > 10"] : questions,
                                                       option: "--when", observables: prior.plan.modelObservables)
        let settings = sampling.settings(defaultDraws: 200)
        if let coverage {
            try runCoverage(prior: prior, schedule: measured, men: coverage, settings: settings)
            return
        }
        let estimate: IndividualEstimate
        let forecast: IndividualForecast
        var truth: SyntheticMan?
        do {
            if let synthetic { truth = try SyntheticMan(synthetic, prior: prior, schedule: measured, seed: sampling.seed) }
            estimate = try IndividualEstimate(prior: prior, labs: truth?.labs ?? measured)
            forecast = try IndividualForecast(estimate, questions: conditions, settings: settings)
        } catch {
            print("hpgsim: \(labs): \(error)", to: &standardError)
            throw ExitCode.failure
        }
        let path = output ?? scenario.name + ".forecast.csv"
        do {
            try AtomicFile.write(ForecastReport.csv(forecast, truth: truth?.truth), to: path)
            if let plot { try AtomicFile.write(ForecastFigure.figure(estimate, forecast, truth: truth).svg, to: plot) }
        } catch {
            print("hpgsim: \(error.description). Nothing was written.", to: &standardError)
            throw ExitCode.failure
        }
        let summary = ForecastReport.text(estimate, forecast, truth: truth, csvPath: path == "-" ? "standard output" : path)
        if path == "-" { print(summary, to: &standardError) } else { print(summary) }
    }

    func runCoverage(prior: IndividualPrior, schedule: [LabMeasurement], men: Int,
                     settings: IndividualForecast.Settings) throws {
        let checked = ["testosterone", "estradiol", "T_E2_ratio", "LH"].filter { name in
            prior.plan.modelObservables.contains { $0.name == name }
        }
        let result = CoverageStudy.run(prior: prior, schedule: schedule, observables: checked, men: men, seed: sampling.seed,
                                       settings: settings, threads: sampling.threads)
        var table = TextTable(header: ["observable at the run's end", "men", "inside the 90 % interval", "95 % CI (Wilson)"])
        var total = Proportion(successes: 0, trials: 0)
        for name in checked {
            guard let p = result.covered[name] else { continue }
            total.successes += p.successes
            total.trials += p.trials
            let ci = p.wilson()
            table.append([name, "\(p.trials)", String(format: "%.1f %%", 100 * p.estimate),
                          String(format: "%.1f–%.1f %%", 100 * ci.low, 100 * ci.high)])
        }
        print("Coverage of the forecast's 90 % intervals on \(men) synthetic men (seed \(sampling.seed), \(settings.draws) draws each):")
        print(table.render(indent: "  "))
        print(String(format: "  all checks: %.1f %% of %d", 100 * total.estimate, total.trials))
        for failure in result.failures { print("  man \(failure.man) left out: \(failure.reason)") }
    }
}

/// The prior, the labs and the conditions of `forecast` and `recommend`, or their mistakes printed and exit 1.
enum ForecastInputs {
    /// `labs` nil: no labs (the prior alone).
    static func load(_ scenario: Scenario, labs: String?) throws -> (IndividualPrior, [LabMeasurement]) {
        let prior: IndividualPrior
        do { prior = try IndividualPrior(plan: try PopulationPlan(scenario)) } catch {
            print("hpgsim: \(error)", to: &standardError)
            throw ExitCode.failure
        }
        guard let labs else { return (prior, []) }
        do { return (prior, try LabsFile.read(labs, observables: prior.plan.modelObservables)) } catch {
            print("hpgsim found mistakes in the labs file, so nothing was estimated or written:\n", to: &standardError)
            for problem in error.problems { print(problem.description + "\n", to: &standardError) }
            throw ExitCode.failure
        }
    }

    static func conditions(_ texts: [String], option: String, observables: [ObservableSpec]) throws -> [LabCondition] {
        do {
            return try texts.map { text throws(LabCondition.ParseError) in try LabCondition(parsing: text, observables: observables) }
        } catch {
            print("hpgsim: \(option) \(error)", to: &standardError)
            throw ExitCode.validationFailure
        }
    }
}

/// `--draws`, `--seed` and `--threads` of `forecast` and `recommend`: how the posterior is sampled.
struct PosteriorSampling: ParsableArguments {
    @Option(help: ArgumentHelp("Posterior draws (default: 200 for forecast, 100 for recommend).", valueName: "n"))
    var draws: Int?

    @Option(help: ArgumentHelp("Seed of the draws' random streams.", valueName: "s"))
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Threads (the results do not depend on them).", valueName: "n"))
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if let draws, !(10...100_000).contains(draws) {
            throw ValidationError("--draws \(draws) is not allowed; use 10 to 100000.")
        }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1.") }
    }

    func settings(defaultDraws: Int) -> IndividualForecast.Settings {
        var settings = IndividualForecast.Settings()
        settings.draws = draws ?? defaultDraws
        settings.seed = seed
        settings.threads = threads
        return settings
    }
}
