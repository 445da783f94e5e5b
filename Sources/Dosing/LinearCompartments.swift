import ODE

/// A linear compartment structure declared as data: named compartments and first-order flows between them
/// or out of the body, each with a rate constant computed from named parameters. From the declaration it
/// derives the kinetics dA/dt = K(p)·A, the Jacobian block ∂(dA/dt)/∂A = K(p), and the equations as text.
///
/// A flow of rate constant k from compartment i removes k·A_i from i and delivers it to its destination
/// (nothing, when it leaves the body). With a split, a fraction φ of the flow goes to a second destination
/// and 1 − φ to the first: an isomer mixture absorbed from one depot (φ = the isomer fraction), or a
/// metabolite formed by part of the parent's clearance (φ = CLf/CL). So K has −Σk on the diagonal and the
/// delivered shares off it, and every column sums to minus the rate at which that compartment's amount
/// leaves the body: the structure conserves mass.
///
/// Used by the dosing library (`PKLibrary`: NONMEM ADVAN1/2/4) and by every drug of the HPG model.
public struct LinearCompartments: Sendable, CustomStringConvertible {
    public struct Compartment: Sendable {
        public var name: String
        /// The parameter that turns the amount into a concentration, C = A/V, for a compartment whose
        /// concentration is observed (the central compartment, a metabolite); nil otherwise.
        public var volume: String?

        public init(_ name: String, volume: String? = nil) {
            self.name = name
            self.volume = volume
        }
    }

    /// A rate constant (or a fraction) from the parameters: one parameter (KA, f) or a ratio (CL/V, Q/V2).
    public struct Rate: Sendable {
        public var numerator: String
        public var denominator: String?

        public static func parameter(_ name: String) -> Rate { Rate(numerator: name, denominator: nil) }
        public static func ratio(_ numerator: String, _ denominator: String) -> Rate {
            Rate(numerator: numerator, denominator: denominator)
        }

        /// "KA", "(CL/V)".
        var text: String { denominator.map { "(\(numerator)/\($0))" } ?? numerator }
    }

    /// A first-order flow rate·A(from) into `to` (nil: out of the body). With `split`, the fraction φ goes
    /// to `split.to` instead and 1 − φ to `to`.
    public struct Flow: Sendable {
        public var from: String
        public var to: String?
        public var rate: Rate
        public var split: (fraction: Rate, to: String)?

        public init(from: String, to: String?, rate: Rate, split: (fraction: Rate, to: String)? = nil) {
            self.from = from
            self.to = to
            self.rate = rate
            self.split = split
        }
    }

    public let compartments: [Compartment]
    /// Every parameter the rate constants and volumes read, in the order of the parameter vector a
    /// `PKLibrary` model takes.
    public let parameters: [String]
    public let flows: [Flow]

    public init(compartments: [Compartment], parameters: [String], flows: [Flow]) {
        let names = compartments.map(\.name)
        precondition(Set(names).count == names.count, "compartment names must be unique")
        precondition(Set(parameters).count == parameters.count, "parameter names must be unique")
        for flow in flows {
            precondition(([flow.from] + [flow.to, flow.split?.to].compactMap { $0 }).allSatisfy(names.contains),
                         "flow from \(flow.from): unknown compartment")
            let read = [flow.rate, flow.split?.fraction].compactMap { $0 }.flatMap { [$0.numerator, $0.denominator] }
            precondition(read.compactMap { $0 }.allSatisfy(parameters.contains), "flow from \(flow.from): unknown parameter")
        }
        precondition(compartments.compactMap(\.volume).allSatisfy(parameters.contains), "unknown volume parameter")
        self.compartments = compartments
        self.parameters = parameters
        self.flows = flows
    }

    /// "compartments depot, central" (for messages and test names).
    public var description: String { "compartments " + compartments.map(\.name).joined(separator: ", ") }

    public func compartmentIndex(_ name: String) -> Int? { compartments.firstIndex { $0.name == name } }

    /// The equation of each compartment, in compartment order: "dA_central/dt = KA·A_depot − (CL/V)·A_central,
    /// C_central = A_central/V".
    public var equations: [String] { equations() }

    /// The equations with the concentration as the model computes it: `factor`·A/V in `unit`, e.g.
    /// "C_central = 1000·A_central/V (ng/mL)" for amounts in mg and volumes in L (1 mg/L = 1000 ng/mL).
    public func equations(concentrationFactor factor: Double = 1, concentrationUnit unit: String? = nil) -> [String] {
        let scale = factor == 1 ? "" : (factor == factor.rounded() ? String(Int(factor)) : "\(factor)") + "·"
        let suffix = unit.map { " (\($0))" } ?? ""
        return compartments.map { compartment in
            let amount = "A_\(compartment.name)"
            var terms: [String] = []
            for flow in flows {
                let source = "\(flow.rate.text)·A_\(flow.from)"
                if flow.from == compartment.name { terms.append("− \(source)") }
                if flow.to == compartment.name {
                    terms.append("+ " + (flow.split.map { "(1 − \($0.fraction.text))·" } ?? "") + source)
                }
                if let split = flow.split, split.to == compartment.name { terms.append("+ \(split.fraction.text)·\(source)") }
            }
            var rhs = terms.joined(separator: " ")
            if rhs.hasPrefix("+ ") { rhs.removeFirst(2) } else if rhs.hasPrefix("− ") { rhs.remove(at: rhs.index(after: rhs.startIndex)) }
            let concentration = compartment.volume.map { ",  C_\(compartment.name) = \(scale)\(amount)/\($0)\(suffix)" } ?? ""
            return "d\(amount)/dt = \(rhs.isEmpty ? "0" : rhs)\(concentration)"
        }
    }

    /// The structure placed in a larger model: its compartments are the states `firstState…`, and its
    /// parameter j is the model's parameter `parameterIndices[j]`.
    public func kinetics(firstState: Int, parameterIndices: [Int]) -> LinearKinetics {
        precondition(parameterIndices.count == parameters.count, "one index per structure parameter")
        func state(_ name: String) -> Int { firstState + compartmentIndex(name)! }
        func rate(_ r: Rate) -> LinearKinetics.IndexedRate {
            let index = { (name: String) in parameterIndices[parameters.firstIndex(of: name)!] }
            return LinearKinetics.IndexedRate(numerator: index(r.numerator), denominator: r.denominator.map(index) ?? -1)
        }
        let indexed = flows.map { flow in
            LinearKinetics.IndexedFlow(from: state(flow.from), to: flow.to.map(state) ?? -1, rate: rate(flow.rate),
                                       splitTo: flow.split.map { state($0.to) } ?? -1,
                                       fraction: flow.split.map { rate($0.fraction) } ?? .init(numerator: -1, denominator: -1))
        }
        return LinearKinetics(firstState: firstState, stateCount: compartments.count, flows: ContiguousArray(indexed))
    }
}

/// A `LinearCompartments` structure bound to state and parameter indices: K(p) evaluated on the fly (it
/// depends on the current parameters), flow by flow.
///
/// A flow k·A(from) contributes −k to K[from, from], k (or (1 − φ)·k with a split) to K[to, from] and φ·k to
/// K[split, from]. These loops run inside every right-hand side and Jacobian of the PK and HPG models, so
/// the flows are stored flat — plain indices, −1 for "none" — in a contiguous buffer read through a
/// pointer: no optionals, payload enums or reference counting per call. The floating-point operations and
/// their order are those of the term-by-term sum Σ K[row, column]·A(column), flow after flow.
public struct LinearKinetics: Sendable {
    /// p[numerator], or p[numerator] / p[denominator] when denominator ≥ 0.
    struct IndexedRate: Sendable {
        let numerator: Int
        let denominator: Int

        @inline(__always) func value(_ p: UnsafeBufferPointer<Double>) -> Double {
            denominator < 0 ? p[numerator] : p[numerator] / p[denominator]
        }
    }

    /// A flow between states: `to` −1 when it leaves the body, `splitTo` −1 without a split (then `fraction`
    /// is unused).
    struct IndexedFlow: Sendable {
        let from: Int
        let to: Int
        let rate: IndexedRate
        let splitTo: Int
        let fraction: IndexedRate

        /// The coefficients of A(from) the flow removes from `from`, delivers to `to` (or out of the body) and
        /// to `splitTo`: −k, (1 − φ)·k or k, φ·k.
        @inline(__always) func coefficients(_ p: UnsafeBufferPointer<Double>)
            -> (removed: Double, remaining: Double, split: Double) {
            let k = rate.value(p)
            guard splitTo >= 0 else { return (-k, k, 0) }
            let f = fraction.value(p)
            return (-k, (1 - f) * k, f * k)
        }
    }

    public let firstState: Int
    public let stateCount: Int
    let flows: ContiguousArray<IndexedFlow>

    /// Writes dA/dt = K(p)·A into the structure's states of `dydt` (the other states are left alone).
    public func derivatives(_ y: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>,
                            _ dydt: UnsafeMutableBufferPointer<Double>) {
        for i in firstState..<firstState + stateCount { dydt[i] = 0 }
        flows.withUnsafeBufferPointer { flows in
            for flow in flows {
                let c = flow.coefficients(p), amount = y[flow.from]
                dydt[flow.from] += c.removed * amount
                if flow.to >= 0 { dydt[flow.to] += c.remaining * amount }
                if flow.splitTo >= 0 { dydt[flow.splitTo] += c.split * amount }
            }
        }
    }

    /// Adds K(p) into the Jacobian at the structure's rows and columns.
    public func addJacobian(_ p: UnsafeBufferPointer<Double>, _ jacobian: inout Matrix) {
        precondition(firstState + stateCount <= min(jacobian.rows, jacobian.columns), "Jacobian too small for the structure")
        let rows = jacobian.rows
        jacobian.elements.withUnsafeMutableBufferPointer { j in
            flows.withUnsafeBufferPointer { flows in
                for flow in flows {
                    let c = flow.coefficients(p), column = flow.from * rows
                    j[flow.from + column] += c.removed
                    if flow.to >= 0 { j[flow.to + column] += c.remaining }
                    if flow.splitTo >= 0 { j[flow.splitTo + column] += c.split }
                }
            }
        }
    }

    /// Amount per time leaving the body (or, for a depot releasing into a site outside the structure, the
    /// release rate): Σ over out-of-body flows of k·A(from).
    public func outflow(_ y: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>) -> Double {
        var total = 0.0
        flows.withUnsafeBufferPointer { flows in
            for flow in flows where flow.to < 0 { total += flow.coefficients(p).remaining * y[flow.from] }
        }
        return total
    }

    /// ∂outflow/∂A: calls `body(state, coefficient)` for each out-of-body flow.
    public func forEachOutflowCoefficient(_ p: UnsafeBufferPointer<Double>, _ body: (_ state: Int, _ coefficient: Double) -> Void) {
        flows.withUnsafeBufferPointer { flows in
            for flow in flows where flow.to < 0 { body(flow.from, flow.coefficients(p).remaining) }
        }
    }
}
