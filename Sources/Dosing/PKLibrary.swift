import ODE

/// Linear compartment models in NONMEM's ADVAN numbering, declared as `LinearCompartments` structures (which
/// derive their ODEs and analytic Jacobians), plus the structures the HPG model's drugs use. Amounts in the
/// compartments (A1, A2, …); rate constants per time unit of the data set.
///
/// Observation: CP = A(central) / Sc, where c is the central compartment's number. NONMEM: "The amount A
/// in the observation compartment at the time of observation, divided by the value of a parameter S, is
/// used as the prediction" (nmhelp "SCALING PARAMETER"). NONMEM takes an Sn not computed in $PK as 1;
/// hpgsim defaults Sc to the central volume, the usual `S2 = V` line of a $PK block, so CP is a
/// concentration in amount/volume units. Set Sc (e.g. S2 = V/1000 for mg and L → ng/mL) to change units.
public enum PKLibrary {
    public static let names = ["pk1cmt", "pk1cmt-depot", "pk2cmt-depot"]

    public static func model(named name: String) -> DosingModel? {
        switch name {
        case "pk1cmt": return oneCompartment
        case "pk1cmt-depot": return oneCompartmentDepot
        case "pk2cmt-depot": return twoCompartmentDepot
        default: return nil
        }
    }

    /// ADVAN1 TRANS2: one compartment, CL and V. dA1/dt = −(CL/V)·A1.
    public static var oneCompartment: DosingModel { model("pk1cmt", oneCompartmentKinetics) }

    /// ADVAN2 TRANS2: depot (1) → central (2); CL, V, KA.
    public static var oneCompartmentDepot: DosingModel { model("pk1cmt-depot", oneCompartmentDepotKinetics) }

    /// ADVAN4 TRANS4: depot (1) → central (2) ⇄ peripheral (3); CL, V2, Q, V3, KA.
    public static var twoCompartmentDepot: DosingModel { model("pk2cmt-depot", twoCompartmentDepotKinetics) }

    /// ADVAN1: central → out at CL/V.
    public static let oneCompartmentKinetics = LinearCompartments(
        compartments: [.init("central", volume: "V")], parameters: ["CL", "V"],
        flows: [.init(from: "central", to: nil, rate: .ratio("CL", "V"))])

    /// ADVAN2: depot → central at KA, central → out at CL/V.
    public static let oneCompartmentDepotKinetics = LinearCompartments(
        compartments: [.init("depot"), .init("central", volume: "V")], parameters: ["CL", "V", "KA"],
        flows: [.init(from: "depot", to: "central", rate: .parameter("KA")),
                .init(from: "central", to: nil, rate: .ratio("CL", "V"))])

    /// ADVAN4: depot → central at KA, central → out at CL/V2, central ⇄ peripheral at Q/V2 and Q/V3.
    public static let twoCompartmentDepotKinetics = LinearCompartments(
        compartments: [.init("depot"), .init("central", volume: "V2"), .init("peripheral")],
        parameters: ["CL", "V2", "Q", "V3", "KA"],
        flows: [.init(from: "depot", to: "central", rate: .parameter("KA")),
                .init(from: "central", to: nil, rate: .ratio("CL", "V2")),
                .init(from: "central", to: "peripheral", rate: .ratio("Q", "V2")),
                .init(from: "peripheral", to: "central", rate: .ratio("Q", "V3"))])

    /// A depot releasing its content at KA out of the structure (into a site of action the host model
    /// owns: testosterone esters release testosterone into serum).
    public static let depotReleaseKinetics = LinearCompartments(
        compartments: [.init("depot")], parameters: ["KA"],
        flows: [.init(from: "depot", to: nil, rate: .parameter("KA"))])

    /// ADVAN2 with a metabolite formed from the central compartment: the fraction CLf/CL of the parent's
    /// elimination CL/V forms it (CLf is part of CL), cleared at CLm/Vm.
    /// dA_m/dt = (CLf/CL)·(CL/V)·A_central − (CLm/Vm)·A_m.
    public static func oneCompartmentDepotKinetics(metabolite name: String) -> LinearCompartments {
        LinearCompartments(
            compartments: [.init("depot"), .init("central", volume: "V"), .init(name, volume: "Vm")],
            parameters: ["CL", "V", "KA", "CLf", "CLm", "Vm"],
            flows: [.init(from: "depot", to: "central", rate: .parameter("KA")),
                    .init(from: "central", to: nil, rate: .ratio("CL", "V"), split: (.ratio("CLf", "CL"), name)),
                    .init(from: name, to: nil, rate: .ratio("CLm", "Vm"))])
    }

    /// ADVAN2 for a two-isomer mixture absorbed from one depot: the fraction f of the absorption KA·A_depot
    /// is the second isomer (own compartment, cleared at CLm/Vm), 1 − f the first (central, CL/V).
    public static func oneCompartmentDepotKinetics(isomer name: String) -> LinearCompartments {
        LinearCompartments(
            compartments: [.init("depot"), .init("central", volume: "V"), .init(name, volume: "Vm")],
            parameters: ["CL", "V", "KA", "f", "CLm", "Vm"],
            flows: [.init(from: "depot", to: "central", rate: .parameter("KA"), split: (.parameter("f"), name)),
                    .init(from: "central", to: nil, rate: .ratio("CL", "V")),
                    .init(from: name, to: nil, rate: .ratio("CLm", "Vm"))])
    }

    /// The dosing model of a structure: every compartment dosable (CMT n = compartment n), parameters the
    /// structure's (all required) and the scale Sc of the central compartment c; output CP.
    static func model(_ name: String, _ structure: LinearCompartments) -> DosingModel {
        let kinetics = structure.kinetics(firstState: 0, parameterIndices: Array(structure.parameters.indices))
        let central = structure.compartmentIndex("central")!
        let volume = structure.parameters.firstIndex(of: structure.compartments[central].volume!)!
        let scale = structure.parameters.count
        var model = DosingModel(
            name: name, stateNames: structure.compartments.map { $0.name.uppercased() },
            compartmentStates: Array(structure.compartments.indices),
            parameters: structure.parameters.map { ($0, nil) } + [("S\(central + 1)", .nan)],
            rhs: { _, y, p, dydt in kinetics.derivatives(y, p, dydt) },
            jacobian: { _, _, p, j in
                j.zero()
                kinetics.addJacobian(p, &j)
            },
            // CP = A(central) / S, S defaulting to the central volume when not given (NaN).
            outputs: ModelOutputs(names: ["CP"]) { y, p, values in
                values[0] = y[central] / (p[scale].isNaN ? p[volume] : p[scale])
            })
        // Clearances, volumes and rate constants: a zero or negative value has no physical meaning (a
        // negative clearance makes amounts grow, a negative volume negative concentrations).
        model.positiveParameters = Set(structure.parameters + ["S\(central + 1)"])
        model.linearKinetics = [kinetics]
        return model
    }
}
