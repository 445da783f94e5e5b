import Foundation

/// Variable-order (1…5), variable-step BDF in backward-difference form with quasi-constant step size
/// (Shampine & Reichelt, "The MATLAB ODE suite", SIAM J. Sci. Comput. 18 (1997) 1, §2; the layout of
/// SciPy's `BDF`, with κ = 0 so the formulas are the classical BDFs, not NDFs). Like CVODE's Nordsieck
/// array, the history is a polynomial on an equally spaced grid, re-interpolated when h changes.
///
/// History: D₀ = yₙ, D_j = ∇ʲyₙ (backward differences on the grid of spacing h), j ≤ k + 2.
/// Order k step from tₙ to tₙ₊₁ = tₙ + h, with γ_k = Σ_{j=1..k} 1/j:
///
///     predictor  y⁽⁰⁾ = Σ_{j=0..k} D_j,      ψ = (1/γ_k) Σ_{j=1..k} γ_j D_j,
///     corrector  solve  d − (h/γ_k)·f(tₙ₊₁, y⁽⁰⁾ + d) + ψ = 0  by modified Newton with M = I − (h/γ_k)J,
///     yₙ₊₁ = y⁽⁰⁾ + d,   local error ≈ d/(k + 1)   (so d = ∇^{k+1}yₙ₊₁).
///
/// Order and step selection after k + 1 steps at constant h: error estimates for orders k − 1, k, k + 1
/// from ∇ᵏ, ∇^{k+1}, ∇^{k+2}, and the order that allows the largest step (factor ≤ 10; increases below
/// 1.5 are not taken, as in CVODE, so factors stay reusable). The step is changed by rescaling D with
/// Shampine–Reichelt's matrices R(ρ)·U. Newton: at most 4 iterations, convergence rate test of Shampine
/// (1980), tolerance max(10ε/rtol, min(0.03, √rtol)). Jacobian and factorization reuse: `NewtonMatrixPolicy`.
/// Failures: a Newton failure with a fresh J cuts h by 4 (CVODE's η_cf = 0.25); an error-test failure cuts
/// it by max(0.2, 0.9·err^(−1/(k+1))); ten Newton failures in a row end the run with `.newtonDivergence`
/// (`.singularMatrix` if the matrix was singular). A jump restarts at order 1 with a new J.
///
/// Dense output: the interpolating polynomial of the current history (degree k through the last k + 1
/// points), i.e. of the order of the method.
public final class BDF: Stepper {
    public static let highestOrder = 5
    public let maximumOrder: Int
    public let policy: NewtonMatrixPolicy
    public var name: String { maximumOrder == Self.highestOrder ? "bdf" : "bdf\(maximumOrder)" }
    /// Order of the last accepted step (after order selection: the order of the next step).
    public private(set) var order = 1

    private static let newtonMaximumIterations = 4
    private let n: Int
    /// The work vectors (`WorkVector`: no exclusivity check per element).
    private let differences: WorkVector
    private var h = 0.0
    private var equalSteps = 0
    private var started = false
    private var startedBefore = false
    /// γ_k = Σ_{j=1..k} 1/j and the error constants 1/(k + 1), k = 0…6.
    private let gammaSums: [Double]
    private let errorConstants: [Double]
    private let yPredict: WorkVector
    private let psi: WorkVector
    private let correction: WorkVector
    private let delta: WorkVector
    private let yNew: WorkVector
    private let fNew: WorkVector
    private let rescaled: WorkVector
    /// R(ρ), U = R(1) and their product, (k+1)×(k+1) blocks in 6×6 storage.
    private let rMatrix = WorkVector(count: 36)
    private let uMatrix = WorkVector(count: 36)
    private let ruMatrix = WorkVector(count: 36)
    private let jacobian: JacobianEvaluator
    private var iteration: IterationMatrix
    private var hasJacobian = false
    /// Accepted steps since the Jacobian was evaluated.
    private var jacobianAge = 0
    private var newtonTolerance = 0.0

    public init(dimension: Int, maximumOrder: Int = BDF.highestOrder, policy: NewtonMatrixPolicy = NewtonMatrixPolicy()) {
        precondition((1...Self.highestOrder).contains(maximumOrder), "BDF order must be 1…5")
        self.maximumOrder = maximumOrder
        self.policy = policy
        n = dimension
        differences = WorkVector(count: (Self.highestOrder + 3) * dimension)
        rescaled = WorkVector(count: (Self.highestOrder + 1) * dimension)
        var sums = [0.0]
        for k in 1...(Self.highestOrder + 1) { sums.append(sums[k - 1] + 1 / Double(k)) }
        gammaSums = sums
        errorConstants = (0...(Self.highestOrder + 1)).map { 1 / Double($0 + 1) }
        yPredict = WorkVector(count: dimension)
        psi = WorkVector(count: dimension)
        correction = WorkVector(count: dimension)
        delta = WorkVector(count: dimension)
        yNew = WorkVector(count: dimension)
        fNew = WorkVector(count: dimension)
        jacobian = JacobianEvaluator(dimension: dimension)
        iteration = IterationMatrix(dimension: dimension)
    }

    deinit {
        for v in [differences, yPredict, psi, correction, delta, yNew, fNew, rescaled, rMatrix, uMatrix, ruMatrix] {
            v.deallocate()
        }
    }

    public func restart(_ state: IntegrationState) {
        started = false
    }

    private func start(_ state: IntegrationState, limit: Double) {
        state.y.withUnsafeBufferPointer { state.evaluate(state.t, $0, into: fNew.buffer) }
        if startedBefore || state.h <= 0 {
            h = initialStepSize(state: state, f0: Array(fNew.values), order: 1, limit: limit)
        } else {
            h = state.h
        }
        for i in 0..<differences.count { differences[i] = 0 }
        state.y.withUnsafeBufferPointer { y in
            for j in 0..<n {
                differences[j] = y[j]
                differences[n + j] = h * fNew[j]
            }
        }
        order = 1
        equalSteps = 0
        hasJacobian = false
        iteration.invalidate()
        let rtol = state.options.relativeTolerance
        newtonTolerance = max(10 * Double.ulpOfOne / rtol, min(0.03, rtol.squareRoot()))
        started = true
        startedBefore = true
    }

    public func step(_ state: IntegrationState, limit: Double) throws(StepFailure) {
        if !started { start(state, limit: limit) }
        var newtonFailuresInARow = 0
        while true {
            try state.beginAttempt()
            let (clamped, tNew) = state.clampedStep(h, limit: limit)
            if clamped != h { changeStep(to: clamped) }
            try state.checkStepSize(h)
            state.h = h
            predict()
            let c = h / gammaSums[order]

            var converged = false, singular = false
            while true {
                if policy.needsJacobian(hasJacobian: hasJacobian, jacobianAge: jacobianAge) {
                    evaluateJacobian(state, t: tNew)
                }
                if policy.needsFactorization(factoredScale: iteration.factoredScale, scale: c) {
                    do {
                        try iteration.factor(jacobian: jacobian.matrix, identityScale: 1, jacobianScale: c,
                                             statistics: &state.statistics)
                    } catch {
                        singular = true
                        break
                    }
                }
                converged = solveCorrector(state, t: tNew, c: c)
                // J evaluated since the last accepted step is current (CVODE's jcur): a failure with it
                // is answered by a smaller step; with an older J, first by a new J.
                if converged || jacobianAge == 0 { break }
                hasJacobian = false
            }

            if !converged {
                state.statistics.newtonFailures += 1
                state.statistics.rejected += 1
                newtonFailuresInARow += 1
                if newtonFailuresInARow >= 10 || h / 4 <= 4 * Double.ulpOfOne * abs(state.t) {
                    throw singular
                        ? state.failure(.singularMatrix,
                                        "the BDF iteration matrix I − (h/γ_k)J stayed singular while h was reduced")
                        : state.failure(.newtonDivergence,
                                        "the BDF Newton iteration failed to converge \(newtonFailuresInARow) times in a row")
                }
                changeStep(to: h / 4)
                continue
            }

            for j in 0..<n { yNew[j] = yPredict[j] + correction[j] }
            let error = errorConstants[order] * state.weights.norm(correction.values, yNew.values, yNew.values)
            if !(error <= 1) {
                state.statistics.rejected += 1
                let factor = error.isFinite ? max(0.2, safety * pow(error, -1 / Double(order + 1))) : 0.2
                changeStep(to: h * factor)
                continue
            }
            accept(state, tNew: tNew, error: error)
            return
        }
    }

    /// Safety factor of the step selection, lowered when Newton needed many iterations (SciPy's BDF).
    private var lastNewtonIterations = 1
    private var safety: Double {
        let m = Double(Self.newtonMaximumIterations)
        return 0.9 * (2 * m + 1) / (2 * m + Double(lastNewtonIterations))
    }

    private func predict() {
        let k = order
        for j in 0..<n {
            var sum = 0.0, weighted = 0.0
            for i in 0...k { sum += differences[i * n + j] }
            for i in 1...k { weighted += gammaSums[i] * differences[i * n + j] }
            yPredict[j] = sum
            psi[j] = weighted / gammaSums[k]
        }
    }

    private func evaluateJacobian(_ state: IntegrationState, t: Double) {
        if state.problem.jacobian == nil { state.evaluate(t, yPredict.values, into: fNew.buffer) }
        jacobian.evaluate(state, t: t, y: yPredict.values, f0: fNew.values)
        hasJacobian = true
        jacobianAge = 0
        iteration.invalidate()
    }

    /// Modified Newton for the corrector; leaves d in `correction`. Returns whether it converged.
    private func solveCorrector(_ state: IntegrationState, t: Double, c: Double) -> Bool {
        let scale = policy.correctionScale(factoredScale: iteration.factoredScale, scale: c)
        for j in 0..<n {
            correction[j] = 0
            yNew[j] = yPredict[j]
        }
        var previousNorm = -1.0
        let m = Self.newtonMaximumIterations
        for iterationIndex in 0..<m {
            lastNewtonIterations = iterationIndex + 1
            state.statistics.newtonIterations += 1
            state.evaluate(t, yNew.values, into: fNew.buffer)
            for j in 0..<n {
                guard fNew[j].isFinite else { return false }
                delta[j] = c * fNew[j] - psi[j] - correction[j]
            }
            iteration.solve(delta.buffer)
            if scale != 1 { for j in 0..<n { delta[j] *= scale } }
            let norm = state.weights.norm(delta.values, yPredict.values, yPredict.values)
            let rate = previousNorm > 0 ? norm / previousNorm : -1
            if rate >= 1 || (rate > 0 && pow(rate, Double(m - iterationIndex)) / (1 - rate) * norm > newtonTolerance) {
                return false
            }
            for j in 0..<n {
                yNew[j] += delta[j]
                correction[j] += delta[j]
            }
            if norm == 0 || (rate > 0 && rate / (1 - rate) * norm < newtonTolerance) { return true }
            if !norm.isFinite { return false }
            previousNorm = norm
        }
        return false
    }

    private func accept(_ state: IntegrationState, tNew: Double, error: Double) {
        let k = order
        // New differences: ∇^{k+1}y_{n+1} = d, ∇^{k+2}y_{n+1} = d − ∇^{k+1}y_n, then ∇ʲy_{n+1} = ∇ʲy_n + ∇^{j+1}y_{n+1}.
        for j in 0..<n {
            differences[(k + 2) * n + j] = correction[j] - differences[(k + 1) * n + j]
            differences[(k + 1) * n + j] = correction[j]
        }
        for i in stride(from: k, through: 0, by: -1) {
            for j in 0..<n { differences[i * n + j] += differences[(i + 1) * n + j] }
        }
        state.accept(tNew: tNew, yNew: yNew.values)
        jacobianAge += 1
        equalSteps += 1
        if equalSteps < k + 1 { return }

        // Order selection: the order whose error estimate allows the largest step.
        let errorLower = k > 1 ? errorConstants[k - 1] * norm(row: k, state) : Double.infinity
        let errorHigher = k < maximumOrder ? errorConstants[k + 1] * norm(row: k + 2, state) : Double.infinity
        func stepFactor(_ e: Double, _ q: Int) -> Double {
            let f = pow(e, -1 / Double(q + 1))
            return f.isNaN ? 0 : f
        }
        let lower = stepFactor(errorLower, k - 1), same = stepFactor(error, k), higher = stepFactor(errorHigher, k + 1)
        var best = 1, bestFactor = same
        if lower > bestFactor { best = 0; bestFactor = lower }
        if higher > bestFactor { best = 2; bestFactor = higher }
        order = k + best - 1
        var factor = min(10, safety * bestFactor)
        if factor >= 1 && factor < 1.5 { factor = 1 }
        if factor != 1 { changeStep(to: h * factor) }
        equalSteps = 0
    }

    private func norm(row: Int, _ state: IntegrationState) -> Double {
        state.y.withUnsafeBufferPointer { y in
            state.weights.norm(differences.slice((row * n)..<((row + 1) * n)), y, y)
        }
    }

    /// Re-interpolates the history to step `newH`: D ← (R(ρ)·U)ᵀ·D with ρ = newH/h (Shampine & Reichelt,
    /// eq. 2.3), and restarts the count of equal steps.
    private func changeStep(to newH: Double) {
        let k = order
        let rho = newH / h
        fillR(order: k, factor: rho, into: rMatrix)
        fillR(order: k, factor: 1, into: uMatrix)
        for i in 0...k {
            for j in 0...k {
                var acc = 0.0
                for m in 0...k { acc += rMatrix[i * 6 + m] * uMatrix[m * 6 + j] }
                ruMatrix[i * 6 + j] = acc
            }
        }
        for i in 0...k {
            for col in 0..<n {
                var acc = 0.0
                for j in 0...k { acc += ruMatrix[j * 6 + i] * differences[j * n + col] }
                rescaled[i * n + col] = acc
            }
        }
        for index in 0..<((k + 1) * n) { differences[index] = rescaled[index] }
        h = newH
        equalSteps = 0
    }

    /// R(ρ)ᵢⱼ = Π_{m=1..i} (m − 1 − ρj)/m, i, j = 0…k (row 0 all ones).
    private func fillR(order k: Int, factor rho: Double, into r: WorkVector) {
        for j in 0...k {
            var product = 1.0
            r[j] = 1
            for i in stride(from: 1, through: k, by: 1) {
                product *= (Double(i) - 1 - rho * Double(j)) / Double(i)
                r[i * 6 + j] = product
            }
        }
    }

    public func interpolate(_ state: IntegrationState, at t: Double, into out: inout [Double]) {
        for j in 0..<n { out[j] = differences[j] }
        var p = 1.0
        for i in 0..<order {
            p *= (t - (state.t - h * Double(i))) / (h * Double(i + 1))
            for j in 0..<n { out[j] += differences[(i + 1) * n + j] * p }
        }
    }
}

extension Method {
    /// Variable-order BDF (orders 1…5) with modified Newton and CVODE-like Jacobian reuse.
    public static let bdf = Method.bdf(maximumOrder: BDF.highestOrder)

    /// BDF limited to orders 1…`maximumOrder` (named "bdf1"…"bdf4"; "bdf" for 5).
    public static func bdf(maximumOrder: Int) -> Method {
        Method(name: maximumOrder == BDF.highestOrder ? "bdf" : "bdf\(maximumOrder)", isStiff: true) {
            BDF(dimension: $0, maximumOrder: maximumOrder)
        }
    }
}
