import Fitting
import Foundation
import Testing

/// y = a·b·x determines only the product a·b: J's columns (b·x, a·x) are parallel, J has a zero singular value
/// with null direction ∝ (a, −b), and both parameters must be flagged. y = a·x + b·x² (x = −2…2) is identifiable.
@Suite struct IdentifiabilityTests {
    static let x = (0..<9).map { -2 + 0.5 * Double($0) }
    static let y = x.enumerated().map { i, x in 3 * x + 0.5 * x * x + 0.05 * cos(Double(i)) }

    @Test func productModelIsFlagged() throws {
        let x = Self.x, y = Self.y
        let problem = LeastSquaresProblem(parameterCount: 2, residualCount: x.count) { p in
            zip(x, y).map { p[0] * p[1] * $0 - $1 }
        }
        let fit = try LevenbergMarquardt.fit(problem, from: [1, 1])
        let u = fit.uncertainty
        #expect(abs(fit.estimates[0] * fit.estimates[1] - 3) < 1e-2)
        #expect(u.conditionNumber > 1e8)
        try #require(u.weakDirections.count == 1)
        // The null direction is ±(a, −b)/‖(a, b)‖ at the estimate.
        let (a, b) = (fit.estimates[0], fit.estimates[1])
        let direction = u.weakDirections[0].direction
        #expect(abs(abs(direction[0] * a - direction[1] * b) / (a * a + b * b).squareRoot() - 1) < 1e-6)
        #expect(u.flaggedParameters.map(\.parameter) == [0, 1])
        for flagged in u.flaggedParameters {
            #expect(flagged.issues.contains { if case .weakDirection(0, _) = $0 { true } else { false } })
            #expect(u.standardErrors[flagged.parameter] == .infinity)
        }
    }

    @Test func quadraticModelIsNotFlagged() throws {
        let x = Self.x, y = Self.y
        let problem = LeastSquaresProblem(parameterCount: 2, residualCount: x.count) { p in
            zip(x, y).map { p[0] * $0 + p[1] * $0 * $0 - $1 }
        }
        let fit = try LevenbergMarquardt.fit(problem, from: [1, 1])
        #expect(fit.uncertainty.weakDirections.isEmpty)
        #expect(fit.uncertainty.flaggedParameters.isEmpty)
        #expect(fit.uncertainty.standardErrors.allSatisfy { $0.isFinite && $0 > 0 })
    }

    /// Rule 2: columns x and x + 0.01·x² (x = 1…10) are nearly parallel but far from rank-deficient; for a linear
    /// model the correlation of the two estimates is −cos∠(X₁, X₂) (Seber & Lee, Linear Regression Analysis, §3.3).
    @Test func correlationRule() throws {
        let x = (1...10).map(Double.init)
        let y = x.map { 2 * $0 + 0.2 * sin($0) }
        let second = x.map { $0 + 0.01 * $0 * $0 }
        let problem = LeastSquaresProblem(parameterCount: 2, residualCount: x.count) { p in
            (0..<x.count).map { p[0] * x[$0] + p[1] * second[$0] - y[$0] }
        }
        let fit = try LevenbergMarquardt.fit(problem, from: [1, 1])
        let u = fit.uncertainty
        let cosine = zip(x, second).reduce(0) { $0 + $1.0 * $1.1 }
            / (x.reduce(0) { $0 + $1 * $1 } * second.reduce(0) { $0 + $1 * $1 }).squareRoot()
        #expect(abs(u.correlation[0, 1] - -cosine) < 1e-8)
        #expect(cosine > 0.99)
        #expect(u.weakDirections.isEmpty)
        #expect(u.flaggedParameters.map(\.parameter) == [0, 1])
        for flagged in u.flaggedParameters {
            #expect(flagged.issues.contains { if case .correlated(with: 1 - flagged.parameter, _) = $0 { true } else { false } })
        }
    }

    /// Rule 3: r = a·x − y with x = (0.1, 0.2, 0.3), y = (1, −1, 0.5): â = Σxy/Σx², SE = √(σ²/Σx²) with
    /// σ² = (Σy² − (Σxy)²/Σx²)/2, here about 2.8 against |â| ≈ 0.36 < τ = 1, so SE/max(|â|, 1) = SE > 1.
    @Test func relativeStandardErrorRule() throws {
        let x = [0.1, 0.2, 0.3], y = [1, -1, 0.5]
        let problem = LeastSquaresProblem(parameterCount: 1, residualCount: 3) { p in zip(x, y).map { p[0] * $0 - $1 } }
        let fit = try LevenbergMarquardt.fit(problem, from: [0])
        let sxx = 0.14, sxy = 0.05, syy = 2.25
        let se = ((syy - sxy * sxy / sxx) / 2 / sxx).squareRoot()
        #expect(abs(fit.estimates[0] - sxy / sxx) < 1e-10)
        #expect(abs(fit.uncertainty.standardErrors[0] - se) < 1e-8 * se)
        try #require(fit.uncertainty.flaggedParameters.count == 1)
        let issues = fit.uncertainty.flaggedParameters[0].issues
        try #require(issues.count == 1)
        guard case .largeStandardError(let relative) = issues[0] else { Issue.record("\(issues)"); return }
        #expect(abs(relative - se) < 1e-8 * se)
    }
}
