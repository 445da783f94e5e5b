/// The outcome of `LevenbergMarquardt.fit`.
public struct FitResult: Sendable {
    /// x̂.
    public let estimates: [Double]
    /// r(x̂).
    public let residuals: [Double]
    /// F(x̂) = ½‖r(x̂)‖².
    public let cost: Double
    /// Steps proposed, accepted or rejected.
    public let iterations: Int
    /// Calls of the residual function, finite-difference Jacobians included.
    public let residualEvaluations: Int
    /// Jacobians computed (analytic or by differences), the one at x̂ included.
    public let jacobianEvaluations: Int
    public let stopReason: StopReason
    /// J(x̂).
    public let jacobian: DenseMatrix
    /// Covariance, standard errors, correlations and identifiability at x̂.
    public let uncertainty: Uncertainty
}
