extension Drug {
    /// Testosterone cypionate (C27H40O3, 412.6 g/mol), IM: terminal t½ ~8 d (Depo-Testosterone label,
    /// "approximately eight days", via secondary pages).
    public static let testosteroneCypionate = testosteroneEster(
        name: "testosterone_cypionate", esterMolarMass: 412.6, halfLife_d: 8,
        halfLifeSource: "Depo-Testosterone label, via secondary pages")
}
