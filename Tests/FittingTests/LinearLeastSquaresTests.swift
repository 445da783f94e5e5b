import Fitting
import Foundation
import Testing

/// On a linear model r(a, b) = a + b·x − y, LM must land on the closed-form least-squares solution and report
/// the classical covariance σ²(XᵀX)⁻¹, here written out for the straight line (Draper & Smith, Applied
/// Regression Analysis, 3rd ed., §1.4, 3.2): with Sxx = Σ(x − x̄)², Sxy = Σ(x − x̄)(y − ȳ),
/// b = Sxy/Sxx, a = ȳ − b·x̄, Var b = σ²/Sxx, Var a = σ²(1/m + x̄²/Sxx), Cov(a, b) = −σ²x̄/Sxx, σ² = RSS/(m − 2).
@Suite struct LinearLeastSquaresTests {
    let x = (0..<12).map { Double($0) * 0.75 }
    var y: [Double] { x.enumerated().map { i, x in 1.5 + 2 * x + 0.3 * sin(Double(i) * 1.7) } }

    var problem: LeastSquaresProblem {
        let x = x, y = y
        return LeastSquaresProblem(parameterCount: 2, residualCount: x.count) { p in
            zip(x, y).map { p[0] + p[1] * $0 - $1 }
        }
    }

    /// LM with a difference Jacobian J̃ stops where J̃ᵀr = 0, off the optimum by O(‖J̃ − J‖·‖r‖/‖J‖²): on a
    /// linear model J̃ has only rounding error, ~ε·‖r‖/h, about 1e-11 relative for central differences
    /// (h ≈ 6e-6) and 1e-8 for forward ones (h ≈ 1.5e-8), hence the two tolerances.
    @Test(arguments: [(FiniteDifferences.Scheme.central, 1e-9), (.forward, 1e-7)])
    func matchesClosedForm(scheme: FiniteDifferences.Scheme, tolerance: Double) throws {
        var options = LevenbergMarquardtOptions()
        options.finiteDifferences.scheme = scheme
        let fit = try LevenbergMarquardt.fit(problem, from: [0, 0], options: options)

        let m = Double(x.count)
        let xBar = x.reduce(0, +) / m, yBar = y.reduce(0, +) / m
        let sxx = x.reduce(0) { $0 + ($1 - xBar) * ($1 - xBar) }
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - xBar) * ($1.1 - yBar) }
        let b = sxy / sxx, a = yBar - b * xBar
        let rss = zip(x, y).reduce(0) { $0 + pow($1.1 - a - b * $1.0, 2) }
        let sigma2 = rss / (m - 2)

        #expect(fit.stopReason.converged)
        #expect(abs(fit.estimates[0] - a) <= tolerance * abs(a))
        #expect(abs(fit.estimates[1] - b) <= tolerance * abs(b))
        #expect(abs(2 * fit.cost - rss) <= 1e-12 * rss)
        let c = fit.uncertainty.covariance
        #expect(abs(fit.uncertainty.residualVariance - sigma2) <= 1e-12 * sigma2)
        #expect(abs(c[0, 0] - sigma2 * (1 / m + xBar * xBar / sxx)) <= 1e-7 * c[0, 0])
        #expect(abs(c[1, 1] - sigma2 / sxx) <= 1e-7 * c[1, 1])
        #expect(abs(c[0, 1] - -sigma2 * xBar / sxx) <= 1e-7 * abs(c[0, 1]))
        #expect(c[0, 1] == c[1, 0])
        #expect(abs(fit.uncertainty.correlation[0, 1] - -xBar / (xBar * xBar + sxx / m).squareRoot()) <= 1e-7)
        #expect(fit.uncertainty.flaggedParameters.isEmpty)
    }

    /// With residualScale = .known, σ² = 1: the covariance is (XᵀX)⁻¹ itself.
    @Test func knownScaleUsesUnitVariance() throws {
        var options = LevenbergMarquardtOptions()
        options.residualScale = .known
        let fit = try LevenbergMarquardt.fit(problem, from: [0, 0], options: options)
        let m = Double(x.count)
        let xBar = x.reduce(0, +) / m
        let sxx = x.reduce(0) { $0 + ($1 - xBar) * ($1 - xBar) }
        #expect(fit.uncertainty.residualVariance == 1)
        #expect(abs(fit.uncertainty.covariance[1, 1] - 1 / sxx) <= 1e-7 / sxx)
    }
}
