/// Levenberg–Marquardt minimisation of F(x) = ½‖r(x)‖².
///
/// Each iteration solves the damped linearised problem min ‖J·δ + r‖² + λ‖D·δ‖² (see `dampedStep`) and
/// compares the actual reduction F(x) − F(x + δ) with the one the linear model L(δ) = ½‖r + J·δ‖² predicts,
///
///     predicted = L(0) − L(δ) = −δᵀJᵀr − ½‖J·δ‖² = ½‖J·δ‖² + λ‖D·δ‖²,
///
/// the last form by (JᵀJ + λD²)δ = −Jᵀr; it is never negative (Moré 1978, §4; MINPACK's prered). The gain ratio
/// ρ = actual/predicted updates λ as Nielsen (1999; Madsen, Nielsen & Tingleff 2004, eq. 3.13):
/// ρ > 0: accept, λ ← λ·max(1/3, 1 − (2ρ − 1)³), ν ← 2; otherwise reject, λ ← λ·ν, ν ← 2ν.
///
/// The scale D = diag(d) follows MINPACK (Moré 1978, §6): d_j = ‖J_j‖ at the start (1 for a zero column), then
/// d_j ← max(d_j, ‖J_j‖) at every new Jacobian, which makes the iteration invariant to rescaling the parameters.
///
/// A trial point whose residuals throw, are non-finite or of the wrong count is a rejected step. Failures at
/// the start vector, or of a Jacobian at an accepted point, are errors. Stopping rules: `LevenbergMarquardtOptions`.
public enum LevenbergMarquardt {
    public static func fit(_ problem: LeastSquaresProblem, from start: [Double],
                           options: LevenbergMarquardtOptions = .init()) throws(FittingError) -> FitResult {
        let n = problem.parameterCount
        try validate(problem, start: start, options: options)
        let typicalSizes = try resolvedTypicalSizes(options.typicalSizes, count: n)
        let jacobianCost = problem.jacobian == nil ? options.finiteDifferences.evaluations(parameterCount: n) : 0

        var x = start
        var r: [Double]
        switch problem.evaluate(x) {
        case .success(let values): r = values
        case .failure(let failure): throw .residualsFailed(at: x, failure)
        }
        var evaluations = 1, jacobianEvaluations = 0, iterations = 0
        func jacobian(at x: [Double], residuals r: [Double]) throws(FittingError) -> DenseMatrix {
            jacobianEvaluations += 1
            evaluations += jacobianCost
            return try problem.jacobianMatrix(at: x, residuals: r, finiteDifferences: options.finiteDifferences,
                                              typicalSizes: typicalSizes)
        }

        var cost = halfSumOfSquares(r)
        var j = try jacobian(at: x, residuals: r)
        var scale = columnNorms(j).map { $0 > 0 ? $0 : 1 }
        var damping = options.initialDamping, growth = 2.0  // λ and Nielsen's ν
        func reject() {
            damping *= growth
            growth *= 2
        }
        var jacobianIsCurrent = true
        let reason: StopReason
        while true {
            if !jacobianIsCurrent {
                j = try jacobian(at: x, residuals: r)
                scale = zip(scale, columnNorms(j)).map { max($0, $1) }
                jacobianIsCurrent = true
            }
            if cost == 0 || gradientCosine(j, r) <= options.gradientTolerance { reason = .smallGradient; break }
            if iterations >= options.maxIterations { reason = .maxIterations; break }
            if evaluations + 1 + jacobianCost > options.maxEvaluations { reason = .maxEvaluations; break }
            iterations += 1

            guard let step = dampedStep(jacobian: j, residuals: r, damping: damping, scale: scale) else {
                reject()
                continue
            }
            let scaledStep = norm(zip(scale, step).map { $0 * $1 })
            if scaledStep <= options.stepTolerance * (norm(zip(scale, x).map { $0 * $1 }) + options.stepTolerance) {
                reason = .smallStep
                break
            }
            let trial = zip(x, step).map { $0 + $1 }
            evaluations += 1
            guard case .success(let trialResiduals) = problem.evaluate(trial) else {
                reject()
                continue
            }
            let trialCost = halfSumOfSquares(trialResiduals)
            let jStep = product(j, step)
            let predicted = 0.5 * dot(jStep, jStep) + damping * scaledStep * scaledStep
            let actual = cost - trialCost
            let ratio = actual / predicted
            let converged = abs(actual) <= options.costTolerance * cost
                && predicted <= options.costTolerance * cost && ratio <= 2
            if ratio > 0 {
                x = trial
                r = trialResiduals
                cost = trialCost
                jacobianIsCurrent = false
                let t = 2 * ratio - 1
                damping *= max(1.0 / 3, 1 - t * t * t)
                growth = 2
            } else {
                reject()
            }
            if converged { reason = .smallCostReduction; break }
        }
        if !jacobianIsCurrent { j = try jacobian(at: x, residuals: r) }

        let uncertainty = try Uncertainty(jacobian: j, residuals: r, estimates: x,
                                          residualScale: options.residualScale, typicalSizes: typicalSizes,
                                          thresholds: options.identifiability)
        return FitResult(estimates: x, residuals: r, cost: cost, iterations: iterations,
                         residualEvaluations: evaluations, jacobianEvaluations: jacobianEvaluations,
                         stopReason: reason, jacobian: j, uncertainty: uncertainty)
    }

    /// Everything checkable before the first evaluation; the messages name the offending value.
    private static func validate(_ problem: LeastSquaresProblem, start: [Double],
                                 options: LevenbergMarquardtOptions) throws(FittingError) {
        let n = problem.parameterCount, m = problem.residualCount
        guard n >= 1, m >= 1 else { throw .invalidProblem("need n ≥ 1 parameters and m ≥ 1 residuals, got n = \(n), m = \(m)") }
        guard start.count == n else { throw .invalidProblem("start has \(start.count) values for \(n) parameters") }
        guard start.allSatisfy(\.isFinite) else { throw .invalidProblem("start \(start) is not finite") }
        let tolerances = [options.costTolerance, options.stepTolerance, options.gradientTolerance]
        guard tolerances.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw .invalidProblem("tolerances must be finite and ≥ 0, got \(tolerances)")
        }
        guard options.initialDamping.isFinite, options.initialDamping > 0 else {
            throw .invalidProblem("initial damping must be finite and > 0, got \(options.initialDamping)")
        }
        let needed = 1 + (problem.jacobian == nil ? options.finiteDifferences.evaluations(parameterCount: n) : 0)
        guard options.maxEvaluations >= needed, options.maxIterations >= 0 else {
            throw .invalidProblem("maxEvaluations \(options.maxEvaluations) is below the \(needed) the start needs, or maxIterations \(options.maxIterations) < 0")
        }
    }
}

extension LeastSquaresProblem {
    /// J(x), analytic when the problem has one (checked: m×n, finite), else by finite differences.
    func jacobianMatrix(at x: [Double], residuals r: [Double], finiteDifferences: FiniteDifferences,
                        typicalSizes: [Double]) throws(FittingError) -> DenseMatrix {
        guard let jacobian else {
            return try finiteDifferences.jacobian(of: self, at: x, residuals: r, typicalSizes: typicalSizes)
        }
        let matrix: DenseMatrix
        do { matrix = try jacobian(x) } catch { throw .jacobianFailed(at: x, column: nil, .threw(String(describing: error))) }
        guard matrix.rows == residualCount, matrix.columns == parameterCount else {
            throw .jacobianFailed(at: x, column: nil, .wrongCount(expected: residualCount * parameterCount,
                                                                  actual: matrix.elements.count))
        }
        if let index = matrix.elements.firstIndex(where: { !$0.isFinite }) {
            throw .jacobianFailed(at: x, column: index / residualCount, .nonFinite(index: index))
        }
        return matrix
    }
}
