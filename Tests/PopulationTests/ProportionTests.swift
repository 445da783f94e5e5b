import Population
import Testing

@Suite struct ProportionTests {
    /// Wilson score intervals published by Newcombe RG, Stat Med 1998;17:857, Table II (method 3), to 4 decimals.
    @Test(arguments: [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611),
                      (1, 29, 0.0061, 0.1718), (29, 29, 0.8830, 1.0)])
    func wilsonMatchesNewcombe(x: Int, n: Int, low: Double, high: Double) {
        let interval = Proportion(successes: x, trials: n).wilson()
        #expect(abs(interval.low - low) < 5e-5)
        #expect(abs(interval.high - high) < 5e-5)
    }

    /// Agresti, Categorical Data Analysis (3rd ed.), §11.1.1: approval of the Prime Minister in two surveys of
    /// the same 1600 people (794 both, 150 first only, 86 second only, 570 neither): difference 0.04, standard
    /// error 0.0095, 95 % interval (0.021, 0.059), McNemar z² = (86 − 150)²/236 = 17.36.
    @Test func pairedDifferenceMatchesAgresti() {
        let table = PairedProportions(both: 794, onlyFirst: 150, onlySecond: 86, neither: 570)
        #expect(abs(table.difference - 0.04) < 1e-12)
        let interval = table.differenceInterval()
        #expect(abs(interval.low - 0.021) < 5e-4)
        #expect(abs(interval.high - 0.059) < 5e-4)
        // Exact p for z² = 17.4 (1 df) is of the order of the χ² tail 3e-5; the exact binomial one is close.
        #expect(table.mcNemarExactP < 1e-4 && table.mcNemarExactP > 1e-6)
    }

    /// Exact McNemar p in closed form: b = 1, c = 9 gives 2·(C(10,0) + C(10,1))/2¹⁰ = 22/1024.
    @Test func mcNemarClosedForm() {
        #expect(abs(PairedProportions(both: 5, onlyFirst: 1, onlySecond: 9, neither: 5).mcNemarExactP - 22.0 / 1024) < 1e-13)
        #expect(PairedProportions(both: 5, onlyFirst: 0, onlySecond: 0, neither: 5).mcNemarExactP == 1)
    }

    /// Hyndman & Fan definition 7 on 1…10: Q(p) = 1 + 9p; on two values, linear interpolation.
    @Test func quantileDefinition7() {
        let x = (1...10).map(Double.init).reversed().map { $0 }
        let q = Quantile.of(x, [0, 0.05, 0.25, 0.5, 0.95, 1])
        for (value, expected) in zip(q, [1, 1.45, 3.25, 5.5, 9.55, 10]) { #expect(abs(value - expected) < 1e-12) }
        #expect(Quantile.of([2, .nan, 4], [0.5]) == [3])
    }
}
