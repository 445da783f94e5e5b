import HPG

/// The names a scenario may use: drugs with their routes and dose units, patient profiles, observables with
/// the units they are reported in, and model parameters. `ScenarioCatalog.hpg` reads them from the model.
public struct ScenarioCatalog: Sendable {
    public struct Drug: Sendable {
        public var name: String
        /// Route name → the drug's own (1-based) compartment that route doses into.
        public var routes: [(name: String, compartment: Int)]
        public var doseDimension: Dimension
        /// Base units (mg or IU) in one unit of the drug's dose amount (AMT): 1 for mg and IU, 0.001 for µg.
        public var baseUnitsPerDoseUnit: Double
        /// Observables this drug adds (e.g. its plasma concentration).
        public var observables: [String]
        /// The same with their units, for lab values (`monitoring` conditions on a drug level).
        public var concentrations: [Observable] = []
    }

    public struct Observable: Sendable {
        public var name: String
        /// Conventional unit first, then SI if different.
        public var units: [String]
        /// The unit a bare number stands for (dimensionless ratios), else nil.
        public var unitWhenOmitted: String?
    }

    public struct Parameter: Sendable {
        public var name: String
        public var unit: String
        /// The values an override may give it (`ParameterSpec.allowed`).
        public var allowed: ParameterRange
    }

    public var drugs: [Drug]
    public var profiles: [String]
    /// Physiological observables in the model's order (drug observables are with their drug).
    public var observables: [Observable]
    /// Observables a patient's baseline labs may set.
    public var labObservables: [String]
    public var parameters: [Parameter]
    /// ODE methods a scenario may name.
    public var methods: [String]

    func drug(_ name: String) -> Drug? { drugs.first { $0.name == name } }

    func observable(_ name: String) -> Observable? { observables.first { $0.name == name } }

    /// A physiological observable or a drug's concentration, with its units.
    func anyObservable(_ name: String) -> Observable? {
        observable(name) ?? drugs.lazy.flatMap(\.concentrations).first { $0.name == name }
    }

    /// Observables a scenario dosing `drugNames` can write: the physiological ones, then each drug's.
    func outputObservables(drugs drugNames: [String]) -> [String] {
        observables.map(\.name) + drugs.filter { drugNames.contains($0.name) }.flatMap(\.observables)
    }
}
