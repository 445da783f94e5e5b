import Foundation
@testable import Dosing
import ODE

/// Closed-form solutions of linear compartment models (Gibaldi & Perrier, Pharmacokinetics, 2nd ed.,
/// ch. 1–3; Rowland & Tozer, ch. 3, 6, 11) used as references by the dosing tests.
enum ClosedForm {
    /// One compartment, bolus D at time 0: A(t) = D·e^(−k t).
    static func bolus(_ dose: Double, k: Double, _ t: Double) -> Double { t < 0 ? 0 : dose * exp(-k * t) }

    /// One compartment, zero-order infusion at rate R for duration T starting at 0:
    /// A(t) = (R/k)(1 − e^(−k t)) for t ≤ T, A(T)·e^(−k (t−T)) after.
    static func infusion(rate: Double, duration: Double, k: Double, _ t: Double) -> Double {
        if t <= 0 { return 0 }
        if t <= duration { return rate / k * (1 - exp(-k * t)) }
        return rate / k * (1 - exp(-k * duration)) * exp(-k * (t - duration))
    }

    /// Depot → central (ADVAN2), dose D into the depot at 0: central amount
    /// A2(t) = D·ka/(ka − k)·(e^(−k t) − e^(−ka t)).
    static func oral(_ dose: Double, ka: Double, k: Double, _ t: Double) -> Double {
        t <= 0 ? 0 : dose * ka / (ka - k) * (exp(-k * t) - exp(-ka * t))
    }

    /// Two compartments, bolus D into the central compartment at 0: with α, β the roots of
    /// λ² − (k10 + k12 + k21)λ + k10·k21 = 0, A_c(t) = D[(α − k21)e^(−α t) + (k21 − β)e^(−β t)]/(α − β).
    static func twoCompartmentBolus(_ dose: Double, k10: Double, k12: Double, k21: Double, _ t: Double) -> Double {
        let s = k10 + k12 + k21, disc = (s * s - 4 * k10 * k21).squareRoot()
        let alpha = (s + disc) / 2, beta = (s - disc) / 2
        return t < 0 ? 0 : dose * ((alpha - k21) * exp(-alpha * t) + (k21 - beta) * exp(-beta * t)) / (alpha - beta)
    }

    /// Steady state of doses every τ by superposition: Σₖ₌₀^∞ single(s + kτ), summed until the terms fall
    /// below 1e-18 of the sum (the terms decay geometrically).
    static func superposition(interval tau: Double, at s: Double, _ single: (Double) -> Double) -> Double {
        var sum = 0.0
        for k in 0..<1_000_000 {
            let term = single(s + Double(k) * tau)
            sum += term
            if k > 10 && abs(term) <= 1e-18 * abs(sum) { break }
        }
        return sum
    }
}

/// A library model with tight solver tolerances for the 1e-9 relative comparisons.
func tightModel(_ name: String) -> DosingModel {
    var model = PKLibrary.model(named: name)!
    model.solverOptions = SolverOptions(relativeTolerance: 1e-13, absoluteTolerance: 1e-16)
    return model
}

func relativeError(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }
