/// The stepper behind every Rosenbrock tableau (the method is the tableau).
///
/// Jacobian/LU policy. Rosenbrock methods reach their order only with the exact J = ∂f/∂y(t₀, y₀)
/// (Hairer & Wanner II, IV.7; a stale J turns them into W-methods of lower order), so:
/// - J and ∂f/∂t are evaluated once per step start (t₀, y₀) and reused by every rejected retry from the
///   same point: `jacobianEvaluations == accepted steps` on a run without failures;
/// - W = I/(hγ) − J is factored at every attempt, since h changes at every attempt:
///   `luFactorizations == step attempts`.
/// A singular W (or a NaN error) shrinks h by 4; ten consecutive singular matrices end the run with
/// `.singularMatrix`.
public final class Rosenbrock: Stepper {
    public let tableau: RosenbrockTableau
    public var name: String { tableau.name }
    private let n: Int
    /// Stage vectors, stage-major: k[i·n + j] (`WorkVector`s: no exclusivity check per element).
    private let k: WorkVector
    /// Dense-output vectors K_m of the last accepted step, K[m·n + j].
    private let denseVectors: WorkVector
    private let stageState: WorkVector
    private let stageRHS: WorkVector
    private let f0: WorkVector
    private let dfdt: WorkVector
    private let yNew: WorkVector
    private let errorVector: WorkVector
    private let jacobian: JacobianEvaluator
    private var iteration: IterationMatrix
    private var controller = PIController()
    private var haveF0 = false
    private var jacobianIsCurrent = false
    private var hasJacobian = false

    public init(tableau: RosenbrockTableau, dimension: Int) {
        self.tableau = tableau
        n = dimension
        k = WorkVector(count: tableau.stages * dimension)
        denseVectors = WorkVector(count: tableau.dense.count * dimension)
        stageState = WorkVector(count: dimension)
        stageRHS = WorkVector(count: dimension)
        f0 = WorkVector(count: dimension)
        dfdt = WorkVector(count: dimension)
        yNew = WorkVector(count: dimension)
        errorVector = WorkVector(count: dimension)
        jacobian = JacobianEvaluator(dimension: dimension)
        iteration = IterationMatrix(dimension: dimension)
    }

    deinit {
        for v in [k, denseVectors, stageState, stageRHS, f0, dfdt, yNew, errorVector] { v.deallocate() }
    }

    /// ρ(J) ≤ ‖J‖∞ for the Jacobian of the last step (the `auto` method's test for leaving the stiff
    /// method); +∞ before the first Jacobian.
    var jacobianNormBound: Double {
        guard hasJacobian else { return .infinity }
        var bound = 0.0
        for i in 0..<n {
            var row = 0.0
            for j in 0..<n { row += abs(jacobian.matrix[i, j]) }
            bound = max(bound, row)
        }
        return bound
    }

    public func restart(_ state: IntegrationState) {
        haveF0 = false
        jacobianIsCurrent = false
        hasJacobian = false
        iteration.invalidate()
        controller.reset()
    }

    public func step(_ state: IntegrationState, limit: Double) throws(StepFailure) {
        controller.control = state.options.stepSizeControl
        if !haveF0 {
            state.y.withUnsafeBufferPointer { state.evaluate(state.t, $0, into: f0.buffer) }
            haveF0 = true
        }
        if state.h <= 0 {
            state.h = initialStepSize(state: state, f0: Array(f0.values), order: tableau.embeddedOrder, limit: limit)
        }
        var consecutiveSingular = 0
        while true {
            try state.beginAttempt()
            let proposed = state.h
            let (h, tNew) = state.clampedStep(proposed, limit: limit)
            try state.checkStepSize(h)
            if !jacobianIsCurrent {
                state.y.withUnsafeBufferPointer { y in
                    jacobian.evaluate(state, t: state.t, y: y, f0: f0.values)
                    jacobian.timeDerivative(state, t: state.t, y: y, f0: f0.values, h: h, into: dfdt.buffer)
                }
                jacobianIsCurrent = true
                hasJacobian = true
            }
            do {
                try iteration.factor(jacobian: jacobian.matrix, identityScale: 1 / (h * tableau.gamma),
                                     jacobianScale: 1, statistics: &state.statistics)
            } catch {
                state.statistics.rejected += 1
                consecutiveSingular += 1
                if consecutiveSingular >= 10 {
                    throw state.failure(.singularMatrix, "W = I/(hγ) − J stayed singular (\(error)) over ten step reductions")
                }
                state.h = h / 4
                continue
            }
            consecutiveSingular = 0
            let error = computeStages(state, h: h)
            if error <= 1 {
                state.h = controller.nextStep(after: h, error: error, order: tableau.embeddedOrder)
                // A step shortened to land on a stop or output time says nothing against the step that
                // was planned: resume it (otherwise every output time would shrink the steps).
                if h < proposed { state.h = max(state.h, proposed) }
                computeDenseVectors()
                state.accept(tNew: tNew, yNew: yNew.values)
                haveF0 = false
                jacobianIsCurrent = false
                return
            }
            state.statistics.rejected += 1
            state.h = error.isFinite ? controller.nextStep(after: h, error: error, order: tableau.embeddedOrder) : h / 4
        }
    }

    /// Stages k₁…kₛ, y₁ in `yNew` and the weighted norm of the error estimate for a step h.
    private func computeStages(_ state: IntegrationState, h: Double) -> Double {
        state.y.withUnsafeBufferPointer { computeStages(state, y: $0, h: h) }
    }

    private func computeStages(_ state: IntegrationState, y: UnsafeBufferPointer<Double>, h: Double) -> Double {
        let s = tableau.stages
        let t = state.t
        for i in 0..<s {
            let ai = tableau.a[i], ci = tableau.C[i]
            if i == 0 {
                for j in 0..<n { stageRHS[j] = f0[j] }
            } else {
                for j in 0..<n {
                    var acc = y[j]
                    for m in 0..<i where ai[m] != 0 { acc += ai[m] * k[m * n + j] }
                    stageState[j] = acc
                }
                state.evaluate(t + tableau.c[i] * h, stageState.values, into: stageRHS.buffer)
            }
            let hd = h * tableau.d[i]
            for j in 0..<n {
                var acc = stageRHS[j] + hd * dfdt[j]
                for m in 0..<i where ci[m] != 0 { acc += ci[m] / h * k[m * n + j] }
                stageRHS[j] = acc
            }
            iteration.solve(stageRHS.buffer)
            for j in 0..<n { k[i * n + j] = stageRHS[j] }
        }
        for j in 0..<n {
            var solution = y[j], error = 0.0
            for m in 0..<s {
                solution += tableau.b[m] * k[m * n + j]
                error += tableau.e[m] * k[m * n + j]
            }
            yNew[j] = solution
            errorVector[j] = error
        }
        return state.weights.norm(errorVector.values, y, yNew.values)
    }

    private func computeDenseVectors() {
        for (m, row) in tableau.dense.enumerated() {
            for j in 0..<n {
                var acc = 0.0
                for i in 0..<tableau.stages { acc += row[i] * k[i * n + j] }
                denseVectors[m * n + j] = acc
            }
        }
    }

    public func interpolate(_ state: IntegrationState, at t: Double, into out: inout [Double]) {
        let theta = (t - state.tPrevious) / (state.t - state.tPrevious)
        let m = tableau.dense.count
        for j in 0..<n {
            var inner = 0.0
            for r in stride(from: m - 1, through: 0, by: -1) { inner = inner * theta + denseVectors[r * n + j] }
            out[j] = (1 - theta) * state.yPrevious[j] + theta * (state.y[j] + (1 - theta) * inner)
        }
    }
}

extension Method {
    /// Rodas5P (Steinebach 2023), order 5(4), stiffly accurate, 4th-order dense output.
    public static let rodas5p = Method.rosenbrock(.rodas5P)

    /// A method from a Rosenbrock tableau, stepped by the generic `Rosenbrock` stepper.
    public static func rosenbrock(_ tableau: RosenbrockTableau) -> Method {
        Method(name: tableau.name, isStiff: true) { Rosenbrock(tableau: tableau, dimension: $0) }
    }
}
