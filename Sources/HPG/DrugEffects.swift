/// Where one drug's states and parameters sit in the model's vectors.
struct DrugSlots: Sendable {
    enum Kind: Sendable { case aromatase, estrogenReceptor, lhReceptor, gnrhReceptor, testosterone }
    let depot: Int
    let central: Int?
    let ka: Int
    let clearance: Int?
    let volume: Int?
    let concentrationFactor: Double
    /// Each mechanism and the index of its first parameter.
    let mechanisms: [(kind: Kind, parameter: Int)]

    init(drug: Drug, firstState: Int, firstParameter: Int) {
        depot = firstState
        ka = firstParameter
        concentrationFactor = drug.doseUnit.concentrationFactor
        switch drug.pk {
        case .firstOrderAbsorption:
            central = firstState + 1
            clearance = firstParameter + 1
            volume = firstParameter + 2
        case .depotRelease:
            central = nil
            clearance = nil
            volume = nil
        }
        var next = firstParameter + drug.pk.parameters.count
        var mechanisms: [(Kind, Int)] = []
        for mechanism in drug.mechanisms {
            let kind: Kind
            switch mechanism {
            case .aromataseInhibition: kind = .aromatase
            case .estrogenReceptorAntagonism: kind = .estrogenReceptor
            case .lhReceptorAgonism: kind = .lhReceptor
            case .gnrhReceptorAgonism: kind = .gnrhReceptor
            case .testosteroneRelease: kind = .testosterone
            }
            mechanisms.append((kind, next))
            next += mechanism.parameters.count
        }
        self.mechanisms = mechanisms
    }

    /// Plasma concentration (ng/mL or IU/L); 0 for depot-only drugs.
    func concentration(_ y: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>) -> Double {
        guard let central, let volume else { return 0 }
        return max(y[central], 0) * concentrationFactor / p[volume]
    }

    static func equation(_ pk: PKModel, compartment: Int) -> String {
        switch (pk, compartment) {
        case (.firstOrderAbsorption, 0), (.depotRelease, 0): return "dA_depot/dt = −ka·A_depot (+ doses, F applied by the dosing engine)"
        default: return "dA_central/dt = ka·A_depot − (CL/V)·A_central,  C = A_central/V"
        }
    }
}

/// The drug terms the physiological equations read, summed over all drugs:
/// Σ C/Ki (aromatase), 1 + Σ C/Ki (estrogen receptor), Σ k·C (LH equivalents),
/// Σ Emax·C^γ/(EC50^γ + C^γ) (GnRH receptor), Σ ka·A_depot·f_T (testosterone release, mg/h).
/// Building it also writes the PK derivatives of every drug into `dydt`.
struct DrugEffects {
    var aromataseInhibition = 0.0
    var estrogenReceptorBlock = 1.0
    var lhEquivalent = 0.0
    var gnrhAgonism = 0.0
    var testosteroneRelease_mg_per_h = 0.0

    init(_ y: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>, _ slots: [DrugSlots],
         dydt: UnsafeMutableBufferPointer<Double>?) {
        for slot in slots {
            let release = p[slot.ka] * y[slot.depot]
            dydt?[slot.depot] = -release
            if let central = slot.central, let clearance = slot.clearance, let volume = slot.volume {
                dydt?[central] = release - p[clearance] / p[volume] * y[central]
            }
            let c = slot.concentration(y, p)
            for (kind, i) in slot.mechanisms {
                switch kind {
                case .aromatase: aromataseInhibition += c / p[i]
                case .estrogenReceptor: estrogenReceptorBlock += c / p[i]
                case .lhReceptor: lhEquivalent += p[i] * c
                case .gnrhReceptor:
                    let emax = p[i], ec50 = p[i + 1], hill = p[i + 2]
                    let x = pow(c, hill)
                    gnrhAgonism += emax * x / (pow(ec50, hill) + x)
                case .testosterone: testosteroneRelease_mg_per_h += max(release, 0) * p[i]
                }
            }
        }
    }
}

import Foundation
