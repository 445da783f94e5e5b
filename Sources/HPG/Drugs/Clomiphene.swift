import Foundation

extension Drug {
    /// Clomiphene citrate (Clomid), dosed in mg of the citrate salt (598.08 g/mol, FDA label): a mixture of
    /// the trans isomer enclomiphene (the parent species here: its plasma concentration is the
    /// `clomiphene_concentration` column) and the cis isomer zuclomiphene (`MetabolitePK(isomer:)`, a fraction of
    /// the absorbed dose; `clomiphene_zuclomiphene_concentration`), each with its own PK.
    ///
    /// Composition: 30–50 % cis (zuclomiphene), rest trans (FDA label); 38 % taken (assumption, inside the
    /// range). F = 405.97/598.08 = 0.679: the clomiphene base in the citrate, absorption taken as complete
    /// (assumption; the label calls it readily absorbed).
    /// PK: enclomiphene t½ ~10 h (enclomiphene 12.5–50 mg × 14 d study, likely Wiehle RD et al. 2013);
    /// zuclomiphene accumulates, t½ ~30 d (secondary sources; Young SL et al. Fertil Steril 1999;71:639:
    /// detectable > 1 month). Clearances from the steady state on 25 mg/d in men, median enclomiphene
    /// 2.2 ng/mL and zuclomiphene 44 ng/mL (Helo S et al. BJU Int 2017;119:171): CL = F·f·25 mg/(Css·24 h);
    /// V = CL·t½/ln 2.
    /// Mechanism: enclomiphene is the estrogen-receptor antagonist at hypothalamus and pituitary; its Ki is
    /// calibrated jointly to the training set (T10; `Ki_estrogen_receptor_ng_per_mL`). Zuclomiphene is a partial agonist with no clear
    /// net effect on gonadotropins in men; it is tracked (its accumulation shows) but given no mechanism
    /// (assumption).
    public static let clomiphene: Drug = {
        let bioavailability = 405.97 / 598.08
        let cisFraction = 0.38
        let dailyBase_ug = 25_000 * bioavailability
        let enclomipheneCL = dailyBase_ug * (1 - cisFraction) / (2.2 * 24)
        let zuclomipheneCL = dailyBase_ug * cisFraction / (44 * 24)
        return Drug(
            name: "clomiphene", doseUnit: .mg, molarMass_g_per_mol: 405.97, routes: [.oral],
            pk: .firstOrderAbsorption(
                ka: ParameterSpec("ka_per_h", "1/h", 1.0,
                    "assumption: rapid absorption (enclomiphene 'rapidly absorbed', Wiehle 2013); tmax ≈ 3 h"),
                clearance: ParameterSpec("CL_L_per_h", "L/h", enclomipheneCL,
                    "derived: enclomiphene CL/F = 25 mg × 0.679 × 0.62 / (2.2 ng/mL × 24 h) (Helo 2017 steady state)"),
                volume: ParameterSpec("V_L", "L", enclomipheneCL * 10 / log(2.0),
                    "derived: enclomiphene V/F = CL/F × t½ 10 h / ln 2 (Wiehle 2013)"),
                bioavailability: ParameterSpec("F", "1", bioavailability,
                    "derived: clomiphene base 405.97 / citrate 598.08 g/mol; absorption complete (assumption)"),
                metabolite: MetabolitePK(
                    isomer: "zuclomiphene",
                    fraction: ParameterSpec("zuclomiphene_fraction", "1", cisFraction,
                        "assumption: 38 % cis isomer, inside the label's 30–50 %"),
                    clearance: ParameterSpec("zuclomiphene_CL_L_per_h", "L/h", zuclomipheneCL,
                        "derived: zuclomiphene CL/F = 25 mg × 0.679 × 0.38 / (44 ng/mL × 24 h) (Helo 2017 steady state)"),
                    volume: ParameterSpec("zuclomiphene_V_L", "L", zuclomipheneCL * 30 * 24 / log(2.0),
                        "derived: CL/F × t½ 30 d / ln 2 (t½ from secondary sources; unverified, research note 12)"))),
            mechanisms: [
                .estrogenReceptorAntagonism(ki: ParameterSpec("Ki_estrogen_receptor_ng_per_mL", "ng/mL",
                    Calibrated.values["clomiphene.Ki_estrogen_receptor_ng_per_mL"]!,
                    "calibrated (training set): T, LH and FSH rise on enclomiphene after T gel (T10)"))
            ])
    }()
}
