import Foundation
@testable import HPG
import Dosing

/// Regimens and windowed means for the drug and condition tests (doses as NONMEM records, as scenario files
/// give them).
enum DrugsSupport {
    /// The calibration cohort's patient (Shah 2021: overweight, T 270.6 ng/dL, E2 32 pg/mL).
    static let cohort = StudyTable.shah2021.patient

    /// `amount` of `drug` into compartment 1 every `every` hours from `start` hours, `count` doses.
    static func dose(_ drug: String, _ amount: Double, every: Double, count: Int, start: Double = 0) -> DrugDose {
        DrugDose(drug: drug, record: .dose(amount, at: start, compartment: 1, interval: every, additionalDoses: count - 1))
    }

    /// Daily samples of a simulation over `days`.
    static func run(_ doses: [DrugDose], patient: Patient = cohort, days: Int) throws -> Trajectory {
        try simulate(patient: patient, doses: doses, outputTimes: (0...days).map { Double($0) * 24 })
    }

    /// Mean of an observable over days `from`…`to` (daily samples, both ends).
    static func mean(_ t: Trajectory, _ name: String, days: ClosedRange<Int>) -> Double {
        let s = t.series(name)!
        return days.map { s[$0] }.reduce(0, +) / Double(days.count)
    }

    /// On-treatment mean (days `window`) over baseline.
    static func ratio(_ t: Trajectory, _ name: String, days: ClosedRange<Int>) -> Double {
        mean(t, name, days: days) / t.series(name)![0]
    }
}
