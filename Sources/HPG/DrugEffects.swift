/// Where one drug's states and parameters sit in the model's vectors.
struct DrugSlots: Sendable {
    enum Kind: Sendable { case aromatase, estrogenReceptor, lhReceptor, gnrhReceptor, testosterone }
    /// A compartment whose concentration drives mechanisms: its state and volume parameter.
    struct Site: Sendable { let state: Int; let volume: Int }
    /// The secondary species: its site, clearance and input-fraction parameters, and how it is fed.
    struct Secondary: Sendable { let site: Site; let clearance: Int; let fraction: Int; let isAbsorbed: Bool }
    let depot: Int
    let central: Int?
    let ka: Int
    let clearance: Int?
    let volume: Int?
    let secondary: Secondary?
    let concentrationFactor: Double
    /// Each mechanism, the index of its first parameter, and the site whose concentration it reads (nil:
    /// depot-only drugs).
    let mechanisms: [(kind: Kind, parameter: Int, site: Site?)]

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
        var mechanisms: [(Kind, Int, Site?)] = []
        func add(_ list: [Mechanism], site: Site?) {
            for mechanism in list {
                mechanisms.append((Self.kind(mechanism), next, site))
                next += mechanism.parameters.count
            }
        }
        let parentSite = drug.pk.compartmentNames.count > 1 ? Site(state: firstState + 1, volume: firstParameter + 2) : nil
        add(drug.mechanisms, site: parentSite)
        var secondary: Secondary?
        if let species = drug.secondary, let parentSite {
            let site = Site(state: parentSite.state + 1, volume: next + 2)
            secondary = Secondary(site: site, clearance: next + 1, fraction: next, isAbsorbed: species.input.isAbsorbed)
            next += 3
            add(species.mechanisms, site: site)
        }
        self.secondary = secondary
        self.mechanisms = mechanisms
    }

    static func kind(_ mechanism: Mechanism) -> Kind {
        switch mechanism {
        case .aromataseInhibition: return .aromatase
        case .estrogenReceptorAntagonism: return .estrogenReceptor
        case .lhReceptorAgonism: return .lhReceptor
        case .gnrhReceptorAgonism: return .gnrhReceptor
        case .testosteroneRelease: return .testosterone
        }
    }

    /// Plasma concentration (ng/mL or IU/L) at a site; 0 for depot-only drugs.
    func concentration(_ site: Site?, _ y: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>) -> Double {
        guard let site else { return 0 }
        return max(y[site.state], 0) * concentrationFactor / p[site.volume]
    }

    /// Parent plasma concentration; 0 for depot-only drugs.
    func concentration(_ y: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>) -> Double {
        concentration(central.map { Site(state: $0, volume: volume!) }, y, p)
    }

    static func equation(_ drug: Drug, compartment: Int) -> String {
        switch (drug.pk, compartment) {
        case (_, 0): return "dA_depot/dt = −ka·A_depot (+ doses, F applied by the dosing engine)"
        case (_, 1) where drug.secondary?.input.isAbsorbed == true:
            return "dA_central/dt = (1 − f)·ka·A_depot − (CL/V)·A_central,  C = A_central/V"
        case (_, 1): return "dA_central/dt = ka·A_depot − (CL/V)·A_central,  C = A_central/V"
        default: return drug.secondary!.equation
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
                let elimination = p[clearance] / p[volume] * y[central]
                var absorbed = release
                if let s = slot.secondary {
                    let f = p[s.fraction]
                    let input = s.isAbsorbed ? f * release : f * elimination
                    if s.isAbsorbed { absorbed -= input }
                    dydt?[s.site.state] = input - p[s.clearance] / p[s.site.volume] * y[s.site.state]
                }
                dydt?[central] = absorbed - elimination
            }
            for (kind, i, site) in slot.mechanisms {
                let c = slot.concentration(site, y, p)
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
