/// A stepping handle on an integration: take steps by hand, advance to a time, apply state jumps.
///
///     let integrator = Integrator(problem, method: .tsit5, options: options)
///     try integrator.advance(to: 24)          // lands exactly on t = 24
///     integrator.applyJump { $0[0] += 100 }   // a bolus dose; the method restarts cleanly
///     try integrator.advance(to: 48)
///
/// The integrator never steps across the end time, a time passed to `advance(to:)`, or any of
/// `options.stopTimes`.
public final class Integrator {
    public let state: IntegrationState
    public let stepper: Stepper
    private let stopTimes: [Double]
    @exclusivity(unchecked) private var nextStopIndex = 0

    public init(_ problem: ODEProblem, method: Method, options: SolverOptions = SolverOptions()) {
        state = IntegrationState(problem: problem, options: options)
        stepper = method.makeStepper(problem.dimension)
        stopTimes = options.stopTimes.filter { $0 > problem.startTime && $0 <= problem.endTime }.sorted()
    }

    public var time: Double { state.t }
    public var currentState: [Double] { state.y }
    public var statistics: SolverStatistics { state.statistics }

    /// The next time the integrator must land on: the next stop time, or the end of the span.
    private func nextLimit(capped cap: Double) -> Double {
        while nextStopIndex < stopTimes.count && stopTimes[nextStopIndex] <= state.t { nextStopIndex += 1 }
        let stop = nextStopIndex < stopTimes.count ? stopTimes[nextStopIndex] : state.problem.endTime
        return min(stop, cap, state.problem.endTime)
    }

    /// Takes one accepted step (not beyond `cap`, the next stop time or the end time). A limit closer than
    /// rounding (4 ulp of t) is reached by moving the time alone.
    public func step(notBeyond cap: Double = .infinity) throws(StepFailure) {
        let limit = nextLimit(capped: cap)
        guard state.t < limit else { return }
        // Two stop times that should coincide but differ in the last bits (0.6 + 0.3 and 0.9) leave a gap
        // no step can take; the time moves onto the limit, changing y by at most |f|·4 ulp of t.
        if limit - state.t <= state.timeRoundoff {
            state.t = limit
            return
        }
        try stepper.step(state, limit: limit)
        for v in state.y where !v.isFinite {
            throw state.failure(.nonFiniteState, "the solution became NaN or infinite")
        }
    }

    /// Steps until exactly `t` (which must not exceed the end of the span).
    public func advance(to t: Double) throws(StepFailure) {
        precondition(t <= state.problem.endTime, "advance(to:) beyond the end of the time span")
        while state.t < t { try step(notBeyond: t) }
    }

    /// Changes the current state (a dose, a reset) and restarts the method from it, with a step chosen
    /// afresh for the new state by the starting-step heuristic (Hairer–Wanner II.4; CVODE re-initialises
    /// at such a jump too). The step grown before the jump fits the old solution, not the new one: grown
    /// while every amount was zero, it carried the first step after a bolus across 10 h, and the embedded
    /// error estimate missed that step's error (2.4e-6 relative at every rtol). The heuristic costs one
    /// right-hand-side evaluation.
    public func applyJump(_ update: (inout [Double]) -> Void) {
        update(&state.y)
        state.tPrevious = state.t
        state.yPrevious = state.y
        state.h = state.options.initialStep ?? 0
        stepper.restart(state)
    }

    /// y(t) by the method's dense output, for t inside the last accepted step.
    public func interpolate(at t: Double) -> [Double] {
        var out = [Double](repeating: 0, count: state.dimension)
        interpolate(at: t, into: &out)
        return out
    }

    /// y(t) by the method's dense output into `out` (of the problem's dimension), for t inside the last
    /// accepted step. Allocates nothing when `out` is not shared.
    public func interpolate(at t: Double, into out: inout [Double]) {
        precondition(t >= state.tPrevious && t <= state.t, "interpolation outside the last step")
        precondition(out.count == state.dimension, "interpolate(at:into:) needs an array of the problem's dimension")
        if t == state.t {
            out.withUnsafeMutableBufferPointer { o in state.y.withUnsafeBufferPointer { _ = o.update(fromContentsOf: $0) } }
        } else {
            stepper.interpolate(state, at: t, into: &out)
        }
    }
}
