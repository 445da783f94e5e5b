extension PatientProfile {
    /// Klinefelter syndrome (47,XXY): "primary testicular failure, high LH/FSH, low T. HPG axis disinhibited
    /// but end-organ (testes) unresponsive. Limited efficacy for fertility restoration; anastrozole may help T/E2
    /// ratio but not overcome germ cell aplasia" (seed 004). Beyond primary hypogonadism: near-absent germ cells,
    /// and relatively high estradiol (high intratesticular aromatase in Klinefelter men; assumption here).
    public static let klinefelter = PatientProfile(
        name: "klinefelter",
        description: "Klinefelter syndrome: small Leydig reserve, germ-cell aplasia, estradiol high relative to T",
        factors: [
            (.leydigCapacity, 0.12, "assumption: T low-normal to low with LH several-fold high (typical 47,XXY labs)"),
            (.spermatogenicCapacity, 0.01, "assumption: germ-cell aplasia, most men azoospermic"),
        ],
        bmi: (26, "assumption: Klinefelter men tend to more fat mass (BMI 26 kg/m²)"))
}
