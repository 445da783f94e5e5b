import Foundation

extension Drug {
    /// Leuprolide acetate 1-month depot (Lupron Depot 7.5 mg IM; leuprolide C59H84N16O12, 1209.4 g/mol), a GnRH
    /// superagonist dosed in mg. Its chronic effect, the one modelled, is pituitary desensitisation: the GnRH
    /// receptor stops answering GnRH (`gnrhReceptorInhibition`), so LH, FSH and T fall to castrate levels.
    /// Omitted: the initial flare (LH, FSH and T rise for ~1–2 weeks before falling; label) and the 2–4 weeks
    /// desensitisation takes — here suppression follows the concentration at once.
    ///
    /// PK: iv 1 mg in healthy men, CL 7.6 L/h, Vss 27 L, t½ ~3 h (Lupron Depot label). The depot releases at a
    /// functionally constant rate over the month (Periti P et al. Clin Pharmacokinet 2002;41:485), taken as
    /// first order: 0.36 ng/mL at 4 weeks after 7.5 mg (label) gives ka = 0.00329/h (the root above 1/672 h of
    /// C(672 h) = D·ka/(V(ka − k))·(e^(−k·t) − e^(−ka·t)) = 0.36; t½ 8.8 d, 89 % released by 4 weeks,
    /// C 3.0 → 0.36 ng/mL over the month; Periti: 0.4–1.4 ng/mL over 28 days). The initial burst (~20 ng/mL
    /// at 4 h) is not modelled. F = 1 (assumption; SC solution 94 %, single-dose PK in men).
    /// Potency of desensitisation: receptor occupancy by the agonist, at triptorelin's potency in Tornøe CW
    /// et al. Br J Clin Pharmacol 2007;63:648 (EC50 0.047 ng/mL at equal molar potency, × 1209.4/1311.5
    /// g/mol; γ 4.87); Imax 1 (assumption: a fully desensitised pituitary releases no LH in answer to GnRH).
    public static let leuprolide: Drug = {
        let clearance = 7.6, volume = 27.0
        let molarMass = 1209.4
        return Drug(
            name: "leuprolide", doseUnit: .mg, molarMass_g_per_mol: molarMass, routes: [.im],
            pk: .firstOrderAbsorption(
                ka: ParameterSpec("ka_per_h", "1/h", 0.00329,
                    "derived: 7.5 mg depot gives 0.36 ng/mL at 4 weeks (Lupron Depot label) with CL and V below"),
                clearance: ParameterSpec("CL_L_per_h", "L/h", clearance, "iv 1 mg, healthy men (Lupron Depot label)"),
                volume: ParameterSpec("V_L", "L", volume, "Vss after iv 1 mg, healthy men (Lupron Depot label)"),
                bioavailability: ParameterSpec("F", "1", 1, "assumption: the depot is released completely")),
            mechanisms: [
                .gnrhReceptorInhibition(
                    imax: ParameterSpec("Imax", "1", 1, "assumption: full desensitisation at saturation", allowed: .closed(0, 1)),
                    ic50: ParameterSpec("IC50_ng_per_mL", "ng/mL", 0.047 * molarMass / 1311.5,
                        "Tornøe 2007 triptorelin EC50 0.047 ng/mL at equal molar potency (× 1209.4/1311.5 g/mol; analogue)"),
                    hill: ParameterSpec("hill", "1", 4.87, "Tornøe 2007 triptorelin γ (analogue)"))
            ])
    }()
}
