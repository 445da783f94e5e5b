import Fitting
import Foundation
import Testing

/// Concurrent Jacobian columns are computed as the serial loop computes them and stored in their own slots, so
/// the whole fit, bit for bit, must not depend on whether (or on how many threads) they ran concurrently.
@Suite struct DeterminismTests {
    @Test(arguments: [FiniteDifferences.Scheme.central, .forward])
    func serialAndConcurrentJacobiansGiveIdenticalFits(scheme: FiniteDifferences.Scheme) throws {
        let problem = NISTDataset.thurber.problem
        let start = NISTDataset.thurber.starts[1]
        var serial = LevenbergMarquardtOptions()
        serial.finiteDifferences = FiniteDifferences(scheme: scheme, concurrent: false)
        var concurrent = serial
        concurrent.finiteDifferences.concurrent = true

        let a = try LevenbergMarquardt.fit(problem, from: start, options: serial)
        for _ in 0..<3 {
            let b = try LevenbergMarquardt.fit(problem, from: start, options: concurrent)
            #expect(bits(a.estimates) == bits(b.estimates))
            #expect(bits(a.residuals) == bits(b.residuals))
            #expect(bits(a.jacobian.elements) == bits(b.jacobian.elements))
            #expect(bits(a.uncertainty.covariance.elements) == bits(b.uncertainty.covariance.elements))
            #expect(a.iterations == b.iterations && a.residualEvaluations == b.residualEvaluations)
            #expect(a.stopReason == b.stopReason)
        }
    }

    private func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }
}
