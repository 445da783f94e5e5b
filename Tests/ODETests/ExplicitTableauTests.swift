import Foundation
import Testing
@testable import ODE

/// Rooted trees up to a given order, with their densities γ(t) (Butcher; Hairer, Nørsett & Wanner,
/// Solving ODEs I, II.2). A tree is its root's list of subtrees, as indices into the catalogue.
struct RootedTrees {
    var order: [Int] = [1]
    var children: [[Int]] = [[]]
    var density: [Double] = [1]

    init(upTo maxOrder: Int) {
        guard maxOrder >= 2 else { return }
        for n in 2...maxOrder {
            for forest in forests(weight: n - 1, from: 0) {
                order.append(n)
                children.append(forest)
                density.append(Double(n) * forest.reduce(1) { $0 * density[$1] })
            }
        }
    }

    /// Multisets of known trees (indices non-decreasing) with total order `weight`.
    private func forests(weight: Int, from first: Int) -> [[Int]] {
        if weight == 0 { return [[]] }
        var result: [[Int]] = []
        for i in first..<order.count where order[i] <= weight {
            for rest in forests(weight: weight - order[i], from: i) { result.append([i] + rest) }
        }
        return result
    }

    /// Elementary weights Φ(t) for every tree: Φ(•) = 𝟙, Φ([t₁,…,tₘ])ᵢ = Πₖ (A Φ(tₖ))ᵢ.
    func elementaryWeights(_ a: [[Double]]) -> [[Double]] {
        let s = a.count
        var phi: [[Double]] = []
        for t in 0..<order.count {
            var v = [Double](repeating: 1, count: s)
            for child in children[t] {
                for i in 0..<s { v[i] *= (0..<i).reduce(0) { $0 + a[i][$1] * phi[child][$1] } }
            }
            phi.append(v)
        }
        return phi
    }
}

/// Residual of the order condition Σᵢ wᵢ Φᵢ(t) = θ^|t|/γ(t), relative to the rounding scale of the sum,
/// Σᵢ |wᵢ|·|Φᵢ| (or `magnitudes` in place of |wᵢ| when the weights are themselves sums with cancellation):
/// coefficients are doubles of exact values, so a residual of a few ulps of that scale is exact.
func orderConditionResidual(
    weights w: [Double], magnitudes: [Double]? = nil, phi: [Double], order: Int, density: Double, theta: Double = 1
) -> Double {
    let residual = zip(w, phi).reduce(0) { $0 + $1.0 * $1.1 } - pow(theta, Double(order)) / density
    let scale = zip(magnitudes ?? w.map(abs), phi).reduce(0) { $0 + $1.0 * abs($1.1) }
    return abs(residual) / max(1, scale)
}

/// Every registered method stepped by the explicit Runge–Kutta stepper, and its tableau.
let explicitMethods = Method.all.filter { $0.makeStepper(1) is ExplicitRungeKutta }
let explicitTableaus = explicitMethods.compactMap { ($0.makeStepper(1) as? ExplicitRungeKutta)?.tableau }

extension ButcherTableau: CustomTestStringConvertible {
    public var testDescription: String { name }
}

@Suite struct ExplicitTableauTests {
    @Test func treeCatalogueHasTheKnownCounts() {
        // Number of rooted trees of order 1…8: 1, 1, 2, 4, 9, 20, 48, 115 (OEIS A000081).
        let trees = RootedTrees(upTo: 8)
        #expect((1...8).map { n in trees.order.filter { $0 == n }.count } == [1, 1, 2, 4, 9, 20, 48, 115])
    }

    @Test(arguments: explicitTableaus)
    func rowSumsAreNodesAndWeightsSumToOne(tableau: ButcherTableau) {
        for (i, row) in tableau.a.enumerated() {
            #expect(abs(row.reduce(0, +) - tableau.c[i]) <= 1e-14 * max(1, row.reduce(0) { $0 + abs($1) }),
                    "row \(i + 1)")
        }
        #expect(abs(tableau.b.reduce(0, +) - 1) < 1e-14)
        #expect(abs(tableau.e.reduce(0, +)) < 1e-14, "Σ b̂ = Σ b − Σ e = 1")
        if tableau.isFSAL {
            #expect(Array(tableau.a[tableau.stages - 1]) == Array(tableau.b.prefix(tableau.stages - 1)))
            #expect(tableau.b[tableau.stages - 1] == 0 && tableau.c[tableau.stages - 1] == 1)
        }
    }

    /// b satisfies every order condition up to `order` and fails at least one of order + 1 (the declared
    /// order is the exact order); the same for b̂ = b − e and `embeddedOrder`.
    @Test(arguments: explicitTableaus)
    func orderConditionsHoldExactlyUpToDeclaredOrder(tableau: ButcherTableau) {
        let s = tableau.stages
        let a = tableau.a.prefix(s).map { Array($0.prefix(s)) }
        let bHat = zip(tableau.b, tableau.e).map { $0 - $1 }
        for (weights, p, label) in [(tableau.b, tableau.order, "b"), (bHat, tableau.embeddedOrder, "b̂")] {
            let trees = RootedTrees(upTo: p + 1)
            let phi = trees.elementaryWeights(a)
            var worstAbove = 0.0
            for t in 0..<trees.order.count {
                let r = orderConditionResidual(weights: weights, phi: phi[t], order: trees.order[t],
                                               density: trees.density[t])
                if trees.order[t] <= p {
                    #expect(r < 1e-14, "\(tableau.name) \(label): tree \(t) of order \(trees.order[t])")
                } else {
                    worstAbove = max(worstAbove, r)
                }
            }
            #expect(worstAbove > 1e-6, "\(tableau.name) \(label) has order above \(p)")
        }
    }

    /// The continuous extension: Σᵢ bᵢ(θ) Φᵢ(t) = θ^|t|/γ(t) for |t| ≤ interpolantOrder at every θ
    /// (Hairer, Nørsett & Wanner I, II.6, Theorem 6.1), over all rows including the dense-output stages;
    /// at θ = 1 the weights are b (and 0 on the dense-output rows).
    ///
    /// Verner's published 7th-order interpolant meets 12 of the 48 order-7 conditions (trees [t], |t| = 6) only
    /// to about 1e-7 for θ ∈ (0, 1) (so do its 40-digit source values; rounding to doubles cannot cause it),
    /// a defect of size 1e-7·h⁷ next to the O(h⁸) interpolation error; those are checked to 1e-6.
    @Test(arguments: explicitTableaus)
    func interpolantSatisfiesContinuousOrderConditions(tableau: ButcherTableau) {
        let coefficients = tableau.interpolant
        let trees = RootedTrees(upTo: tableau.interpolantOrder)
        let phi = trees.elementaryWeights(tableau.a)
        for theta in [0.1, 0.35, 0.5, 0.8, 1.0] {
            func weights(_ f: (Double) -> Double) -> [Double] {
                coefficients.map { row in row.enumerated().reduce(0) { $0 + f($1.1) * pow(theta, Double($1.0 + 1)) } }
            }
            let w = weights { $0 }, magnitudes = weights(abs)
            for t in 0..<trees.order.count {
                let r = orderConditionResidual(weights: w, magnitudes: magnitudes, phi: phi[t], order: trees.order[t],
                                               density: trees.density[t], theta: theta)
                let tolerance = tableau.name == "vern7" && trees.order[t] == 7 ? 1e-6 : 1e-13
                #expect(r < tolerance, "\(tableau.name) θ = \(theta): tree \(t) of order \(trees.order[t])")
            }
        }
        for i in 0..<tableau.totalStages {
            let atOne = coefficients[i].reduce(0, +)
            let expected = i < tableau.stages ? tableau.b[i] : 0
            #expect(abs(atOne - expected) <= 1e-14 * max(1, coefficients[i].reduce(0) { $0 + abs($1) }),
                    "\(tableau.name) row \(i + 1)")
        }
    }
}
