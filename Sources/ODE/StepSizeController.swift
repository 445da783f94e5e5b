/// Proportional–integral step-size controller (Gustafsson 1991; Hairer & Wanner, Solving ODEs II, IV.2,
/// eq. 2.43c; same form as DifferentialEquations.jl's `PIController`):
///
///     h_new = h · clamp( safety · errₙ^(−β₁) · errₙ₋₁^(β₂),  facMin, facMax )
///
/// with β₁ = 0.7/(q+1) and β₂ = 0.4/(q+1) for an error estimator of order q. After a rejection the step
/// may only shrink, and the integral memory is kept from the last accepted step.
///
/// With `control` = `.integral` the memory term is dropped (β₁ = 1/(q+1), β₂ = 0: the elementary controller,
/// DOP853's default, Hairer, Nørsett & Wanner I, II.10).
public struct PIController: Sendable {
    public var safety = 0.9
    public var facMin = 0.2
    public var facMax = 10.0
    public var control = StepSizeControl.proportionalIntegral
    /// Error norm of the last accepted step (floored so that a zero error cannot explode the step).
    private var previousError = 1.0

    public init() {}

    /// Step size to try next after an attempt with step `h` and error norm `error` (accepted iff ≤ 1).
    public mutating func nextStep(after h: Double, error: Double, order q: Int) -> Double {
        let k = Double(q + 1)
        let e = max(error, 1e-10)
        if error <= 1 {
            let factor = control == .integral
                ? safety * pow(e, -1 / k)
                : safety * pow(e, -0.7 / k) * pow(previousError, 0.4 / k)
            previousError = e
            return h * min(facMax, max(facMin, factor))
        }
        let factor = safety * pow(e, -1 / k)
        return h * min(1, max(facMin, factor))
    }

    /// Forget the history (after a state jump).
    public mutating func reset() { previousError = 1 }
}

import Foundation

/// Hairer–Wanner starting step (Solving ODEs I, II.4, "Starting step size"): from the scaled norms of
/// y0, f(t0, y0) and an estimate of the second derivative, h = (0.01 / max(d1, d2))^(1/(q+1)),
/// bounded by 100·h0. Costs one extra evaluation of f.
func initialStepSize(
    state: IntegrationState, f0: [Double], order q: Int, limit: Double
) -> Double {
    let n = state.dimension
    let y0 = state.y
    let w = state.weights
    var d0 = 0.0, d1 = 0.0
    for i in 0..<n {
        let sc = w.absoluteTolerance[i] + w.relativeTolerance * abs(y0[i])
        d0 += (y0[i] / sc) * (y0[i] / sc)
        d1 += (f0[i] / sc) * (f0[i] / sc)
    }
    d0 = (d0 / Double(max(n, 1))).squareRoot()
    d1 = (d1 / Double(max(n, 1))).squareRoot()
    let span = limit - state.t
    var h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1
    h0 = min(h0, span)
    var y1 = y0
    for i in 0..<n { y1[i] += h0 * f0[i] }
    var f1 = [Double](repeating: 0, count: n)
    state.evaluate(state.t + h0, y1, into: &f1)
    var d2 = 0.0
    for i in 0..<n {
        let sc = w.absoluteTolerance[i] + w.relativeTolerance * abs(y0[i])
        let r = (f1[i] - f0[i]) / sc
        d2 += r * r
    }
    d2 = (d2 / Double(max(n, 1))).squareRoot() / h0
    let dmax = max(d1, d2)
    let h1 = dmax <= 1e-15 ? max(1e-6, h0 * 1e-3) : pow(0.01 / dmax, 1 / Double(q + 1))
    var h = min(100 * h0, h1, span, state.options.maxStep)
    if !h.isFinite || h <= 0 { h = max(span * 1e-6, 1e-12) }
    return h
}

/// How the step size follows the error estimate (`SolverOptions.stepSizeControl`).
///
/// The PI controller's steady state sits at errₙ = safety^((q+1)/0.3), 0.088 of the tolerance for a 6th-order
/// estimate, and its memory term holds back the growth after a step with a tiny error (a step after a dose):
/// it suits stepping at a stability boundary, where it damps the oscillation between accepted and rejected
/// steps. The integral controller settles at errₙ = safety^(q+1) (0.48 for q = 6) and grows the step by
/// safety·errₙ^(−1/(q+1)) at once: it suits problems whose steps are limited by accuracy.
public enum StepSizeControl: String, Sendable, CaseIterable {
    case proportionalIntegral
    case integral
}
