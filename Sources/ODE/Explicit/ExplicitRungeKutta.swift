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
    @exclusivity(unchecked) public private(set) var stiffnessIndicator: Double = 0

    private let n: Int
    /// Rows of the tableau (step stages plus dense-output stages) and their number of step stages.
    private let rows: Int
    private let stages: Int
    /// The nonzero aᵢⱼ, row by row (compressed sparse rows): row i has the entries
    /// `rowStart[i]..<rowStart[i + 1]`, value `a[k]`, stage j at offset `aOffset[k]` = j·n in a stage
    /// array. Skipping the zeros skips the same terms the dense sum would add as 0·kⱼ.
    private let rowStart: UnsafeMutablePointer<Int>
    private let aOffset: UnsafeMutablePointer<Int>
    private let a: UnsafeMutablePointer<Double>
    /// Nodes cᵢ of all rows.
    private let c: UnsafeMutablePointer<Double>
    /// The nonzero weights bₘ (`bCount` of them, stage m at offset `bOffset` = m·n) and likewise eₘ.
    private let b: UnsafeMutablePointer<Double>
    private let bOffset: UnsafeMutablePointer<Int>
    private let bCount: Int
    private let e: UnsafeMutablePointer<Double>
    private let eOffset: UnsafeMutablePointer<Int>
    private let eCount: Int
    /// Per-step scratch: the coefficients of one sum times h (h·aᵢⱼ, h·bₘ, h·eₘ, h·bᵢ(θ)), and the
    /// offsets of the dense-output rows with a nonzero weight.
    private let scaled: UnsafeMutablePointer<Double>
    private let scaledError: UnsafeMutablePointer<Double>
    private let denseOffset: UnsafeMutablePointer<Int>
    /// Rows of the stiffness-detection stages (−1 when the tableau has none).
    private let stiffP: Int
    private let stiffQ: Int
    /// Stage derivatives, stage-major: k[i·n + j] is component j of stage i. `kAccepted` holds the stages
    /// of the last accepted step (swapped in on acceptance). These and the flags below are touched several
    /// times per step by this stepper only: no run-time exclusivity checks (see `IntegrationState`).
    @exclusivity(unchecked) private var k: UnsafeMutablePointer<Double>
    @exclusivity(unchecked) private var kAccepted: UnsafeMutablePointer<Double>
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
    /// A dense-output row that is f(t + h, y₁) (c = 1, a = b): taken from `fStart` instead of evaluated
    /// (−1 when there is none).
    private let endpointRow: Int
    @exclusivity(unchecked) private var haveFStart = false
    /// Whether the dense-output stages of the last accepted step have been evaluated.
    @exclusivity(unchecked) private var denseStagesReady = false
    @exclusivity(unchecked) private var controller = PIController()
    /// The exact flow of the problem's linear block (`LinearBlock`), checked at each restart (K follows the
    /// parameters, which may change there) and decomposed again only when K changed; nil without a block or
    /// when its K cannot be propagated exactly.
    @exclusivity(unchecked) private var flow: ExactLinearFlow?
    @exclusivity(unchecked) private var flowIsBuilt = false

    public init(tableau: ButcherTableau, dimension: Int) {
        self.tableau = tableau
        n = dimension
        rows = tableau.totalStages
        stages = tableau.stages
        func buffer<T: Numeric>(_ count: Int) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
            p.initialize(repeating: 0, count: max(count, 1))
            return p
        }
        let nonzero = tableau.a.map { row in row.indices.filter { row[$0] != 0 } }
        rowStart = buffer(rows + 1)
        aOffset = buffer(rows * rows)
        a = buffer(rows * rows)
        var entry = 0
        for i in 0..<rows {
            rowStart[i] = entry
            for j in nonzero[i] {
                aOffset[entry] = j * dimension
                a[entry] = tableau.a[i][j]
                entry += 1
            }
        }
        rowStart[rows] = entry
        c = buffer(rows)
        for i in 0..<rows { c[i] = tableau.c[i] }
        func sparse(_ weights: [Double]) -> (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Int>, Int) {
            let used = weights.indices.filter { weights[$0] != 0 }
            let (values, offsets): (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Int>) = (buffer(used.count), buffer(used.count))
            for (k, m) in used.enumerated() { (values[k], offsets[k]) = (weights[m], m * dimension) }
            return (values, offsets, used.count)
        }
        (b, bOffset, bCount) = sparse(tableau.b)
        (e, eOffset, eCount) = sparse(tableau.e)
        scaled = buffer(rows)
        scaledError = buffer(rows)
        denseOffset = buffer(rows)
        (stiffP, stiffQ) = tableau.stiffnessStages ?? (-1, -1)
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
        let s = tableau.stages
        endpointRow = (s..<rows).first { r in
            tableau.c[r] == 1 && Array(tableau.a[r].prefix(s)) == tableau.b
                && tableau.a[r].dropFirst(s).allSatisfy { $0 == 0 }
        } ?? -1
    }

    deinit {
        for p in [a, c, b, e, scaled, scaledError, k, kAccepted, yStage, yNew, errorVector, fStart, gP, gQ,
                  interpolant] { p.deallocate() }
        for p in [rowStart, aOffset, bOffset, eOffset, denseOffset] { p.deallocate() }
    }

    public func restart(_ state: IntegrationState) {
        haveFStart = false
        denseStagesReady = false
        flowIsBuilt = false
        controller.reset()
    }

    /// Evaluates rows `range` of the tableau from (t, y) with step h into `stages`:
    /// kᵢ = f(t + cᵢh, y + h Σⱼ<ᵢ aᵢⱼ kⱼ). Row 0 must already hold f(t, y).
    ///
    /// Each component's sum is accumulated in a register, term by term in the order j = 0, 1, …: the
    /// same additions in the same order as updating the stage vector in memory once per j, without the
    /// store-to-load round trip per term.
    private func evaluateStages(
        _ range: Range<Int>, _ state: IntegrationState, t: Double, y: UnsafePointer<Double>, h: Double,
        into stages: UnsafeMutablePointer<Double>
    ) {
        let n = n
        for i in range {
            if i == endpointRow {
                (stages + i * n).update(from: fStart, count: n)
                continue
            }
            let first = rowStart[i], terms = rowStart[i + 1] - first
            for m in 0..<terms { scaled[m] = h * a[first + m] }
            combine(into: yStage, start: y, scaled, aOffset + first, terms, stages)
            flow?.value(at: c[i] * h, into: yStage)
            if i == stiffP { gP.update(from: yStage, count: n) }
            if i == stiffQ { gQ.update(from: yStage, count: n) }
            state.evaluate(t + c[i] * h, UnsafeBufferPointer(start: yStage, count: n),
                           into: UnsafeMutableBufferPointer(start: stages + i * n, count: n))
        }
    }

    /// out = start + Σₘ coefficients[m] · source[offsets[m] ..< offsets[m] + n] (start nil: 0 + Σ …).
    /// Each component's sum is held in a register and its terms are added in the order m = 0, 1, …, four
    /// components at a time (SIMD4), the rest one by one: the same additions in the same order for every
    /// component whatever the block, so any blocking gives the same bits (one loop for every dimension;
    /// before, above 8 components each term was a pass through memory: 1.5 % more instructions per man on
    /// the population benchmark, callgrind).
    @inline(__always)
    private func combine(
        into out: UnsafeMutablePointer<Double>, start: UnsafePointer<Double>?, _ coefficients: UnsafePointer<Double>,
        _ offsets: UnsafePointer<Int>, _ count: Int, _ source: UnsafePointer<Double>
    ) {
        let n = n
        var j = 0
        while j &+ 4 <= n {
            var sum = start.map { UnsafeRawPointer($0 + j).loadUnaligned(as: SIMD4<Double>.self) } ?? .zero
            for m in 0..<count {
                let x = UnsafeRawPointer(source + (offsets[m] &+ j)).loadUnaligned(as: SIMD4<Double>.self)
                sum += coefficients[m] * x
            }
            UnsafeMutableRawPointer(out + j).storeBytes(of: sum, as: SIMD4<Double>.self)
            j &+= 4
        }
        while j < n {
            var sum = start?[j] ?? 0
            for m in 0..<count { sum += coefficients[m] * source[offsets[m] &+ j] }
            out[j] = sum
            j &+= 1
        }
    }

    /// Stage derivatives k₁…kₛ, y₁ (in `yNew`) and the error vector for a step h from (t, y); returns the
    /// weighted error norm. y₁ = y + Σ (h bₘ) kₘ and err = 0 + Σ (h eₘ) kₘ, summed over m in order, terms
    /// with a zero weight left out.
    private func computeStep(_ state: IntegrationState, h: Double) -> Double {
        let n = n
        return state.y.withUnsafeBufferPointer { yb in
            let y = yb.baseAddress!
            k.update(from: fStart, count: n)
            evaluateStages(1..<stages, state, t: state.t, y: y, h: h, into: k)
            for m in 0..<bCount { scaled[m] = h * b[m] }
            for m in 0..<eCount { scaledError[m] = h * e[m] }
            combine(into: yNew, start: y, scaled, bOffset, bCount, k)
            combine(into: errorVector, start: nil, scaledError, eOffset, eCount, k)
            if let flow {
                flow.value(at: h, into: yNew)
                flow.clear(errorVector)
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
        guard stiffP >= 0 else { return }
        let (p, q) = (stiffP, stiffQ)
        var dk = 0.0, dg = 0.0
        for j in 0..<n {
            let kd = k[q * n + j] - k[p * n + j], gd = gQ[j] - gP[j]
            dk += kd * kd
            dg += gd * gd
        }
        // The exactly propagated block is not integrated by the method: its modes do not limit the step.
        if let flow {
            for j in flow.indices {
                let kd = k[q * n + j] - k[p * n + j], gd = gQ[j] - gP[j]
                dk -= kd * kd
                dg -= gd * gd
            }
            dk = max(dk, 0)
            dg = max(dg, 0)
        }
        stiffnessIndicator = dg > 0 ? h * (dk / dg).squareRoot() / tableau.realStabilityBoundary : 0
    }

    public func step(_ state: IntegrationState, limit: Double) throws(StepFailure) {
        controller.control = state.options.stepSizeControl
        if !haveFStart {
            evaluateAtCurrentPoint(state)
            haveFStart = true
        }
        if !flowIsBuilt {
            if let block = state.problem.linearBlock {
                let k = block.matrix()
                if flow?.propagates(k) != true { flow = ExactLinearFlow.make(indices: block.indices, k) }
            } else {
                flow = nil
            }
            flowIsBuilt = true
        }
        if let flow { state.y.withUnsafeBufferPointer { flow.begin(y: $0.baseAddress!, f: fStart) } }
        if let flow, flow.m == n {
            try stepExactly(flow, state, limit: limit)
            return
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
                    fStart.update(from: kAccepted + (stages - 1) * n, count: n)
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

    /// A problem that is all linear block (a linear compartment model without hormones) has its exact flow:
    /// the step goes straight to the limit (or `maxStep`) with no stages and no error estimate, and dense
    /// output is the flow itself (`interpolate`). What NONMEM's ADVAN1/2/4 do in closed form.
    private func stepExactly(_ flow: ExactLinearFlow, _ state: IntegrationState, limit: Double) throws(StepFailure) {
        try state.beginAttempt()
        let (h, tNew) = state.clampedStep(limit - state.t, limit: limit)
        try state.checkStepSize(h)
        flow.value(at: h, into: yNew)
        stiffnessIndicator = 0
        denseStagesReady = true
        state.accept(tNew: tNew, yNew: UnsafeBufferPointer(start: yNew, count: n))
        evaluateAtCurrentPoint(state)
    }

    /// y(t₀ + θh) = y₀ + h Σᵢ bᵢ(θ) kᵢ over the step's stages and its dense-output stages, summed over i
    /// in order, rows with bᵢ(θ) = 0 left out.
    public func interpolate(_ state: IntegrationState, at t: Double, into out: inout [Double]) {
        let n = n
        let h = state.t - state.tPrevious
        let theta = (t - state.tPrevious) / h
        if let flow, flow.m == n {
            out.withUnsafeMutableBufferPointer { flow.value(at: theta * h, into: $0.baseAddress!) }
            return
        }
        state.yPrevious.withUnsafeBufferPointer { yb in
            let y0 = yb.baseAddress!
            if !denseStagesReady && rows > stages {
                evaluateStages(stages..<rows, state, t: state.tPrevious, y: y0, h: h, into: kAccepted)
                denseStagesReady = true
            }
            var terms = 0
            for i in 0..<rows {
                // bᵢ(θ) = θ·(r₁ + θ·(r₂ + …))  (Horner)
                let r = interpolant + i * degree
                var p = 0.0, m = degree
                while m > 0 {
                    m &-= 1
                    p = (p + r[m]) * theta
                }
                if p != 0 {
                    scaled[terms] = h * p
                    denseOffset[terms] = i * n
                    terms += 1
                }
            }
            out.withUnsafeMutableBufferPointer { o in
                combine(into: o.baseAddress!, start: y0, scaled, denseOffset, terms, kAccepted)
                flow?.value(at: theta * h, into: o.baseAddress!)
            }
        }
    }
}
