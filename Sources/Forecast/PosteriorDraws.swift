import Foundation
import Population

/// Draws from a man's posterior by importance sampling with the Laplace approximation as the proposal (Geweke,
/// Econometrica 1989;57:1317): zₖ = ẑ + L·uₖ, uₖ ~ N(0, I) from draw k's own counter-based stream (seed, k), with
/// log weight ln p(zₖ | y) − ln q(zₖ) = −½‖zₖ‖² − ½‖d(zₖ)‖² + ½‖uₖ‖² (up to a constant). Where the posterior is
/// Gaussian (d linear in z) every weight is equal; the weights correct the approximation where it is not, and
/// Kish's effective sample size (Σw)²/Σw² says how much they had to.
enum PosteriorDraws {
    static func proposal(_ estimate: IndividualEstimate, draw k: Int, seed: UInt64) -> (u: [Double], z: [Double]) {
        var stream = SubjectStream(seed: seed, subject: UInt64(k))
        let u = stream.normals(estimate.prior.dimension)
        return (u, zip(estimate.posterior.mode, estimate.root.times(u)).map { $0 + $1 })
    }

    static func logWeight(u: [Double], z: [Double], dataResiduals d: [Double]) -> Double {
        let norm = { (v: [Double]) in v.reduce(0) { $0 + $1 * $1 } }
        return -0.5 * (norm(z) + norm(d)) + 0.5 * norm(u)
    }

    /// exp(ℓₖ − max ℓ): weights scaled so the largest is 1 (nil log weights, failed draws, get 0).
    static func weights(_ logWeights: [Double?]) -> [Double] {
        let top = logWeights.compactMap { $0 }.max() ?? 0
        return logWeights.map { $0.map { exp($0 - top) } ?? 0 }
    }
}
