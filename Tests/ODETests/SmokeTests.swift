import Foundation
import Testing
@testable import ODE

@Test func exponentialDecayMatchesClosedForm() {
    // y' = -y, y(0) = 1  ⇒  y(t) = e^{-t}
    let problem = ODEProblem(initialState: [1], timeSpan: 0...2) { _, y in [-y[0]] }
    let solution = solve(problem, method: .dp5, options: SolverOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-12))
    #expect(solution.returnCode == .success)
    #expect(abs(solution.finalState[0] - exp(-2.0)) < 1e-9)
}

@Test func luSolvesKnownSystem() throws {
    // [[2, 1], [1, 3]] x = [3, 5]  ⇒  x = [0.8, 1.4]
    let lu = try DenseLU(factoring: Matrix([[2, 1], [1, 3]]))
    var b = [3.0, 5.0]
    lu.solve(&b)
    #expect(abs(b[0] - 0.8) < 1e-14 && abs(b[1] - 1.4) < 1e-14)
}
