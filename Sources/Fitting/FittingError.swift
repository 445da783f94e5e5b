/// Why one evaluation of the residuals (or of an analytic Jacobian) could not be used.
public enum EvaluationFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The closure threw; the error's description.
    case threw(String)
    /// It returned the wrong number of values (m residuals, or m·n Jacobian elements).
    case wrongCount(expected: Int, actual: Int)
    /// Value `index` (column-major for a Jacobian) is NaN or infinite.
    case nonFinite(index: Int)

    public var description: String {
        switch self {
        case .threw(let message): return "threw: \(message)"
        case .wrongCount(let expected, let actual): return "returned \(actual) values instead of \(expected)"
        case .nonFinite(let index): return "value \(index) is not finite"
        }
    }
}

/// A fit that could not run or continue. A failed *trial* step is not an error: it is rejected and the
/// damping raised. These are failures at points the iteration cannot do without.
public enum FittingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The problem, start vector or options are unusable (the message says which).
    case invalidProblem(String)
    /// The residuals failed at the start vector `at`.
    case residualsFailed(at: [Double], EvaluationFailure)
    /// The Jacobian failed at an accepted point: `at` is the vector the residual function failed at (for finite
    /// differences, the perturbed vector of `column`), or the point itself for an analytic Jacobian.
    case jacobianFailed(at: [Double], column: Int?, EvaluationFailure)
    /// A LAPACK routine returned info ≠ 0.
    case lapackFailed(routine: String, info: Int)

    public var description: String {
        switch self {
        case .invalidProblem(let message): return "invalid least-squares problem: \(message)"
        case .residualsFailed(let x, let failure): return "residuals at the start \(x) \(failure)"
        case .jacobianFailed(let x, let column, let failure):
            let which = column.map { " (column \($0))" } ?? ""
            return "Jacobian\(which): residuals at \(x) \(failure)"
        case .lapackFailed(let routine, let info): return "LAPACK \(routine) failed with info = \(info)"
        }
    }
}
