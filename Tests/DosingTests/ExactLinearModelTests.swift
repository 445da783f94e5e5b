import Foundation
import Testing
@testable import Dosing
import ODE

/// The library's linear models (ADVAN1/2/4) are one linear block (`DosingModel.linearKinetics`): the explicit
/// methods advance them by their closed form, as NONMEM's PREDPP does, so the answer does not depend on the
/// tolerance. At rtol 1e-3 (default absolute tolerance), repeated oral doses and a two-compartment bolus match
/// their closed forms (superposed) to 1e-12 relative, where integrating the same models as ODEs at that
/// tolerance errs by more than 1e-6.
@Suite struct ExactLinearModelTests {
    static func loose(_ name: String, exact: Bool) -> DosingEngine {
        var model = PKLibrary.model(named: name)!
        model.solverOptions = SolverOptions(relativeTolerance: 1e-3, absoluteTolerance: 1e-12)
        if !exact { model.linearKinetics = [] }
        return DosingEngine(model: model)
    }

    /// Oral doses of 100 every 12 h (ADVAN2): A_central(t) = Σ_k D·ka/(ka − k)·(e^(−k(t − 12k)) − e^(−ka(t − 12k))).
    @Test func repeatedOralDosesAreExact() throws {
        let (cl, v, ka) = (2.0, 10.0, 1.3), k = 2.0 / 10
        let grid = stride(from: 0.5, through: 72, by: 0.5).map { $0 }
        let records = [EventRecord.dose(100, at: 0, interval: 12, additionalDoses: 5)]
        func worst(exact: Bool) throws -> Double {
            let result = try Self.loose("pk1cmt-depot", exact: exact)
                .simulate(records: records, parameters: ["CL": cl, "V": v, "KA": ka], outputTimes: grid)
            return grid.indices.map { i in
                let t = grid[i]
                let expected = (0...5).map { ClosedForm.oral(100, ka: ka, k: k, t - 12 * Double($0)) }.reduce(0, +)
                return relativeError(result.outputStates[i][1], expected)
            }.max()!
        }
        #expect(try worst(exact: true) < 1e-12)
        #expect(try worst(exact: false) > 1e-6)
    }

    /// A bolus into the central compartment of the two-compartment model (ADVAN4 without absorption):
    /// the biexponential A_c(t) with k10 = CL/V2, k12 = Q/V2, k21 = Q/V3.
    @Test func twoCompartmentBolusIsExact() throws {
        let (cl, v2, q, v3) = (3.0, 20.0, 5.0, 40.0)
        let grid = stride(from: 1.0, through: 96, by: 1.0).map { $0 }
        let result = try Self.loose("pk2cmt-depot", exact: true)
            .simulate(records: [.dose(100, at: 0, compartment: 2)],
                      parameters: ["CL": cl, "V2": v2, "Q": q, "V3": v3, "KA": 1], outputTimes: grid)
        for (i, t) in grid.enumerated() {
            let expected = ClosedForm.twoCompartmentBolus(100, k10: cl / v2, k12: q / v2, k21: q / v3, t)
            #expect(relativeError(result.outputStates[i][1], expected) < 1e-12, "t = \(t)")
        }
    }
}
