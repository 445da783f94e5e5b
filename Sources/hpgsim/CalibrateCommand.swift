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
            Every scenario given (default: scenarios/studies) with a `reported` block is a target set. The fit \
            starts from the shipped values (Sources/HPG/Calibrated.swift), prints the estimates with relative \
            standard errors, the parameters it cannot identify, the correlations, and each target simulated \
            against reported. With --write it writes the parameter file the model reads:
              hpgsim calibrate --write Sources/HPG/Calibrated.swift
            then rebuild. Rerunning from the written values reproduces them.
            """)

    @Argument(help: ArgumentHelp("Training scenario files or folders (default: scenarios/studies).", valueName: "path"))
    var paths: [String] = []

    @Option(help: "Write the fitted values as this Swift file (the model's parameter file).")
    var write: String?

    @Option(help: "Stop after this many Levenberg–Marquardt iterations.")
    var maxIterations = 40

    func run() throws {
        let files = try ScenarioFiles.expand(paths.isEmpty ? ["scenarios/studies"] : paths)
        let scenarios = try ScenarioFiles.load(files).filter { $0.reported != nil }
        let calibration = TrainingCalibration(scenarios: scenarios)
        let result = try calibration.fit(maxIterations: maxIterations)
        let values = result.estimates.map { exp($0) }
        print("Levenberg–Marquardt: \(result.iterations) iterations, \(result.residualEvaluations) residual evaluations, "
              + "stop: \(result.stopReason), cost ½Σr² \(String(format: "%.4g", result.cost)) over \(result.residuals.count) targets")
        print("\n| parameter | start | estimate | relative SE | identifiability |\n|---|---|---|---|---|")
        let flagged = Dictionary(result.uncertainty.flaggedParameters.map { ($0.parameter, $0.issues) }) { a, _ in a }
        for (k, name) in calibration.parameters.enumerated() {
            let issues = flagged[k].map { $0.map { "\($0)" }.joined(separator: "; ") } ?? "ok"
            print("| \(name) | \(String(format: "%.4g", calibration.start[k])) | \(String(format: "%.4g", values[k])) | "
                  + String(format: "%.3g", result.uncertainty.standardErrors[k]) + " | \(issues) |")
        }
        print("\nCorrelation of the log-parameters (rows and columns in the order above):")
        for i in calibration.parameters.indices {
            print(calibration.parameters.indices.map { String(format: "%+.2f", result.uncertainty.correlation[i, $0]) }
                .joined(separator: " "))
        }
        let comparisons = try calibration.comparisons(values)
        let passed = comparisons.filter(\.pass).count
        print("\nTargets within tolerance: \(passed) of \(comparisons.count)")
        for c in comparisons where !c.pass {
            print("  MISS \(c.scenario) \(c.observable) day \(String(format: "%g", c.timeDays)): reported "
                  + String(format: "%.4g, simulated %.4g (±%.0f %%)", c.reported, c.simulated, 100 * c.tolerance))
        }
        guard let write else { return }
        try AtomicFile.write(calibration.calibratedSource(values: values), to: write)
        print("\nwrote \(write); rebuild to use it")
    }
}
