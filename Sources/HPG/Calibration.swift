import Foundation

/// The fit behind `Calibrated` (run by `hpgsim model --calibrate`). Only the five calibrated values are
/// free; everything else stays at its literature, derived or individual value. Each step solves for its
/// parameter(s) with the others fixed, in the order the model's structure allows:
/// 1. E2 feedback exponent λ and testicular E2 share s: E2 = 16 pg/mL and LH, FSH on the geometric
///    middle of their reported values (log(LH/5.4) + log(FSH/7.6) = 0) at month 5 (2-D Newton, finite differences);
/// 2. spermatogenic Hill exponent h: sperm concentration ratio on-treatment/baseline = √(1.547·1.616), the
///    geometric middle of the ratios that keep concentration (14.2) and total motile count (17.7) within ±15 %;
/// 3. morphology exponent: strict morphology 3.5 %;
/// 4. aromatase BMI exponent p: at BMI 37.4 (170 % of ideal weight) E2/T is ×4.4 that at BMI 22 (Kley 1980).
public enum Calibration {
    public struct Values: Sendable {
        public var e2FeedbackExponentTotal = Calibrated.e2FeedbackExponentTotal
        public var testicularE2Fraction = Calibrated.testicularE2Fraction
        public var spermatogenicHill = Calibrated.spermatogenicHill
        public var morphologyExponent = Calibrated.morphologyExponent
        public var aromataseBMIExponent = Calibrated.aromataseBMIExponent

        public init() {}

        /// Parameter overrides that put these values into the model.
        var overrides: [String: Double] {
            let keE2 = Parameter.keE2.spec.value, km = Parameter.aromataseKm.spec.value
            let itt = ReferenceMan.intratesticularT_nmol_per_L
            let free = Parameter.tFreeFraction.spec.value * Derived.referenceT_nmol_per_L
            return [
                Parameter.e2HypothalamicExponent.spec.name: e2FeedbackExponentTotal / 2,
                Parameter.e2PituitaryExponent.spec.name: e2FeedbackExponentTotal / 2,
                Parameter.aromataseTesticularVmax.spec.name: testicularE2Fraction * keE2 * ReferenceMan.estradiol_pg_per_mL * (km + itt) / itt,
                Parameter.aromatasePeripheralVmax.spec.name: (1 - testicularE2Fraction) * keE2 * ReferenceMan.estradiol_pg_per_mL * (km + free) / free,
                Parameter.spermatogenicHill.spec.name: spermatogenicHill,
                Parameter.morphologyExponent.spec.name: morphologyExponent,
                Parameter.aromataseBMIExponent.spec.name: aromataseBMIExponent,
            ]
        }
    }

    /// Month-5 values of the study table's rows with these calibrated values.
    static func table(_ values: Values) throws(HPGError) -> [String: Double] {
        let study = StudyTable.shah2021
        var patient = study.patient
        patient.overrides = values.overrides
        let trajectory = try simulate(patient: patient, doses: study.doses, outputTimes: [study.sampleTime_h])
        return Dictionary(uniqueKeysWithValues: trajectory.observables.indices.map {
            (trajectory.observables[$0].name, trajectory.values[0][$0])
        })
    }

    /// E2/T at BMI 37.4 over E2/T at BMI 22 (reference man otherwise).
    static func kleyRatio(_ values: Values) throws(HPGError) -> Double {
        let model = HPGModel()
        func ratio(_ bmi: Double) throws(HPGError) -> Double {
            let (y, _) = try Patient(BMI_kg_per_m2: bmi, overrides: values.overrides).baseline(model)
            return y[PhysiologicalState.estradiol.rawValue] / y[PhysiologicalState.testosterone.rawValue]
        }
        return try ratio(1.7 * ReferenceMan.BMI_kg_per_m2) / ratio(ReferenceMan.BMI_kg_per_m2)
    }

    public static func fit() throws(HPGError) -> Values {
        var v = Values()
        // 1. (λ, s) by Newton with a finite-difference Jacobian.
        func residual(_ x: [Double]) throws(HPGError) -> [Double] {
            var w = v
            w.e2FeedbackExponentTotal = x[0]
            w.testicularE2Fraction = x[1]
            let t = try table(w)
            return [log(t["estradiol"]! / 16), log(t["LH"]! / 5.4) + log(t["FSH"]! / 7.6)]
        }
        var x = [v.e2FeedbackExponentTotal, v.testicularE2Fraction]
        for _ in 0..<8 {
            let r = try residual(x)
            if max(abs(r[0]), abs(r[1])) < 1e-6 { break }
            var j = [[0.0, 0.0], [0.0, 0.0]]
            for c in 0..<2 {
                var xh = x
                xh[c] += 1e-4
                let rh = try residual(xh)
                for i in 0..<2 { j[i][c] = (rh[i] - r[i]) / 1e-4 }
            }
            let det = j[0][0] * j[1][1] - j[0][1] * j[1][0]
            x[0] -= (j[1][1] * r[0] - j[0][1] * r[1]) / det
            x[1] -= (-j[1][0] * r[0] + j[0][0] * r[1]) / det
        }
        v.e2FeedbackExponentTotal = x[0]
        v.testicularE2Fraction = x[1]
        // 2–4. One-dimensional secant solves.
        let spermTarget = 7.8 * (1.547 * 1.616).squareRoot()
        v.spermatogenicHill = try secant(v.spermatogenicHill) { h throws(HPGError) in
            var w = v; w.spermatogenicHill = h
            return log(try table(w)["sperm_concentration"]! / spermTarget)
        }
        v.morphologyExponent = try secant(v.morphologyExponent) { b throws(HPGError) in
            var w = v; w.morphologyExponent = b
            return log(try table(w)["strict_morphology"]! / 3.5)
        }
        v.aromataseBMIExponent = try secant(v.aromataseBMIExponent) { p throws(HPGError) in
            var w = v; w.aromataseBMIExponent = p
            return log(try kleyRatio(w) / Calibrated.kleyE2OverTRatio)
        }
        return v
    }

    static func secant(_ x0: Double, _ f: (Double) throws(HPGError) -> Double) throws(HPGError) -> Double {
        var a = x0, b = x0 * 1.05
        var fa = try f(a), fb = try f(b)
        for _ in 0..<30 where abs(fb) > 1e-9 && fb != fa {
            let c = b - fb * (b - a) / (fb - fa)
            (a, fa) = (b, fb)
            b = c
            fb = try f(b)
        }
        return b
    }
}
