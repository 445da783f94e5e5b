import Foundation
import Testing
@testable import ODE
import ODEProblems

/// End-point accuracy against the published reference solutions (Bari IVP test set; see StiffProblems.swift).
///
/// Asserted: every component satisfies |y − y_ref| ≤ 100 · (atol + rtol·|y_ref|) at rtol = 1e-6 with the
/// problem's atol. The solvers control the local error per step to ≤ 1 in that scale; the global error is
/// the accumulation of local errors propagated by the problem, and for these problems (over 10²–10³ steps,
/// with contractive dynamics except along VDPOL's and OREGO's limit cycles) it is expected within about two
/// orders of magnitude of the tolerance (tolerance proportionality, Hairer & Wanner II, IV.10). For
/// components above atol/rtol this is a relative error ≤ 1e-4, the accuracy the brief asks for.
struct StiffReferenceTests {
    static let methods: [Method] = [.rodas5p, .bdf, .auto]

    @Test(arguments: methods, TestProblem.stiff)
    func endPointMatchesPublishedReference(method: Method, testProblem: TestProblem) {
        let rtol = 1e-6
        var options = SolverOptions(relativeTolerance: rtol, absoluteTolerance: testProblem.absoluteTolerance)
        options.maxSteps = 50_000
        let solution = solve(testProblem.problem, method: method, options: options)
        #expect(solution.returnCode == .success, "\(solution.message)")
        #expect(solution.finalTime == testProblem.problem.endTime)
        for (i, reference) in testProblem.reference.enumerated() {
            let allowed = 100 * (testProblem.absoluteTolerance + rtol * abs(reference))
            let error = abs(solution.finalState[i] - reference)
            #expect(error <= allowed, "\(method.name) on \(testProblem.name): component \(i) error \(error) > \(allowed)")
        }
    }

    @Test func stiffProblemsAreListedInTheRegistry() {
        for problem in TestProblem.stiff {
            #expect(TestProblem.named(problem.name) != nil)
            #expect(problem.isStiff)
            #expect(problem.reference.count == problem.problem.dimension)
        }
        for name in ["rodas5p", "bdf", "auto"] { #expect(Method.named(name) != nil) }
    }
}
