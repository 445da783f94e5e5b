import Foundation

/// The arithmetic the model's rate laws are written in (`RateLaws`): evaluated with `Double` they give the
/// right-hand side; with `Dual` they give its exact derivatives (forward-mode automatic differentiation),
/// so the Jacobian is derived from the same declaration and never written by hand.
///
/// Parameters and exponents enter as `Double` (they are not differentiated); only states and drug-effect sums
/// carry derivatives.
protocol ModelScalar {
    init(_ value: Double)
    var value: Double { get }
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static func / (a: Self, b: Self) -> Self
    static func + (a: Self, b: Double) -> Self
    static func * (a: Self, b: Double) -> Self
    static func / (a: Self, b: Double) -> Self
    static prefix func - (a: Self) -> Self
    /// a^b for a > 0 (the caller guards with `floored`). Exponents 0 and 1 (a term switched off, a
    /// proportional law: `T_feedback_pituitary_exponent`, `gonadotroph_reserve_exponent`) give 1 and a
    /// exactly, without calling `pow` (2 of the 10 calls of an evaluation for the calibrated parameters).
    func power(_ b: Double) -> Self
    func squareRoot() -> Self
    /// max(a, floor): the positivity guard of a state; its derivative is that of `a` where a > floor, else 0.
    func floored(_ floor: Double) -> Self
}

extension ModelScalar {
    static func - (a: Self, b: Double) -> Self { a + (-b) }
    static func + (a: Double, b: Self) -> Self { b + a }
    static func - (a: Double, b: Self) -> Self { -b + a }
    static func * (a: Double, b: Self) -> Self { b * a }
    static func / (a: Double, b: Self) -> Self { Self(a) / b }
}

extension Double: ModelScalar {
    var value: Double { self }
    func power(_ b: Double) -> Double { b == 1 ? self : b == 0 ? 1 : pow(self, b) }
    func floored(_ floor: Double) -> Double { Swift.max(self, floor) }
}

/// A dual number a + Σ a'ᵢ εᵢ with εᵢ εⱼ = 0: the value and its partial derivatives with respect to up to
/// `Dual.width` seeded inputs. The chain rule on every operation gives exact first derivatives (Griewank &
/// Walther, Evaluating Derivatives, 2nd ed., SIAM 2008, ch. 3).
struct Dual: ModelScalar {
    static let width = 32
    var value: Double
    var partials: SIMD32<Double>

    init(_ value: Double) {
        self.value = value
        partials = .zero
    }

    init(_ value: Double, partials: SIMD32<Double>) {
        self.value = value
        self.partials = partials
    }

    /// The input number `index` (0 ≤ index < width): value with ∂/∂(input index) = 1.
    init(_ value: Double, seed index: Int) {
        self.value = value
        partials = .zero
        partials[index] = 1
    }

    static func + (a: Dual, b: Dual) -> Dual { Dual(a.value + b.value, partials: a.partials + b.partials) }
    static func - (a: Dual, b: Dual) -> Dual { Dual(a.value - b.value, partials: a.partials - b.partials) }
    static func * (a: Dual, b: Dual) -> Dual {
        Dual(a.value * b.value, partials: b.value * a.partials + a.value * b.partials)
    }
    static func / (a: Dual, b: Dual) -> Dual {
        let q = a.value / b.value
        return Dual(q, partials: (a.partials - q * b.partials) / b.value)
    }
    static func + (a: Dual, b: Double) -> Dual { Dual(a.value + b, partials: a.partials) }
    static func * (a: Dual, b: Double) -> Dual { Dual(a.value * b, partials: b * a.partials) }
    static func / (a: Dual, b: Double) -> Dual { Dual(a.value / b, partials: a.partials / b) }
    static prefix func - (a: Dual) -> Dual { Dual(-a.value, partials: -a.partials) }

    /// d(aᵇ) = b·aᵇ⁻¹·da.
    func power(_ b: Double) -> Dual {
        if b == 1 { return self }
        if b == 0 { return Dual(1) }
        let v = pow(value, b)
        return Dual(v, partials: (b * v / value) * partials)
    }

    /// d√a = da / (2√a).
    func squareRoot() -> Dual {
        let v = value.squareRoot()
        return Dual(v, partials: partials / (2 * v))
    }

    func floored(_ floor: Double) -> Dual { value > floor ? self : Dual(floor) }
}
