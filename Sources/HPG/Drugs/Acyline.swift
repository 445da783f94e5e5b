import Foundation

extension Drug {
    /// Acyline (Ac-D2Nal-D4Cpa-D3Pal-Ser-4Aph(Ac)-D4Aph(Ac)-Leu-ILys-Pro-DAla-NH2, C80H102ClN15O14,
    /// 1533.2 g/mol from the sequence), a GnRH antagonist dosed SC in mg: it blocks the pituitary GnRH
    /// receptor (`gnrhReceptorInhibition`), lowering LH, FSH and with them T.
    ///
    /// PK, one compartment with first-order absorption, from the single 300 µg/kg SC dose in healthy young men
    /// (Herbst KL, Coviello AD, Page S, Amory JK, Anawalt BD, Bremner WJ. JCEM 2004;89:5959): serum acyline
    /// peaked at 90 min at 112.4 ng/mL, t½ 4.9 d. 300 µg/kg × 70 kg (assumption) = 21 mg, the dose of the T5
    /// scenarios. k = ln 2/4.9 d; ka = 4.4/h gives tmax = ln(ka/k)/(ka − k) = 1.5 h;
    /// V/F = D·ka/(ka − k)·(e^(−k·tmax) − e^(−ka·tmax))/Cmax; CL/F = k·V/F. (The first study in men, Herbst
    /// 2002, gave 18.9 ng/mL at 1 h after 75 µg/kg and background by 14–17 d: about 280 L, a shorter apparent
    /// t½ at a quarter of the dose.)
    /// Potency: no PK/PD model of acyline was found. The H2 form of degarelix's model (Tornøe CW et al. Br J Clin
    /// Pharmacol 2007;63:648), I = Imax·C^δ/(IC50^δ + C^δ), gives the shape: IC50 1.49 ng/mL (converted at equal
    /// molar potency, × 1533.2/1632.3 g/mol) and δ 1.97. Its Imax, 94.2 %, fitted in men with prostate cancer,
    /// is too weak for acyline in healthy men: 300 µg/kg kept T castrate for 15 days (Herbst 2004), and acyline
    /// lowered intratesticular androstenedione, a Leydig-cell product, by 98 % (PMC3070251). The blockade scales
    /// secretion after its ceiling (`RateLaws`), so the drive, however high falling T and E2 raise it, passes at
    /// most 1 − Imax of the gonadotrophs' ceiling (10× the reference rate, LH 50 IU/L); with Imax 99.8 % that is
    /// LH ≈ 0.1 IU/L, where the testes' output Leydig·(1 + H(LH)) is about 2 % of a man's at LH 5 IU/L — the
    /// 98 % fall. Alone, acyline then lowers LH and T far below half of baseline in the calibrated model
    /// (`DrugsEffectTests.gnrhAntagonistLowersLHAndTestosterone`).
    public static let acyline: Drug = {
        let dose_ug = 300.0 * 70, peak = 112.4, tmax = 1.5
        let k = log(2.0) / (4.9 * 24), ka = 4.4
        let volume = dose_ug * ka / (ka - k) * (exp(-k * tmax) - exp(-ka * tmax)) / peak
        let molarMass = 1533.2
        return Drug(
            name: "acyline", doseUnit: .mg, molarMass_g_per_mol: molarMass, routes: [.sc],
            pk: .firstOrderAbsorption(
                ka: ParameterSpec("ka_per_h", "1/h", ka,
                    "derived: tmax = ln(ka/k)/(ka − k) = \(String(format: "%.2f", log(ka / k) / (ka - k))) h, peak at 90 min (Herbst 2004)"),
                clearance: ParameterSpec("CL_L_per_h", "L/h", k * volume,
                    "derived: k·V/F, k = ln 2/4.9 d (Herbst 2004, 300 µg/kg SC)"),
                volume: ParameterSpec("V_L", "L", volume,
                    "derived: 21 mg (300 µg/kg × 70 kg) gives the 112.4 ng/mL peak at 90 min (Herbst 2004)"),
                bioavailability: ParameterSpec("F", "1", 1, "1 (CL and V are apparent, CL/F and V/F, from Herbst 2004)")),
            mechanisms: [
                .gnrhReceptorInhibition(
                    imax: ParameterSpec("Imax", "1", 0.998, "derived: leaves LH ≈ 0.1 IU/L at the secretion ceiling, where the Leydig curve gives the 98 % fall of intratesticular androstenedione on acyline (PMC3070251); castrate T for 15 days after 300 µg/kg (Herbst 2004); degarelix's 0.942 (Tornøe 2007, prostate cancer) is too weak for it", allowed: .closed(0, 1)),
                    ic50: ParameterSpec("IC50_ng_per_mL", "ng/mL", 1.49 * molarMass / 1632.3,
                        "Tornøe 2007 degarelix IC50 1.49 ng/mL at equal molar potency (× 1533.2/1632.3 g/mol; analogue)"),
                    hill: ParameterSpec("hill", "1", 1.97, "Tornøe 2007 degarelix δ (analogue)"))
            ])
    }()
}
