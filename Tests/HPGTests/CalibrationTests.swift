import Foundation
import Testing
@testable import HPG

/// The documents' table (Shah 2021, anastrozole 1 mg daily, month 5): every simulated on-treatment value
/// within the tolerance of the reported one.
@Suite struct CalibrationTests {
    @Test func shah2021TableIsReproducedWithinTolerance() throws {
        let table = StudyTable.shah2021
        let simulated = try table.simulated()
        for (row, value) in zip(table.rows, simulated) {
            let error = value / row.onTreatment - 1
            #expect(abs(error) <= row.tolerance,
                    "\(row.observable): simulated \(value) vs reported \(row.onTreatment) \(row.unit) (\(error))")
        }
    }
}
