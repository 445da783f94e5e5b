import Foundation

/// Where one drug's states and parameters sit in the model's vectors.
struct DrugSlots: Sendable {
    enum Kind: Sendable { case aromatase, estrogenReceptor, lhReceptor, gnrhReceptor, testosterone }

    /// One mechanism: its first parameter, and the compartment (and volume) whose concentration drives it
    /// (nil for testosterone release, driven by the depot's release rate).
    struct MechanismSlot: Sendable {
        let kind: Kind
        let parameter: Int
        let state: Int?
        let volume: Int?
    }

    let depot: Int
    let central: Int?
    let metabolite: Int?
    let ka: Int
    let clearance: Int?
    let volume: Int?
    /// Formation clearance, metabolite clearance and volume.
    let formationClearance: Int?
    let metaboliteClearance: Int?
    let metaboliteVolume: Int?
    /// The second species is an isomer fed by a fraction of the absorbed dose (else a metabolite).
    let isomer: Bool
    let concentrationFactor: Double
    let mechanisms: [MechanismSlot]

    init(drug: Drug, firstState: Int, firstParameter: Int) {
        depot = firstState
        ka = firstParameter
        concentrationFactor = drug.doseUnit.concentrationFactor
        let compartments = drug.pk.compartmentNames.count
        central = compartments >= 2 ? firstState + 1 : nil
        metabolite = compartments >= 3 ? firstState + 2 : nil
        clearance = central == nil ? nil : firstParameter + 1
        volume = central == nil ? nil : firstParameter + 2
        formationClearance = metabolite == nil ? nil : firstParameter + 3
        metaboliteClearance = metabolite == nil ? nil : firstParameter + 4
        metaboliteVolume = metabolite == nil ? nil : firstParameter + 5
        if case .firstOrderAbsorption(_, _, _, _, let species?) = drug.pk { isomer = species.formedFromAbsorbedDose } else { isomer = false }
        var next = firstParameter + drug.pk.parameters.count
        var mechanisms: [MechanismSlot] = []
        for mechanism in drug.mechanisms {
            var inner = mechanism
            var onMetabolite = false
            if case .throughMetabolite(let wrapped) = mechanism {
                precondition(metabolite != nil, "\(drug.name): a metabolite mechanism needs a PK model with a metabolite")
                inner = wrapped
                onMetabolite = true
            }
            let kind: Kind
            switch inner {
            case .aromataseInhibition: kind = .aromatase
            case .estrogenReceptorAntagonism: kind = .estrogenReceptor
            case .lhReceptorAgonism: kind = .lhReceptor
            case .gnrhReceptorAgonism: kind = .gnrhReceptor
            case .testosteroneRelease: kind = .testosterone
            case .throughMetabolite: preconditionFailure("\(drug.name): nested metabolite mechanisms")
            }
            let state = kind == .testosterone ? nil : (onMetabolite ? metabolite : central)
            let volume = kind == .testosterone ? nil : (onMetabolite ? metaboliteVolume : self.volume)
            mechanisms.append(MechanismSlot(kind: kind, parameter: next, state: state, volume: volume))
            next += mechanism.parameters.count
        }
        self.mechanisms = mechanisms
    }

    /// Concentration (ng/mL or IU/L) of the compartment `state` with volume parameter `volume`; 0 if none.
    func concentration(_ y: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>, state: Int?, volume: Int?) -> Double {
        guard let state, let volume else { return 0 }
        return max(y[state], 0) * concentrationFactor / p[volume]
    }

    static func equation(_ pk: PKModel, compartment: Int) -> String {
        switch compartment {
        case 0: return "dA_depot/dt = −ka·A_depot (+ doses, F applied by the dosing engine)"
        case 1:
            if pk.hasMetabolite { return "dA_central/dt = ka·A_depot − (CL/V)·A_central (CL includes CLf),  C = A_central/V" }
            return "dA_central/dt = ka·A_depot − (CL/V)·A_central,  C = A_central/V"
        default:
            if case .firstOrderAbsorption(_, _, _, _, let species?) = pk, species.formedFromAbsorbedDose {
                return "dA_\(species.name)/dt = f·ka·A_depot − (CLm/Vm)·A_\(species.name) (the parent gets (1 − f)·ka·A_depot),  Cm = A/Vm"
            }
            return "dA_metabolite/dt = (CLf/V)·A_central − (CLm/Vm)·A_metabolite,  Cm = A_metabolite/Vm"
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
                var absorbed = release
                if let metabolite = slot.metabolite, let formation = slot.formationClearance,
                   let clearanceM = slot.metaboliteClearance, let volumeM = slot.metaboliteVolume {
                    let input = slot.isomer ? p[formation] * release : p[formation] / p[volume] * y[central]
                    if slot.isomer { absorbed -= input }
                    dydt?[metabolite] = input - p[clearanceM] / p[volumeM] * y[metabolite]
                }
                dydt?[central] = absorbed - p[clearance] / p[volume] * y[central]
            }
            for m in slot.mechanisms {
                let c = slot.concentration(y, p, state: m.state, volume: m.volume)
                let i = m.parameter
                switch m.kind {
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
