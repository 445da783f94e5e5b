/// Result of `solve`: saved times and states, statistics, and the outcome.
public struct Solution: Sendable {
    public var times: [Double] = []
    /// `states[k]` is y at `times[k]`.
    public var states: [[Double]] = []
    public var statistics = SolverStatistics()
    public var returnCode: ReturnCode = .success
    /// Empty on success; otherwise what failed, where (t and the state), and what to try.
    public var message: String = ""
    public var method: String = ""

    public init() {}

    /// Final state (the last saved one).
    public var finalState: [Double] { states.last ?? [] }
    public var finalTime: Double { times.last ?? .nan }
}
