extension Drug {
    /// Testosterone enanthate (C26H40O3, 400.6 g/mol), IM: terminal t½ ~4.5 d (Behre HM, Wang C, Handelsman DJ,
    /// Nieschlag E, "Pharmacology of testosterone preparations", via secondary pages); exposure per mg
    /// calibrated to Bhasin 2001 (`EsterExposure`).
    public static let testosteroneEnanthate = testosteroneEster(
        name: "testosterone_enanthate", esterMolarMass: EsterExposure.enanthateMolarMass,
        halfLife_d: EsterExposure.enanthateHalfLife_d,
        halfLifeSource: "Behre et al., Pharmacology of testosterone preparations, via secondary pages")
}
