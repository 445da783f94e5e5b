import Foundation

extension Drug {
    /// Letrozole (Femara), C17H11N5: oral, one-compartment, reversible competitive aromatase inhibitor, more
    /// potent than anastrozole (research file §1b).
    ///
    /// PK: CL 2.21 L/h after iv dosing and absolute bioavailability 99.9 ± 16.3 % (Sioufi A et al. Biopharm
    /// Drug Dispos 1997;18:779), Vss 1.87 L/kg (Sioufi) for a 70-kg man (assumption) = 131 L, so
    /// t½ = V·ln 2/CL = 41 h (label ~2 d).
    /// Potency: calibrated to T5, the training study whose stated use is this fraction: E2 with gonadotropins
    /// clamped by acyline and T held by gel, so E2/T falls only by the inhibition (26.4 → 1.6 and 3.7 pg/mL, about
    /// 86–94 %). The prior's centre is the in-vivo whole-body aromatization inhibition measured in postmenopausal
    /// women, > 99.1 % at 2.5 mg/day (Geisler J et al. J Clin Oncol 2002;20:751): with substrate ≪ Km,
    /// inhibition = 1 − 1/(1 + C/Ki), so Ki = Css,avg·(1 − 0.991)/0.991 at Css,avg = 2.5 mg/(CL·24 h) = 47 ng/mL.
    /// The label's mild non-linearity (Css 1.5–2× the single-dose prediction) is absorbed into this apparent Ki.
    /// Ki = Css,avg·(1 − 0.991)/0.991 from Geisler 2002 at Css,avg = 2.5 mg/(CL·24 h): the centre of the
    /// calibration's prior.
    public static let letrozoleGeislerKi_ng_per_mL = letrozoleAverageConcentration_ng_per_mL * (1 - 0.991) / 0.991
    static let letrozoleClearance_L_per_h = 2.21
    /// ng/mL at 2.5 mg every 24 h.
    static let letrozoleAverageConcentration_ng_per_mL = 2500.0 / (letrozoleClearance_L_per_h * 24)

    public static let letrozole: Drug = {
        let clearance = letrozoleClearance_L_per_h
        let volume = 1.87 * 70                     // L
        let ka = 2.0
        let k = clearance / volume
        let tmax = log(ka / k) / (ka - k)
        return Drug(
            name: "letrozole", doseUnit: .mg, molarMass_g_per_mol: 285.3, routes: [.oral],
            pk: .firstOrderAbsorption(
                ka: ParameterSpec("ka_per_h", "1/h", ka,
                    "assumption: rapid, complete absorption (Sioufi 1997); tmax = ln(ka/k)/(ka − k) = \(String(format: "%.1f", tmax)) h"),
                clearance: ParameterSpec("CL_L_per_h", "L/h", clearance, "Sioufi 1997 (iv CL; F ≈ 1)"),
                volume: ParameterSpec("V_L", "L", volume,
                    "derived: Vss 1.87 L/kg (Sioufi 1997) × 70 kg (assumption); t½ = \(String(format: "%.0f", volume * log(2.0) / clearance)) h"),
                bioavailability: ParameterSpec("F", "1", 1.0, "absolute F 99.9 ± 16.3 % (Sioufi 1997)")),
            mechanisms: [
                .aromataseInhibition(ki: ParameterSpec("Ki_aromatase_ng_per_mL", "ng/mL",
                    Calibrated.values["letrozole.Ki_aromatase_ng_per_mL"]!,
                    "calibrated (training set): E2 26.4 → 1.6 and 3.7 pg/mL with gonadotropins clamped and T held by gel (T5); prior centred on \(String(format: "%.3g", letrozoleGeislerKi_ng_per_mL)) ng/mL, > 99.1 % whole-body aromatization inhibition at 2.5 mg/d in postmenopausal women (Geisler 2002) at Css,avg \(String(format: "%.0f", letrozoleAverageConcentration_ng_per_mL)) ng/mL"))
            ])
    }()
}
