import Dosing
import HPG

extension Scenario {
    /// A failure found while simulating, pointed at the key of the scenario it comes from: the lab for an
    /// impossible baseline, the override for a parameter out of range, `simulation` for a solver failure
    /// (with advice a scenario can follow). Keys not written in the file fall back to their block.
    public func problem(for error: HPGError) -> ScenarioProblem {
        let (keys, allowed): ([String], String?) = switch error {
        case let .invalidParameter(name, _, allowed):
            (["patient.overrides.\(name)", name == "BMI_kg_per_m2" ? "patient.bmi" : "patient.age", "patient"],
             "a number in \(allowed)")
        case let .invalidLab(name, _):
            (["patient.baseline.\(name)", "patient.baseline"], "a finite lab value more than zero")
        case let .noPhysiologicalSolution(lab, _, _, _):
            (["patient.baseline.\(lab)", "patient.baseline"], "labs that a man of this profile can have together")
        case let .labAtOrBelowFloor(name, _, floor, floorValue):
            (["patient.baseline.\(name)", "patient.baseline"], "a value above \(floor) = " + String(format: "%.4g", floorValue))
        case let .conflictingLabs(_, second, _):
            (["patient.baseline.\(second)", "patient.baseline"], "one of the two labs")
        case .steadyStateNotConverged:
            (["patient.overrides", "patient.baseline", "patient"], "plausible overrides and labs")
        case .dosing(.numericalFailure(let failure)) where failure.code == .maxStepsReached:
            (["simulation.max_steps", "simulation"],
             "a larger simulation.max_steps (or run --max-steps), a stiff simulation.method such as rodas5p, or fewer doses")
        case .dosing(.numericalFailure):
            (["simulation.method", "simulation"], "another simulation.method (e.g. rodas5p, a stiff method)")
        default:
            (["regimens", "patient"], nil)
        }
        let key = keys.first { keyMarks[$0] != nil } ?? ""
        let mark = keyMarks[key] ?? SourceMark(line: 0, column: 0)
        return ScenarioProblem(file: file, line: mark.line, column: mark.column, key: key, value: nil,
                               message: "the simulation failed: \(error.description)", allowed: allowed)
    }
}
