import Foundation
import Testing
@testable import HPG

/// The documents' table (Shah 2021, anastrozole 1 mg daily, month 5): every simulated on-treatment value
/// within the issue's tolerance of the reported one.
@Suite struct CalibrationTests {
    @Test func shah2021TableIsReproducedWithinTolerance() throws {
        let table = StudyTable.shah2021
        let simulated = try table.simulated()
        for (row, value) in zip(table.rows, simulated) {
            let error = value / row.onTreatment - 1
            let comment: Comment = "\(row.observable): simulated \(value) vs reported \(row.onTreatment) \(row.unit) (\(error))"
            if row.observable == "total_motile_count" {
                // The cohort's concentration rose ×1.82 and its total motile count ×1.40; the model moves both by
                // one factor, and the joint fit (pulled up by the other sperm targets) puts it at about ×1.65,
                // total motile count about 17 % high (issue 9, notebooks-md/calibration.md).
                withKnownIssue(comment) { #expect(abs(error) <= row.tolerance) }
            } else if row.observable == "testosterone" {
                // The joint fit with the whole conditions table and the Kley ratio as checks, the 24-h gel and
                // acyline's castrating blockade puts month-5 T about 12 % high (463 against 412 ng/dL): Shah's T
                // peaked in month 1 and declined, and the model's T stays near its month-1 level (issue 9,
                // notebooks-md/calibration.md).
                withKnownIssue(comment, isIntermittent: true) { #expect(abs(error) <= row.tolerance) }
            } else {
                #expect(abs(error) <= row.tolerance, comment)
            }
        }
    }
}
