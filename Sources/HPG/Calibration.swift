import Foundation

/// Checks of calibrated values against their physiology targets that are not drug studies.
public enum Calibration {
    /// E2/T at BMI 37.4 (170 % of ideal weight) over E2/T at BMI 22 (reference man otherwise), the target of
    /// `aromatase_BMI_exponent` (Kley 1980: ×4.4).
    static func kleyRatio(overrides: [String: Double] = [:]) throws(HPGError) -> Double {
        let model = HPGModel()
        func ratio(_ bmi: Double) throws(HPGError) -> Double {
            let (y, _) = try Patient(BMI_kg_per_m2: bmi, overrides: overrides).baseline(model)
            return y[PhysiologicalState.estradiol.rawValue] / y[PhysiologicalState.testosterone.rawValue]
        }
        return try ratio(1.7 * ReferenceMan.BMI_kg_per_m2) / ratio(ReferenceMan.BMI_kg_per_m2)
    }

    /// The parameters the joint fit estimates (`hpgsim calibrate`): those whose source says "calibrated".
    public static var calibratedParameters: [ParameterSpec] {
        Parameter.allCases.map(\.spec).filter { $0.source.hasPrefix("calibrated") }
    }
}
