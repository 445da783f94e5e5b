/// Controls of an integration. Defaults follow common practice in CVODE and DifferentialEquations.jl.
public struct SolverOptions: Sendable {
    /// Relative tolerance (scalar, as in CVODE).
    public var relativeTolerance: Double = 1e-6
    /// Absolute tolerance: one value for all components, or one per component.
    public var absoluteTolerance: [Double] = [1e-8]
    /// First step; nil means the Hairer–Wanner estimate (Solving ODEs I, II.4).
    public var initialStep: Double? = nil
    /// Largest step allowed (∞ by default).
    public var maxStep: Double = .infinity
    /// Smallest step allowed before the solver gives up with `.stepSizeTooSmall`.
    public var minStep: Double = 0
    /// Maximum number of step attempts (accepted + rejected) over the whole integration.
    public var maxSteps: Int = 100_000
    /// Times the integrator must land on exactly (doses, infusion switches). The integrator never steps
    /// across one of these; it stops there, and dense output is not used to reach it.
    public var stopTimes: [Double] = []
    /// Output times (dense output). Empty means: save every accepted step.
    public var saveAt: [Double] = []
    /// The explicit and Rosenbrock methods' step-size controller (`StepSizeControl`).
    public var stepSizeControl = StepSizeControl.proportionalIntegral

    public init(
        relativeTolerance: Double = 1e-6, absoluteTolerance: Double = 1e-8,
        initialStep: Double? = nil, maxStep: Double = .infinity, minStep: Double = 0,
        maxSteps: Int = 100_000, stopTimes: [Double] = [], saveAt: [Double] = []
    ) {
        self.relativeTolerance = relativeTolerance
        self.absoluteTolerance = [absoluteTolerance]
        self.initialStep = initialStep
        self.maxStep = maxStep
        self.minStep = minStep
        self.maxSteps = maxSteps
        self.stopTimes = stopTimes
        self.saveAt = saveAt
    }

    /// Absolute tolerance of component i.
    @inlinable
    public func absoluteTolerance(_ i: Int) -> Double {
        absoluteTolerance.count == 1 ? absoluteTolerance[0] : absoluteTolerance[i]
    }
}
