import Foundation

extension Drug {
    /// Human chorionic gonadotropin (hCG), dosed in IU, IM or SC: LH-receptor agonist on Leydig cells
    /// (`lhReceptorAgonism`: the testis sees LH + k·C_hCG).
    ///
    /// PK: MCR 3.38 L/day in men after iv dosing (~1/10 of LH's; "Metabolism of HCG in man", JCEM, likely
    /// Rizkallah 1969); terminal t½ after IM 27–34 h (Swiss label), 30 h taken, so V = CL·t½/ln 2 = 6.1 L.
    /// Absorption: IM tmax 9–12 h (label): ka = 0.25/h gives tmax = ln(ka/k)/(ka − k) = 10.5 h. SC gives a
    /// later peak and longer apparent t½ but an identical T response to IM (5000 IU in 24 healthy men,
    /// Fertil Steril 1991, PMID 1712735), so both routes share this depot (SC's ~35 % lower F is not modelled).
    /// Potency: k (IU/L of LH per IU/L of hCG) calibrated jointly with the model to the training studies T11
    /// and T12 (hCG 2000 and 1500 IU/week in men with a working axis; `hpgsim calibrate`).
    public static let hcg: Drug = {
        let clearance = 3.38 / 24       // L/h
        let halfLife = 30.0             // h
        let volume = clearance * halfLife / log(2.0)
        let ka = 0.25
        let k = clearance / volume
        return Drug(
            name: "hcg", doseUnit: .IU, molarMass_g_per_mol: nil, routes: [.im, .sc],
            pk: .firstOrderAbsorption(
                ka: ParameterSpec("ka_per_h", "1/h", ka,
                    "derived: IM tmax = ln(ka/k)/(ka − k) = \(String(format: "%.1f", log(ka / k) / (ka - k))) h, label 9–12 h"),
                clearance: ParameterSpec("CL_L_per_h", "L/h", clearance, "MCR 3.38 L/day, men, iv (Metabolism of HCG in man, JCEM)"),
                volume: ParameterSpec("V_L", "L", volume, "derived: CL × t½ 30 h / ln 2 (IM terminal t½ 27–34 h, Swiss label)"),
                bioavailability: ParameterSpec("F", "1", 1.0, "assumption: IM absorption complete; SC shares it (identical T response, PMID 1712735)")),
            mechanisms: [
                .lhReceptorAgonism(lhEquivalent: ParameterSpec("LH_equivalent_IU_per_IU", "IU/L LH per IU/L hCG",
                    Calibrated.values["hcg.LH_equivalent_IU_per_IU"]!,
                    "calibrated (training set): T rise on hCG 2000 IU/week (T11) and 1500 IU/week (T12)"))
            ])
    }()
}
