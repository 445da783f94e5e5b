import Foundation
import Testing
@testable import Dosing
import ODE

/// Transient doses against closed forms, to 1e-9 relative.
@Suite struct TransientDoseTests {
    let cl = 2.0, v = 10.0
    var k: Double { cl / v }

    @Test func oneCompartmentBolusWithAdditionalDoses() throws {
        let engine = DosingEngine(model: tightModel("pk1cmt"))
        let times = stride(from: 0.5, through: 60, by: 0.5).map { $0 }
        let records = [EventRecord.dose(100, at: 0, interval: 12, additionalDoses: 3)] + times.map { .observation(at: $0) }
        let result = try engine.simulate(records: records, parameters: ["CL": cl, "V": v])
        #expect(result.recordStates[0][0] == 100)   // the dose row shows the value just after the dose
        for (i, t) in times.enumerated() {
            let expected = (0...3).map { ClosedForm.bolus(100, k: k, t - 12 * Double($0)) }.reduce(0, +)
            #expect(relativeError(result.recordStates[i + 1][0], expected) < 1e-9, "t = \(t)")
            #expect(relativeError(result.recordOutputs[i + 1][0], expected / v) < 1e-9)   // CP = A1/V
        }
    }

    @Test func infusionWithAdditionalDosesAndDenseOutput() throws {
        let engine = DosingEngine(model: tightModel("pk1cmt"))
        // 50 units at 20/h (2.5 h) every 8 h, four doses; outputs between events come from dense output.
        let records = [EventRecord.dose(50, at: 0, rate: 20, interval: 8, additionalDoses: 3),
                       .observation(at: 40)]
        let grid = stride(from: 0.0, through: 40, by: 0.25).map { $0 }
        let result = try engine.simulate(records: records, parameters: ["CL": cl, "V": v], outputTimes: grid)
        for (i, t) in grid.enumerated() {
            let expected = (0...3).map { ClosedForm.infusion(rate: 20, duration: 2.5, k: k, t - 8 * Double($0)) }
                .reduce(0, +)
            #expect(abs(result.outputStates[i][0] - expected) <= 1e-9 * max(expected, 1e-3), "t = \(t)")
        }
    }
}
