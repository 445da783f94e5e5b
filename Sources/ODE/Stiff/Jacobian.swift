import Foundation

/// Evaluates J = ∂f/∂y (the problem's analytic Jacobian when given, else forward differences) and
/// ∂f/∂t (forward difference), into preallocated storage. Every evaluation of J counts once in
/// `jacobianEvaluations`; the f calls of the differences count in `rhsEvaluations`.
final class JacobianEvaluator {
    let n: Int
    /// The last evaluated Jacobian (column-major).
    var matrix: Matrix
    private var yPerturbed: [Double]
    private var fPerturbed: [Double]

    init(dimension: Int) {
        n = dimension
        matrix = Matrix(rows: dimension, columns: dimension)
        yPerturbed = [Double](repeating: 0, count: dimension)
        fPerturbed = yPerturbed
    }

    /// J at (t, y); `f0` must hold f(t, y) and `h` is the step about to be taken (both used by the
    /// difference increments).
    func evaluate(_ state: IntegrationState, t: Double, y: [Double], f0: [Double], h: Double) {
        state.statistics.jacobianEvaluations += 1
        if let analytic = state.problem.jacobian {
            y.withUnsafeBufferPointer { analytic(t, $0, &matrix) }
        } else {
            finiteDifference(state, t: t, y: y, f0: f0, h: h)
        }
    }

    /// Forward differences, column by column, with CVODE's increment (cvDlsDenseDQJac; Hindmarsh et al.,
    /// ACM TOMS 31 (2005) 363, and the CVODE guide §"Dense/band difference quotient Jacobian"):
    ///
    ///     σⱼ = max( √ε · |yⱼ|,  σ_min · wⱼ ),   σ_min = 1000 · |h| · ε · n · ‖f(t, y)‖,
    ///
    /// with wⱼ = atolⱼ + rtol·|yⱼ| the error scale and ‖·‖ the weighted RMS norm; σ_min = wⱼ when
    /// ‖f‖ = 0. The first term is the classical √ε relative increment (Hairer & Wanner II, IV.8 use
    /// √(ε·max(1e-5, |yⱼ|))); the second keeps σⱼ from vanishing for components at or near zero.
    private func finiteDifference(_ state: IntegrationState, t: Double, y: [Double], f0: [Double], h: Double) {
        let w = state.weights
        let fNorm = w.norm(f0, y, y)
        let unitRoundoff = Double.ulpOfOne
        let minimumIncrement = fNorm > 0 ? 1000 * abs(h) * unitRoundoff * Double(n) * fNorm : 1
        for i in 0..<n { yPerturbed[i] = y[i] }
        for j in 0..<n {
            let scale = w.absoluteTolerance[j] + w.relativeTolerance * abs(y[j])
            var increment = max(unitRoundoff.squareRoot() * abs(y[j]), minimumIncrement * scale)
            yPerturbed[j] = y[j] + increment
            increment = yPerturbed[j] - y[j]  // the increment actually represented in floating point
            state.evaluate(t, yPerturbed, into: &fPerturbed)
            for i in 0..<n { matrix[i, j] = (fPerturbed[i] - f0[i]) / increment }
            yPerturbed[j] = y[j]
        }
    }

    /// ∂f/∂t at (t, y) by a forward difference with increment √ε · max(|t|, |h|), into `out`. One f call.
    func timeDerivative(_ state: IntegrationState, t: Double, y: [Double], f0: [Double], h: Double,
                        into out: inout [Double]) {
        var delta = Double.ulpOfOne.squareRoot() * max(abs(t), abs(h), Double.leastNormalMagnitude)
        delta = (t + delta) - t
        state.evaluate(t + delta, y, into: &fPerturbed)
        for i in 0..<n { out[i] = (fPerturbed[i] - f0[i]) / delta }
    }
}

/// The Newton iteration matrix M = α·I − β·J and its LU factors. Rosenbrock methods use α = 1/(hγ),
/// β = 1 (W = I/(hγ) − J); BDF uses α = 1, β = h/α_k (M = I − (h/α_k)·J).
///
/// `DenseLU(factoring:)` copies the matrix into its own factor storage, so one factorization allocates
/// one n×n array; that is the only allocation of the stiff steppers' steps.
struct IterationMatrix {
    private var work: Matrix
    private(set) var lu: DenseLU?
    /// β of the factored matrix (the hγ-like scale whose change decides refactoring); 0 = not factored.
    private(set) var factoredScale: Double = 0

    init(dimension: Int) { work = Matrix(rows: dimension, columns: dimension) }

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
        lu = nil
        factoredScale = 0
        lu = try DenseLU(factoring: work)
        factoredScale = beta
    }

    /// Forgets the factors (after a jump or a new Jacobian that has not been factored yet).
    mutating func invalidate() {
        lu = nil
        factoredScale = 0
    }

    func solve(_ b: inout [Double]) { lu!.solve(&b) }
}
