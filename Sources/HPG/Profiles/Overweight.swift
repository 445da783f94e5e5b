extension PatientProfile {
    /// Overweight, the median BMI of the Shah 2021 cohort (28.7 kg/m², Transl Androl Urol 2021;10:1222).
    public static let overweight = PatientProfile(
        name: "overweight",
        description: "overweight man (BMI 28.7 kg/m², the Shah 2021 cohort median)",
        overrides: [Parameter.bmi.spec.name: 28.7],
        sources: [Parameter.bmi.spec.name: "Shah T, Nyirenda T, Shin D. Transl Androl Urol 2021;10(3):1222, median BMI"])
}
