/// How an integration ended. Failures carry the time, and `Solution.message` explains with advice.
public enum ReturnCode: String, Sendable, Equatable, Codable {
    case success
    /// `maxSteps` attempts were made before reaching the end.
    case maxStepsReached
    /// The step size fell below `minStep` or below what floating point can resolve at t.
    case stepSizeTooSmall
    /// Newton iterations kept diverging even at the smallest step.
    case newtonDivergence
    /// The iteration matrix was singular and stayed singular after step reductions.
    case singularMatrix
    /// f(t, y) produced NaN or infinity.
    case nonFiniteState

    public var isSuccess: Bool { self == .success }
}
