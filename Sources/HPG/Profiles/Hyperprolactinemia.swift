extension PatientProfile {
    /// Hyperprolactinemia: "elevated prolactin suppresses GnRH, LH, FSH. Direct inhibition of HPG axis.
    /// Anastrozole not primary treatment; prolactin normalization is essential before AI therapy can be fully
    /// effective" (seed 004). Prolactin silences the GnRH (kisspeptin) neurons whatever the estradiol level,
    /// so the drive is low and barely follows E2.
    public static let hyperprolactinemia = PatientProfile(
        name: "hyperprolactinemia",
        description: "hyperprolactinemia: GnRH drive suppressed by prolactin, little left for estradiol feedback to release",
        factors: [
            (.gnrhDriveCapacity, 0.05, "assumption: prolactin suppresses GnRH (seed 004), enough for LH and T to be low despite the T feedback and the GnRH-neuron availability that low T releases (at 0.1, T was no longer below 60 % of the reference man's once the calibration made that availability stronger)"),
            (.e2HypothalamicExponent, 0.05, "assumption: prolactin, not E2, holds the drive down, so lifting E2 feedback releases little"),
            (.e2PituitaryExponent, 0.05, "assumption: likewise at the pituitary, whose GnRH input prolactin has silenced (seed 004: AI not effective until prolactin is normalised)"),
        ])
}
