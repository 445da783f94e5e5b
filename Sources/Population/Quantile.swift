/// Sample quantiles by Hyndman RJ, Fan Y, "Sample quantiles in statistical packages", Am Stat 1996;50:361,
/// definition 7 (R's and NumPy's default): with the sorted sample x₍₁₎ ≤ … ≤ x₍ₙ₎ and h = (n − 1)p,
/// Q(p) = x₍⌊h⌋+1₎ + (h − ⌊h⌋)(x₍⌊h⌋+2₎ − x₍⌊h⌋+1₎).
public enum Quantile {
    /// Q(p) of an ascending sample.
    public static func ofSorted(_ sorted: some RandomAccessCollection<Double>, _ p: Double) -> Double {
        precondition(!sorted.isEmpty && (0...1).contains(p))
        let h = Double(sorted.count - 1) * p
        let below = Int(h.rounded(.down))
        let start = sorted.startIndex
        let low = sorted[sorted.index(start, offsetBy: below)]
        guard below + 1 < sorted.count else { return low }
        let high = sorted[sorted.index(start, offsetBy: below + 1)]
        return low + (h - Double(below)) * (high - low)
    }

    /// Q(p) for each p; NaN values are left out (a man not simulated), and an empty sample gives NaN.
    public static func of(_ sample: [Double], _ probabilities: [Double]) -> [Double] {
        let sorted = sample.filter { !$0.isNaN }.sorted()
        guard !sorted.isEmpty else { return probabilities.map { _ in .nan } }
        return probabilities.map { ofSorted(sorted, $0) }
    }
}
