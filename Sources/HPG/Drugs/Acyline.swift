import Foundation

extension Drug {
    /// Acyline (Ac-D2Nal-D4Cpa-D3Pal-Ser-4Aph(Ac)-D4Aph(Ac)-Leu-ILys-Pro-DAla-NH2, C80H102ClN15O14,
    /// 1533.2 g/mol from the sequence), a GnRH antagonist dosed SC in mg: it blocks the pituitary GnRH
    /// receptor (`gnrhReceptorInhibition`), lowering LH, FSH and with them T.
    ///
    /// PK, one compartment with first-order absorption, from the first study in men (Herbst KL, Anawalt BD,
    /// Amory JK, Bremner WJ. JCEM 2002;87:3215): after 75 µg/kg SC (5.25 mg for 70 kg, assumption) serum
    /// acyline peaked at 1 h at 18.9 ng/mL, stayed elevated at 7 d and was back to background by 14–17 d.
    /// Taking background as 1 % of the peak at 15.5 d (assumption): k = ln 100/372 h (t½ 2.3 d); ka = 6/h
    /// gives tmax = ln(ka/k)/(ka − k) = 1.0 h; V/F = D·ka/(ka − k)·(e^(−k·tmax) − e^(−ka·tmax))/Cmax; CL/F = k·V/F.
    /// Potency: no PK/PD model of acyline was found; degarelix's (Tornøe CW et al. Br J Clin Pharmacol
    /// 2007;63:648, the H2 form I = Imax·C^δ/(IC50^δ + C^δ)) is the sourced analogue: Imax 0.942, IC50
    /// 1.49 ng/mL (converted at equal molar potency, × 1533.2/1632.3 g/mol), δ 1.97.
    ///
    /// Known limitation (issue 9): alone, acyline raises LH and T in the calibrated model, whose GnRH drive rises
    /// about tenfold as T and E2 fall and passes the 6 % of receptors left at Imax 0.942
    /// (`DrugsEffectTests.gnrhAntagonistLowersLHAndTestosterone`).
    public static let acyline: Drug = {
        let dose_ug = 75.0 * 70, peak = 18.9, tmax = 1.0
        let k = log(100.0) / (15.5 * 24), ka = 6.0
        let volume = dose_ug * ka / (ka - k) * (exp(-k * tmax) - exp(-ka * tmax)) / peak
        let molarMass = 1533.2
        return Drug(
            name: "acyline", doseUnit: .mg, molarMass_g_per_mol: molarMass, routes: [.sc],
            pk: .firstOrderAbsorption(
                ka: ParameterSpec("ka_per_h", "1/h", ka,
                    "derived: tmax = ln(ka/k)/(ka − k) = \(String(format: "%.2f", log(ka / k) / (ka - k))) h, peak at 1 h (Herbst 2002)"),
                clearance: ParameterSpec("CL_L_per_h", "L/h", k * volume,
                    "derived: k·V/F, k = ln 100/15.5 d (back to background, taken as 1 % of the peak, by 14–17 d; Herbst 2002)"),
                volume: ParameterSpec("V_L", "L", volume,
                    "derived: 5.25 mg (75 µg/kg × 70 kg) gives the 18.9 ng/mL peak at 1 h (Herbst 2002)"),
                bioavailability: ParameterSpec("F", "1", 1, "1 (CL and V are apparent, CL/F and V/F, from Herbst 2002)")),
            mechanisms: [
                .gnrhReceptorInhibition(
                    imax: ParameterSpec("Imax", "1", 0.942, "Tornøe 2007 degarelix Imax (analogue; no acyline PK/PD found)"),
                    ic50: ParameterSpec("IC50_ng_per_mL", "ng/mL", 1.49 * molarMass / 1632.3,
                        "Tornøe 2007 degarelix IC50 1.49 ng/mL at equal molar potency (× 1533.2/1632.3 g/mol; analogue)"),
                    hill: ParameterSpec("hill", "1", 1.97, "Tornøe 2007 degarelix δ (analogue)"))
            ])
    }()
}
