/// The vocabulary of the model declaration. Everything hpgsim prints or writes about the model (the
/// `hpgsim parameters` table, the `hpgsim model` listing, CSV headers, the notebook) is read from values of
/// these types, declared once in `HPGModel+States.swift`, `HPGModel+Parameters.swift`,
/// `HPGModel+Observables.swift` and in each drug file.

/// A state variable: its name carries its unit (`testosterone_ng_per_dL`).
public struct StateSpec: Sendable, Equatable {
    public var name: String
    public var unit: String
    public var description: String
    /// The derivative as printed by `hpgsim model` (the code is in `HPGModel.derivatives`).
    public var equation: String
}

/// A model parameter with its unit, value, the values it may take and where the value comes from.
public struct ParameterSpec: Sendable, Equatable {
    public var name: String
    public var unit: String
    public var value: Double
    /// A citation, "derived: <formula>", "assumption: <why>" or "calibrated: <how>".
    public var source: String
    /// What a scenario override or a profile may set it to (`Patient.baseline` refuses anything else).
    public var allowed: ParameterRange

    public init(_ name: String, _ unit: String, _ value: Double, _ source: String, allowed: ParameterRange = .positive) {
        self.name = name
        self.unit = unit
        self.value = value
        self.source = source
        self.allowed = allowed
    }

    /// The same parameter with the range `allowed` (set where the parameter's role is known, e.g. a bioavailability).
    public func allowing(_ allowed: ParameterRange) -> ParameterSpec {
        var spec = self
        spec.allowed = allowed
        return spec
    }
}

/// The values a parameter may take: an interval whose ends are included or not. Each parameter has its own, so
/// that nonsense is refused with what is allowed, and a feedback can still be switched off (its exponent 0).
public struct ParameterRange: Sendable, Equatable, CustomStringConvertible {
    public var lower: Double
    public var upper: Double
    public var includesLower: Bool
    public var includesUpper: Bool

    public init(lower: Double, upper: Double, includesLower: Bool, includesUpper: Bool) {
        self.lower = lower
        self.upper = upper
        self.includesLower = includesLower
        self.includesUpper = includesUpper
    }

    public func contains(_ value: Double) -> Bool {
        value.isFinite && (includesLower ? value >= lower : value > lower) && (includesUpper ? value <= upper : value < upper)
    }

    /// Interval notation, e.g. "(0, 10]", "[0, 1]", "(0, ∞)".
    public var description: String {
        func text(_ x: Double) -> String { x.isInfinite ? "∞" : x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)" }
        return (includesLower ? "[" : "(") + text(lower) + ", " + text(upper) + (includesUpper ? "]" : ")")
    }

    /// Rates, volumes, clearances, concentrations, capacities, times: any finite value above zero (the default).
    public static let positive = ParameterRange(lower: 0, upper: .infinity, includesLower: false, includesUpper: false)
    /// A share of a whole whose both parts the model keeps (testicular aromatase, an isomer): (0, 1).
    public static let share = ParameterRange(lower: 0, upper: 1, includesLower: false, includesUpper: false)
    /// A bioavailability, the fraction of a dose absorbed: (0, 1].
    public static let bioavailability = ParameterRange(lower: 0, upper: 1, includesLower: false, includesUpper: true)
    /// A percentage of cells (strict morphology): (0, 100].
    public static let percent = ParameterRange(lower: 0, upper: 100, includesLower: false, includesUpper: true)
    /// A Hill coefficient or the exponent of a power law: (0, 10]. Receptor and enzyme responses have Hill
    /// coefficients of a few (cooperativity is bounded by the binding sites); above 10 a response is a switch.
    public static let exponent = ParameterRange(lower: 0, upper: 10, includesLower: false, includesUpper: true)
    /// The exponent of a feedback: [0, 10]; 0 switches the feedback off (the factor is 1 whatever the hormone).
    public static let feedbackExponent = ParameterRange(lower: 0, upper: 10, includesLower: true, includesUpper: true)

    public static func closed(_ lower: Double, _ upper: Double) -> ParameterRange {
        ParameterRange(lower: lower, upper: upper, includesLower: true, includesUpper: true)
    }
}

/// An output of the model in its conventional clinical unit and in SI units.
public struct ObservableSpec: Sendable, Equatable {
    /// Name without unit (`testosterone`); columns append the unit (`testosterone_ng_per_dL`).
    public var name: String
    public var unit: String
    public var siUnit: String
    /// value[SI] = value[conventional] × siFactor.
    public var siFactor: Double
    public var description: String

    /// Column name in conventional units, e.g. `testosterone_ng_per_dL`.
    public var column: String { unit == "1" ? name : name + "_" + unitSuffix(unit) }
    /// Column name in SI units, e.g. `testosterone_nmol_per_L`.
    public var siColumn: String { siUnit == "1" ? name : name + "_" + unitSuffix(siUnit) }
}

/// "ng/dL" → "ng_per_dL", "million/mL" → "million_per_mL", "%" → "percent". Unit "1" (dimensionless)
/// adds no suffix.
func unitSuffix(_ unit: String) -> String {
    unit.replacingOccurrences(of: "%", with: "percent")
        .replacingOccurrences(of: "/", with: "_per_")
        .replacingOccurrences(of: "·", with: "_")
        .replacingOccurrences(of: " ", with: "_")
        .replacingOccurrences(of: "µ", with: "u")
}
