/// The rules that flag a parameter j as not identifiable from the data (any one suffices):
///
/// 1. Weak direction: J has a singular value σ_k ≤ `singularValueTolerance`·σ_max (default 1e-8, i.e. the data
///    determine the combination v_kᵀx at least 10⁸ times less well than the best one; a central-difference J
///    is accurate to about ε^(2/3) ≈ 4e-11 relative, so exact rank deficiency shows up below this), and
///    |v_jk| ≥ `loading` (default 0.1: at least 1 % of that direction's squared length is parameter j).
/// 2. Correlation: |ρ_ij| > `correlation` (default 0.99) with another parameter i; both are flagged.
/// 3. Large standard error: SE_j / max(|x̂_j|, τ_j) > `relativeStandardError` (default 1: the estimate is not
///    distinguishable from zero at one standard error). τ_j, the typical size, keeps the rule meaningful for
///    estimates near zero; for log-parameters (τ = 1) it reads: SE > 1, an uncertainty of more than a factor e.
///    Not applied when the SE is NaN (σ² estimated with m ≤ n).
///
/// Rules 1 and 2 depend only on J; rule 3 also on σ².
public struct IdentifiabilityThresholds: Sendable, Equatable {
    public var singularValueTolerance: Double = 1e-8
    public var loading: Double = 0.1
    public var correlation: Double = 0.99
    public var relativeStandardError: Double = 1

    public init() {}

    func flag(estimates: [Double], typicalSizes: [Double], standardErrors: [Double],
              correlation rho: DenseMatrix, weakDirections: [WeakDirection]) -> [FlaggedParameter] {
        let n = estimates.count
        return (0..<n).compactMap { j in
            var issues: [IdentifiabilityIssue] = []
            for (k, weak) in weakDirections.enumerated() where abs(weak.direction[j]) >= loading {
                issues.append(.weakDirection(k, loading: weak.direction[j]))
            }
            for i in 0..<n where i != j && abs(rho[i, j]) > correlation {
                issues.append(.correlated(with: i, correlation: rho[i, j]))
            }
            let relative = standardErrors[j] / max(abs(estimates[j]), typicalSizes[j])
            if relative > relativeStandardError { issues.append(.largeStandardError(relative: relative)) }
            return issues.isEmpty ? nil : FlaggedParameter(parameter: j, issues: issues)
        }
    }
}

/// A direction v_k in parameter space along which the data carry (almost) no information: σ_k ≈ 0.
public struct WeakDirection: Sendable, Equatable {
    public let singularValue: Double
    /// σ_k/σ_max (0 when J = 0).
    public let relativeSingularValue: Double
    /// The unit right singular vector v_k (its sign is arbitrary).
    public let direction: [Double]
}

/// Why a parameter is flagged; see `IdentifiabilityThresholds` for the rules.
public enum IdentifiabilityIssue: Sendable, Equatable {
    /// Rule 1: it loads on `Uncertainty.weakDirections[index]` with component `loading`.
    case weakDirection(Int, loading: Double)
    /// Rule 2: correlated with parameter `with`.
    case correlated(with: Int, correlation: Double)
    /// Rule 3: SE_j / max(|x̂_j|, τ_j).
    case largeStandardError(relative: Double)
}

public struct FlaggedParameter: Sendable, Equatable {
    public let parameter: Int
    public let issues: [IdentifiabilityIssue]
}
