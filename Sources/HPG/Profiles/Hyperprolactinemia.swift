extension PatientProfile {
    /// Hyperprolactinemia: "elevated prolactin suppresses GnRH, LH, FSH. Direct inhibition of HPG axis.
    /// Anastrozole not primary treatment; prolactin normalization is essential before AI therapy can be fully
    /// effective" (seed 004). Prolactin silences the GnRH (kisspeptin) neurons whatever the estradiol level,
    /// so the drive is low and barely follows E2.
    public static let hyperprolactinemia = PatientProfile(
        name: "hyperprolactinemia",
        description: "hyperprolactinemia: GnRH drive suppressed by prolactin, little left for estradiol feedback to release",
        factors: [
            (.gnrhDriveCapacity, 0.35, "assumption: prolactin suppresses GnRH (seed 004), LH and T low"),
            (.e2HypothalamicExponent, 0.2, "assumption: prolactin, not E2, holds the drive down, so lifting E2 feedback releases little"),
        ])
}
