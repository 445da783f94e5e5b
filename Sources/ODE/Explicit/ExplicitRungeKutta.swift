/// The one stepper behind every explicit embedded Runge–Kutta pair (the method is the tableau).
///
/// Evaluations of f: s − 1 per attempt (the first stage is f at the current point, known), plus one per
/// accepted step for a non-FSAL pair (f(t₁, y₁), evaluated on acceptance; an FSAL pair has it as its last
/// stage). Dense-output stages are evaluated only in steps that are interpolated, once per step.
/// All buffers are allocated once, in `init`; a step allocates nothing (checked with heaptrack on a
/// release build: 10⁵ steps allocate no more than 10⁴).
public final class ExplicitRungeKutta: Stepper {
    public let tableau: ButcherTableau
    public var name: String { tableau.name }

    /// Stiffness indicator of the last accepted step (Hairer & Wanner, Solving ODEs II, IV.2, "Automatic
    /// stiffness detection"; the test in DOPRI5 and DOP853):
    ///
    ///     indicator = h · ρ̃ / x_stab,   ρ̃ = ‖k_q − k_p‖₂ / ‖g_q − g_p‖₂
    ///
    /// where g_p, g_q are the states at which the two last stages with the same node (c_p = c_q) were
    /// evaluated, so k_q − k_p ≈ J·(g_q − g_p) and ρ̃ estimates the dominant eigenvalue modulus of
    /// J = ∂f/∂y; x_stab is the method's stability boundary on the negative real axis
    /// (`ButcherTableau.realStabilityBoundary`, 3.31 for DOPRI5). A value near 1 means the step size is
    /// limited by stability rather than accuracy; when that holds for many consecutive steps (DOPRI5: 15
    /// steps above 3.25/3.31 ≈ 0.98) the problem is stiff on this interval. With hpgsim's PI controller the
    /// stability-limited steps sit a little inside the boundary: on Van der Pol (μ = 1000, rtol 1e-6) the
    /// indicator's median is 0.83 (dp5), 0.88 (tsit5), 0.87 (vern7), against medians below 0.1 on the
    /// Arenstorf orbit at the same tolerance; so a threshold of about 0.5 held for 15 steps is the robust
    /// test. 0 before the first step, and for tableaus without two stages at the same node.
    public private(set) var stiffnessIndicator: Double = 0

    private let n: Int
    /// Rows of the tableau (step stages plus dense-output stages) and its coefficients, flattened
    /// row-major: aᵢⱼ at `a[i * rows + j]`.
    private let rows: Int
    private let a: UnsafeMutablePointer<Double>
    /// Stage derivatives, stage-major: k[i·n + j] is component j of stage i. `kAccepted` holds the stages
    /// of the last accepted step (swapped in on acceptance).
    private var k: UnsafeMutablePointer<Double>
    private var kAccepted: UnsafeMutablePointer<Double>
    private let yStage: UnsafeMutablePointer<Double>
    private let yNew: UnsafeMutablePointer<Double>
    private let errorVector: UnsafeMutablePointer<Double>
    /// f(t, y) at the current point (the first stage of the next step).
    private let fStart: UnsafeMutablePointer<Double>
    /// States g_p and g_q of the stiffness-detection stages.
    private let gP: UnsafeMutablePointer<Double>
    private let gQ: UnsafeMutablePointer<Double>
    /// Interpolation polynomials flattened: the coefficient of θ^(m+1) in bᵢ(θ) at `interpolant[i * degree + m]`.
    private let degree: Int
    private let interpolant: UnsafeMutablePointer<Double>
    /// Interpolation weights bᵢ(θ), one per row.
    private let weights: UnsafeMutablePointer<Double>
    /// A dense-output row that is f(t + h, y₁) (c = 1, a = b): taken from `fStart` instead of evaluated.
    private let endpointRow: Int?
    private var haveFStart = false
    /// Whether the dense-output stages of the last accepted step have been evaluated.
    private var denseStagesReady = false
    private var controller = PIController()

    public init(tableau: ButcherTableau, dimension: Int) {
        self.tableau = tableau
        n = dimension
        rows = tableau.totalStages
        func buffer(_ count: Int) -> UnsafeMutablePointer<Double> {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: max(count, 1))
            p.initialize(repeating: 0, count: max(count, 1))
            return p
        }
        a = buffer(rows * rows)
        for i in 0..<rows { for j in 0..<i { a[i * rows + j] = tableau.a[i][j] } }
        k = buffer(rows * n)
        kAccepted = buffer(rows * n)
        yStage = buffer(n)
        yNew = buffer(n)
        errorVector = buffer(n)
        fStart = buffer(n)
        gP = buffer(n)
        gQ = buffer(n)
        degree = tableau.interpolant.map(\.count).max() ?? 0
        interpolant = buffer(rows * degree)
        for (i, row) in tableau.interpolant.enumerated() {
            for (m, v) in row.enumerated() { interpolant[i * degree + m] = v }
        }
        weights = buffer(rows)
        let s = tableau.stages
        endpointRow = (s..<rows).first { r in
            tableau.c[r] == 1 && Array(tableau.a[r].prefix(s)) == tableau.b
                && tableau.a[r].dropFirst(s).allSatisfy { $0 == 0 }
        }
    }

    deinit {
        for p in [a, k, kAccepted, yStage, yNew, errorVector, fStart, gP, gQ, interpolant, weights] { p.deallocate() }
    }

    public func restart(_ state: IntegrationState) {
        haveFStart = false
        denseStagesReady = false
        controller.reset()
    }

    /// Evaluates rows `range` of the tableau from (t, y) with step h into `stages`:
    /// kᵢ = f(t + cᵢh, y + h Σⱼ<ᵢ aᵢⱼ kⱼ). Row 0 must already hold f(t, y).
    private func evaluateStages(
        _ range: Range<Int>, _ state: IntegrationState, t: Double, y: UnsafePointer<Double>, h: Double,
        into stages: UnsafeMutablePointer<Double>
    ) {
        let p = tableau.stiffnessStages
        for i in range {
            if i == endpointRow {
                (stages + i * n).update(from: fStart, count: n)
                continue
            }
            yStage.update(from: y, count: n)
            for m in 0..<i {
                let ham = h * a[i * rows + m]
                if ham == 0 { continue }
                let km = stages + m * n
                for j in 0..<n { yStage[j] += ham * km[j] }
            }
            if i == p?.p { gP.update(from: yStage, count: n) }
            if i == p?.q { gQ.update(from: yStage, count: n) }
            state.evaluate(t + tableau.c[i] * h, UnsafeBufferPointer(start: yStage, count: n),
                           into: UnsafeMutableBufferPointer(start: stages + i * n, count: n))
        }
    }

    /// Stage derivatives k₁…kₛ, y₁ (in `yNew`) and the error vector for a step h from (t, y); returns the
    /// weighted error norm.
    private func computeStep(_ state: IntegrationState, h: Double) -> Double {
        let s = tableau.stages
        return state.y.withUnsafeBufferPointer { yb in
            let y = yb.baseAddress!
            k.update(from: fStart, count: n)
            evaluateStages(1..<s, state, t: state.t, y: y, h: h, into: k)
            yNew.update(from: y, count: n)
            errorVector.update(repeating: 0, count: n)
            for m in 0..<s {
                let hb = h * tableau.b[m], he = h * tableau.e[m]
                let km = k + m * n
                if hb != 0 { for j in 0..<n { yNew[j] += hb * km[j] } }
                if he != 0 { for j in 0..<n { errorVector[j] += he * km[j] } }
            }
            return state.weights.norm(
                UnsafeBufferPointer(start: errorVector, count: n), yb, UnsafeBufferPointer(start: yNew, count: n))
        }
    }

    /// fStart = f(t, y) at the current point.
    private func evaluateAtCurrentPoint(_ state: IntegrationState) {
        state.y.withUnsafeBufferPointer { y in
            state.evaluate(state.t, y, into: UnsafeMutableBufferPointer(start: fStart, count: n))
        }
    }

    /// h · ‖k_q − k_p‖₂ / ‖g_q − g_p‖₂ / x_stab for the stages of the step just computed.
    private func updateStiffnessIndicator(h: Double) {
        guard let (p, q) = tableau.stiffnessStages else { return }
        var dk = 0.0, dg = 0.0
        for j in 0..<n {
            let kd = k[q * n + j] - k[p * n + j], gd = gQ[j] - gP[j]
            dk += kd * kd
            dg += gd * gd
        }
        stiffnessIndicator = dg > 0 ? h * (dk / dg).squareRoot() / tableau.realStabilityBoundary : 0
    }

    public func step(_ state: IntegrationState, limit: Double) throws(StepFailure) {
        if !haveFStart {
            evaluateAtCurrentPoint(state)
            haveFStart = true
        }
        if state.h <= 0 {
            state.h = initialStepSize(state: state, f0: Array(UnsafeBufferPointer(start: fStart, count: n)),
                                      order: tableau.embeddedOrder, limit: limit)
        }
        let q = min(tableau.order, tableau.embeddedOrder)
        while true {
            try state.beginAttempt()
            let (h, tNew) = state.clampedStep(state.h, limit: limit)
            try state.checkStepSize(h)
            let error = computeStep(state, h: h)
            if error <= 1 {
                state.h = controller.nextStep(after: h, error: error, order: q)
                updateStiffnessIndicator(h: h)
                swap(&kAccepted, &k)
                denseStagesReady = false
                state.accept(tNew: tNew, yNew: UnsafeBufferPointer(start: yNew, count: n))
                if tableau.isFSAL {
                    fStart.update(from: kAccepted + (tableau.stages - 1) * n, count: n)
                } else {
                    evaluateAtCurrentPoint(state)
                }
                return
            }
            state.statistics.rejected += 1
            // A NaN error (blow-up inside the stages) is treated as a large error: shrink hard.
            state.h = error.isNaN ? h * 0.2 : controller.nextStep(after: h, error: error, order: q)
        }
    }

    /// y(t₀ + θh) = y₀ + h Σᵢ bᵢ(θ) kᵢ over the step's stages and its dense-output stages.
    public func interpolate(_ state: IntegrationState, at t: Double, into out: inout [Double]) {
        let h = state.t - state.tPrevious
        let theta = (t - state.tPrevious) / h
        state.yPrevious.withUnsafeBufferPointer { yb in
            let y0 = yb.baseAddress!
            if !denseStagesReady && rows > tableau.stages {
                evaluateStages(tableau.stages..<rows, state, t: state.tPrevious, y: y0, h: h, into: kAccepted)
                denseStagesReady = true
            }
            for i in 0..<rows {
                // bᵢ(θ) = θ·(r₁ + θ·(r₂ + …))  (Horner)
                var p = 0.0
                for m in stride(from: degree - 1, through: 0, by: -1) { p = (p + interpolant[i * degree + m]) * theta }
                weights[i] = p
            }
            out.withUnsafeMutableBufferPointer { o in
                for j in 0..<n { o[j] = y0[j] }
                for i in 0..<rows where weights[i] != 0 {
                    let w = h * weights[i], ki = kAccepted + i * n
                    for j in 0..<n { o[j] += w * ki[j] }
                }
            }
        }
    }
}
