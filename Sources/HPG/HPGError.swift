import Foundation
import Dosing
import ODE

/// Why a patient could not be set up or simulated. Every case says what was wrong and what is allowed.
public enum HPGError: Error, Sendable, CustomStringConvertible {
    case unknownDrug(String)
    case unknownProfile(String)
    case unknownParameter(String)
    case unknownObservable(String)
    case unknownMethod(String)
    case invalidParameter(name: String, value: Double, allowed: ParameterRange)
    case invalidLab(name: String, value: Double)
    case noPhysiologicalSolution(lab: String, value: Double, parameter: String, required: Double)
    /// A lab at or below what its assay reads at zero (`LabConstraint.floor`).
    case labAtOrBelowFloor(name: String, value: Double, floor: String, floorValue: Double)
    /// Two labs that set the same patient parameter (E2 by mass spectrometry and by immunoassay).
    case conflictingLabs(first: String, second: String, parameter: String)
    case steadyStateNotConverged(iterations: Int, residual: Double, state: [Double])
    case invalidDose(drug: String, compartment: Int, allowed: Int)
    /// A dose the SBML export cannot write as an instant change of a state (`HPGModel.inputs`).
    case unsupportedDose(drug: String, time: Double, reason: String)
    case dosing(DosingError)

    public var description: String {
        switch self {
        case .unknownDrug(let name):
            return "unknown drug '\(name)'; known drugs: \(DrugRegistry.names.joined(separator: ", "))"
        case .unknownProfile(let name):
            return "unknown patient profile '\(name)'; known profiles: \(ProfileRegistry.names.joined(separator: ", "))"
        case .unknownParameter(let name):
            return "unknown parameter '\(name)'; see `hpgsim parameters` for the names (e.g. \(Parameter.bmi.spec.name), anastrozole.CL_L_per_h)"
        case .unknownObservable(let name):
            return "unknown observable '\(name)'; observables: \(Observable.physiological.map(\.name).joined(separator: ", "))"
        case .unknownMethod(let name):
            return "unknown ODE method '\(name)'; methods: \(Method.all.map(\.name).joined(separator: ", "))"
        case .invalidParameter(let name, let value, let allowed):
            return "parameter \(name) = \(value) is not allowed; allowed: \(allowed)"
        case .invalidLab(let name, let value):
            return "baseline lab \(name) = \(value) is not allowed; labs must be finite and > 0"
        case .noPhysiologicalSolution(let lab, let value, let parameter, let required):
            return "no physiological steady state has \(lab) = \(value): it would need \(parameter) = "
                + String(format: "%.4g", required) + " (must be > 0). Check the labs against each other "
                + "(e.g. an E2 this low for this T, or a T this high for this LH), or leave one out."
        case .labAtOrBelowFloor(let name, let value, let floor, let floorValue):
            return "baseline lab \(name) = \(value) is at or below \(floor) = " + String(format: "%.4g", floorValue)
                + ", what the assay reads when nothing is there, so no steady state has it. If the lab was measured "
                + "another way (E2 by mass spectrometry: estradiol), give it under that name."
        case .conflictingLabs(let first, let second, let parameter):
            return "baseline labs \(first) and \(second) both set \(parameter) (the same quantity, measured two ways); "
                + "give the one the man's lab reported"
        case .steadyStateNotConverged(let iterations, let residual, let state):
            return "steady state not found: the iteration stopped after \(iterations) steps with scaled residual "
                + String(format: "%.3g", residual) + " at GnRH, LH, FSH, ITT, T, E2 = "
                + state.prefix(6).map { String(format: "%.4g", $0) }.joined(separator: ", ")
                + ". Advice: check the parameter overrides and labs for implausible values."
        case .invalidDose(let drug, let compartment, let allowed):
            return "dose of \(drug) into compartment \(compartment): \(drug) has compartments 1…\(allowed) (1 = depot\(allowed > 1 ? ", 2 = central" : ""))"
        case .unsupportedDose(let drug, let time, let reason):
            return "dose of \(drug) at \(time) h: \(reason)"
        case .dosing(let error):
            return error.description
        }
    }
}
