import ODE
import ODEProblems

/// One cell of the work–precision sweep: a test problem, a method and a relative tolerance.
struct BenchCase {
    let testProblem: TestProblem
    let method: Method
    let relativeTolerance: Double

    /// The problem's absolute tolerance is its convention at rtol = 1e-6; it scales with rtol so that
    /// atol / rtol, the magnitude below which a component is controlled absolutely, stays fixed.
    static let conventionRelativeTolerance = 1e-6

    var absoluteTolerance: Double {
        testProblem.absoluteTolerance * relativeTolerance / Self.conventionRelativeTolerance
    }

    /// Every problem × method × tolerance, problems outermost. Explicit methods are paired with stiff
    /// problems only when the methods were named on the command line (they would mostly exhaust maxSteps).
    static func sweep(
        problems: [TestProblem], methods: [Method], methodsNamed: Bool, relativeTolerances: [Double]
    ) -> [BenchCase] {
        problems.flatMap { problem in
            methods.filter { $0.isStiff || !problem.isStiff || methodsNamed }.flatMap { method in
                relativeTolerances.map { BenchCase(testProblem: problem, method: method, relativeTolerance: $0) }
            }
        }
    }

    /// Solver options of this case: output at the end point only, so that timing measures integration.
    var options: SolverOptions {
        SolverOptions(
            relativeTolerance: relativeTolerance, absoluteTolerance: absoluteTolerance,
            saveAt: [testProblem.problem.endTime])
    }

    /// Solves the case repeatedly and keeps the fastest solve's time; statistics and accuracy are those of
    /// the last solve (every solve is the same deterministic computation).
    func run(_ timing: BenchTiming) -> BenchResult {
        let options = options
        var solution = Solution()
        let measured = timing.bestSeconds { solution = solve(testProblem.problem, method: method, options: options) }
        let reachedEnd = solution.returnCode.isSuccess
        return BenchResult(
            problem: testProblem.name, method: method.name, relativeTolerance: relativeTolerance,
            absoluteTolerance: absoluteTolerance, returnCode: solution.returnCode,
            statistics: solution.statistics,
            error: reachedEnd ? testProblem.relativeError(of: solution.finalState) : nil,
            seconds: measured.seconds, repeats: measured.repeats,
            finalState: reachedEnd ? solution.finalState : [])
    }
}

/// Best-of-N timing on the monotonic clock: at least `minimumRepeats` runs, and more until
/// `minimumSeconds` of running has accumulated (so that the minimum of very short runs is not noise),
/// at most `maximumRepeats`. The Python and C comparators in Benchmarks/peers use the same rule.
struct BenchTiming {
    var minimumRepeats: Int
    var minimumSeconds: Double
    var maximumRepeats = 1000

    func bestSeconds(_ body: () -> Void) -> (seconds: Double, repeats: Int) {
        let clock = ContinuousClock()
        var best = Double.infinity, total = 0.0, repeats = 0
        while repeats < minimumRepeats || (total < minimumSeconds && repeats < maximumRepeats) {
            let elapsed = clock.measure(body)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            best = min(best, seconds)
            total += seconds
            repeats += 1
        }
        return (best, repeats)
    }
}

/// What one case measured.
struct BenchResult {
    let problem: String
    let method: String
    let relativeTolerance: Double
    let absoluteTolerance: Double
    let returnCode: ReturnCode
    let statistics: SolverStatistics
    /// Largest relative error over the components at the end point; nil when the solve failed.
    let error: Double?
    let seconds: Double
    let repeats: Int
    let finalState: [Double]
}
