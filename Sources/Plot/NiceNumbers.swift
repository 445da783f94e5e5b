import Foundation

/// Axis ticks at "nice numbers": Heckbert, P. S. (1990), "Nice numbers for graph labels", in Graphics Gems,
/// Academic Press, pp. 61–63, 657–659.
public enum NiceNumbers {
    /// The nice number (1, 2 or 5 × 10^k, or 10^(k+1)) near x > 0. With `round`, the nearest of them in
    /// Heckbert's sense (f < 1.5 → 1, f < 3 → 2, f < 7 → 5, else 10, for x = f·10^k, 1 ≤ f < 10);
    /// without, the smallest that is ≥ x (the ceiling).
    public static func nice(_ x: Double, round: Bool) -> Double {
        precondition(x > 0 && x.isFinite, "a nice number needs a positive finite range")
        let exponent = Int(Foundation.log10(x).rounded(.down))
        let fraction = x / NumberText.power10(exponent)
        let niceFraction: Double
        if round {
            niceFraction = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            niceFraction = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return niceFraction * NumberText.power10(exponent)
    }

    /// Linear ticks from Heckbert's loose labelling: spacing d = nice(nice(max − min)/(count − 1), round), the
    /// axis from ⌊min/d⌋·d to ⌈max/d⌉·d, so the ticks cover [min, max]. Each tick is k·d for an integer k
    /// (no accumulated sums), labelled with max(−⌊log10 d⌋, 0) decimals. A single value gets a unit-wide
    /// range around it.
    public static func linear(_ lower: Double, _ upper: Double, count: Int = 5) -> Ticks {
        precondition(lower.isFinite && upper.isFinite && lower <= upper && count >= 2)
        var (low, high) = (lower, upper)
        if low == high {
            let half = low == 0 ? 1 : nice(abs(low), round: false) / 2
            (low, high) = (low - half, high + half)
        }
        let range = nice(high - low, round: false)
        let spacing = nice(range / Double(count - 1), round: true)
        let first = (low / spacing).rounded(.down), last = (high / spacing).rounded(.up)
        let decimals = max(-Int(Foundation.log10(spacing).rounded(.down)), 0)
        let values = stride(from: first, through: last, by: 1).map { $0 * spacing }
        return Ticks(values: values, labels: values.map { NumberText.fixed($0, min(decimals, 9)) })
    }

    /// Log10 ticks covering [lower, upper] (both > 0): the decades 10^⌊log10 lower⌋ … 10^⌈log10 upper⌉; with
    /// fewer than three decades also 2 and 5 × each decade (1–2–5 ticks), with more than eight every n-th
    /// decade (n the smallest making at most eight intervals). The axis runs from the first to the last tick.
    public static func log10(_ lower: Double, _ upper: Double) -> Ticks {
        precondition(lower > 0 && upper >= lower && upper.isFinite, "a log axis needs positive finite values")
        let first = Int(Foundation.log10(lower).rounded(.down))
        var last = Int(Foundation.log10(upper).rounded(.up))
        if last == first { last += 1 }
        let decades = last - first
        var values: [Double] = []
        if decades < 3 {
            for e in first..<last {
                for m in [1.0, 2, 5] { values.append(m * NumberText.power10(e)) }
            }
            values.append(NumberText.power10(last))
            // From the largest tick ≤ lower to the smallest ≥ upper.
            let lowCut = values.last(where: { $0 <= lower }) ?? values[0]
            let highCut = values.first(where: { $0 >= upper }) ?? values[values.count - 1]
            values = values.filter { $0 >= lowCut && $0 <= highCut }
        } else {
            let step = (decades + 7) / 8
            let top = first + ((decades + step - 1) / step) * step
            values = stride(from: first, through: top, by: step).map { NumberText.power10($0) }
        }
        let exponents = values.map { Int(Foundation.log10($0).rounded(.down)) }
        // Plain decimals when every tick lies in 0.0001 … 100000, else every tick in the scientific form
        // (1e-6, 1e9): one style per axis.
        let plain = exponents.allSatisfy { (-4...5).contains($0) }
        return Ticks(values: values, labels: zip(values, exponents).map { value, exponent in
            plain ? NumberText.fixed(value, max(-exponent, 0)) : NumberText.scientific(value)
        })
    }
}

/// Tick positions in data units and their labels, in increasing order.
public struct Ticks: Sendable, Equatable {
    public var values: [Double]
    public var labels: [String]
}
