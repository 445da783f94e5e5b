import Foundation
import Dosing

/// Where one drug's states and parameters sit in the model's vectors. A class: the right-hand side's loop
/// over drugs then retains one object per drug instead of each of its arrays (measured: the struct form
/// made `hpgsim run` over the drug, combination and condition scenarios ~10 % slower in release).
final class DrugSlots: Sendable {
    enum Kind: Sendable { case aromatase, estrogenReceptor, lhReceptor, gnrhReceptor, gnrhInhibition, testosterone, estradiol }

    /// One mechanism: its first parameter, and the compartment (and volume) whose concentration drives it
    /// (nil for hormone release, driven by the outflow of the drug's PK structure: the depot's release).
    struct MechanismSlot: Sendable {
        let kind: Kind
        let parameter: Int
        let state: Int?
        let volume: Int?
    }

    /// The drug's PK structure placed at its states and parameters.
    let kinetics: LinearKinetics
    /// State and volume parameter of each compartment with an observed concentration: the parent's plasma,
    /// then the second species (metabolite or isomer).
    let plasma: [(state: Int, volume: Int)]
    let concentrationFactor: Double
    /// Milligrams per dose unit, for released hormone.
    let milligramsPerDoseUnit: Double
    let mechanisms: [MechanismSlot]

    init(drug: Drug, firstState: Int, firstParameter: Int) {
        let pk = drug.pk
        func parameter(_ symbol: String) -> Int { firstParameter + pk.symbols.firstIndex(of: symbol)! }
        kinetics = pk.structure.kinetics(firstState: firstState, parameterIndices: pk.structure.parameters.map(parameter))
        plasma = pk.plasmaCompartments.map { (firstState + $0, parameter(pk.structure.compartments[$0].volume!)) }
        concentrationFactor = drug.doseUnit.concentrationFactor
        milligramsPerDoseUnit = drug.doseUnit.milligrams
        var next = firstParameter + pk.parameters.count
        var mechanisms: [MechanismSlot] = []
        for mechanism in drug.mechanisms {
            var inner = mechanism
            var species = 0
            if case .throughMetabolite(let wrapped) = mechanism {
                inner = wrapped
                species = 1
            }
            let kind: Kind
            switch inner {
            case .aromataseInhibition: kind = .aromatase
            case .estrogenReceptorAntagonism: kind = .estrogenReceptor
            case .lhReceptorAgonism: kind = .lhReceptor
            case .gnrhReceptorAgonism: kind = .gnrhReceptor
            case .gnrhReceptorInhibition: kind = .gnrhInhibition
            case .hormoneRelease(.testosterone, _): kind = .testosterone
            case .hormoneRelease(.estradiol, _): kind = .estradiol
            case .throughMetabolite: preconditionFailure("\(drug.name): nested metabolite mechanisms")
            }
            if kind == .testosterone || kind == .estradiol {
                mechanisms.append(MechanismSlot(kind: kind, parameter: next, state: nil, volume: nil))
            } else {
                precondition(species < plasma.count,
                             "\(drug.name): \(mechanism) needs \(species == 0 ? "a plasma compartment" : "a second species") in its PK structure")
                mechanisms.append(MechanismSlot(kind: kind, parameter: next, state: plasma[species].state, volume: plasma[species].volume))
            }
            next += mechanism.parameters.count
        }
        self.mechanisms = mechanisms
    }

    /// Concentration (ng/mL or IU/L) of an amount in the compartment with volume parameter `volume`: the
    /// amount (negative values, from the integrator's error, read as 0) × factor / V.
    func concentration<S: ModelScalar>(_ amount: S, _ p: UnsafeBufferPointer<Double>, volume: Int) -> S {
        amount.floored(0) * concentrationFactor / p[volume]
    }

    /// Hormone released (mg/h) per unit amount in each out-flowing compartment, for mass fraction `fraction`.
    func releaseCoefficients(_ p: UnsafeBufferPointer<Double>, fraction: Double, _ body: (Int, Double) -> Void) {
        kinetics.forEachOutflowCoefficient(p) { state, k in body(state, k * fraction * milligramsPerDoseUnit) }
    }
}

/// The drug terms the physiological equations read, summed over all drugs:
/// Σ C/Ki (aromatase), 1 + Σ C/Ki (estrogen receptor), Σ k·C (LH equivalents),
/// Σ Emax·C^γ/(EC50^γ + C^γ) (GnRH receptor agonism), Π(1 − Imax·C^δ/(IC50^δ + C^δ)) (GnRH receptor left
/// uninhibited), Σ KA·A_depot·f (hormone release, mg/h of T or E2: what the drug's PK structure releases, its
/// outflow). Generic over the arithmetic like `RateLaws`: `Double` for the right-hand side, `Symbolic` for the
/// SBML export.
struct MechanismSums<S: ModelScalar> {
    var aromataseInhibition = S(0)
    var estrogenReceptorBlock = S(1)
    var lhEquivalent = S(0)
    var gnrhAgonism = S(0)
    var gnrhReceptorAvailable = S(1)
    var testosteroneRelease_mg_per_h = S(0)
    var estradiolRelease_mg_per_h = S(0)

    /// The sums at the drug amounts `amount(state)`; `outflow(slot)` is the amount per hour leaving the slot's
    /// structure (`LinearKinetics.outflow`).
    @inline(__always)
    init(_ slots: [DrugSlots], _ p: UnsafeBufferPointer<Double>, amount: (Int) -> S, outflow: (DrugSlots) -> S) {
        for slot in slots {
            for m in slot.mechanisms {
                let i = m.parameter
                /// The concentration driving the mechanism (release mechanisms have none).
                @inline(__always) func c() -> S { slot.concentration(amount(m.state!), p, volume: m.volume!) }
                switch m.kind {
                case .aromatase: aromataseInhibition = aromataseInhibition + c() / p[i]
                case .estrogenReceptor: estrogenReceptorBlock = estrogenReceptorBlock + c() / p[i]
                case .lhReceptor: lhEquivalent = lhEquivalent + c() * p[i]
                case .gnrhReceptor:
                    let emax = p[i], ec50 = p[i + 1], hill = p[i + 2]
                    let x = c().power(hill)
                    gnrhAgonism = gnrhAgonism + x * emax / (x + pow(ec50, hill))
                case .gnrhInhibition:
                    gnrhReceptorAvailable = gnrhReceptorAvailable
                        * (1 - DrugEffects.gnrhInhibition(c(), imax: p[i], ic50: p[i + 1], hill: p[i + 2]))
                case .testosterone:
                    testosteroneRelease_mg_per_h = testosteroneRelease_mg_per_h
                        + outflow(slot).floored(0) * p[i] * slot.milligramsPerDoseUnit
                case .estradiol:
                    estradiolRelease_mg_per_h = estradiolRelease_mg_per_h
                        + outflow(slot).floored(0) * p[i] * slot.milligramsPerDoseUnit
                }
            }
        }
    }

    /// The value of a drug-effect input of `RateLaws.core`.
    subscript(_ input: CoreInput) -> S {
        switch input {
        case .aromataseInhibition: aromataseInhibition
        case .estrogenReceptorBlock: estrogenReceptorBlock
        case .lhEquivalent: lhEquivalent
        case .gnrhAgonism: gnrhAgonism
        case .gnrhReceptorAvailable: gnrhReceptorAvailable
        case .testosteroneRelease: testosteroneRelease_mg_per_h
        case .estradiolRelease: estradiolRelease_mg_per_h
        default: preconditionFailure("\(input) is a state")
        }
    }
}

/// The mechanism sums at a state, in `Double`s. Building it also writes the PK derivatives of every drug
/// (derived by its `LinearCompartments` structure) into `dydt`.
struct DrugEffects {
    let sums: MechanismSums<Double>

    /// pg/mL/h of serum E2 per mg/h of released estradiol: 1e9 pg/mg ÷ (V L × 1000 mL/L) with the E2
    /// distribution volume V = MCR/ke_E2 (MCR 1600 L/day, `ReferenceMan`), so the steady-state rise is R/MCR.
    static func estradiolInputPerMg(keE2: Double) -> Double {
        1e6 * keE2 / (ReferenceMan.estradiolClearance_L_per_day / 24)
    }

    /// Tornøe 2007 H2: I = Imax·C^δ/(IC50^δ + C^δ).
    static func gnrhInhibition<S: ModelScalar>(_ c: S, imax: Double, ic50: Double, hill: Double) -> S {
        let x = c.floored(tiny).power(hill)
        return x * imax / (x + pow(ic50, hill))
    }

    /// dI/dC of `gnrhInhibition`: Imax·δ·C^(δ−1)·IC50^δ/(IC50^δ + C^δ)².
    static func gnrhInhibitionSlope(_ c: Double, imax: Double, ic50: Double, hill: Double) -> Double {
        let cc = max(c, tiny), x = pow(cc, hill), a = pow(ic50, hill)
        return imax * hill * x / cc * a / ((a + x) * (a + x))
    }

    init(_ y: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>, _ slots: [DrugSlots],
         dydt: UnsafeMutableBufferPointer<Double>?) {
        if let dydt { for slot in slots { slot.kinetics.derivatives(y, p, dydt) } }
        sums = MechanismSums(slots, p, amount: { y[$0] }, outflow: { $0.kinetics.outflow(y, p) })
    }

    /// The value of one input of `RateLaws.core`: a state of `y` or one of the sums.
    func coreInput(_ input: CoreInput, _ y: UnsafeBufferPointer<Double>) -> Double {
        if let state = input.stateIndex { return y[state] }
        return sums[input]
    }

    /// ∂(sum)/∂(drug state) for every mechanism: calls `body(sum, state, derivative)` once per term, with
    /// dC/dA = factor/V: Σ C/Ki → 1/Ki, k·C → k, Emax·C^γ/(EC50^γ + C^γ) → Emax·γ·C^(γ−1)·EC50^γ/(EC50^γ + C^γ)²,
    /// testosterone release → the outflow coefficients × f_T.
    func forEachPartial(_ y: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>, _ slots: [DrugSlots],
                        _ body: (CoreInput, Int, Double) -> Void) {
        for slot in slots {
            for m in slot.mechanisms {
                let i = m.parameter
                if m.kind == .testosterone || m.kind == .estradiol {
                    let sum: CoreInput = m.kind == .testosterone ? .testosteroneRelease : .estradiolRelease
                    slot.releaseCoefficients(p, fraction: p[i]) { state, k in body(sum, state, k) }
                    continue
                }
                guard let state = m.state, let volume = m.volume, y[state] > 0 else { continue }
                let dCdA = slot.concentrationFactor / p[volume]
                switch m.kind {
                case .aromatase: body(.aromataseInhibition, state, dCdA / p[i])
                case .estrogenReceptor: body(.estrogenReceptorBlock, state, dCdA / p[i])
                case .lhReceptor: body(.lhEquivalent, state, p[i] * dCdA)
                case .gnrhReceptor:
                    let emax = p[i], ec50 = pow(p[i + 1], p[i + 2]), hill = p[i + 2]
                    let c = max(slot.concentration(y[state], p, volume: volume), tiny), x = pow(c, hill)
                    body(.gnrhAgonism, state, emax * hill * x / c * ec50 / ((ec50 + x) * (ec50 + x)) * dCdA)
                case .gnrhInhibition:
                    // Available = Π(1 − I_k): ∂/∂A_k = −I_k'·dC/dA · Available/(1 − I_k).
                    let c = slot.concentration(y[state], p, volume: volume)
                    let inhibition = DrugEffects.gnrhInhibition(c, imax: p[i], ic50: p[i + 1], hill: p[i + 2])
                    let slope = DrugEffects.gnrhInhibitionSlope(c, imax: p[i], ic50: p[i + 1], hill: p[i + 2])
                    body(.gnrhReceptorAvailable, state, -slope * dCdA * sums.gnrhReceptorAvailable / (1 - inhibition))
                case .testosterone, .estradiol: break
                }
            }
        }
    }
}
