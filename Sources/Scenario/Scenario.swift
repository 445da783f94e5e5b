/// A scenario file, read and checked: who is simulated, what they take, for how long, what is written out,
/// and (optionally) what a study reported for the same regimen. All times are hours from time 0.
public struct Scenario: Sendable {
    /// The file name without its extension, e.g. `anastrozole-shah-2021`.
    public var name: String
    /// Where the scenario was read from, for messages.
    public var file: String
    public var title: String
    public var patient: PatientSpec
    public var regimens: [Regimen]
    public var simulation: SimulationSpan
    public var output: OutputSpec
    public var reported: Reported?
    /// Directional checks (`Expectation.swift`): one block per window, in file order.
    public var expect: [Expectations] = []
    /// Where each key's value is written (key path as in messages, e.g. `patient.baseline.testosterone`,
    /// `regimens[1].dose` → line, column), so checks made when simulating can point at the line.
    public var keyMarks: [String: SourceMark] = [:]
    /// Virtual men for `hpgsim population` (`PopulationSpec`); nil: the one man of `patient`.
    public var population: PopulationSpec? = nil
    /// Labs drawn during the run and rules that change a regimen on them (`Monitoring`); nil: fixed regimens.
    public var monitoring: Monitoring? = nil
    /// The clinical summary `run` prints (`ReportSpec`); nil: none unless asked for on the command line.
    public var report: ReportSpec? = nil

    /// Output times in hours: 0, Δ, 2Δ, … up to the end of the simulation (included when it falls on the grid).
    public var outputTimes: [Double] {
        let count = Int((simulation.duration / simulation.outputEvery * (1 + 1e-12)).rounded(.down))
        return (0...count).map { Double($0) * simulation.outputEvery }
    }

    /// Hours at which the last regimen stops (or the end of the simulation for open-ended ones).
    public var treatmentEnd: Double {
        regimens.map { regimen in
            switch regimen.schedule {
            case let .additional(interval, additional): regimen.start + Double(additional + 1) * interval
            case .once: regimen.start
            case .every, .weekdays: regimen.stop.map { min($0, simulation.duration) } ?? simulation.duration
            }
        }.max() ?? 0
    }
}

/// A line and column in a scenario file (1-based).
public struct SourceMark: Sendable, Equatable {
    public var line: Int
    public var column: Int
}

/// The simulated person: a named profile, optionally adjusted.
public struct PatientSpec: Sendable {
    public var profile: String
    /// kg/m²; nil keeps the profile's.
    public var bodyMassIndex: Double?
    /// Years; nil keeps the profile's (the reference man's 30 y unless the profile changes it).
    public var age: Double?
    /// Baseline labs the model is calibrated to: observable name → value in that observable's unit.
    public var baselineLabs: [String: Measurement]
    /// Model parameter name → value, replacing the profile's.
    public var overrides: [String: Double]
}

/// How long to simulate, how often to write a row, and (optionally) which ODE method integrates the model.
public struct SimulationSpan: Sendable {
    public var duration: Double
    public var outputEvery: Double
    /// A name from the solver registry (`Method.all`); nil: the model's default method.
    public var method: String?
    /// Solver steps allowed besides those each dose adds (`DosingEngine.stepsPerDose`); nil: the model's.
    public var maxSteps: Int? = nil
    /// The integration's relative tolerance (`simulation.rtol`); nil: the model's (`HPGModel.relativeTolerance`).
    public var relativeTolerance: Double? = nil
    /// The integration's absolute tolerance (`simulation.atol`); nil: `HPGModel.absoluteToRelativeTolerance` times
    /// the relative one.
    public var absoluteTolerance: Double? = nil
}

/// Which observables to write and in which unit system.
public struct OutputSpec: Sendable {
    /// Observable names in column order; empty means every observable the model offers.
    public var observables: [String]
    public var units: UnitSystem
}

/// Conventional units (ng/dL, pg/mL) or SI units (nmol/L, pmol/L).
public enum UnitSystem: String, Sendable, CaseIterable {
    case conventional, si
}

/// A lab value as written: the number and its unit symbol (e.g. 270 and "ng/dL").
public struct Measurement: Sendable, Equatable {
    public var value: Double
    public var unit: String
}

/// What a study reported, to compare the simulation against.
public struct Reported: Sendable {
    public var source: String
    /// Each time point (baseline, on treatment, the `timepoints` list) with its values.
    public var timepoints: [ReportedTimepoint]
}

/// Values reported at one time or over a window (e.g. labs drawn 3–5 months into treatment).
public struct ReportedTimepoint: Sendable {
    public var label: String
    /// Hours; from == to for a single time. The simulated value is the mean over the window.
    public var from: Double
    public var to: Double
    /// Hours: the time `change` and `fold` values are relative to (day 0 unless `relative_to` says otherwise).
    public var relativeTo: Double = 0
    public var values: [ReportedValue]
}

/// One reported value: an absolute lab value, or a change relative to the same man's day-0 value.
public struct ReportedValue: Sendable {
    public var observable: String
    /// `.absolute`: `value` in `unit` as written. `.change`: `value` is the reported ratio to baseline
    /// r = 1 + change (`{change: +53 %}` → 1.53) or the fold (`{fold: 2}` → 2), and `unit` is the observable's
    /// conventional unit (the unit the ratio's numerator and denominator are simulated in; it cancels).
    public var kind: Comparison.Kind
    public var value: Double
    public var unit: String
    /// The simulated value passes when |simulated − reported| ≤ tolerance × |reported|.
    public var tolerance: Double
    /// How the value was obtained (training-studies.md tags); nil when the file does not say.
    public var evidence: Evidence?
}

/// How a reported value was obtained, as shared/research/training-studies.md tags it.
public enum Evidence: String, Sendable, CaseIterable {
    /// Read in the study's own abstract or text.
    case A
    /// A secondary source quoting the study.
    case S
    /// Derived by unit conversion (T nmol/L × 28.84 = ng/dL; E2 pmol/L ÷ 3.671 = pg/mL).
    case D
    /// Uncertain (dose, authorship or an ambiguous reading): a soft target.
    case U

    /// The tolerance a value gets when neither it, its time point nor its block gives one: 20 % for values read,
    /// quoted or converted, 40 % for uncertain ones (the wider tolerance training-studies.md asks for).
    public var defaultTolerance: Double { self == .U ? 0.40 : 0.20 }

    public var meaning: String {
        switch self {
        case .A: "read in the study's own text"
        case .S: "secondary source quoting the study"
        case .D: "derived by unit conversion"
        case .U: "uncertain"
        }
    }
}
