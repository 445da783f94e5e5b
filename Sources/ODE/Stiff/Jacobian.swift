import Foundation

/// Evaluates J = ∂f/∂y (the problem's analytic Jacobian when given, else forward differences) and
/// ∂f/∂t (central difference), into preallocated storage. Every evaluation of J counts once in
/// `jacobianEvaluations`; the f calls of the differences count in `rhsEvaluations`.
final class JacobianEvaluator {
    let n: Int
    /// The last evaluated Jacobian (column-major).
    var matrix: Matrix
    private let yPerturbed: WorkVector
    private let fPerturbed: WorkVector

    init(dimension: Int) {
        n = dimension
        matrix = Matrix(rows: dimension, columns: dimension)
        yPerturbed = WorkVector(count: dimension)
        fPerturbed = WorkVector(count: dimension)
    }

    deinit {
        yPerturbed.deallocate()
        fPerturbed.deallocate()
    }

    /// J at (t, y); `f0` must hold f(t, y).
    func evaluate(_ state: IntegrationState, t: Double, y: UnsafeBufferPointer<Double>, f0: UnsafeBufferPointer<Double>) {
        state.statistics.jacobianEvaluations += 1
        if let analytic = state.problem.jacobian {
            analytic(t, y, &matrix)
        } else {
            finiteDifference(state, t: t, y: y, f0: f0)
        }
    }

    /// Forward differences, column by column, Jᵢⱼ ≈ (fᵢ(y + σⱼeⱼ) − fᵢ(y))/σⱼ with
    ///
    ///     σⱼ = √ε · max(|yⱼ|, atolⱼ/rtol).
    ///
    /// √ε relative to |yⱼ| balances truncation (σ·f'') against rounding (ε·|f|/σ) (Dennis & Schnabel,
    /// Numerical Methods for Unconstrained Optimization, §5.4; CVODE's `srur`·|yⱼ|). Below atolⱼ/rtol the
    /// error weights treat yⱼ as noise, so that level is the floor; it keeps σⱼ > 0 at yⱼ = 0. (CVODE's
    /// floor σ_min·(atolⱼ + rtol|yⱼ|) with σ_min = 1000·|h|·ε·n·‖f‖ was measured here to leave errors up
    /// to 4e-3 of the row's largest entry on HIRES at y = y₀, where this floor gives 8e-6.)
    private func finiteDifference(_ state: IntegrationState, t: Double, y: UnsafeBufferPointer<Double>,
                                  f0: UnsafeBufferPointer<Double>) {
        let w = state.weights
        let relativeIncrement = Double.ulpOfOne.squareRoot()
        for i in 0..<n { yPerturbed[i] = y[i] }
        for j in 0..<n {
            let floor = w.absoluteTolerance[j] / w.relativeTolerance
            yPerturbed[j] = y[j] + relativeIncrement * max(abs(y[j]), floor)
            let increment = yPerturbed[j] - y[j]  // the increment actually represented in floating point
            state.evaluate(t, yPerturbed.values, into: fPerturbed.buffer)
            for i in 0..<n { matrix[i, j] = (fPerturbed[i] - f0[i]) / increment }
            yPerturbed[j] = y[j]
        }
    }

    /// ∂f/∂t at (t, y) into `out`, by the central difference (f(t + δ, y) − f(t − δ, y))/(2δ) with
    /// δ = ε^(1/3)·max(|t|, |h|) (truncation and rounding errors both O(ε^(2/3))). A forward difference
    /// (error O(√ε)) was measured to limit Rodas5P's accuracy near 1e-12 on Prothero–Robinson and to
    /// spoil its dense output, whose coefficients amplify errors in the stages. When f(t + δ, y) equals
    /// f(t, y) exactly (f does not depend on t here, e.g. between the switching times of an infusion), the
    /// derivative is 0 and the second call is skipped: one or two f calls. When t − δ would precede the
    /// problem's start time (the first steps), f is not evaluated there — f need not be defined before the
    /// start (a forcing given on the span) — and the one-sided forward difference (f(t + δ, y) − f(t, y))/δ
    /// (error O(δ) = O(ε^(1/3))) is used instead.
    func timeDerivative(_ state: IntegrationState, t: Double, y: UnsafeBufferPointer<Double>,
                        f0: UnsafeBufferPointer<Double>, h: Double, into out: UnsafeMutableBufferPointer<Double>) {
        let scale = max(abs(t), abs(h), Double.leastNormalMagnitude)
        let delta = pow(Double.ulpOfOne, 1.0 / 3) * scale
        let forward = t + delta, backward = t - delta
        state.evaluate(forward, y, into: fPerturbed.buffer)
        var dependsOnTime = false
        for i in 0..<n where fPerturbed[i] != f0[i] { dependsOnTime = true; break }
        guard dependsOnTime else {
            for i in 0..<n { out[i] = 0 }
            return
        }
        guard backward >= state.problem.startTime else {
            let width = forward - t  // the increment actually represented in floating point
            for i in 0..<n { out[i] = (fPerturbed[i] - f0[i]) / width }
            return
        }
        for i in 0..<n { out[i] = fPerturbed[i] }
        state.evaluate(backward, y, into: fPerturbed.buffer)
        let width = forward - backward
        for i in 0..<n { out[i] = (out[i] - fPerturbed[i]) / width }
    }
}

/// The Newton iteration matrix M = α·I − β·J and its LU factors. Rosenbrock methods use α = 1/(hγ),
/// β = 1 (W = I/(hγ) − J); BDF uses α = 1, β = h/α_k (M = I − (h/α_k)·J).
///
/// The factors live in storage allocated once (`DenseLU.factor(_:)` refactors in place), so a step of
/// a stiff stepper allocates nothing.
struct IterationMatrix {
    private var work: Matrix
    private var factors: DenseLU
    /// β of the factored matrix (the hγ-like scale whose change decides refactoring); 0 = not factored.
    private(set) var factoredScale: Double = 0
    /// Whether valid factors are held.
    var isFactored: Bool { factoredScale != 0 }

    init(dimension: Int) {
        work = Matrix(rows: dimension, columns: dimension)
        factors = DenseLU(dimension: dimension)
    }

    /// Factors α·I − β·J; throws when the matrix is singular (the caller then reduces h).
    mutating func factor(jacobian: Matrix, identityScale alpha: Double, jacobianScale beta: Double,
                         statistics: inout SolverStatistics) throws(DenseLU.Failure) {
        let n = jacobian.rows
        statistics.luFactorizations += 1
        work.elements.withUnsafeMutableBufferPointer { m in
            jacobian.elements.withUnsafeBufferPointer { j in
                for index in 0..<(n * n) { m[index] = -beta * j[index] }
                for i in 0..<n { m[i + i * n] += alpha }
            }
        }
        factoredScale = 0
        try factors.factor(work)
        factoredScale = beta
    }

    /// Forgets the factors (after a jump or a new Jacobian that has not been factored yet).
    mutating func invalidate() { factoredScale = 0 }

    func solve(_ b: UnsafeMutableBufferPointer<Double>) {
        precondition(isFactored, "IterationMatrix.solve before a successful factorization")
        factors.solve(b)
    }
}
