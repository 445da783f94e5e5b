import Foundation
import Testing
@testable import Dosing
import ODE

/// `stopTimes`: the integrator ends a step there and nothing else happens, so the solution keeps its closed
/// form, and two runs whose doses differ only from a stop time on agree to the bit before it (and, where the
/// steps are long, only with the stop).
@Suite struct StopTimeTests {
    let cl = 2.0, v = 10.0
    var k: Double { cl / v }

    @Test func stopTimesLeaveTheSolutionAlone() throws {
        let engine = DosingEngine(model: tightModel("pk1cmt"))
        let grid = stride(from: 0.0, through: 48, by: 0.25).map { $0 }
        let records = [EventRecord.dose(100, at: 0, interval: 12, additionalDoses: 3)]
        let result = try engine.simulate(records: records, parameters: ["CL": cl, "V": v], outputTimes: grid,
                                         stopTimes: [5.3, 17, 30, 30, 47.9, 100])
        for (i, t) in grid.enumerated() {
            let expected = (0...3).map { ClosedForm.bolus(100, k: k, t - 12 * Double($0)) }.reduce(0, +)
            #expect(relativeError(result.outputStates[i][0], expected) < 1e-9, "t = \(t)")
        }
    }

    /// A slow elimination (k = 0.002/h) lets the steps grow to hours, so without the stop at 30 h the step that
    /// ends at the dose at 31 h in one run and goes on in the other would differ before 30 h. The amount is
    /// integrated by the method here (no exact linear block), so that the steps carry the method's error.
    @Test(arguments: [[30.0], []])
    func runsThatDifferAfterAStopAgreeToTheBitBeforeIt(_ stops: [Double]) throws {
        var model = tightModel("pk1cmt")
        model.linearKinetics = []
        let engine = DosingEngine(model: model)
        let grid = stride(from: 0.0, through: 48, by: 0.1).map { $0 }
        func run(_ later: EventRecord) throws -> [Double] {
            let records = [EventRecord.dose(100, at: 0), later]
            return try engine.simulate(records: records, parameters: ["CL": 0.02, "V": v], outputTimes: grid,
                                       stopTimes: stops).outputStates.map { $0[0] }
        }
        let a = try run(.dose(50, at: 31)), b = try run(.dose(80, at: 40))
        let before = grid.indices.filter { grid[$0] < 30 }
        let same = before.allSatisfy { a[$0].bitPattern == b[$0].bitPattern }
        #expect(same == !stops.isEmpty)
        #expect(a.last != b.last)
    }
}
