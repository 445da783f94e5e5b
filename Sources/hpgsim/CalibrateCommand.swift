import ArgumentParser
import Fitting
import Foundation
import HPG
import Scenario

struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit the calibrated parameters jointly to the training studies (Levenberg–Marquardt on weighted log ratios).",
        discussion: """
            Every scenario given (default: scenarios/studies and scenarios/studies/physiology) with a `reported` \
            or `expect` block is a target set. The fit starts from the shipped values (Sources/HPG/Calibrated.swift), \
            prints the estimates with relative standard errors, the parameters it cannot identify, the \
            correlations, the cost ½Σr² by part (the reported values, the part of each beyond its tolerance, \
            the Kley ratio, the expect checks, the priors), and each target simulated against reported, a missed \
            one with its share of the cost (what holds the fit where). With --write it writes the parameter file \
            the model reads:
              hpgsim calibrate --write Sources/HPG/Calibrated.swift
            then rebuild. Rerunning from the written values reproduces them. --max-iterations 0 evaluates the \
            shipped values (standard errors, correlations) without moving them. --leave-out t03 fits without the \
            files whose names start with t03 and reports how the fit predicts them (cross-validation).
            """)

    @Argument(help: ArgumentHelp("Training scenario files or folders (default: scenarios/studies, scenarios/studies/physiology).",
                                 valueName: "path"))
    var paths: [String] = []

    @Option(help: "Write the fitted values as this Swift file (the model's parameter file).")
    var write: String?

    @Option(help: "Stop after this many Levenberg–Marquardt iterations (0: evaluate the shipped values).")
    var maxIterations = 40

    @Option(help: "Leave out the scenario files whose names start with this prefix, and predict them.")
    var leaveOut: String?

    @Flag(help: "JSON lines: one per parameter, then one per target of the fit (or of the left-out files).")
    var json = false

    func run() throws {
        let files = try ScenarioFiles.expand(paths.isEmpty ? ["scenarios/studies", "scenarios/studies/physiology"] : paths)
        let all = try ScenarioFiles.load(files).filter { $0.reported != nil || !$0.expect.isEmpty }
        let heldOut = all.filter { name in leaveOut.map { name.name.hasPrefix($0) } ?? false }
        let training = all.filter { name in !(leaveOut.map { name.name.hasPrefix($0) } ?? false) }
        guard leaveOut == nil || !heldOut.isEmpty else {
            throw ValidationError("no scenario file name starts with \"\(leaveOut!)\"; names: \(all.map(\.name).joined(separator: ", "))")
        }
        let calibration = TrainingCalibration(scenarios: training)
        let (result, shipped, keptStart) = try calibration.fit(maxIterations: maxIterations)
        // Cross-validation predicts from the refit itself, never from the kept start.
        let values = leaveOut == nil ? shipped : calibration.bounded(result.estimates)
        let predicted = TrainingCalibration(scenarios: leaveOut == nil ? training : heldOut)
        let comparisons = try predicted.comparisons(values)
        let checks = try predicted.expectations(values)
        if json {
            printJSON(calibration, result, values, comparisons, checks)
        } else {
            try printText(calibration, result, values, comparisons, checks)
            if keptStart && maxIterations > 0 {
                print("\nThe fit lowered the cost by less than \(TrainingCalibration.keepTolerance) of it: the starting values are the optimum and are kept.")
            }
        }
        guard let write else { return }
        try AtomicFile.write(calibration.calibratedSource(values: values), to: write)
        print("\nwrote \(write); rebuild to use it")
    }

    func printText(_ calibration: TrainingCalibration, _ result: FitResult, _ values: [Double],
                   _ comparisons: [Comparison], _ checks: [ExpectationResult]) throws {
        print("Levenberg–Marquardt: \(result.iterations) iterations, \(result.residualEvaluations) residual evaluations, "
              + "stop: \(result.stopReason), cost ½Σr² \(String(format: "%.4g", result.cost)) over \(result.residuals.count) residuals")
        print("Cost by part: " + (try calibration.residualParts(logValues: result.estimates)).map { part, r in
            "\(part) " + String(format: "%.4g", r.reduce(0) { $0 + $1 * $1 } / 2) + " (\(r.count))"
        }.joined(separator: ", "))
        print("\n| parameter | start | estimate | relative SE | identifiability |\n|---|---|---|---|---|")
        for (k, name) in calibration.parameters.enumerated() {
            print("| \(name) | \(String(format: "%.4g", calibration.start[k])) | \(String(format: "%.4g", values[k])) | "
                  + String(format: "%.3g", result.uncertainty.standardErrors[k]) + " | \(issues(result, k)) |")
        }
        print("\nCorrelation of the log-parameters (rows and columns in the order above):")
        for i in calibration.parameters.indices {
            print(calibration.parameters.indices.map { String(format: "%+.2f", result.uncertainty.correlation[i, $0]) }
                .joined(separator: " "))
        }
        let what = leaveOut.map { "left-out files \($0)*" } ?? "the fit"
        print("\nTargets of \(what) within tolerance: \(comparisons.filter(\.pass).count) of \(comparisons.count)")
        for c in comparisons where !c.pass {
            print("  MISS \(c.scenario) \(c.observable) \(c.timepoint): reported "
                  + String(format: "%.4g, simulated %.4g (±%.0f %%), cost %.3g", c.reported, c.simulated, 100 * c.tolerance,
                           TrainingCalibration.cost(of: c)))
        }
        print("Expect checks of \(what) holding: \(checks.filter(\.pass).count) of \(checks.count)")
        for c in checks where !c.pass {
            print("  FAIL \(c.scenario) \(c.observable) \(c.relation.label): " + String(format: "%.4g vs bound %.4g", c.value, c.bound))
        }
    }

    func printJSON(_ calibration: TrainingCalibration, _ result: FitResult, _ values: [Double],
                   _ comparisons: [Comparison], _ checks: [ExpectationResult]) {
        for (k, name) in calibration.parameters.enumerated() {
            print(JSONText.object([
                "parameter": JSONText.string(name), "start": JSONText.number(calibration.start[k]),
                "estimate": JSONText.number(values[k]), "relative_se": JSONText.number(result.uncertainty.standardErrors[k]),
                "identifiability": JSONText.string(issues(result, k)),
                "correlation": JSONText.array(calibration.parameters.indices.map { result.uncertainty.correlation[k, $0] }),
            ]))
        }
        for c in comparisons { print(ComparisonReport.jsonLine(c)) }
        for c in checks { print(ExpectationReport.jsonLine(c)) }
    }

    /// "ok", or the identifiability issues of parameter k.
    func issues(_ result: FitResult, _ k: Int) -> String {
        guard let flagged = result.uncertainty.flaggedParameters.first(where: { $0.parameter == k }) else { return "ok" }
        return flagged.issues.map { issue in
            switch issue {
            case .weakDirection(let direction, let loading): "weak direction \(direction) (loading \(String(format: "%.2f", loading)))"
            case .correlated(let other, let r): "correlated with #\(other + 1) (\(String(format: "%+.3f", r)))"
            case .largeStandardError(let relative): "SE \(String(format: "%.2g", relative))"
            }
        }.joined(separator: "; ")
    }
}
