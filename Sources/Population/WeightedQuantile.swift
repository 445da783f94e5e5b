extension Quantile {
    /// Quantiles of a weighted sample (importance sampling): the inverse of the weighted empirical distribution,
    /// Q(p) = the smallest xᵢ with Σ_{xⱼ ≤ xᵢ} wⱼ ≥ p·Σw (Hyndman & Fan's definition 1 with weights; equal weights
    /// give definition 1 of the plain sample). Non-finite values and zero weights are left out; nothing left
    /// gives NaN.
    public static func weighted(_ sample: [Double], weights: [Double], _ probabilities: [Double]) -> [Double] {
        precondition(sample.count == weights.count)
        let kept = zip(sample, weights).filter { $0.0.isFinite && $0.1 > 0 }.sorted { $0.0 < $1.0 }
        let total = kept.reduce(0) { $0 + $1.1 }
        guard total > 0 else { return probabilities.map { _ in .nan } }
        return probabilities.map { p in
            precondition((0...1).contains(p))
            var cumulative = 0.0
            for (x, w) in kept {
                cumulative += w
                if cumulative >= p * total * (1 - 1e-12) { return x }
            }
            return kept.last!.0
        }
    }

    /// Kish's effective sample size (Σw)²/Σw² of importance weights: n for equal weights, 1 when one dominates.
    public static func effectiveSampleSize(_ weights: [Double]) -> Double {
        let sum = weights.reduce(0, +), squares = weights.reduce(0) { $0 + $1 * $1 }
        return squares > 0 ? sum * sum / squares : 0
    }
}
