extension Drug {
    /// Testosterone enanthate (C26H40O3, 400.6 g/mol), IM: terminal t½ ~4.5 d (Behre HM, Wang C, Handelsman DJ,
    /// Nieschlag E, "Pharmacology of testosterone preparations", via secondary pages).
    public static let testosteroneEnanthate = testosteroneEster(
        name: "testosterone_enanthate", esterMolarMass: 400.6, halfLife_d: 4.5,
        halfLifeSource: "Behre et al., Pharmacology of testosterone preparations, via secondary pages")
}
