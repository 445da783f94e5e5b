import ODE

/// Right-hand side of a dosed model: writes f(t, y; p) into `dydt`. The engine adds the current
/// zero-order infusion rates to the derivatives of the dosed compartments afterwards, so the model
/// writes only its own kinetics. `parameters` is ordered as `DosingModel.parameterNames`.
public typealias DosedRightHandSide = @Sendable (
    _ t: Double, _ y: UnsafeBufferPointer<Double>, _ parameters: UnsafeBufferPointer<Double>,
    _ dydt: UnsafeMutableBufferPointer<Double>
) -> Void

/// ∂f/∂y of a dosed model (infusion inputs are constant between events and do not contribute).
public typealias DosedJacobian = @Sendable (
    _ t: Double, _ y: UnsafeBufferPointer<Double>, _ parameters: UnsafeBufferPointer<Double>,
    _ jacobian: inout Matrix
) -> Void

/// The derived outputs (concentrations, ratios) of a model, computed together from the state and the
/// parameters, so that quantities they share (a free fraction, a drug-effect sum) are computed once per row.
public struct ModelOutputs: Sendable {
    public var names: [String]
    /// Writes every output, in the order of `names`, into `values` (which has `names.count` entries).
    public var evaluate: @Sendable (
        _ state: [Double], _ parameters: [Double], _ values: UnsafeMutableBufferPointer<Double>
    ) -> Void

    public init(
        names: [String],
        evaluate: @escaping @Sendable (_ state: [Double], _ parameters: [Double], _ values: UnsafeMutableBufferPointer<Double>) -> Void
    ) {
        self.names = names
        self.evaluate = evaluate
    }

    /// No derived outputs.
    public static let none = ModelOutputs(names: []) { _, _, _ in }

    public var count: Int { names.count }

    /// The outputs at one state, as an array.
    public func values(_ state: [Double], _ parameters: [Double]) -> [Double] {
        var row = [Double](repeating: 0, count: count)
        row.withUnsafeMutableBufferPointer { evaluate(state, parameters, $0) }
        return row
    }
}

/// Values a model computes from its parameters alone (powers of parameters, reference rates): the engine
/// computes them whenever it installs a parameter vector and passes them to `rhs` and `jacobian` after the
/// parameters, which then receive `parameterNames.count + count` values, the last `count` of them written by
/// `compute` from the first `parameterNames.count`.
public struct DerivedParameters: Sendable {
    public var count: Int
    public var compute: @Sendable (_ parameters: UnsafeBufferPointer<Double>, _ derived: UnsafeMutableBufferPointer<Double>) -> Void

    public init(count: Int,
                compute: @escaping @Sendable (_ parameters: UnsafeBufferPointer<Double>, _ derived: UnsafeMutableBufferPointer<Double>) -> Void) {
        self.count = count
        self.compute = compute
    }

    public static let none = DerivedParameters(count: 0) { _, _ in }
}

/// Any ODE model the dosing engine can drive: linear PK or a 30-state nonlinear physiology model.
///
/// Dose controls are ordinary parameters named as in NONMEM's abbreviated code for each dosable
/// compartment n: `Fn` (bioavailability, default 1), `ALAGn` (absorption lag, default 0), `Rn` (modeled
/// rate for RATE = −1) and `Dn` (modeled duration for RATE = −2); the initialiser adds the ones the model
/// does not declare itself (Rn and Dn default to NaN: "not defined", an error if a record asks for them).
/// A parameter declared with a nil default is required.
public struct DosingModel: Sendable {
    public var name: String
    /// One name per state component (for output columns and messages).
    public var stateNames: [String]
    /// CMT n (1-based) doses into state index `compartmentStates[n - 1]`.
    public var compartmentStates: [Int]
    /// Parameter names, in the order of the parameter vector passed to `rhs`.
    public private(set) var parameterNames: [String]
    /// Default value of each parameter; NaN for "not defined" (required ones, and optional ones such as
    /// Rn, Dn or a scale Sn whose absence the model handles).
    public private(set) var parameterDefaults: [Double]
    /// Parameters without a default: the caller or the records must give them.
    public private(set) var requiredParameters: Set<String>
    private var parameterIndexByName: [String: Int]
    public var rhs: DosedRightHandSide
    public var jacobian: DosedJacobian?
    /// Quantities that depend on the parameters only, computed once each time the engine installs a
    /// parameter vector instead of in every evaluation of `rhs`. Default: none.
    public var derivedParameters = DerivedParameters.none
    /// State after a reset (EVID 3/4) and at the start of each individual: zeros for PK, a physiological
    /// baseline for the HPG model. Default: all zero.
    public var initialState: @Sendable (_ parameters: [Double]) -> [Double]
    /// Parameters that must be finite and more than zero wherever they are given (clearances, volumes, rate
    /// constants, scales): the engine refuses a record or caller value outside, naming it.
    public var positiveParameters: Set<String> = []
    /// Derived outputs, e.g. CP = A(central)/S2.
    public var outputs: ModelOutputs
    /// Compartment structures whose states change only by their own first-order flows, doses and infusions
    /// (drug amounts: no other state enters their derivatives). The explicit methods advance these states
    /// exactly between events (`LinearBlock`). Default: none.
    public var linearKinetics: [LinearKinetics] = []
    /// Integration method and tolerances (`stopTimes` and `saveAt` are ignored: the engine sets them).
    public var method: Method
    public var solverOptions: SolverOptions
    /// Steady state is iterated until two successive dosing cycles agree to these tolerances (NONMEM's
    /// SSTOL/SSATOL role); nil uses the solver's tolerances.
    public var steadyStateRelativeTolerance: Double?
    public var steadyStateAbsoluteTolerance: Double?
    /// Most dosing cycles tried before steady state is declared not reached.
    public var steadyStateMaxCycles: Int = 5_000

    public var stateDimension: Int { stateNames.count }
    public var compartmentCount: Int { compartmentStates.count }

    public init(
        name: String, stateNames: [String], compartmentStates: [Int],
        parameters: [(name: String, defaultValue: Double?)],
        rhs: @escaping DosedRightHandSide, jacobian: DosedJacobian? = nil,
        initialState: (@Sendable (_ parameters: [Double]) -> [Double])? = nil,
        outputs: ModelOutputs = .none, method: Method = .dp5,
        solverOptions: SolverOptions = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10)
    ) {
        precondition(compartmentStates.allSatisfy { $0 >= 0 && $0 < stateNames.count },
                     "every dosable compartment must map to a state index")
        self.name = name
        self.stateNames = stateNames
        self.compartmentStates = compartmentStates
        var names = parameters.map(\.name)
        var defaults = parameters.map { $0.defaultValue ?? .nan }
        requiredParameters = Set(parameters.filter { $0.defaultValue == nil }.map(\.name))
        for n in 1...max(1, compartmentStates.count) where n <= compartmentStates.count {
            for (control, value) in [("F", 1.0), ("ALAG", 0.0), ("R", Double.nan), ("D", Double.nan)]
            where !names.contains("\(control)\(n)") {
                names.append("\(control)\(n)")
                defaults.append(value)
            }
        }
        precondition(Set(names).count == names.count, "parameter names must be unique")
        self.parameterNames = names
        self.parameterDefaults = defaults
        self.parameterIndexByName = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        self.rhs = rhs
        self.jacobian = jacobian
        let dimension = stateNames.count
        self.initialState = initialState ?? { _ in [Double](repeating: 0, count: dimension) }
        self.outputs = outputs
        self.method = method
        self.solverOptions = solverOptions
    }

    /// Index of a parameter in the parameter vector.
    public func parameterIndex(_ name: String) -> Int? { parameterIndexByName[name] }
}
