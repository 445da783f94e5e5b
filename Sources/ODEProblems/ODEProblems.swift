import ODE

/// A standard test problem with a published reference solution at its end time.
public struct TestProblem: Sendable {
    public let name: String
    public let problem: ODEProblem
    public let isStiff: Bool
    /// Reference solution at `problem.endTime` and where it was published.
    public let reference: [Double]
    public let referenceSource: String
    /// Absolute tolerance conventionally used with this problem (scaled from its component sizes).
    public let absoluteTolerance: Double

    public init(name: String, problem: ODEProblem, isStiff: Bool, reference: [Double], referenceSource: String,
                absoluteTolerance: Double) {
        self.name = name
        self.problem = problem
        self.isStiff = isStiff
        self.reference = reference
        self.referenceSource = referenceSource
        self.absoluteTolerance = absoluteTolerance
    }

    /// Max over components of |y − ref| / |ref| (components with |ref| < 1e-300 use the absolute error).
    public func relativeError(of y: [Double]) -> Double {
        zip(y, reference).map { abs($0 - $1) / (abs($1) > 1e-300 ? abs($1) : 1) }.max() ?? .nan
    }
}

extension TestProblem {
    /// All problems, non-stiff first.
    public static let all: [TestProblem] = nonStiff + stiff

    public static func named(_ name: String) -> TestProblem? { all.first { $0.name == name } }
}
