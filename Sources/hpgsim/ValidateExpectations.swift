import ArgumentParser
import Foundation
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

extension ScenarioFiles {
    /// What `hpgsim validate` checks with no paths: scenarios/ and its drugs/, combinations/ and conditions/
    /// folders (the ones that exist).
    static var validatedByDefault: [String] {
        ["scenarios"] + ["drugs", "combinations", "conditions"].map { "scenarios/" + $0 }
            .filter { FileManager.default.fileExists(atPath: $0) }
    }
}
