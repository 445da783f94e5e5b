import Foundation

/// An arithmetic expression of the model's states: what the rate laws compute, recorded as a tree instead of
/// a number. Parameters enter as numbers (the rate laws read them as `Double`s). Written out as MathML by the
/// SBML export (`Scenario.SBMLDocument`).
public indirect enum ModelExpression: Sendable, Equatable {
    case number(Double)
    /// A state, by the identifier the caller gave it.
    case symbol(String)
    case sum(ModelExpression, ModelExpression)
    case difference(ModelExpression, ModelExpression)
    case product(ModelExpression, ModelExpression)
    case quotient(ModelExpression, ModelExpression)
    case negation(ModelExpression)
    case power(ModelExpression, Double)
    case squareRoot(ModelExpression)
    /// max(a, floor).
    case maximum(ModelExpression, Double)

    /// The value with each symbol replaced by `value(symbol)`, in the same floating-point operations as the
    /// `Double` evaluation of the rate laws.
    public func evaluate(_ value: (String) -> Double) -> Double {
        switch self {
        case .number(let x): x
        case .symbol(let name): value(name)
        case let .sum(a, b): a.evaluate(value) + b.evaluate(value)
        case let .difference(a, b): a.evaluate(value) - b.evaluate(value)
        case let .product(a, b): a.evaluate(value) * b.evaluate(value)
        case let .quotient(a, b): a.evaluate(value) / b.evaluate(value)
        case .negation(let a): -a.evaluate(value)
        case let .power(a, b): pow(a.evaluate(value), b)
        case .squareRoot(let a): a.evaluate(value).squareRoot()
        case let .maximum(a, floor): Swift.max(a.evaluate(value), floor)
        }
    }

    /// Every symbol the expression reads.
    public var symbols: Set<String> {
        switch self {
        case .number: []
        case .symbol(let name): [name]
        case let .sum(a, b), let .difference(a, b), let .product(a, b), let .quotient(a, b): a.symbols.union(b.symbols)
        case let .negation(a), let .power(a, _), let .squareRoot(a), let .maximum(a, _): a.symbols
        }
    }
}

/// The third arithmetic of the rate laws (after `Double` and `Dual`): each operation records its expression,
/// with its numeric value alongside, so evaluating `RateLaws.core` on symbolic states gives each rate as a
/// `ModelExpression` (the SBML export). Operations on two numbers fold into the number the `Double` evaluation
/// computes; 0 + a and 1·a fold into a (exact in IEEE arithmetic). The recorded tree is exact only because the
/// rate laws never branch on a state's value (their guards are `floored`, recorded as max): a branch would
/// freeze the side taken at the recording point.
struct Symbolic: ModelScalar {
    var value: Double
    var expression: ModelExpression

    init(_ value: Double) {
        self.value = value
        expression = .number(value)
    }

    init(_ value: Double, _ expression: ModelExpression) {
        self.value = value
        self.expression = expression
    }

    /// The state named `name`, at `value`.
    init(symbol name: String, value: Double) {
        self.init(value, .symbol(name))
    }

    private var number: Double? {
        if case .number(let x) = expression { return x }
        return nil
    }

    private static func combine(_ a: Symbolic, _ b: Symbolic, _ op: (Double, Double) -> Double,
                                _ node: (ModelExpression, ModelExpression) -> ModelExpression) -> Symbolic {
        let v = op(a.value, b.value)
        if a.number != nil && b.number != nil { return Symbolic(v) }
        return Symbolic(v, node(a.expression, b.expression))
    }

    static func + (a: Symbolic, b: Symbolic) -> Symbolic {
        if a.number == 0 { return b }
        if b.number == 0 { return a }
        return combine(a, b, +, ModelExpression.sum)
    }
    static func - (a: Symbolic, b: Symbolic) -> Symbolic {
        if b.number == 0 { return a }
        return combine(a, b, -, ModelExpression.difference)
    }
    static func * (a: Symbolic, b: Symbolic) -> Symbolic {
        if a.number == 1 { return b }
        if b.number == 1 { return a }
        return combine(a, b, *, ModelExpression.product)
    }
    static func / (a: Symbolic, b: Symbolic) -> Symbolic {
        if b.number == 1 { return a }
        return combine(a, b, /, ModelExpression.quotient)
    }
    static func + (a: Symbolic, b: Double) -> Symbolic { a + Symbolic(b) }
    static func * (a: Symbolic, b: Double) -> Symbolic { a * Symbolic(b) }
    static func / (a: Symbolic, b: Double) -> Symbolic { a / Symbolic(b) }
    static prefix func - (a: Symbolic) -> Symbolic {
        a.number != nil ? Symbolic(-a.value) : Symbolic(-a.value, .negation(a.expression))
    }

    func power(_ b: Double) -> Symbolic {
        if b == 1 { return self }
        return number != nil ? Symbolic(pow(value, b)) : Symbolic(pow(value, b), .power(expression, b))
    }

    func squareRoot() -> Symbolic {
        number != nil ? Symbolic(value.squareRoot()) : Symbolic(value.squareRoot(), .squareRoot(expression))
    }

    func floored(_ floor: Double) -> Symbolic {
        number != nil ? Symbolic(Swift.max(value, floor)) : Symbolic(Swift.max(value, floor), .maximum(expression, floor))
    }
}
