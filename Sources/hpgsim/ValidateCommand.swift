import ArgumentParser
import Foundation
import Scenario

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the simulation against what studies reported.",
        discussion: """
            Also checks the directions and rankings stated in `expect` blocks (rises, falls, below another \
            scenario …), one table row per check.

            Runs every scenario that has a `reported` block (values a study measured at baseline, on \
            treatment and at other time points) and prints one table: each reported value with its evidence tag \
            (A read in the study, S secondary source, D derived by unit conversion, U uncertain), the simulated \
            value in the same unit (a change from day 0 as a change of the simulated man from his own day 0), \
            the difference, the allowed tolerance, and pass or MISS. Scenarios without a `reported` block are \
            read and simulated exactly as `run` would (so a file validate accepts is one run accepts) but not \
            compared.

            Examples:
              hpgsim validate                      (every scenario in scenarios/)
              hpgsim validate scenarios/anastrozole-shah-2021.yaml
              hpgsim validate --json > comparisons.jsonl

            Exit status: 0 when every value is within its tolerance; 1 when any value misses, or when a file \
            cannot be read or has mistakes (the message says which).
            """)

    @Argument(help: ArgumentHelp("Scenario files or folders of them (default: scenarios/ and its drugs/, combinations/, conditions/).", valueName: "path"))
    var paths: [String] = []

    @Flag(help: """
        Print one JSON object per line for each compared value (keys: scenario, observable, time_days, \
        reported, simulated, unit, tolerance as a fraction of the reported value, pass; also timepoint, \
        from_days, to_days, source, kind (absolute or change; a change's reported and simulated are ratios to \
        day 0), evidence, log_residual = ln(simulated/reported), weight = 1/ln(1 + tolerance)) instead of the \
        table; then one per expectation checked (keys include expectation), and one per plausibility warning \
        of a compared scenario (keys warning = plausibility, scenario, observable, side, bound, unit, \
        first_days, extreme, extreme_days, reason). Warnings do not change the exit status.
        """)
    var json = false

    func run() throws {
        let scenarios = try ScenarioFiles.load(try ScenarioFiles.expand(paths.isEmpty ? ScenarioFiles.validatedByDefault : paths))
        let compared = scenarios.filter { $0.reported != nil }
        var comparisons: [Comparison] = [], warnings: [PlausibilityWarning] = []
        // Every scenario is simulated, as `run` would, so a file validate passes is one run accepts.
        for scenario in scenarios {
            let result = try ScenarioFiles.simulate(scenario, units: scenario.output.units)
            guard scenario.reported != nil else { continue }
            comparisons += result.comparisons
            warnings += result.warnings
        }
        let expectations = try scenarios.flatMap { try ScenarioFiles.checkExpectations($0) }
        if json {
            for comparison in comparisons { print(ComparisonReport.jsonLine(comparison)) }
            for result in expectations { print(ExpectationReport.jsonLine(result)) }
            for warning in warnings { print(warning.jsonLine) }
        } else {
            print(ValidateSummary.text(comparisons, scenarios: scenarios, compared: compared))
            if !expectations.isEmpty { print("\n" + ValidateSummary.text(expectations)) }
            if !warnings.isEmpty {
                print("\n" + PlausibilitySummary.lines(warnings, showScenario: true).joined(separator: "\n"))
            }
        }
        if comparisons.contains(where: { !$0.pass }) || expectations.contains(where: { !$0.pass }) { throw ExitCode.failure }
    }
}

enum ValidateSummary {
    static func text(_ comparisons: [Comparison], scenarios: [Scenario], compared: [Scenario]) -> String {
        guard !compared.isEmpty else {
            return "None of the \(scenarios.count) scenario files has a `reported` block, so there is nothing to " +
                "compare. (Each file was read and simulated without a mistake.)"
        }
        let passed = comparisons.filter(\.pass).count
        let uncertainMisses = comparisons.filter { !$0.pass && $0.evidence == .U }.count
        let sources = Set(compared.compactMap { $0.reported.map { "\($0.source)" } }).sorted()
        return [
            ComparisonReport.table(comparisons, showScenario: true).render(),
            "",
            "\(passed) of \(comparisons.count) reported values are within tolerance"
                + (passed == comparisons.count ? "." : "; \(comparisons.count - passed) MISS"
                   + (uncertainMisses > 0 ? " (\(uncertainMisses) of them uncertain [U] targets)." : ".")),
            "Sources: " + sources.joined(separator: "; "),
            "Not compared (no reported block): \(scenarios.count - compared.count) of \(scenarios.count) scenarios.",
        ].joined(separator: "\n")
    }
}
