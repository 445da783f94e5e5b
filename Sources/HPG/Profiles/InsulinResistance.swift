extension PatientProfile {
    /// Insulin resistance / type 2 diabetes: "hyperinsulinemia, low SHBG, low free T, systemic inflammation.
    /// Inhibits GnRH pulsatility, direct Leydig cell dysfunction. Can improve T/E2 ratio, but metabolic control
    /// is paramount" (seed 004); it "frequently co-occurs with obesity" and "anastrozole's benefits on
    /// testosterone may be somewhat mitigated if underlying metabolic dysfunction persists" (seed 004).
    public static let insulinResistance = PatientProfile(
        name: "insulin-resistance",
        description: "insulin resistance / type 2 diabetes with overweight: weaker GnRH pulsatility and Leydig function",
        factors: [
            (.gnrhDriveCapacity, 0.8, "assumption: GnRH pulsatility inhibited (seed 004)"),
            (.leydigLHEmax, 0.5, "assumption: direct Leydig cell dysfunction (seed 004)"),
            (.shbgCapacity, 0.7, "assumption: low SHBG (seed 004), which raises free T"),
        ],
        bmi: (30, "assumption: obesity co-occurs (seed 004), BMI 30 kg/m²"))
}
