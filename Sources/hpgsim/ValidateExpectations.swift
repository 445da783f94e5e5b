import ArgumentParser
import Scenario

extension ScenarioFiles {
    static func checkExpectations(_ scenario: Scenario) throws -> [ExpectationResult] {
        do {
            return try scenario.checkExpectations()
        } catch {
            print("hpgsim: checking the expectations of \(scenario.file) failed: \(error)", to: &standardError)
            throw ExitCode.failure
        }
    }
}

extension ValidateSummary {
    /// The `expect` checks: one row each, then how many hold.
    static func text(_ results: [ExpectationResult]) -> String {
        let passed = results.filter(\.pass).count
        return ExpectationReport.table(results).render() + "\n\n\(passed) of \(results.count) expected directions hold"
            + (passed == results.count ? "." : "; \(results.count - passed) FAIL.")
    }
}
