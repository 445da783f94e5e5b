import Foundation

extension Drug {
    /// Transdermal estradiol patch, dosed in µg of E2 delivered: a patch of nominal rate R µg/day worn for w
    /// days is a constant-rate infusion of R·w µg over w days into the skin reservoir (scenario:
    /// `dose: 350 ug, every: 3.5 d, infusion_duration: 3.5 d` for a 100 µg/day twice-weekly patch; daily
    /// boluses of R µg also work, with a daily ripple). The reservoir releases E2 first order into serum
    /// E2 (`hormoneDepot`, mass fraction 1), cleared like endogenous E2: at steady state serum E2 rises by
    /// R ÷ MCR_E2 = 100 µg/day ÷ 1600 L/day = 62.5 pg/mL.
    ///
    /// F = 1: the labels state the rate delivered to the circulation (e.g. Vivelle-Dot 0.1 mg/day, 3.5-day
    /// patch; openFDA NDC 66758-149), so the nominal rate is already the absorbed dose. Release: after
    /// transdermal delivery stops, serum E2 falls with an apparent t½ of 161 min (107–221 min), back to
    /// baseline within 12 h of patch removal (secondary summary, droracle.ai; primary not retrieved). The
    /// decline is set by the slower of skin release and E2 elimination (t½ 1.5 h), so the reservoir's
    /// t½ is taken as the 161 min.
    public static let estradiolPatch = hormoneDepot(
        name: "estradiol_patch", doseUnit: .ug, molarMass_g_per_mol: Units.estradiolMolarMass_g_per_mol,
        routes: [.transdermal],
        ka: ParameterSpec("ka_per_h", "1/h", log(2.0) / (161.0 / 60),
            "derived: ln 2 / 161 min, the apparent E2 t½ after transdermal delivery stops (secondary summary; primary not retrieved)"),
        bioavailability: ParameterSpec("F", "1", 1, "the label's nominal rate is the rate delivered (Vivelle-Dot 0.1 mg/day)"),
        releases: .estradiol,
        massFraction: ParameterSpec("E2_mass_fraction", "1", 1, "the patch releases E2 itself"))
}
