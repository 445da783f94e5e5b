import Foundation

/// A binomial proportion x/n with its Wilson score interval (Wilson EB, J Am Stat Assoc 1927;22:209; the
/// interval Newcombe RG, Stat Med 1998;17:857 recommends, method 3):
///   (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n).
public struct Proportion: Sendable, Equatable {
    public var successes: Int
    public var trials: Int

    public init(successes: Int, trials: Int) {
        precondition(0 <= successes && successes <= trials)
        self.successes = successes
        self.trials = trials
    }

    /// z for a two-sided 95 % interval, Φ⁻¹(0.975).
    public static let z95 = 1.959963984540054

    public var estimate: Double { trials == 0 ? .nan : Double(successes) / Double(trials) }

    /// The interval; NaN bounds with no trials.
    public func wilson(z: Double = Proportion.z95) -> (low: Double, high: Double) {
        guard trials > 0 else { return (.nan, .nan) }
        let n = Double(trials), p = estimate, z2 = z * z
        let center = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return (max(0, center - half), min(1, center + half))
    }
}

/// Two binary outcomes on the same subjects (two regimens given to the same virtual men): the 2×2 table of
/// pairs, the difference of the two proportions with its Wald interval for paired data, and McNemar's exact
/// test (Agresti A, Categorical Data Analysis, 3rd ed. 2013, §11.1: p̂₁₊ − p̂₊₁ = (b − c)/n,
/// Var = [(b + c) − (b − c)²/n]/n²; the exact test takes b ~ Binomial(b + c, ½) under equal marginals).
public struct PairedProportions: Sendable, Equatable {
    /// Pairs with both outcomes, only the first, only the second, neither.
    public var both: Int, onlyFirst: Int, onlySecond: Int, neither: Int

    public init(both: Int, onlyFirst: Int, onlySecond: Int, neither: Int) {
        self.both = both
        self.onlyFirst = onlyFirst
        self.onlySecond = onlySecond
        self.neither = neither
    }

    public var pairs: Int { both + onlyFirst + onlySecond + neither }

    /// p̂(first) − p̂(second).
    public var difference: Double { pairs == 0 ? .nan : Double(onlyFirst - onlySecond) / Double(pairs) }

    /// The interval; NaN bounds with no pairs.
    public func differenceInterval(z: Double = Proportion.z95) -> (low: Double, high: Double) {
        guard pairs > 0 else { return (.nan, .nan) }
        let n = Double(pairs), b = Double(onlyFirst), c = Double(onlySecond)
        let se = max(0, (b + c) - (b - c) * (b - c) / n).squareRoot() / n
        return (max(-1, difference - z * se), min(1, difference + z * se))
    }

    /// Two-sided exact McNemar p-value: min(1, 2·P(X ≤ min(b, c))), X ~ Binomial(b + c, ½); 1 with no
    /// discordant pairs.
    public var mcNemarExactP: Double {
        let m = onlyFirst + onlySecond
        guard m > 0 else { return 1 }
        let k = min(onlyFirst, onlySecond)
        // Σ_{i ≤ k} C(m, i)·2⁻ᵐ, each term through lgamma so that large m does not overflow.
        var tail = 0.0
        for i in 0...k {
            tail += exp(lgamma(Double(m + 1)) - lgamma(Double(i + 1)) - lgamma(Double(m - i + 1)) - Double(m) * M_LN2)
        }
        return min(1, 2 * tail)
    }
}
