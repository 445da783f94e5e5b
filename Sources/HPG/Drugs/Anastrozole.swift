import Foundation

extension Drug {
    /// Anastrozole (Arimidex), C17H19N5: oral, one-compartment, reversible competitive aromatase inhibitor.
    ///
    /// PK in adult men: single 1 mg dose, AUC0–∞ 443 µg·h/L, t½ 42 ± 14 h (Yuan et al., Acta Pharmacol Sin,
    /// Chinese male volunteers) ⇒ CL/F = 1 mg / 443 µg·h/L = 2.26 L/h, V/F = CL/F·t½/ln 2 = 137 L.
    /// Css,avg at 1 mg/day = 1 mg / (2.26 L/h · 24 h) = 18.4 ng/mL.
    /// Potency: in-vivo whole-body aromatization inhibition 96.7 % at 1 mg/day (Geisler J et al. Br J Cancer
    /// 1996, PMID 8883419). With substrate ≪ Km, inhibition = 1 − 1/(1 + C/Ki), so
    /// Ki = Css,avg·(1 − 0.967)/0.967 = 0.63 ng/mL (apparent, total plasma drug); microsomal IC50 15 nM
    /// = 4.4 ng/mL (Dukes M et al. J Steroid Biochem Mol Biol 1996;58:439) is the in-vitro counterpart.
    public static let anastrozole: Drug = {
        let clearance = 1.0 / 0.443          // L/h: 1 mg ÷ 443 µg·h/L
        let halfLife = 42.0                   // h
        let volume = clearance * halfLife / log(2.0)
        let cssAverage = 1000.0 / (clearance * 24)   // ng/mL at 1 mg every 24 h
        let inhibition = 0.967
        let ka = 3.0
        let k = clearance / volume
        let tmax = log(ka / k) / (ka - k)
        return Drug(
            name: "anastrozole", doseUnit: .mg, molarMass_g_per_mol: 293.37, routes: [.oral],
            pk: .firstOrderAbsorption(
                ka: ParameterSpec("ka_per_h", "1/h", ka,
                    "derived: tmax = ln(ka/k)/(ka − k) = \(String(format: "%.1f", tmax)) h with k = CL/V, inside 1.2 ± 0.5 h (Yuan) to 2 h (label)"),
                clearance: ParameterSpec("CL_L_per_h", "L/h", clearance,
                    "derived: CL/F = 1 mg / AUC 443 µg·h/L (Yuan et al., Acta Pharmacol Sin, men, 1 mg)"),
                volume: ParameterSpec("V_L", "L", volume,
                    "derived: V/F = CL/F × t½ 42 h / ln 2 (Yuan; label t½ 40–50 h)"),
                bioavailability: ParameterSpec("F", "1", 1.0,
                    "1 (CL and V are apparent, CL/F and V/F); Swiss label 100–104 %; the dosing engine's F1 of the drug")),
            mechanisms: [
                .aromataseInhibition(ki: ParameterSpec("Ki_aromatase_ng_per_mL", "ng/mL",
                    cssAverage * (1 - inhibition) / inhibition,
                    "derived: 96.7 % whole-body aromatization inhibition at 1 mg/d (Geisler 1996) at Css,avg \(String(format: "%.1f", cssAverage)) ng/mL"))
            ])
    }()
}
