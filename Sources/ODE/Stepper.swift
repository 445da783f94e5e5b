import Foundation

/// Why a step could not be taken. The integrator turns it into `Solution.returnCode` and `message`.
public struct StepFailure: Error, Sendable, CustomStringConvertible {
    public var code: ReturnCode
    public var time: Double
    public var state: [Double]
    public var detail: String

    public var description: String {
        let shown = state.prefix(8).map { String(format: "%.6g", $0) }.joined(separator: ", ")
        let more = state.count > 8 ? ", … (\(state.count) components)" : ""
        return "\(detail) at t = \(String(format: "%.10g", time)), y = [\(shown)\(more)]. \(advice)"
    }

    var advice: String {
        switch code {
        case .success: return ""
        case .maxStepsReached:
            return "Advice: raise maxSteps, loosen the tolerances, or use a stiff method (rodas5p, bdf) if the problem is stiff."
        case .stepSizeTooSmall:
            return "Advice: the solution may blow up or be discontinuous here; check the model, put a stop time at the discontinuity, or use a stiff method."
        case .newtonDivergence, .singularMatrix:
            return "Advice: check the Jacobian (or drop it to use finite differences), tighten atol for small components, or lower the first step."
        case .nonFiniteState:
            return "Advice: the right-hand side returned NaN or infinity; check for division by zero, log or pow of a negative state."
        }
    }
}

/// Everything a stepper shares with the integrator: the current point, the last accepted step (for dense
/// output), the proposed next step, the tolerances and the counters.
///
/// Integration runs forward in time (t increasing).
///
/// The mutable properties are read and written several times per step, by the integrator and its stepper
/// only, one after the other: they are marked `@exclusivity(unchecked)`, which drops the run-time
/// exclusivity check of each access (`swift_beginAccess`, ~80 instructions, 3 % of an explicit solve)
/// and keeps the compile-time checks.
public final class IntegrationState {
    public let problem: ODEProblem
    public let options: SolverOptions
    public let weights: ErrorWeights
    public var dimension: Int { problem.dimension }

    /// Current time and state (end of the last accepted step).
    @exclusivity(unchecked) public var t: Double
    @exclusivity(unchecked) public var y: [Double]
    /// Start of the last accepted step (equal to `t` before the first step and right after a jump).
    @exclusivity(unchecked) public var tPrevious: Double
    @exclusivity(unchecked) public var yPrevious: [Double]
    /// Step size to attempt next; 0 means "not chosen yet" (the stepper picks the initial step).
    @exclusivity(unchecked) public var h: Double = 0
    @exclusivity(unchecked) public var statistics = SolverStatistics()

    public init(problem: ODEProblem, options: SolverOptions) {
        self.problem = problem
        self.options = options
        self.weights = ErrorWeights(options: options, dimension: problem.dimension)
        t = problem.startTime
        y = problem.initialState
        tPrevious = t
        yPrevious = y
        if let h0 = options.initialStep { h = h0 }
    }

    /// dydt = f(t, y), counted in the statistics.
    @inlinable
    public func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, into dydt: UnsafeMutableBufferPointer<Double>) {
        statistics.rhsEvaluations += 1
        problem.rhs(t, y, dydt)
    }

    public func evaluate(_ t: Double, _ y: [Double], into dydt: inout [Double]) {
        y.withUnsafeBufferPointer { yb in dydt.withUnsafeMutableBufferPointer { evaluate(t, yb, into: $0) } }
    }

    /// Counts a step attempt and enforces `maxSteps`.
    public func beginAttempt() throws(StepFailure) {
        if statistics.steps >= options.maxSteps {
            throw failure(.maxStepsReached, "reached maxSteps = \(options.maxSteps) before the end of the time span")
        }
        statistics.steps += 1
    }

    /// Clamps the proposed step so that t + h never passes `limit`; returns the step and the time it reaches.
    /// A step that would leave less than 1 % of itself before `limit` is stretched to land on it, so no
    /// sliver steps appear in front of stop times; where the stretch would exceed `maxStep` by more than
    /// rounding (fixed steps h = span/n land on the end with limit − t a few ulp above h), the rest of the
    /// way is split into two equal steps instead.
    public func clampedStep(_ h: Double, limit: Double) -> (h: Double, tNew: Double) {
        let h = min(h, options.maxStep)
        if t + 1.01 * h >= limit {
            let rest = limit - t
            let roundingSlack = 1e-9 * options.maxStep + 16 * timeRoundoff
            return rest <= options.maxStep + roundingSlack ? (rest, limit) : (rest / 2, t + rest / 2)
        }
        return (h, t + h)
    }

    /// The smallest step that changes t in floating point, with a margin: 4 ulp of t.
    var timeRoundoff: Double { 4 * Double.ulpOfOne * max(abs(t), 1e-300) }

    /// Fails when h is below `minStep` or too small to change t in floating point.
    public func checkStepSize(_ h: Double) throws(StepFailure) {
        if h < options.minStep || h <= timeRoundoff || !h.isFinite {
            throw failure(.stepSizeTooSmall, "step size \(String(format: "%.3g", h)) is below the smallest allowed")
        }
    }

    /// Commits an accepted step to `tNew`, `yNew`. The values are copied into storage the state owns, so a
    /// step allocates nothing (unless a saved solution still shares that storage).
    public func accept(tNew: Double, yNew: UnsafeBufferPointer<Double>) {
        tPrevious = t
        swap(&yPrevious, &y)
        y.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: yNew) }
        t = tNew
        statistics.accepted += 1
    }

    public func accept(tNew: Double, yNew: [Double]) {
        yNew.withUnsafeBufferPointer { accept(tNew: tNew, yNew: $0) }
    }

    public func failure(_ code: ReturnCode, _ detail: String) -> StepFailure {
        StepFailure(code: code, time: t, state: y, detail: detail)
    }
}

/// One integration method. A stepper takes accepted steps (running its own reject-and-retry loop with
/// the shared controller), interpolates inside the last accepted step, and restarts after a jump.
public protocol Stepper: AnyObject {
    var name: String { get }
    /// Takes one accepted step that ends at or before `limit`, updating `state`.
    func step(_ state: IntegrationState, limit: Double) throws(StepFailure)
    /// y at time `t` in [state.tPrevious, state.t], written into `out`.
    func interpolate(_ state: IntegrationState, at t: Double, into out: inout [Double])
    /// Forgets history after `state.y` was changed by a jump: FSAL stages, BDF back to order 1, controller memory.
    func restart(_ state: IntegrationState)
}

/// A named way of building a stepper: `.tsit5`, `.rodas5p`, `.bdf`, `.auto`, … Methods are defined in
/// extensions next to their steppers.
public struct Method: Sendable, CustomStringConvertible {
    public let name: String
    public let isStiff: Bool
    public let makeStepper: @Sendable (_ dimension: Int) -> Stepper

    public init(name: String, isStiff: Bool, makeStepper: @escaping @Sendable (_ dimension: Int) -> Stepper) {
        self.name = name
        self.isStiff = isStiff
        self.makeStepper = makeStepper
    }

    public var description: String { name }

    /// Every method registered with `Method.all`, by name (for command lines and scenario files).
    public static func named(_ name: String) -> Method? { all.first { $0.name == name } }
}
