import Fitting
import Foundation
import Population
import Testing

/// The Laplace machinery on a linear-Gaussian model, where the posterior is known in closed form.
@Suite struct LaplacePosteriorTests {
    /// d(z) = b − A·z with A 3×2 and prior N(0, I): the posterior is N((I + AᵀA)⁻¹Aᵀb, (I + AᵀA)⁻¹) exactly.
    @Test func linearGaussianPosteriorIsExact() throws {
        let a: [[Double]] = [[1.0, 0.5], [0.2, 2.0], [-1.0, 0.3]], b = [0.7, -1.2, 2.1]
        let posterior = try LaplacePosterior(dimension: 2, dataResidualCount: 3) { z in
            (0..<3).map { i in b[i] - a[i][0] * z[0] - a[i][1] * z[1] }
        }
        // H = I + AᵀA, closed form 2×2 inverse.
        var h = [[1.0, 0.0], [0.0, 1.0]]
        for i in 0..<3 { for p in 0..<2 { for q in 0..<2 { h[p][q] += a[i][p] * a[i][q] } } }
        let det = h[0][0] * h[1][1] - h[0][1] * h[1][0]
        let inverse = [[h[1][1] / det, -h[0][1] / det], [-h[1][0] / det, h[0][0] / det]]
        let atb = (0..<2).map { p in (0..<3).reduce(0) { $0 + a[$1][p] * b[$1] } }
        let mean = (0..<2).map { p in inverse[p][0] * atb[0] + inverse[p][1] * atb[1] }
        for p in 0..<2 {
            #expect(abs(posterior.mode[p] - mean[p]) < 1e-7)
            for q in 0..<2 { #expect(abs(posterior.covariance[p, q] - inverse[p][q]) < 1e-6) }
        }
    }
}

@Suite struct WeightedQuantileTests {
    /// Equal weights give Hyndman–Fan definition 1 (the inverse empirical distribution): for 1…10,
    /// Q(0.05) = 1, Q(0.5) = 5, Q(0.95) = 10.
    @Test func equalWeightsAreTheEmpiricalDistribution() {
        let sample = (1...10).map(Double.init).shuffled()
        #expect(Quantile.weighted(sample, weights: [Double](repeating: 2, count: 10), [0.05, 0.5, 0.95]) == [1, 5, 10])
        #expect(Quantile.effectiveSampleSize([Double](repeating: 3, count: 10)) == 10)
    }

    /// A weight of 3 on one value is three copies of it; zero weights and NaN values are left out.
    @Test func weightsCountAsCopies() {
        let q = Quantile.weighted([1, 2, 3, .nan, 9], weights: [1, 3, 1, 5, 0], [0.2, 0.4, 0.8, 0.81])
        #expect(q == [1, 2, 2, 3])
        #expect(abs(Quantile.effectiveSampleSize([1, 3, 1]) - 25.0 / 11) < 1e-12)
    }
}

@Suite struct CholeskySolveTests {
    /// Σ·x = b for a 3×3 SPD matrix, checked by multiplying back.
    @Test func solvesTheSystem() throws {
        let sigma: [Double] = [4, 2, 0.6, 2, 5, 1, 0.6, 1, 3], b = [1.0, -2, 0.5]
        let x = try Cholesky(factoring: sigma, dimension: 3).solve(b)
        for i in 0..<3 { #expect(abs((0..<3).reduce(0) { $0 + sigma[i * 3 + $1] * x[$1] } - b[i]) < 1e-13) }
    }
}
