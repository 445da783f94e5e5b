extension ButcherTableau {
    /// Dormand & Prince (1980), "A family of embedded Runge–Kutta formulae", J. Comput. Appl. Math. 6:19–26;
    /// coefficients as in Hairer, Nørsett & Wanner, Solving ODEs I, Table II.5.2 (DOPRI5). Order 5(4), FSAL.
    public static let dormandPrince5 = ButcherTableau(
        name: "dp5", order: 5, embeddedOrder: 4,
        c: [0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1],
        a: [
            [],
            [1.0 / 5],
            [3.0 / 40, 9.0 / 40],
            [44.0 / 45, -56.0 / 15, 32.0 / 9],
            [19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729],
            [9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656],
            [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84],
        ],
        b: [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0],
        e: [71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40],
        isFSAL: true)
}

extension Method {
    /// Dormand–Prince 5(4) with Hermite dense output.
    public static let dp5 = Method.explicit(.dormandPrince5)

    /// A method from an explicit tableau, stepped by the generic `ExplicitRungeKutta` stepper.
    public static func explicit(_ tableau: ButcherTableau) -> Method {
        Method(name: tableau.name, isStiff: false) { ExplicitRungeKutta(tableau: tableau, dimension: $0) }
    }
}
