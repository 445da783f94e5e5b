/// A posterior in whitened coordinates, by the Laplace approximation at its mode.
///
/// With prior z ~ N(0, I) and data residuals d(z) (each (observed − predicted)/σ on the scale where the error is
/// Gaussian), −log p(z | y) = ½‖z‖² + ½‖d(z)‖² + const, a least-squares problem in r(z) = [z; d(z)]. Its
/// minimiser is the maximum a posteriori estimate ẑ, and the Laplace approximation is N(ẑ, H⁻¹) with the
/// Gauss–Newton Hessian H = JᵀJ = I + J_dᵀJ_d at ẑ (Bates & Watts 1988, §2.3; the "MAP Bayes" estimate of
/// therapeutic drug monitoring, Sheiner & Beal 1982). For d linear in z both are exact: ẑ = (I + AᵀA)⁻¹Aᵀb and
/// H⁻¹ = (I + AᵀA)⁻¹ for d(z) = b − A·z. H ≥ I, so the covariance exists whatever the data.
public struct LaplacePosterior: Sendable {
    /// ẑ.
    public let mode: [Double]
    /// H⁻¹, n×n.
    public let covariance: DenseMatrix
    /// −log p(ẑ | y) + const = ½‖r(ẑ)‖².
    public let cost: Double
    public let fit: FitResult

    /// `dataResiduals(z)` may throw (z infeasible: a rejected step). `options.residualScale` is set to `.known`.
    public init(dimension n: Int, dataResidualCount m: Int, start: [Double]? = nil,
                options: LevenbergMarquardtOptions = .init(),
                dataResiduals: @escaping @Sendable ([Double]) throws -> [Double]) throws(FittingError) {
        let problem = LeastSquaresProblem(parameterCount: n, residualCount: n + m) { z in
            z + (try dataResiduals(z))
        }
        var options = options
        options.residualScale = .known
        fit = try LevenbergMarquardt.fit(problem, from: start ?? [Double](repeating: 0, count: n), options: options)
        mode = fit.estimates
        covariance = fit.uncertainty.covariance
        cost = fit.cost
    }
}
