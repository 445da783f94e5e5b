import Foundation

extension Drug {
    /// An intramuscular testosterone ester: an oil depot releasing the ester at ka·A (first order, ka = ln 2/t½;
    /// the ester is hydrolysed to T at once), of which the T mass fraction enters serum testosterone
    /// (`hormoneDepot`). Exogenous T suppresses GnRH/LH/FSH through the model's feedback and is aromatized
    /// like endogenous T. Bioavailability: `EsterExposure.bioavailability` (calibrated, Bhasin 2001).
    static func testosteroneEster(name: String, esterMolarMass: Double, halfLife_d: Double, halfLifeSource: String) -> Drug {
        hormoneDepot(
            name: name, doseUnit: .mg, molarMass_g_per_mol: esterMolarMass, routes: [.im],
            ka: ParameterSpec("ka_per_h", "1/h", log(2.0) / (halfLife_d * 24),
                "derived: ln 2 / t½ \(halfLife_d) d (\(halfLifeSource))"),
            bioavailability: ParameterSpec("F", "1", EsterExposure.bioavailability,
                "calibrated: Bhasin 2001 nadirs (T7: TE 125/300/600 mg weekly, endogenous T suppressed), geometric mean of nadir ÷ closed-form trough; shared by the esters (assumption)"),
            releases: .testosterone,
            massFraction: ParameterSpec("T_mass_fraction", "1", Units.testosteroneMolarMass_g_per_mol / esterMolarMass,
                "derived: T 288.42 / ester \(esterMolarMass) g/mol"))
    }
}

/// Exposure per mg of a weekly testosterone ester, calibrated to training study T7 (Bhasin S et al. Am J
/// Physiol Endocrinol Metab 2001;281:E1172: healthy young men, endogenous T suppressed by a GnRH agonist,
/// testosterone enanthate weekly for 20 weeks; nadir T 253 / 306 / 542 / 1345 / 2370 ng/dL at 25 / 50 / 125 /
/// 300 / 600 mg).
///
/// Trough at steady state of dose D every τ, with T elimination quasi-steady (ke_T 0.43/h ≫ ka 0.0064/h):
/// the depot holds A = F·D·e^(−ka·τ)/(1 − e^(−ka·τ)) just before a dose and releases ka·A, of which the mass
/// fraction f_T is T, cleared at CL_T, so T_nadir = F·D·f_T·ka·e^(−ka·τ)/(1 − e^(−ka·τ))/CL_T. With F = 1
/// and the textbook CL_T 950 L/day this is 6.0 ng/dL per weekly mg, 1.3–1.5× the reported nadirs: the
/// apparent T clearance in these very men was 1821 ± 102 L/day (young) (Coviello AD et al. JCEM
/// 2006;91:4669, same GnRH-agonist + TE protocol), not 950. F carries that difference (the ester's t½ and
/// the physiological CL_T keep their sources): F = geometric mean over the 125, 300 and 600 mg arms of
/// nadir ÷ (trough per mg × D). The 25 and 50 mg arms are left out: there the residual endogenous T under
/// the GnRH agonist (not reported) is a large part of the nadir.
enum EsterExposure {
    static let weeklyDoses_mg = [125.0, 300, 600]
    static let nadirs_ng_per_dL = [542.0, 1345, 2370]
    /// Testosterone enanthate (C26H40O3): molar mass and IM terminal t½ (Behre HM, Wang C, Handelsman DJ,
    /// Nieschlag E, "Pharmacology of testosterone preparations", via secondary pages).
    static let enanthateMolarMass = 400.6
    static let enanthateHalfLife_d = 4.5

    /// Closed-form steady-state trough T (ng/dL) per mg of ester every `interval_h`, F = 1.
    static func troughPerMg(ka: Double, massFraction: Double, interval_h: Double) -> Double {
        let remaining = exp(-ka * interval_h)
        let release_mg_per_h = massFraction * ka * remaining / (1 - remaining)
        return release_mg_per_h / Parameter.tClearance.spec.value * 1e5   // mg/L → ng/dL
    }

    static let bioavailability: Double = {
        let perMg = troughPerMg(ka: log(2.0) / (enanthateHalfLife_d * 24),
                                massFraction: Units.testosteroneMolarMass_g_per_mol / enanthateMolarMass, interval_h: 168)
        let logRatios = zip(weeklyDoses_mg, nadirs_ng_per_dL).map { log($1 / (perMg * $0)) }
        return exp(logRatios.reduce(0, +) / Double(logRatios.count))
    }()
}
