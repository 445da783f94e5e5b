import Foundation
import ODE

extension TestProblem {
    /// The non-stiff problems, in `TestProblem.all` order.
    public static let nonStiff: [TestProblem] = [.arenstorf, .kepler]

    /// Arenstorf orbit: the restricted three-body problem (Earth, Moon, a satellite of negligible mass) in the
    /// rotating frame, Hairer, Nørsett & Wanner, Solving ODEs I, II.0, eqs. (0.1)–(0.2):
    ///
    ///     y₁'' = y₁ + 2y₂' − μ'(y₁ + μ)/D₁ − μ(y₁ − μ')/D₂
    ///     y₂'' = y₂ − 2y₁' − μ'y₂/D₁ − μy₂/D₂,   D₁ = ((y₁ + μ)² + y₂²)^(3/2),  D₂ = ((y₁ − μ')² + y₂²)^(3/2)
    ///
    /// with μ = 0.012277471, μ' = 1 − μ. From the published initial values the orbit is periodic with period
    /// T = 17.0652165601579625588917206249, so the reference at T is the initial state. State
    /// [y₁, y₂, y₁', y₂'] (dimensionless lengths and times).
    public static let arenstorf = TestProblem(
        name: "arenstorf",
        problem: ODEProblem(
            rhs: { _, u, f in
                let mu = arenstorfMu, muPrime = 1 - mu
                let (y1, y2, v1, v2) = (u[0], u[1], u[2], u[3])
                // D = r³ = (r²)^(3/2), as r²·√(r²): one square root instead of a call to pow.
                let r1Squared = (y1 + mu) * (y1 + mu) + y2 * y2
                let r2Squared = (y1 - muPrime) * (y1 - muPrime) + y2 * y2
                let d1 = r1Squared * r1Squared.squareRoot(), d2 = r2Squared * r2Squared.squareRoot()
                f[0] = v1
                f[1] = v2
                f[2] = y1 + 2 * v2 - muPrime * (y1 + mu) / d1 - mu * (y1 - muPrime) / d2
                f[3] = y2 - 2 * v1 - muPrime * y2 / d1 - mu * y2 / d2
            },
            jacobian: { _, u, j in
                let mu = arenstorfMu, muPrime = 1 - mu
                let (y1, y2) = (u[0], u[1])
                // ∂/∂x of X/r³ for each body: 1/r³ − 3X²/r⁵ on the diagonal, −3XY/r⁵ off it.
                let x1 = y1 + mu, x2 = y1 - muPrime
                let r1 = (x1 * x1 + y2 * y2).squareRoot(), r2 = (x2 * x2 + y2 * y2).squareRoot()
                let r13 = r1 * r1 * r1, r15 = r13 * r1 * r1, r23 = r2 * r2 * r2, r25 = r23 * r2 * r2
                j.zero()
                j[0, 2] = 1
                j[1, 3] = 1
                j[2, 0] = 1 - muPrime * (1 / r13 - 3 * x1 * x1 / r15) - mu * (1 / r23 - 3 * x2 * x2 / r25)
                j[2, 1] = muPrime * 3 * x1 * y2 / r15 + mu * 3 * x2 * y2 / r25
                j[2, 3] = 2
                j[3, 0] = j[2, 1]
                j[3, 1] = 1 - muPrime * (1 / r13 - 3 * y2 * y2 / r15) - mu * (1 / r23 - 3 * y2 * y2 / r25)
                j[3, 2] = -2
            },
            initialState: arenstorfInitialState, timeSpan: 0...arenstorfPeriod),
        isStiff: false,
        reference: arenstorfInitialState,
        referenceSource: "Hairer, Nørsett & Wanner, Solving ODEs I, II.0: periodic orbit, y(T) = y(0)",
        absoluteTolerance: 1e-10)

    /// Mass ratio of the Moon to Earth + Moon used by Hairer, Nørsett & Wanner I, II.0.
    public static let arenstorfMu = 0.012277471
    public static let arenstorfPeriod = 17.0652165601579625588917206249
    public static let arenstorfInitialState = [0.994, 0, 0, -2.00158510637908252240537862224]

    /// Kepler two-body problem q'' = −q/|q|³ with eccentricity e = 0.5 on [0, 20]: DETEST problem D3 (Hull,
    /// Enright, Fellen & Sedgwick 1972, SIAM J. Numer. Anal. 9:603; Hairer, Nørsett & Wanner I, II.10).
    /// Closed form through Kepler's equation, see `keplerSolution(at:eccentricity:)`. State [q₁, q₂, p₁, p₂].
    public static let kepler = TestProblem(
        name: "kepler",
        problem: ODEProblem(
            rhs: { _, u, f in
                let r2 = u[0] * u[0] + u[1] * u[1]
                let r3 = r2 * r2.squareRoot()
                f[0] = u[2]
                f[1] = u[3]
                f[2] = -u[0] / r3
                f[3] = -u[1] / r3
            },
            jacobian: { _, u, j in
                let r2 = u[0] * u[0] + u[1] * u[1]
                let r3 = r2 * r2.squareRoot(), r5 = r3 * r2
                j.zero()
                j[0, 2] = 1
                j[1, 3] = 1
                j[2, 0] = -1 / r3 + 3 * u[0] * u[0] / r5
                j[2, 1] = 3 * u[0] * u[1] / r5
                j[3, 0] = j[2, 1]
                j[3, 1] = -1 / r3 + 3 * u[1] * u[1] / r5
            },
            initialState: keplerSolution(at: 0, eccentricity: 0.5), timeSpan: 0...20),
        isStiff: false,
        reference: keplerSolution(at: 20, eccentricity: 0.5),
        referenceSource: "closed form via Kepler's equation (DETEST D3, Hull et al. 1972)",
        absoluteTolerance: 1e-10)

    /// The Kepler orbit with q(0) = (1 − e, 0), p(0) = (0, √((1 + e)/(1 − e))) (period 2π):
    ///
    ///     q = (cos E − e, √(1−e²) sin E),   p = (−sin E, √(1−e²) cos E) / (1 − e cos E),   E − e sin E = t,
    ///
    /// with the eccentric anomaly E from Newton's method on Kepler's equation (converged to rounding).
    public static func keplerSolution(at t: Double, eccentricity e: Double) -> [Double] {
        var anomaly = t
        for _ in 0..<50 {
            let step = (anomaly - e * sin(anomaly) - t) / (1 - e * cos(anomaly))
            anomaly -= step
            if abs(step) <= 1e-16 * max(1, abs(anomaly)) { break }
        }
        let w = (1 - e * e).squareRoot(), denominator = 1 - e * cos(anomaly)
        return [cos(anomaly) - e, w * sin(anomaly), -sin(anomaly) / denominator, w * cos(anomaly) / denominator]
    }
}
