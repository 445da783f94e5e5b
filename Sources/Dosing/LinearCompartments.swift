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
    public var equations: [String] {
        compartments.map { compartment in
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
            let concentration = compartment.volume.map { ",  C_\(compartment.name) = \(amount)/\($0)" } ?? ""
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
            return LinearKinetics.IndexedRate(numerator: index(r.numerator), denominator: r.denominator.map(index))
        }
        var terms: [LinearKinetics.Term] = []
        var outflows: [LinearKinetics.Term] = []
        for flow in flows {
            let from = state(flow.from), k = rate(flow.rate)
            terms.append(.init(row: from, column: from, rate: k, share: .removed))
            let remaining: LinearKinetics.Share = flow.split.map { .complement(rate($0.fraction)) } ?? .all
            if let to = flow.to {
                terms.append(.init(row: state(to), column: from, rate: k, share: remaining))
            } else {
                outflows.append(.init(row: from, column: from, rate: k, share: remaining))
            }
            if let split = flow.split {
                terms.append(.init(row: state(split.to), column: from, rate: k, share: .fraction(rate(split.fraction))))
            }
        }
        return LinearKinetics(firstState: firstState, stateCount: compartments.count, terms: terms, outflows: outflows)
    }
}

/// A `LinearCompartments` structure bound to state and parameter indices: K(p) as a list of coefficient
/// terms K[row, column], evaluated on the fly (they depend on the current parameters).
public struct LinearKinetics: Sendable {
    struct IndexedRate: Sendable {
        let numerator: Int
        let denominator: Int?

        @inline(__always) func value(_ p: UnsafeBufferPointer<Double>) -> Double {
            guard let denominator else { return p[numerator] }
            return p[numerator] / p[denominator]
        }
    }

    /// The share of a flow k·A a term carries: −k (leaves its source), k, φ·k or (1 − φ)·k.
    enum Share: Sendable {
        case removed, all
        case fraction(IndexedRate)
        case complement(IndexedRate)
    }

    struct Term: Sendable {
        let row: Int
        let column: Int
        let rate: IndexedRate
        let share: Share

        @inline(__always) func coefficient(_ p: UnsafeBufferPointer<Double>) -> Double {
            let k = rate.value(p)
            switch share {
            case .removed: return -k
            case .all: return k
            case .fraction(let f): return f.value(p) * k
            case .complement(let f): return (1 - f.value(p)) * k
            }
        }
    }

    public let firstState: Int
    public let stateCount: Int
    let terms: [Term]
    /// The flows leaving the body (row = column = their source): their sum is `outflow`.
    let outflows: [Term]

    /// Writes dA/dt = K(p)·A into the structure's states of `dydt` (the other states are left alone).
    public func derivatives(_ y: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>,
                            _ dydt: UnsafeMutableBufferPointer<Double>) {
        for i in firstState..<firstState + stateCount { dydt[i] = 0 }
        for term in terms { dydt[term.row] += term.coefficient(p) * y[term.column] }
    }

    /// Adds K(p) into the Jacobian at the structure's rows and columns.
    public func addJacobian(_ p: UnsafeBufferPointer<Double>, _ jacobian: inout Matrix) {
        for term in terms { jacobian[term.row, term.column] += term.coefficient(p) }
    }

    /// Amount per time leaving the body (or, for a depot releasing into a site outside the structure, the
    /// release rate): Σ over out-of-body flows of k·A(from).
    public func outflow(_ y: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>) -> Double {
        var total = 0.0
        for term in outflows { total += term.coefficient(p) * y[term.column] }
        return total
    }

    /// ∂outflow/∂A: calls `body(state, coefficient)` for each out-of-body flow.
    public func forEachOutflowCoefficient(_ p: UnsafeBufferPointer<Double>, _ body: (_ state: Int, _ coefficient: Double) -> Void) {
        for term in outflows { body(term.column, term.coefficient(p)) }
    }
}
