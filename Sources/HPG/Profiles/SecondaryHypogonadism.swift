extension PatientProfile {
    /// Secondary (hypogonadotropic) hypogonadism with estrogen excess: "pituitary/hypothalamic dysfunction,
    /// low LH/FSH leading to low testosterone. Anastrozole can be highly effective by increasing LH/FSH and
    /// endogenous testosterone, particularly if estrogen feedback is a contributing factor" (seed 004).
    public static let secondaryHypogonadism = PatientProfile(
        name: "secondary-hypogonadism",
        description: "functional secondary hypogonadism: weak GnRH drive, with estrogen excess feeding back",
        factors: [
            (.gnrhDriveCapacity, 0.3, "assumption: weak feedback-free hypothalamic drive, low enough that T is in the hypogonadal range with LH low-normal"),
            (.aromataseCapacity, 3, "assumption: estrogen excess, the case the documents call anastrozole most effective in"),
        ])
}
