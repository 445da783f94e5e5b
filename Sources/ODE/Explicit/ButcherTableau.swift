/// An explicit embedded Runge–Kutta pair, as data.
///
///     kᵢ = f(t + cᵢh, y + h Σⱼ<ᵢ aᵢⱼ kⱼ),   y₁ = y + h Σ bᵢ kᵢ,   err = h Σ eᵢ kᵢ   (e = b − b̂)
///
/// `interpolant`, when present, gives the continuous extension y(t + θh) = y + h Σ bᵢ(θ) kᵢ with
/// bᵢ(θ) = Σₘ interpolant[i][m] · θ^(m+1). Without it, dense output is cubic Hermite on (y, f) at both ends.
public struct ButcherTableau: Sendable {
    public let name: String
    /// Order of the propagated solution y₁.
    public let order: Int
    /// Order of the embedded solution; the error estimate is O(h^(embeddedOrder+1)).
    public let embeddedOrder: Int
    public let c: [Double]
    /// Strictly lower triangular: a[i] has i entries.
    public let a: [[Double]]
    public let b: [Double]
    public let e: [Double]
    /// First same as last: the last stage is f(t + h, y₁) and is reused as the next step's first stage.
    public let isFSAL: Bool
    public let interpolant: [[Double]]?

    public var stages: Int { c.count }

    public init(
        name: String, order: Int, embeddedOrder: Int, c: [Double], a: [[Double]], b: [Double], e: [Double],
        isFSAL: Bool, interpolant: [[Double]]? = nil
    ) {
        precondition(a.count == c.count && b.count == c.count && e.count == c.count, "tableau sizes differ")
        for (i, row) in a.enumerated() { precondition(row.count == i, "a must be strictly lower triangular") }
        self.name = name
        self.order = order
        self.embeddedOrder = embeddedOrder
        self.c = c
        self.a = a
        self.b = b
        self.e = e
        self.isFSAL = isFSAL
        self.interpolant = interpolant
    }
}
