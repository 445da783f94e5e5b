import Fitting
import Testing

/// Levenberg–Marquardt with central-difference Jacobians against the NIST StRD certified values: estimates to at
/// least 6 significant digits, standard deviations (σ² = RSS/(m − n)) to at least 4, from each start listed.
///
/// The typical sizes τ are the magnitudes of the start vector, so that the difference steps
/// h_j = ε^(1/3)·max(|b_j|, τ_j) stay relative to each parameter (Misra1a's b2 ≈ 5e-4; the default τ = 1 is for
/// log-parameters). MGH09 from start 1 is the hard case (Eigen's test of its MINPACK lmder port records 490
/// evaluations and b1 = 0.1928077 against the certified 0.19280693); it converges here.
///
/// BoxBOD from start 1 (1, 1) with the default λ₀: the first steps drive b2 onto the plateau b2 → ∞, where
/// exp(−b2·x) ≈ 0 and the model is the constant b1; see `boxBODStartOneWithDefaultDamping`. A heavily damped
/// (gradient-like) start, λ₀ = 100, reaches the certified minimum; MINPACK likewise needs its initial step
/// bound cut from factor = 100 to 10 there (Eigen's NIST test of lmder).
@Suite struct NISTStRDTests {
    /// Tighter than the defaults: a cost tolerance t leaves a parameter uncertain by about SE·√(t·(m − n)), and
    /// MGH09's b2 has SE ≈ |b2|.
    static func options(start: [Double], initialDamping: Double) -> LevenbergMarquardtOptions {
        var options = LevenbergMarquardtOptions()
        options.costTolerance = 1e-15
        options.stepTolerance = 1e-12
        options.gradientTolerance = 1e-12
        options.typicalSizes = start.map(abs)
        options.initialDamping = initialDamping
        return options
    }

    static let cases: [(NISTDataset, Int, Double)] = [
        (.misra1a, 0, 1e-3), (.misra1a, 1, 1e-3), (.thurber, 0, 1e-3), (.thurber, 1, 1e-3),
        (.mgh09, 0, 1e-3), (.mgh09, 1, 1e-3), (.boxBOD, 0, 100), (.boxBOD, 1, 1e-3),
    ]

    @Test(arguments: cases)
    func certifiedValues(dataset: NISTDataset, start: Int, initialDamping: Double) throws {
        let x0 = dataset.starts[start]
        let fit = try LevenbergMarquardt.fit(dataset.problem, from: x0,
                                             options: Self.options(start: x0, initialDamping: initialDamping))
        #expect(fit.stopReason.converged, "\(dataset.name) start \(start + 1): \(fit.stopReason)")
        for j in dataset.certifiedEstimates.indices {
            #expect(agreeingDigits(fit.estimates[j], dataset.certifiedEstimates[j]) >= 6,
                    "\(dataset.name) start \(start + 1) b\(j + 1) = \(fit.estimates[j])")
            #expect(agreeingDigits(fit.uncertainty.standardErrors[j], dataset.certifiedStandardDeviations[j]) >= 4,
                    "\(dataset.name) start \(start + 1) SE(b\(j + 1)) = \(fit.uncertainty.standardErrors[j])")
        }
        #expect(agreeingDigits(2 * fit.cost, dataset.certifiedResidualSumOfSquares) >= 8)
        #expect(fit.uncertainty.degreesOfFreedom == dataset.x.count - dataset.certifiedEstimates.count)
    }

    /// On the plateau b2 → ∞ the model is b1 at every x, so the best b1 is the mean of y, 1035/6 = 172.5, and
    /// ∂r/∂b2 = b1·x·exp(−b2·x) vanishes: b2 must come out flagged as not identifiable, with SE = ∞.
    @Test func boxBODStartOneWithDefaultDamping() throws {
        let dataset = NISTDataset.boxBOD
        let x0 = dataset.starts[0]
        let fit = try LevenbergMarquardt.fit(dataset.problem, from: x0, options: Self.options(start: x0, initialDamping: 1e-3))
        #expect(fit.estimates[1] > 20)
        #expect(abs(fit.estimates[0] - 172.5) < 1e-6)
        #expect(fit.uncertainty.standardErrors[1] == .infinity)
        #expect(fit.uncertainty.flaggedParameters.contains { $0.parameter == 1 })
    }

    /// The transcription check: the certified estimates reproduce the certified residual sum of squares.
    @Test(arguments: [NISTDataset.misra1a, .thurber, .mgh09, .boxBOD])
    func dataReproduceCertifiedResidualSumOfSquares(dataset: NISTDataset) throws {
        let r = try dataset.problem.residuals(dataset.certifiedEstimates)
        let rss = r.reduce(0) { $0 + $1 * $1 }
        #expect(agreeingDigits(rss, dataset.certifiedResidualSumOfSquares) >= 9, "\(dataset.name): \(rss)")
    }
}

extension NISTDataset: CustomTestStringConvertible {
    var testDescription: String { name }
}
