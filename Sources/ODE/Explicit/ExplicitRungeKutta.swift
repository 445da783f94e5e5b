/// The one stepper behind every explicit embedded Runge–Kutta pair (the method is the tableau).
public final class ExplicitRungeKutta: Stepper {
    public let tableau: ButcherTableau
    public var name: String { tableau.name }
    private let n: Int
    /// Stage derivatives, stage-major: k[i·n + j] is component j of stage i.
    private var k: [Double]
    private var yStage: [Double]
    private var yNew: [Double]
    private var errorVector: [Double]
    /// f at the start and at the end of the last accepted step (for FSAL reuse and Hermite output).
    private var fStart: [Double]
    private var fEnd: [Double]
    private var haveFStart = false
    /// Stages of the last accepted step, kept for the tableau's own interpolant.
    private var kAccepted: [Double]
    private var controller = PIController()

    public init(tableau: ButcherTableau, dimension: Int) {
        self.tableau = tableau
        n = dimension
        k = [Double](repeating: 0, count: tableau.stages * dimension)
        kAccepted = k
        yStage = [Double](repeating: 0, count: dimension)
        yNew = yStage
        errorVector = yStage
        fStart = yStage
        fEnd = yStage
    }

    public func restart(_ state: IntegrationState) {
        haveFStart = false
        controller.reset()
    }

    /// Stage derivatives k₁…kₛ, ŷ (in `yNew`) and the error vector for a step h from (t, y).
    private func computeStages(_ state: IntegrationState, h: Double) {
        let s = tableau.stages
        let t = state.t
        state.y.withUnsafeBufferPointer { y in
            k.withUnsafeMutableBufferPointer { k in
                fStart.withUnsafeBufferPointer { f0 in
                    for j in 0..<n { k[j] = f0[j] }
                }
                yStage.withUnsafeMutableBufferPointer { ys in
                    for i in 1..<s {
                        let ai = tableau.a[i]
                        for j in 0..<n {
                            var acc = 0.0
                            for m in 0..<i where ai[m] != 0 { acc += ai[m] * k[m * n + j] }
                            ys[j] = y[j] + h * acc
                        }
                        state.evaluate(t + tableau.c[i] * h, UnsafeBufferPointer(ys),
                                       into: UnsafeMutableBufferPointer(rebasing: k[(i * n)..<((i + 1) * n)]))
                    }
                }
                yNew.withUnsafeMutableBufferPointer { yn in
                    errorVector.withUnsafeMutableBufferPointer { err in
                        for j in 0..<n {
                            var accB = 0.0, accE = 0.0
                            for m in 0..<s {
                                accB += tableau.b[m] * k[m * n + j]
                                accE += tableau.e[m] * k[m * n + j]
                            }
                            yn[j] = y[j] + h * accB
                            err[j] = h * accE
                        }
                    }
                }
            }
        }
    }

    public func step(_ state: IntegrationState, limit: Double) throws(StepFailure) {
        if !haveFStart {
            state.evaluate(state.t, state.y, into: &fStart)
            haveFStart = true
        }
        if state.h <= 0 {
            state.h = initialStepSize(state: state, f0: fStart, order: tableau.embeddedOrder, limit: limit)
        }
        while true {
            try state.beginAttempt()
            let (h, tNew) = state.clampedStep(state.h, limit: limit)
            try state.checkStepSize(h)
            computeStages(state, h: h)
            let error = state.weights.norm(errorVector, state.y, yNew)
            let q = min(tableau.order, tableau.embeddedOrder)
            if error <= 1 {
                state.h = controller.nextStep(after: h, error: error, order: q)
                swap(&kAccepted, &k)
                state.accept(tNew: tNew, yNew: yNew)
                if tableau.isFSAL {
                    for j in 0..<n { fEnd[j] = kAccepted[(tableau.stages - 1) * n + j] }
                } else {
                    state.evaluate(state.t, state.y, into: &fEnd)
                }
                swap(&fStart, &fEnd)   // fStart = f(t_new, y_new); fEnd now holds f at the old start
                return
            }
            state.statistics.rejected += 1
            // A NaN error (blow-up inside the stages) is treated as a large error: shrink hard.
            state.h = error.isNaN ? h * 0.2 : controller.nextStep(after: h, error: error, order: q)
        }
    }

    public func interpolate(_ state: IntegrationState, at t: Double, into out: inout [Double]) {
        let h = state.t - state.tPrevious
        let theta = (t - state.tPrevious) / h
        if let coefficients = tableau.interpolant {
            // y(t₀ + θh) = y₀ + h Σᵢ bᵢ(θ) kᵢ
            let s = tableau.stages
            var weights = [Double](repeating: 0, count: s)
            for i in 0..<s {
                var p = 0.0, power = theta
                for c in coefficients[i] { p += c * power; power *= theta }
                weights[i] = p
            }
            for j in 0..<n {
                var acc = 0.0
                for i in 0..<s { acc += weights[i] * kAccepted[i * n + j] }
                out[j] = state.yPrevious[j] + h * acc
            }
            return
        }
        // Cubic Hermite on (y₀, f₀) and (y₁, f₁): fEnd holds f at the start, fStart f at the end.
        let t2 = theta * theta, t3 = t2 * theta
        let h00 = 2 * t3 - 3 * t2 + 1, h10 = t3 - 2 * t2 + theta
        let h01 = -2 * t3 + 3 * t2, h11 = t3 - t2
        for j in 0..<n {
            out[j] = h00 * state.yPrevious[j] + h10 * h * fEnd[j] + h01 * state.y[j] + h11 * h * fStart[j]
        }
    }
}
