extension PatientProfile {
    /// The reference man (`ReferenceMan`): every parameter at its declared value, BMI 22 kg/m².
    public static let normalWeight = PatientProfile(
        name: "normal-weight",
        description: "healthy normal-weight adult man (BMI 22 kg/m²): the reference man of the parameter table")
}
