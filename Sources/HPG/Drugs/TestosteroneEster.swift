import Foundation

extension Drug {
    /// An intramuscular testosterone ester: an oil depot releasing the ester at ka·A (first order; the ester is
    /// hydrolysed to T at once), of which the T mass fraction enters serum testosterone
    /// (`testosteroneRelease`). Exogenous T suppresses GnRH/LH/FSH through the model's feedback and is
    /// aromatized like endogenous T.
    static func testosteroneEster(name: String, esterMolarMass: Double, halfLife_d: Double, halfLifeSource: String) -> Drug {
        Drug(
            name: name, doseUnit: .mg, molarMass_g_per_mol: esterMolarMass,
            pk: .depotRelease(
                ka: ParameterSpec("ka_per_h", "1/h", log(2.0) / (halfLife_d * 24),
                    "derived: ln 2 / t½ \(halfLife_d) d (\(halfLifeSource))"),
                bioavailability: ParameterSpec("F", "1", 1, "assumption: the IM depot is released completely")),
            mechanisms: [
                .testosteroneRelease(testosteroneMassFraction: ParameterSpec("T_mass_fraction", "1", 288.42 / esterMolarMass,
                    "derived: T 288.42 / ester \(esterMolarMass) g/mol"))
            ])
    }
}
