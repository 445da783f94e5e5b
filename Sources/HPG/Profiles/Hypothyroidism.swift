extension PatientProfile {
    /// Primary hypothyroidism: "can disrupt GnRH/LH/FSH secretion and testicular function", "impacts SHBG";
    /// "anastrozole less effective if thyroid not optimized; euthyroid state is foundational for HPG axis
    /// response" (seed 004). Lower SHBG raises the free T fraction (Krassas GE et al., Endocr Rev 2010, review;
    /// size assumed).
    public static let hypothyroidism = PatientProfile(
        name: "hypothyroidism",
        description: "untreated hypothyroidism: blunted gonadotropin and Leydig responsiveness, low SHBG",
        factors: [
            (.gnrhDriveCapacity, 0.7, "assumption: GnRH/LH secretion disrupted (seed 004)"),
            (.leydigLHEmax, 0.25, "assumption: Leydig cells respond poorly to LH until euthyroid (seed 004: testicular function disrupted)"),
            (.e2HypothalamicExponent, 0.4, "assumption: hypothalamic responsiveness blunted (seed 004: euthyroid state foundational)"),
            (.shbgCapacity, 0.7, "assumption: low SHBG (seed 004: \"impacts SHBG\"; Krassas 2010), which raises free T"),
        ])
}
