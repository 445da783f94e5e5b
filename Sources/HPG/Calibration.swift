import Foundation

/// Checks of calibrated values against their physiology targets that are not drug studies.
public enum Calibration {
    /// E2/T at BMI 37.4 (170 % of ideal weight) over E2/T at BMI 22 (reference man otherwise), the target of
    /// `aromatase_BMI_exponent` (Kley 1980: ×4.4).
    public static func kleyRatio(overrides: [String: Double] = [:]) throws(HPGError) -> Double {
        let model = HPGModel()
        func ratio(_ bmi: Double) throws(HPGError) -> Double {
            let (y, _) = try Patient(BMI_kg_per_m2: bmi, overrides: overrides).baseline(model)
            return y[PhysiologicalState.estradiol.rawValue] / y[PhysiologicalState.testosterone.rawValue]
        }
        return try ratio(1.7 * ReferenceMan.BMI_kg_per_m2) / ratio(ReferenceMan.BMI_kg_per_m2)
    }

    /// Kley HK et al. Metabolism 1980;29:1041: E2 25.4 → 44.7 pg/mL and T 6.2 → 2.5 ng/mL above 160 % of
    /// ideal body weight, so E2/T ×(44.7/25.4)/(2.5/6.2) = 4.4: the target of `aromatase_BMI_exponent`.
    public static let kleyE2OverTRatio = (44.7 / 25.4) / (2.5 / 6.2)

    /// The parameters the joint fit estimates (`hpgsim calibrate`): the model's and the drugs' whose source
    /// says "calibrated (training set" or "calibrated (with the training set".
    public static var calibratedParameters: [ParameterSpec] {
        (Parameter.allCases.map(\.spec) + DrugRegistry.all.flatMap(\.parameters)).filter {
            $0.source.hasPrefix("calibrated (training set") || $0.source.hasPrefix("calibrated (with the training set")
        }
    }
}
