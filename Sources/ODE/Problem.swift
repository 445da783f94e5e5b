/// Right-hand side of y' = f(t, y): writes f(t, y) into `dydt`. Must not read `dydt` before writing it.
public typealias RightHandSide = @Sendable (
    _ t: Double, _ y: UnsafeBufferPointer<Double>, _ dydt: UnsafeMutableBufferPointer<Double>
) -> Void

/// Analytic Jacobian ∂f/∂y at (t, y): writes every entry of `jacobian` (n×n, column-major).
public typealias JacobianFunction = @Sendable (
    _ t: Double, _ y: UnsafeBufferPointer<Double>, _ jacobian: inout Matrix
) -> Void

/// An initial value problem y' = f(t, y), y(t0) = y0 on [t0, tEnd].
///
/// The problem is a value: it holds no solver state. `jacobian` is optional; without it the
/// implicit methods use forward finite differences (see `FiniteDifferenceJacobian`).
public struct ODEProblem: Sendable {
    public var rhs: RightHandSide
    public var jacobian: JacobianFunction?
    /// States that follow a linear law of their own (drug compartments): the explicit methods advance them
    /// exactly (`LinearBlock`). nil: none.
    public var linearBlock: LinearBlock?
    public var initialState: [Double]
    public var startTime: Double
    public var endTime: Double

    public var dimension: Int { initialState.count }

    public init(
        rhs: @escaping RightHandSide, jacobian: JacobianFunction? = nil, linearBlock: LinearBlock? = nil,
        initialState: [Double], timeSpan: ClosedRange<Double>
    ) {
        self.rhs = rhs
        self.jacobian = jacobian
        self.linearBlock = linearBlock
        self.initialState = initialState
        self.startTime = timeSpan.lowerBound
        self.endTime = timeSpan.upperBound
    }

    /// Convenience for tests and small systems: a right-hand side written with arrays.
    public init(
        initialState: [Double], timeSpan: ClosedRange<Double>,
        jacobian: JacobianFunction? = nil,
        _ f: @escaping @Sendable (_ t: Double, _ y: [Double]) -> [Double]
    ) {
        self.init(
            rhs: { t, y, dydt in
                let v = f(t, Array(y))
                for i in 0..<dydt.count { dydt[i] = v[i] }
            }, jacobian: jacobian, initialState: initialState, timeSpan: timeSpan)
    }
}
