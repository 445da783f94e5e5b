extension ButcherTableau {
    /// Dormand & Prince (1980), "A family of embedded Runge–Kutta formulae", J. Comput. Appl. Math. 6:19–26;
    /// coefficients as in Hairer, Nørsett & Wanner, Solving ODEs I, Table II.5.2 (DOPRI5). Order 5(4), FSAL.
    /// Dense output: the 4th-order continuous extension of Hairer's DOPRI5 code (after Shampine 1986).
    public static let dormandPrince5: ButcherTableau = {
        let b = [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0]
        // d of DOPRI5's CONTD5 (Hairer, Nørsett & Wanner, Solving ODEs I, II.6, and the code dopri5.f).
        let d = [-12715105075.0 / 11282082432, 0, 87487479700.0 / 32700410799, -10690763975.0 / 1880347072,
                 701980252875.0 / 199316789632, -1453857185.0 / 822651844, 69997945.0 / 29380423]
        return ButcherTableau(
            name: "dp5", order: 5, embeddedOrder: 4,
            c: [0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1],
            a: [
                [],
                [1.0 / 5],
                [3.0 / 40, 9.0 / 40],
                [44.0 / 45, -56.0 / 15, 32.0 / 9],
                [19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729],
                [9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656],
                Array(b.prefix(6)),
            ],
            b: b,
            e: [71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40],
            isFSAL: true, interpolant: dopri5Interpolant(b: b, d: d), interpolantOrder: 4)
    }()

    /// DOPRI5's dense output written as bᵢ(θ) polynomials. The code evaluates
    ///
    ///     y(θ) = y₀ + θ·Δ + θ(1−θ)·(hk₁ − Δ) + θ²(1−θ)·(2Δ − hk₁ − hk₇) + θ²(1−θ)²·h Σ dᵢkᵢ,   Δ = h Σ bᵢkᵢ,
    ///
    /// a quartic matching y and f at both ends; collecting the coefficient of h·kᵢ by powers of θ gives
    /// bᵢ(θ) = δᵢ₁ θ + (3bᵢ − 2δᵢ₁ − δᵢ₇ + dᵢ) θ² + (−2bᵢ + δᵢ₁ + δᵢ₇ − 2dᵢ) θ³ + dᵢ θ⁴.
    static func dopri5Interpolant(b: [Double], d: [Double]) -> [[Double]] {
        (0..<7).map { i in
            let first = i == 0 ? 1.0 : 0, last = i == 6 ? 1.0 : 0
            return [first, 3 * b[i] - 2 * first - last + d[i], -2 * b[i] + first + last - 2 * d[i], d[i]]
        }
    }
}

extension Method {
    /// Dormand–Prince 5(4) with DOPRI5's 4th-order dense output.
    public static let dp5 = Method.explicit(.dormandPrince5)

    /// A method from an explicit tableau, stepped by the generic `ExplicitRungeKutta` stepper.
    public static func explicit(_ tableau: ButcherTableau) -> Method {
        Method(name: tableau.name, isStiff: false) { ExplicitRungeKutta(tableau: tableau, dimension: $0) }
    }
}
