import ODE

/// Linear compartment models in NONMEM's ADVAN numbering, written as ODEs with analytic Jacobians.
/// Amounts in the compartments (A1, A2, …); rate constants per time unit of the data set.
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
    public static var oneCompartment: DosingModel {
        DosingModel(
            name: "pk1cmt", stateNames: ["CENTRAL"], compartmentStates: [0],
            parameters: [("CL", nil), ("V", nil), ("S1", .nan)],
            rhs: { _, y, p, dydt in dydt[0] = -p[0] / p[1] * y[0] },
            jacobian: { _, _, p, j in j[0, 0] = -p[0] / p[1] },
            outputs: [concentration(state: 0, scale: 2, volume: 1)])
    }

    /// ADVAN2 TRANS2: depot (1) → central (2); CL, V, KA.
    /// dA1/dt = −KA·A1; dA2/dt = KA·A1 − (CL/V)·A2.
    public static var oneCompartmentDepot: DosingModel {
        DosingModel(
            name: "pk1cmt-depot", stateNames: ["DEPOT", "CENTRAL"], compartmentStates: [0, 1],
            parameters: [("CL", nil), ("V", nil), ("KA", nil), ("S2", .nan)],
            rhs: { _, y, p, dydt in
                let ka = p[2], k = p[0] / p[1]
                dydt[0] = -ka * y[0]
                dydt[1] = ka * y[0] - k * y[1]
            },
            jacobian: { _, _, p, j in
                j.zero()
                j[0, 0] = -p[2]
                j[1, 0] = p[2]
                j[1, 1] = -p[0] / p[1]
            },
            outputs: [concentration(state: 1, scale: 3, volume: 1)])
    }

    /// ADVAN4 TRANS4: depot (1) → central (2) ⇄ peripheral (3); CL, V2, Q, V3, KA.
    /// dA1/dt = −KA·A1; dA2/dt = KA·A1 − (CL/V2 + Q/V2)·A2 + (Q/V3)·A3; dA3/dt = (Q/V2)·A2 − (Q/V3)·A3.
    public static var twoCompartmentDepot: DosingModel {
        DosingModel(
            name: "pk2cmt-depot", stateNames: ["DEPOT", "CENTRAL", "PERIPHERAL"], compartmentStates: [0, 1, 2],
            parameters: [("CL", nil), ("V2", nil), ("Q", nil), ("V3", nil), ("KA", nil), ("S2", .nan)],
            rhs: { _, y, p, dydt in
                let k10 = p[0] / p[1], k12 = p[2] / p[1], k21 = p[2] / p[3], ka = p[4]
                dydt[0] = -ka * y[0]
                dydt[1] = ka * y[0] - (k10 + k12) * y[1] + k21 * y[2]
                dydt[2] = k12 * y[1] - k21 * y[2]
            },
            jacobian: { _, _, p, j in
                let k10 = p[0] / p[1], k12 = p[2] / p[1], k21 = p[2] / p[3]
                j.zero()
                j[0, 0] = -p[4]
                j[1, 0] = p[4]
                j[1, 1] = -(k10 + k12)
                j[1, 2] = k21
                j[2, 1] = k12
                j[2, 2] = -k21
            },
            outputs: [concentration(state: 1, scale: 5, volume: 1)])
    }

    /// CP = A(state) / S, with S the parameter at index `scale`, or the volume at index `volume` when S
    /// is not given (NaN).
    static func concentration(state: Int, scale: Int, volume: Int) -> ModelOutput {
        ModelOutput(name: "CP") { y, p in y[state] / (p[scale].isNaN ? p[volume] : p[scale]) }
    }
}
