import Foundation
import Testing
@testable import Dosing
import ODE

/// The engine drives any model: a 31-state transit chain (Savic et al., J Pharmacokinet Pharmacodyn 2007,
/// 34:711) with an analytic Jacobian, under explicit and stiff methods. After a bolus D into the first
/// compartment, compartment n (0-based) holds the Erlang amount D·(k t)ⁿ/n!·e^(−k t).
@Suite struct GeneralModelTests {
    static let count = 31
    static let k = 0.8

    static func chain(_ method: Method, relativeTolerance: Double) -> DosingModel {
        let n = count
        return DosingModel(
            name: "transit", stateNames: (0..<n).map { "T\($0)" }, compartmentStates: [0],
            parameters: [("KTR", k)],
            rhs: { _, y, p, dydt in
                dydt[0] = -p[0] * y[0]
                for i in 1..<n { dydt[i] = p[0] * (y[i - 1] - y[i]) }
            },
            jacobian: { _, _, p, j in
                j.zero()
                for i in 0..<n {
                    j[i, i] = -p[0]
                    if i > 0 { j[i, i - 1] = p[0] }
                }
            },
            method: method,
            solverOptions: SolverOptions(relativeTolerance: relativeTolerance, absoluteTolerance: 1e-14))
    }

    static func erlang(_ dose: Double, _ n: Int, _ t: Double) -> Double {
        dose * exp(Double(n) * log(k * t) - lgamma(Double(n + 1)) - k * t)
    }

    @Test(arguments: [("vern7", 1e-12, 1e-9), ("rodas5p", 1e-10, 1e-6)])
    func transitChainMatchesErlangAmounts(method name: String, relativeTolerance: Double, tolerance: Double) throws {
        let method = try #require(Method.named(name))
        let engine = DosingEngine(model: Self.chain(method, relativeTolerance: relativeTolerance))
        let times = [5.0, 20, 40, 60]
        let result = try engine.simulate(records: [.dose(1000, at: 0)], outputTimes: times)
        for (i, t) in times.enumerated() {
            for n in [0, 10, 20, 30] {
                let expected = Self.erlang(1000, n, t)
                #expect(abs(result.outputStates[i][n] - expected) <= tolerance * expected + 1e-10, "t = \(t), n = \(n)")
            }
        }
    }
}
