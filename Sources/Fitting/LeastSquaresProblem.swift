/// A nonlinear least-squares problem: minimise F(x) = ½‖r(x)‖² over x ∈ ℝⁿ, r: ℝⁿ → ℝᵐ.
///
/// The residuals are whatever the caller wants minimised in the 2-norm, already weighted: for data yᵢ with
/// standard deviations σᵢ, rᵢ = (f(x, tᵢ) − yᵢ)/σᵢ. Both closures may be called from several threads at once
/// when the Jacobian columns are evaluated concurrently, so they must be pure functions of x.
public struct LeastSquaresProblem: Sendable {
    /// n, the number of parameters.
    public var parameterCount: Int
    /// m, the number of residuals r(x) returns.
    public var residualCount: Int
    /// r(x); throwing, or returning non-finite values, marks x as infeasible.
    public var residuals: @Sendable ([Double]) throws -> [Double]
    /// J(x) = ∂r/∂x, m×n; nil to use finite differences.
    public var jacobian: (@Sendable ([Double]) throws -> DenseMatrix)?

    public init(parameterCount: Int, residualCount: Int,
                residuals: @escaping @Sendable ([Double]) throws -> [Double],
                jacobian: (@Sendable ([Double]) throws -> DenseMatrix)? = nil) {
        self.parameterCount = parameterCount
        self.residualCount = residualCount
        self.residuals = residuals
        self.jacobian = jacobian
    }

    /// r(x), checked: m values, all finite.
    func evaluate(_ x: [Double]) -> Result<[Double], EvaluationFailure> {
        let r: [Double]
        do { r = try residuals(x) } catch { return .failure(.threw(String(describing: error))) }
        guard r.count == residualCount else {
            return .failure(.wrongCount(expected: residualCount, actual: r.count))
        }
        if let i = r.firstIndex(where: { !$0.isFinite }) { return .failure(.nonFinite(index: i)) }
        return .success(r)
    }
}
