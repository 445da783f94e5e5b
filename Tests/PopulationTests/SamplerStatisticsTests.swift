import Foundation
import Population
import Testing

/// The sampler against theory, at a fixed seed and N = 40 000 draws. Each tolerance is 4.5 standard errors of
/// the statistic's sampling distribution at that N (two-sided probability 7e-6 of a false alarm per check for a
/// correct sampler), so a wrong transform, a lost correlation or a Cholesky in the wrong triangle fails.
@Suite struct SamplerStatisticsTests {
    static let n = 40_000
    static let k = 4.5

    static func draws(_ sampler: CorrelatedSampler, seed: UInt64 = 2011) throws -> [[Double]] {
        try (0..<n).map { i in
            var stream = SubjectStream(seed: seed, subject: UInt64(i))
            return try sampler.draw(&stream)
        }
    }

    static func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }

    /// Box–Muller deviates: mean 0 (SE 1/√N), variance 1 (SE √(2/N)), and the standard normal's quantiles:
    /// the fraction below Φ⁻¹(p) is p within k·√(p(1 − p)/N).
    @Test func standardNormal() {
        var z: [Double] = []
        for i in 0..<Self.n / 4 {
            var stream = SubjectStream(seed: 1, subject: UInt64(i))
            z += stream.normals(4)
        }
        let n = Double(z.count)
        let m = Self.mean(z)
        let v = z.map { ($0 - m) * ($0 - m) }.reduce(0, +) / (n - 1)
        #expect(abs(m) < Self.k / n.squareRoot())
        #expect(abs(v - 1) < Self.k * (2 / n).squareRoot())
        // Φ⁻¹ at 5, 25, 50, 75, 95 % (Abramowitz & Stegun Table 26.5).
        for (p, q) in [(0.05, -1.6448536269514722), (0.25, -0.6744897501960817), (0.5, 0.0),
                       (0.75, 0.6744897501960817), (0.95, 1.6448536269514722)] {
            let below = Double(z.filter { $0 < q }.count) / n
            #expect(abs(below - p) < Self.k * (p * (1 - p) / n).squareRoot(), "p = \(p)")
        }
    }

    /// Correlated log-normal between-subject effects: the logarithms have mean ln m (SE ω/√N), variance ω²
    /// (SE ω²√(2/N)) and covariance ρω₁ω₂ (SE √((ω₁²ω₂² + ρ²ω₁²ω₂²)/N), the variance of a sample covariance of a
    /// bivariate normal); the natural-scale median is m (the fraction below m is ½ within k·√(¼/N)); and the
    /// CV of the natural-scale value is the c that ω² = ln(1 + c²) was built from (checked on the log scale,
    /// where the SE is known).
    @Test func correlatedLogNormal() throws {
        let omega1 = CorrelatedSampler.Component.omega(cv: 0.30), omega2 = CorrelatedSampler.Component.omega(cv: 0.45)
        let rho = 0.6
        let sampler = try CorrelatedSampler(components: [
            .init(name: "CL", shape: .logNormal, center: 2.26, latentSD: omega1),
            .init(name: "V", shape: .logNormal, center: 137, latentSD: omega2),
            .init(name: "age", shape: .normal, center: 50, latentSD: 12),
        ], correlation: [1, rho, 0, rho, 1, -0.3, 0, -0.3, 1])
        let x = try Self.draws(sampler)
        let n = Double(Self.n)
        let a = x.map { log($0[0]) }, b = x.map { log($0[1]) }, age = x.map { $0[2] }
        let ma = Self.mean(a), mb = Self.mean(b), mAge = Self.mean(age)
        #expect(abs(ma - log(2.26)) < Self.k * omega1 / n.squareRoot())
        #expect(abs(mb - log(137)) < Self.k * omega2 / n.squareRoot())
        #expect(abs(mAge - 50) < Self.k * 12 / n.squareRoot())
        func cov(_ x: [Double], _ mx: Double, _ y: [Double], _ my: Double) -> Double {
            zip(x, y).map { ($0 - mx) * ($1 - my) }.reduce(0, +) / (n - 1)
        }
        let vA = cov(a, ma, a, ma), vB = cov(b, mb, b, mb)
        #expect(abs(vA - omega1 * omega1) < Self.k * omega1 * omega1 * (2 / n).squareRoot())
        #expect(abs(vB - omega2 * omega2) < Self.k * omega2 * omega2 * (2 / n).squareRoot())
        let sAB = rho * omega1 * omega2
        #expect(abs(cov(a, ma, b, mb) - sAB)
                < Self.k * ((omega1 * omega1 * omega2 * omega2 + sAB * sAB) / n).squareRoot())
        let sBAge = -0.3 * omega2 * 12
        #expect(abs(cov(b, mb, age, mAge) - sBAge)
                < Self.k * ((omega2 * omega2 * 144 + sBAge * sBAge) / n).squareRoot())
        #expect(abs(cov(a, ma, age, mAge)) < Self.k * (omega1 * omega1 * 144 / n).squareRoot())
        let belowMedian = Double(x.filter { $0[0] < 2.26 }.count) / n
        #expect(abs(belowMedian - 0.5) < Self.k * (0.25 / n).squareRoot())
    }

    /// Bounds truncate: every draw lies inside, and for a normal truncated at μ ± σ the mass left inside is
    /// 2Φ(1) − 1 = 0.682689, so its variance is σ²(1 − 2φ(1)/(2Φ(1) − 1)) = 0.290227σ² (Johnson, Kotz &
    /// Balakrishnan, Continuous Univariate Distributions vol. 1, 2nd ed., §10.1); SE taken as for a normal,
    /// σ²_t·√(2/N) (the truncated law has lighter tails, so this is conservative).
    @Test func boundsTruncate() throws {
        let sampler = try CorrelatedSampler(components: [
            .init(name: "BMI", shape: .normal, center: 28, latentSD: 4, bounds: 24...32),
        ])
        let x = try Self.draws(sampler).map { $0[0] }
        #expect(x.allSatisfy { (24...32).contains($0) })
        let n = Double(x.count), m = Self.mean(x)
        let v = x.map { ($0 - m) * ($0 - m) }.reduce(0, +) / (n - 1)
        let expected = 16 * 0.290227
        #expect(abs(v - expected) < Self.k * expected * (2 / n).squareRoot())
    }

    /// A correlation matrix that is not positive definite (ρ₁₂ = ρ₂₃ = 0.9, ρ₁₃ = −0.9: determinant −2.9) is
    /// refused, naming the leading minor where the factorisation broke down (3).
    @Test func notPositiveDefiniteIsRefused() {
        let components = (0..<3).map { CorrelatedSampler.Component(name: "x\($0)", shape: .normal, center: 0, latentSD: 1) }
        #expect(throws: CorrelatedSampler.Failure.covariance(.notPositiveDefinite(minor: 3))) {
            try CorrelatedSampler(components: components, correlation: [1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1])
        }
    }

    /// dpotrf's factor of a matrix with a known Cholesky factor: Σ = [[4, 2], [2, 10]] = L·Lᵀ, L = [[2, 0], [1, 3]].
    @Test func choleskyClosedForm() throws {
        let factor = try Cholesky(factoring: [4, 2, 2, 10], dimension: 2)
        #expect(factor.lower == [2, 0, 1, 3])
    }
}
