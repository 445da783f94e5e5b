import Dosing
import HPG
import ODE

/// The solver settings of one run, resolved in one place: the command line's, else the scenario's `simulation`
/// block (`method`, `rtol`, `atol`, `max_steps`), else the model's defaults. Unless it is given, the absolute
/// tolerance follows the relative one (`HPGModel.absoluteToRelativeTolerance` times it), so one number sets the
/// accuracy.
public struct SolverSettings: Sendable {
    public var method: Method
    public var relativeTolerance: Double
    /// Every state's, in its unit.
    public var absoluteTolerance: Double
    /// Solver steps allowed besides those each dose adds; nil: the solver's default.
    public var maxSteps: Int?

    /// One line for the run summary, e.g. "solver: vern7, rtol 1e-07, atol 1e-10, max_steps 100000 + 500 per dose".
    public var summary: String {
        "solver: \(method.name), rtol \(formatNumber(relativeTolerance)), atol \(formatNumber(absoluteTolerance)), "
            + "max_steps \(maxSteps ?? SolverOptions().maxSteps) + \(DosingEngine.stepsPerDose) per dose"
    }
}

extension Scenario {
    /// The settings this scenario runs with; each argument given overrides the scenario's. A method name not in
    /// `Method.all` throws `HPGError.unknownMethod` (it is not replaced by the default).
    public func solverSettings(method: String? = nil, maxSteps: Int? = nil, relativeTolerance: Double? = nil,
                               absoluteTolerance: Double? = nil) throws(HPGError) -> SolverSettings {
        var solver = HPGModel.defaultMethod
        if let name = method ?? simulation.method {
            guard let named = Method.named(name) else { throw .unknownMethod(name) }
            solver = named
        }
        let rtol = relativeTolerance ?? simulation.relativeTolerance ?? HPGModel.relativeTolerance
        return SolverSettings(method: solver, relativeTolerance: rtol,
                              absoluteTolerance: absoluteTolerance ?? simulation.absoluteTolerance
                                  ?? rtol * HPGModel.absoluteToRelativeTolerance,
                              maxSteps: maxSteps ?? simulation.maxSteps)
    }
}
