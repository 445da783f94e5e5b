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

/// A model parameter with its unit, value and where the value comes from.
public struct ParameterSpec: Sendable, Equatable {
    public var name: String
    public var unit: String
    public var value: Double
    /// A citation, "derived: <formula>", "assumption: <why>" or "calibrated: <how>".
    public var source: String

    public init(_ name: String, _ unit: String, _ value: Double, _ source: String) {
        self.name = name
        self.unit = unit
        self.value = value
        self.source = source
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
