/// Work counters, kept on every solution (the same set CVODE's `CVodeGetIntegratorStats` reports).
public struct SolverStatistics: Sendable, Equatable, Codable {
    /// Step attempts, accepted plus rejected.
    public var steps = 0
    public var accepted = 0
    /// Attempts rejected by the error test or by a Newton convergence failure.
    public var rejected = 0
    public var rhsEvaluations = 0
    /// Jacobian evaluations (analytic or finite-difference; the latter's f calls count in rhsEvaluations).
    public var jacobianEvaluations = 0
    public var luFactorizations = 0
    public var newtonIterations = 0
    public var newtonFailures = 0
    /// Switches between the explicit and the stiff method (`auto` only).
    public var methodSwitches = 0

    public init() {}
}
