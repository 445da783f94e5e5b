import Foundation
import Dosing

/// Simulation experiments shared by the tests and the notebook (`hpgsim model --notebook`).
public enum Analyses {
    /// Daily-or-other regimen of one drug into its depot, from t = 0 for `days`.
    public static func regimen(_ drug: String, amount: Double, every interval_h: Double, days: Double) -> [DrugDose] {
        let count = Int((days * 24 / interval_h).rounded(.up))
        return [DrugDose(drug: drug, record: .dose(amount, at: 0, compartment: 1, interval: interval_h,
                                                   additionalDoses: max(count - 1, 0)))]
    }

    /// Treatment for `onDays`, then nothing until `onDays + offDays`, sampled every `step_h`.
    public static func onOff(patient: Patient, amount: Double = 1, interval_h: Double = 24, onDays: Double,
                             offDays: Double, step_h: Double = 24) throws(HPGError) -> Trajectory {
        let end = (onDays + offDays) * 24
        let times = stride(from: 0.0, through: end, by: step_h).map { $0 }
        return try simulate(patient: patient, doses: regimen("anastrozole", amount: amount, every: interval_h, days: onDays),
                            outputTimes: times)
    }

    /// Mean of an observable over the last dosing interval of a `days`-long regimen (steady state).
    public static func steadyStateMean(_ observable: String, patient: Patient, amount: Double, interval_h: Double,
                                       days: Double = 42) throws(HPGError) -> Double {
        let end = days * 24
        let times = stride(from: end - interval_h, through: end, by: interval_h / 480).map { $0 }
        let doses = amount > 0 ? regimen("anastrozole", amount: amount, every: interval_h, days: days) : []
        let trajectory = try simulate(patient: patient, doses: doses, outputTimes: times)
        let series = trajectory.series(observable) ?? []
        // Trapezoid mean over one interval.
        var area = 0.0
        for k in 1..<series.count { area += (series[k] + series[k - 1]) / 2 * (times[k] - times[k - 1]) }
        return area / interval_h
    }

    /// First time (h, after `from`) from which |x − target| ≤ tolerance·|shift| stays true, where shift is
    /// x(from) − target; nil if never within the series.
    public static func returnTime(_ series: [Double], times: [Double], from: Double, target: Double,
                                  tolerance: Double) -> Double? {
        guard let start = times.firstIndex(where: { $0 >= from }) else { return nil }
        let shift = abs(series[start] - target)
        var candidate: Double?
        for k in start..<series.count {
            if abs(series[k] - target) <= tolerance * shift { if candidate == nil { candidate = times[k] - from } }
            else { candidate = nil }
        }
        return candidate
    }

    /// Share of E2 production made by testicular aromatase at the patient's drug-free baseline.
    public static func testicularE2Share(_ patient: Patient) throws(HPGError) -> Double {
        let model = HPGModel()
        let (y, p) = try patient.baseline(model)
        let made = p.withUnsafeBufferPointer { pb in
            let k = RateConstants(pb)
            let freeT = RateLaws.freeTestosterone(total_nM: y[PhysiologicalState.testosterone.rawValue] * Units.testosterone_nmol_per_L_per_ng_per_dL,
                                                  shbg_nM: y[PhysiologicalState.shbg.rawValue], pb)
            // Leydig activity as `RateLaws.core` forms it, with this man's parameters (an override of L50 or κ
            // moves the reference stimulation too).
            let activity = y[PhysiologicalState.leydigTrophic.rawValue]
                * (1 + RateLaws.leydigStimulation(y[PhysiologicalState.lh.rawValue], pb, lh50Power: k.leydigLH50Power))
                / k.referenceStimulation
            return RateLaws.aromatase(freeT: freeT, itt: y[PhysiologicalState.itt.rawValue], leydigActivity: activity,
                                      inhibition: 0.0, pb, k)
        }
        return made.testicular / (made.peripheral + made.testicular)
    }
}
