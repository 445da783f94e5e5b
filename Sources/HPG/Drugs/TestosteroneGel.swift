import Foundation

extension Drug {
    /// Transdermal testosterone gel (AndroGel 1 %: 5 g of gel = 50 mg T), dosed in mg of T in the applied gel,
    /// once daily. Each application delivers its absorbed T into the skin at a constant rate over 24 h ("continuous
    /// transdermal delivery of testosterone for 24 hours following a single application", AndroGel 1 % label:
    /// `PKModel.deliveryDuration`, NONMEM's D1), and the skin releases it first order into serum T
    /// (`hormoneDepot`, mass fraction 1). Daily applications therefore give a steady serum T without a daily
    /// cycle. (As a bolus into the skin reservoir, the gel had swung T from about 240 to 890 ng/dL every day.)
    ///
    /// Bioavailability: "approximately 10 % of the applied testosterone dose is absorbed across skin of
    /// average permeability during a 24-hour period" (AndroGel 1 % label). Release: steady state is reached
    /// in a median 1.1 d (95 % CI 0.7–3.4 d) of daily application of a 2 % T gel (Fortesta; Int J Impot Res
    /// 2014, "Pharmacokinetics and drying time of testosterone 2% gel in men with hypogonadism"): under the
    /// constant delivery the reservoir fills as 1 − e^(−ka·t), 90 % at 1.1 d, so ka = ln 10/26.4 h (reservoir
    /// t½ 8 h). At steady state serum T rises by F·dose/day ÷ CL_T: 50 mg/day → 5 mg/day ÷ 950 L/day =
    /// 526 ng/dL.
    public static let testosteroneGel: Drug = {
        let daysToSteadyState = 1.1
        return hormoneDepot(
            name: "testosterone_gel", doseUnit: .mg, molarMass_g_per_mol: Units.testosteroneMolarMass_g_per_mol,
            routes: [.transdermal],
            ka: ParameterSpec("ka_per_h", "1/h", log(10.0) / (daysToSteadyState * 24),
                "derived: 90 % of steady state at the median 1.1 d of a 2 % T gel (Int J Impot Res 2014, Fortesta PK), ka = ln 10/26.4 h"),
            bioavailability: ParameterSpec("F", "1", 0.10,
                "AndroGel 1 % label: ~10 % of the applied T absorbed over 24 h"),
            releases: .testosterone,
            massFraction: ParameterSpec("T_mass_fraction", "1", 1, "the gel releases T itself"),
            deliveryDuration: ParameterSpec("delivery_duration_h", "h", 24,
                "AndroGel 1 % label: continuous transdermal delivery of testosterone for 24 hours following a single application"))
    }()
}
