import Benchmark
import ODE
import ODEProblems

/// Every standard test problem solved at rtol 1e-6 (atol: the problem's convention at that rtol) with every
/// method that is meant for it: stiff methods on every problem, explicit methods on the non-stiff ones.
/// The same cases as `hpgsim bench solvers --rtol 1e-6`; this suite adds package-benchmark's statistics
/// (percentiles, allocations, baselines to compare commits: `swift package benchmark baseline update`).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        warmupIterations: 2, maxDuration: .seconds(2), maxIterations: 1000)

    for testProblem in TestProblem.all {
        let options = SolverOptions(
            relativeTolerance: 1e-6, absoluteTolerance: testProblem.absoluteTolerance,
            saveAt: [testProblem.problem.endTime])
        for method in Method.all where method.isStiff || !testProblem.isStiff {
            Benchmark("\(testProblem.name) \(method.name) rtol 1e-6") { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(solve(testProblem.problem, method: method, options: options))
                }
            }
        }
    }
}
