import Foundation
import Testing
@testable import Dosing
import ODE

/// Derived parameters (`DosingModel.derivedParameters`) follow the parameters the engine installs: a
/// one-compartment bolus model whose rhs reads only the derived k = CL/V. With CL changed by a record at
/// t = 10 h (it governs the interval (5, 10]), the amount is D·e^(−CL₁/V·5)·e^(−CL₂/V·5) at t = 10 h.
@Suite struct DerivedParametersTests {
    static let model: DosingModel = {
        var model = DosingModel(
            name: "derived-k", stateNames: ["A"], compartmentStates: [0],
            parameters: [("CL", 1), ("V", 20)],
            rhs: { _, y, p, dydt in dydt[0] = -p[p.count - 1] * y[0] },
            method: .vern7, solverOptions: SolverOptions(relativeTolerance: 1e-12, absoluteTolerance: 1e-14))
        model.derivedParameters = DerivedParameters(count: 1) { p, derived in derived[0] = p[0] / p[1] }
        return model
    }()

    @Test func derivedValuesFollowParameterChanges() throws {
        let records: [EventRecord] = [.dose(100, at: 0), .observation(at: 5, items: ["CL": 1]),
                                      .observation(at: 10, items: ["CL": 3])]
        let result = try DosingEngine(model: Self.model).simulate(records: records)
        let expected5 = 100 * exp(-1.0 / 20 * 5), expected10 = expected5 * exp(-3.0 / 20 * 5)
        #expect(abs(result.recordStates[1][0] / expected5 - 1) < 1e-10)
        #expect(abs(result.recordStates[2][0] / expected10 - 1) < 1e-10)
    }

    /// Steady-state records (SS = 1) integrate with the derived values too: after SS dosing of D every τ,
    /// the amount just after a dose is D/(1 − e^(−kτ)) (Gibaldi & Perrier, Pharmacokinetics, 2nd ed., ch. 3).
    @Test func steadyStateUsesDerivedValues() throws {
        let records: [EventRecord] = [.dose(100, at: 0, interval: 12, steadyState: .reset)]
        let result = try DosingEngine(model: Self.model).simulate(records: records, parameters: ["CL": 2])
        let expected = 100 / (1 - exp(-2.0 / 20 * 12))
        #expect(abs(result.recordStates[0][0] / expected - 1) < 1e-9)
    }
}
