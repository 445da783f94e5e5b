import Foundation
import ODE

/// One problem with one record, found before anything is simulated.
public struct RecordIssue: Sendable, Equatable, CustomStringConvertible {
    /// Position of the record in the array given to the engine (0-based). Callers that read files map it
    /// to a line number.
    public var recordIndex: Int
    /// The data item at fault (TIME, EVID, CMT, …).
    public var item: String
    public var value: String
    /// What is wrong and what is allowed.
    public var message: String

    public init(recordIndex: Int, item: String, value: String, message: String) {
        self.recordIndex = recordIndex
        self.item = item
        self.value = value
        self.message = message
    }

    public var description: String { "record \(recordIndex + 1): \(item) = \(value): \(message)" }
}

/// Why a simulation could not be completed.
public enum DosingError: Error, Sendable, CustomStringConvertible {
    /// The records break NONMEM's rules; every problem is listed.
    case invalidRecords([RecordIssue])
    /// The caller set a parameter the model does not have.
    case unknownParameter(name: String, model: String, allowed: [String])
    /// The solver failed; the failure names time, state and advice.
    case numericalFailure(StepFailure)
    /// Steady-state iteration did not settle.
    case steadyStateNotReached(recordIndex: Int, time: Double, cycles: Int, change: Double)

    public var description: String {
        switch self {
        case .invalidRecords(let issues):
            return "\(issues.count) invalid record\(issues.count == 1 ? "" : "s"):\n"
                + issues.map { "  " + $0.description }.joined(separator: "\n")
        case .unknownParameter(let name, let model, let allowed):
            return "model \(model) has no parameter \(name); its parameters are \(allowed.joined(separator: ", "))"
        case .numericalFailure(let failure):
            return "integration failed: \(failure.description)"
        case .steadyStateNotReached(let index, let time, let cycles, let change):
            return "record \(index + 1) (TIME = \(time)): steady state not reached after \(cycles) dosing cycles "
                + "(last relative change \(String(format: "%.3g", change))). Advice: check that the model has a "
                + "periodic steady state under this regimen (elimination present, no unbounded growth), or loosen "
                + "steadyStateRelativeTolerance."
        }
    }
}
