import Foundation

extension Drug {
    /// Gonadorelin (synthetic GnRH, C55H75N17O13), dosed in µg SC or iv: GnRH-receptor agonist on the
    /// pituitary (`gnrhReceptorAgonism`: stimulus G + Emax·C/(EC50 + C), which is Tornøe 2007's H1 form
    /// G·(1 + Emax·C/(EC50 + C)) at the reference drive G = 1 and still works without any drive). Given by
    /// pump as pulses every ~90 min (`ii: 90 min` + `addl`) or as boluses.
    ///
    /// PK: MCR 1.6 L/min = 96 L/h, t½ ~4 min (Swiss label Lutrelef), so V = CL·t½/ln 2 = 9.2 L. SC:
    /// bioavailability 87.5 % in men and Cmax at ~15 min (label): ka = 1/h gives tmax = ln(ka/k)/(ka − k)
    /// = 0.25 h (absorption-limited, the damped SC profiles of the SC-vs-IV study).
    /// Potency: 2.5 µg iv saturates LH release in men (PK of iv LH-RH in men): peak C = 2.5 µg/9.2 L
    /// = 0.27 ng/mL, so EC50 = 0.03 ng/mL (90 % effect at 9×EC50, hill 1; assumption). Emax = 10
    /// (assumption): after a 100 µg iv bolus C stays above EC50 for ~0.5 h, raising LH by about
    /// ks_LH·Emax·0.5 h ≈ 13 IU/L, the 3–5× baseline peak of the standard GnRH stimulation test.
    public static let gonadorelin: Drug = {
        let clearance = 1.6 * 60               // L/h
        let halfLife = 4.0 / 60                // h
        let volume = clearance * halfLife / log(2.0)
        let ka = 1.0
        let k = clearance / volume
        return Drug(
            name: "gonadorelin", doseUnit: .ug, molarMass_g_per_mol: 1182.3, routes: [.sc, .iv],
            pk: .firstOrderAbsorption(
                ka: ParameterSpec("ka_per_h", "1/h", ka,
                    "derived: SC tmax = ln(ka/k)/(ka − k) = \(String(format: "%.2f", log(ka / k) / (ka - k))) h, label Cmax ~15 min"),
                clearance: ParameterSpec("CL_L_per_h", "L/h", clearance, "MCR 1.6 L/min (Swiss label Lutrelef)"),
                volume: ParameterSpec("V_L", "L", volume, "derived: CL × t½ 4 min / ln 2 (label)"),
                bioavailability: ParameterSpec("F", "1", 0.875, "SC bioavailability 87.5 % in men (Swiss label)")),
            mechanisms: [
                .gnrhReceptorAgonism(
                    emax: ParameterSpec("Emax", "1", 10,
                        "assumption: LH peak 3–5× baseline after 100 µg iv (GnRH stimulation test), ΔLH ≈ ks_LH·Emax·0.5 h"),
                    ec50: ParameterSpec("EC50_ng_per_mL", "ng/mL", 0.03,
                        "assumption: 2.5 µg iv (0.27 ng/mL peak) saturates LH release (PK of iv LH-RH in men) = 9×EC50"),
                    hill: ParameterSpec("hill", "1", 1, "assumption"))
            ])
    }()
}
