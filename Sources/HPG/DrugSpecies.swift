/// A second drug species with its own linear PK and mechanisms, fed by the parent drug's dose:
///
/// - an isomer of a mixture (clomiphene = enclomiphene + zuclomiphene): a fraction f of what leaves the
///   depot enters the species' compartment, the rest the parent's central compartment,
///       dA_parent/dt = (1 − f)·ka·A_depot − (CL/V)·A_parent,   dA_s/dt = f·ka·A_depot − (CL_s/V_s)·A_s;
/// - an active metabolite (tamoxifen → endoxifen): a fraction f of the parent's elimination forms it,
///       dA_s/dt = f·(CL/V)·A_parent − (CL_s/V_s)·A_s,
///   f being the formation clearance over the parent's clearance, in mass of metabolite per mass of parent
///   (× molar-mass ratio).
/// Amounts are in the drug's dose unit, concentrations C_s = A_s·(unit factor)/V_s like the parent's.
public struct SecondarySpecies: Sendable {
    public enum Input: Sendable {
        /// Fraction of the absorbed dose (an isomer of a mixture).
        case absorbedFraction(ParameterSpec)
        /// Fraction of the parent's elimination (a metabolite).
        case metabolizedFraction(ParameterSpec)

        var fraction: ParameterSpec {
            switch self { case .absorbedFraction(let f), .metabolizedFraction(let f): return f }
        }
        var isAbsorbed: Bool { if case .absorbedFraction = self { true } else { false } }
    }

    /// Name of the species ("zuclomiphene"), used for its state, its parameters and its concentration column.
    public var name: String
    public var molarMass_g_per_mol: Double
    public var input: Input
    public var clearance: ParameterSpec
    public var volume: ParameterSpec
    public var mechanisms: [Mechanism]

    public init(name: String, molarMass_g_per_mol: Double, input: Input, clearance: ParameterSpec,
                volume: ParameterSpec, mechanisms: [Mechanism]) {
        self.name = name
        self.molarMass_g_per_mol = molarMass_g_per_mol
        self.input = input
        self.clearance = clearance
        self.volume = volume
        self.mechanisms = mechanisms
    }

    /// Fraction, CL, V, then mechanism parameters, each named "<species>_<parameter>".
    var parameters: [ParameterSpec] {
        ([input.fraction, clearance, volume] + mechanisms.flatMap(\.parameters)).map {
            ParameterSpec(name + "_" + $0.name, $0.unit, $0.value, $0.source)
        }
    }

    var equation: String {
        let input = self.input.isAbsorbed ? "f·ka·A_depot" : "f·(CL/V)·A_central"
        return "dA_\(name)/dt = \(input) − (CL_s/V_s)·A_\(name),  C_\(name) = A_\(name)/V_s"
    }
}

extension Drug {
    /// State names (without the drug prefix): the PK compartments, then the secondary species.
    var compartmentNames: [String] { pk.compartmentNames + (secondary.map { [$0.name] } ?? []) }
}
