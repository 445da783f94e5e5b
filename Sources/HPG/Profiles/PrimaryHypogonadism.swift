extension PatientProfile {
    /// Primary (hypergonadotropic) hypogonadism: "testicular failure, low testosterone despite high LH/FSH";
    /// anastrozole "may be less effective as the testes cannot respond to increased gonadotropin stimulation"
    /// (seed 004). The testis loses Leydig and germ-cell capacity; high LH/FSH follow from the feedback.
    public static let primaryHypogonadism = PatientProfile(
        name: "primary-hypogonadism",
        description: "primary testicular failure: reduced Leydig and spermatogenic capacity, LH/FSH high by feedback",
        factors: [
            (.leydigCapacity, 0.28, "assumption: T ~40 % of normal with LH ~3×, as in the hypergonadotropic range (T < 300 ng/dL, LH > 9 IU/L)"),
            (.spermatogenicCapacity, 0.2, "assumption: germ-cell capacity reduced with the testis"),
        ])
}
