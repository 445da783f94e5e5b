extension PatientProfile {
    /// Obesity: peripheral aromatization rises with adiposity (Schneider G et al. JCEM 1979;48:633: T→E2
    /// conversion rises in proportion to excess weight; Kley HK et al. Metabolism 1980;29:1041: E2 ×1.8,
    /// T ×0.4 in massive obesity). The model scales peripheral aromatase by (BMI/22)^p (see
    /// `aromatase_BMI_exponent`); this profile only sets the BMI.
    public static let obese = PatientProfile(
        name: "obese",
        description: "obese man (BMI 32 kg/m²): peripheral aromatase scaled by adiposity",
        overrides: [Parameter.bmi.spec.name: 32],
        sources: [Parameter.bmi.spec.name: "assumption: class I obesity, BMI 30–35 kg/m² (WHO classes)"])

}
