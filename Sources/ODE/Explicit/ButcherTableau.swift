/// An explicit embedded Runge–Kutta pair with a continuous extension, as data.
///
///     kᵢ = f(t + cᵢh, y + h Σⱼ<ᵢ aᵢⱼ kⱼ),   y₁ = y + h Σ bᵢ kᵢ,   err = h Σ eᵢ kᵢ   (e = b − b̂)
///
/// The first `stages` rows of `c` and `a` make a step. Rows after those are extra stages used only by the
/// dense output (Verner's "lazy" interpolation stages); they are evaluated on the first interpolation
/// inside a step and may use every earlier stage, including f(t + h, y₁) written as a row with a = b.
///
/// `interpolant` gives the continuous extension y(t + θh) = y + h Σᵢ bᵢ(θ) kᵢ over all rows, with
/// bᵢ(θ) = Σₘ interpolant[i][m] · θ^(m+1), of order `interpolantOrder`.
public struct ButcherTableau: Sendable {
    public let name: String
    /// Order of the propagated solution y₁.
    public let order: Int
    /// Order of the embedded solution; the error estimate is O(h^(embeddedOrder+1)).
    public let embeddedOrder: Int
    /// Order of the continuous extension: its local error is O(h^(interpolantOrder+1)).
    public let interpolantOrder: Int
    /// Nodes of all rows (step stages, then dense-output stages).
    public let c: [Double]
    /// Strictly lower triangular: a[i] has i entries.
    public let a: [[Double]]
    /// Weights of the step stages (`stages` entries).
    public let b: [Double]
    public let e: [Double]
    /// First same as last: the last stage is f(t + h, y₁) and is reused as the next step's first stage.
    public let isFSAL: Bool
    public let interpolant: [[Double]]
    /// The x > 0 where the stability region ends along the negative real axis: |R(−ξ)| ≤ 1 for ξ ∈ [0, x],
    /// with R(z) = 1 + Σⱼ≥1 zʲ · bᵀAʲ⁻¹𝟙 the stability polynomial (Hairer & Wanner, Solving ODEs II, IV.2).
    public let realStabilityBoundary: Double
    /// The last two step stages with the same node (c_p = c_q, p < q), used to estimate the spectral radius
    /// of ∂f/∂y for stiffness detection; nil when no two stages share a node.
    public let stiffnessStages: (p: Int, q: Int)?

    /// Number of stages of a step (without the dense-output stages).
    public var stages: Int { b.count }
    /// Number of rows including the dense-output stages.
    public var totalStages: Int { c.count }

    public init(
        name: String, order: Int, embeddedOrder: Int, c: [Double], a: [[Double]], b: [Double], e: [Double],
        isFSAL: Bool, interpolant: [[Double]], interpolantOrder: Int
    ) {
        precondition(a.count == c.count && e.count == b.count && b.count <= c.count, "tableau sizes differ")
        for (i, row) in a.enumerated() { precondition(row.count == i, "a must be strictly lower triangular") }
        precondition(interpolant.count == c.count, "interpolant needs one row per stage")
        self.name = name
        self.order = order
        self.embeddedOrder = embeddedOrder
        self.interpolantOrder = interpolantOrder
        self.c = c
        self.a = a
        self.b = b
        self.e = e
        self.isFSAL = isFSAL
        self.interpolant = interpolant
        let s = b.count
        realStabilityBoundary = Self.negativeRealStabilityBoundary(
            Self.stabilityPolynomial(a: a.prefix(s).map { Array($0.prefix(s)) }, b: b))
        stiffnessStages = (1..<s).reversed().lazy
            .compactMap { q in (0..<q).reversed().first { c[$0] == c[q] }.map { (p: $0, q: q) } }
            .first
    }

    /// Coefficients γⱼ of R(z) = Σⱼ γⱼ zʲ: γ₀ = 1, γⱼ = bᵀ Aʲ⁻¹ 𝟙 (exact for explicit methods, degree ≤ s).
    static func stabilityPolynomial(a: [[Double]], b: [Double]) -> [Double] {
        let s = b.count
        var gamma = [1.0]
        var v = [Double](repeating: 1, count: s)
        for _ in 1...s {
            gamma.append(zip(b, v).reduce(0) { $0 + $1.0 * $1.1 })
            v = (0..<s).map { i in (0..<i).reduce(0) { $0 + a[i][$1] * v[$1] } }
        }
        return gamma
    }

    /// Smallest x > 0 with |R(−x)| = 1 after which |R| exceeds 1: scan in steps of 10⁻³, then bisect.
    static func negativeRealStabilityBoundary(_ gamma: [Double]) -> Double {
        func r(_ x: Double) -> Double { abs(gamma.indices.reversed().reduce(0) { $0 * -x + gamma[$1] }) }
        let dx = 1e-3
        var x = dx
        while r(x) <= 1 && x < 1e3 { x += dx }
        var lo = x - dx, hi = x
        for _ in 0..<60 {
            let mid = 0.5 * (lo + hi)
            if r(mid) <= 1 { lo = mid } else { hi = mid }
        }
        return lo
    }
}
