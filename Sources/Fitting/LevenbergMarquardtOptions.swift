/// Settings of `LevenbergMarquardt.fit`. The tolerances are those of MINPACK's lmder (Moré, Garbow & Hillstrom
/// 1980, User Guide for MINPACK-1, §2.3), with F = ½‖r‖², D the scale, δ a step, predicted the reduction of F
/// the linear model promises for δ:
/// - cost: stop when |F(x) − F(x + δ)| ≤ costTolerance·F(x) and predicted ≤ costTolerance·F(x) (and the
///   actual reduction is at most twice the predicted);
/// - step: stop when ‖D·δ‖ ≤ stepTolerance·(‖D·x‖ + stepTolerance), tested before δ is evaluated;
/// - gradient: stop when the cosine of the angle between r and every column of J is at most gradientTolerance,
///   max_j |J_jᵀr| / (‖J_j‖·‖r‖) (invariant to the scaling of r and of x), or when r = 0.
///
/// For a parameter whose standard error is s_j, a cost tolerance t leaves it uncertain by about
/// s_j·√(t·(m − n)), so tight tolerances matter for poorly determined parameters.
public struct LevenbergMarquardtOptions: Sendable {
    public var costTolerance: Double = 1e-10
    public var stepTolerance: Double = 1e-10
    public var gradientTolerance: Double = 1e-10
    /// Bound on proposed steps, accepted or rejected.
    public var maxIterations: Int = 200
    /// Bound on residual evaluations, those of finite-difference Jacobians included. The iteration stops before
    /// a trial step that would leave too few for the Jacobian at the estimate, so the total never exceeds it.
    public var maxEvaluations: Int = 2000
    /// λ₀ relative to diag(JᵀJ): with D² = diag(JᵀJ) at the start, λ₀ = τ is Nielsen's μ₀ = τ·max(JᵀJ)ᵢᵢ
    /// on the scaled problem (Madsen, Nielsen & Tingleff 2004, §3.2: τ = 1e-6 near x*, 1e-3 or 1 farther off).
    public var initialDamping: Double = 1e-3
    /// τ_j, the size below which |x_j| counts as small: the floor of the finite-difference step and of the
    /// relative standard error's denominator. Empty means 1 for every parameter (right for log-parameters).
    public var typicalSizes: [Double] = []
    /// How J is computed when the problem has no analytic Jacobian.
    public var finiteDifferences = FiniteDifferences()
    /// What the residuals' scale means for the covariance.
    public var residualScale: ResidualScale = .estimated
    public var identifiability = IdentifiabilityThresholds()

    public init() {}
}

/// σ² in the covariance σ²·(JᵀJ)⁻¹.
public enum ResidualScale: Sendable, Equatable {
    /// σ² = ‖r‖²/(m − n), the residual variance (NaN when m ≤ n): unweighted or relatively weighted data.
    case estimated
    /// σ² = 1: residuals already divided by known standard deviations.
    case known
}

/// Why the iteration stopped.
public enum StopReason: Sendable, Equatable {
    case smallCostReduction
    case smallStep
    case smallGradient
    case maxIterations
    case maxEvaluations

    /// One of the convergence tests was met (the other reasons are budgets running out).
    public var converged: Bool {
        switch self {
        case .smallCostReduction, .smallStep, .smallGradient: return true
        case .maxIterations, .maxEvaluations: return false
        }
    }
}
