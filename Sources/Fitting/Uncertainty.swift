/// Uncertainty of least-squares estimates x̂ from the singular value decomposition J = U·S·Vᵀ at x̂.
///
/// Linearising r about x̂ gives Cov(x̂) = σ²·(JᵀJ)⁻¹ = σ²·V·S⁻²·Vᵀ (Seber & Wild, Nonlinear Regression, 1989,
/// §2.1.2; Bates & Watts 1988, §2.3), computed from V and S so that JᵀJ is never formed; standard errors are
/// √Cov_jj and correlations Cov_ij/√(Cov_ii·Cov_jj) (these do not depend on σ²).
///
/// Singular values σ_k ≤ `singularValueTolerance`·σ_max count as zero: their directions v_k are listed in
/// `weakDirections` and left out of the sums (the Moore–Penrose pseudo-inverse: the covariance on the
/// identifiable subspace). The variance along such a direction is unbounded, so a parameter with a loading
/// |v_jk| ≥ `loading` on one has standard error +∞. `IdentifiabilityThresholds` states the flagging rules.
public struct Uncertainty: Sendable {
    /// σ²: ‖r‖²/(m − n) (NaN when m ≤ n) or 1, as `ResidualScale` says.
    public let residualVariance: Double
    /// m − n.
    public let degreesOfFreedom: Int
    /// σ²·V·S⁺²·Vᵀ, n×n.
    public let covariance: DenseMatrix
    public let standardErrors: [Double]
    /// n×n correlation matrix (NaN in the rows of a parameter that lies wholly in weak directions).
    public let correlation: DenseMatrix
    /// σ₁ ≥ … ≥ σₙ of J (n values; zeros past m when m < n).
    public let singularValues: [Double]
    /// σ₁/σₙ (+∞ when σₙ = 0): the 2-norm condition number of J.
    public let conditionNumber: Double
    public let weakDirections: [WeakDirection]
    /// Parameters that break at least one identifiability rule, in parameter order.
    public let flaggedParameters: [FlaggedParameter]

    /// The uncertainty of `estimates` given J and r there; `typicalSizes` as in `LevenbergMarquardtOptions`.
    public init(jacobian: DenseMatrix, residuals: [Double], estimates: [Double],
                residualScale: ResidualScale = .estimated, typicalSizes: [Double] = [],
                thresholds: IdentifiabilityThresholds = .init()) throws(FittingError) {
        let m = jacobian.rows, n = jacobian.columns
        guard m >= 1, n >= 1, residuals.count == m, estimates.count == n else {
            throw .invalidProblem("J is \(m)×\(n) for \(residuals.count) residuals and \(estimates.count) estimates")
        }
        let sizes = try resolvedTypicalSizes(typicalSizes, count: n)
        let svd = try SingularValueDecomposition(jacobian)
        let s = svd.singularValues, v = svd.rightVectors
        let sMax = s.first ?? 0
        let kept = s.map { $0 > thresholds.singularValueTolerance * sMax }

        degreesOfFreedom = m - n
        switch residualScale {
        case .known: residualVariance = 1
        case .estimated:
            residualVariance = m > n ? residuals.reduce(0) { $0 + $1 * $1 } / Double(m - n) : .nan
        }

        // P = V·S⁺²·Vᵀ, the pseudo-inverse of JᵀJ; the upper triangle mirrored so that P is exactly symmetric.
        var p = DenseMatrix(rows: n, columns: n)
        for j in 0..<n {
            for i in 0...j {
                p[i, j] = (0..<n).reduce(0) { kept[$1] ? $0 + v[i, $1] * v[j, $1] / (s[$1] * s[$1]) : $0 }
                p[j, i] = p[i, j]
            }
        }
        var scaled = p
        for index in scaled.elements.indices { scaled.elements[index] *= residualVariance }
        var rho = DenseMatrix(rows: n, columns: n)
        for j in 0..<n { for i in 0..<n { rho[i, j] = p[i, j] / (p[i, i] * p[j, j]).squareRoot() } }

        let weak = (0..<n).filter { !kept[$0] }.map { k in
            WeakDirection(singularValue: s[k], relativeSingularValue: sMax > 0 ? s[k] / sMax : 0,
                          direction: (0..<n).map { v[$0, k] })
        }
        let unbounded = (0..<n).map { j in weak.contains { abs($0.direction[j]) >= thresholds.loading } }
        let errors = (0..<n).map { unbounded[$0] ? Double.infinity : scaled[$0, $0].squareRoot() }
        covariance = scaled
        correlation = rho
        standardErrors = errors
        weakDirections = weak
        singularValues = s
        conditionNumber = (s.last ?? 0) > 0 ? sMax / s[n - 1] : .infinity
        flaggedParameters = thresholds.flag(estimates: estimates, typicalSizes: sizes, standardErrors: errors,
                                            correlation: rho, weakDirections: weak)
    }
}

/// τ_j for n parameters: 1 each when none are given; otherwise n finite positive values.
func resolvedTypicalSizes(_ sizes: [Double], count n: Int) throws(FittingError) -> [Double] {
    if sizes.isEmpty { return [Double](repeating: 1, count: n) }
    guard sizes.count == n, sizes.allSatisfy({ $0.isFinite && $0 > 0 }) else {
        throw .invalidProblem("typical sizes must be \(n) finite positive values, got \(sizes)")
    }
    return sizes
}
