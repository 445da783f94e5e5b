import Testing
import ODE
@testable import Dosing

/// The kinetics a `LinearCompartments` declaration derives: mass balance, the Jacobian as the linear map
/// itself, the split shares, and the equation text of ADVAN2.
@Suite struct LinearCompartmentsTests {
    static let structures: [LinearCompartments] = [
        PKLibrary.oneCompartmentKinetics, PKLibrary.oneCompartmentDepotKinetics, PKLibrary.twoCompartmentDepotKinetics,
        PKLibrary.depotReleaseKinetics, PKLibrary.oneCompartmentDepotKinetics(metabolite: "endoxifen"),
        PKLibrary.oneCompartmentDepotKinetics(isomer: "zuclomiphene"),
    ]

    /// Parameters 0.7, 1.9, 3.1, … (fractions f = 0.7 and CLf/CL < 1 in the split structures), placed after
    /// two unrelated entries, with the states after three unrelated ones.
    static func bound(_ s: LinearCompartments) -> (kinetics: LinearKinetics, p: [Double]) {
        let p = [99, 99] + s.parameters.indices.map { 0.7 + 1.2 * Double($0) }
        return (s.kinetics(firstState: 3, parameterIndices: s.parameters.indices.map { $0 + 2 }), p)
    }

    /// d(Σ A)/dt = −(amount leaving the body per time), for any amounts: no flow creates or loses mass.
    @Test(arguments: structures)
    func totalAmountFallsByTheOutflow(structure: LinearCompartments) {
        let (kinetics, p) = Self.bound(structure)
        let y = [5.0, 5, 5] + structure.compartments.indices.map { 2.0 + Double($0 * $0) }
        var dydt = [Double](repeating: -1, count: y.count)
        y.withUnsafeBufferPointer { yb in p.withUnsafeBufferPointer { pb in
            dydt.withUnsafeMutableBufferPointer { kinetics.derivatives(yb, pb, $0) }
            let total = dydt[3...].reduce(0, +)
            #expect(abs(total + kinetics.outflow(yb, pb)) <= 1e-13 * y.reduce(0, +))
        } }
        #expect(dydt[..<3] == [-1, -1, -1], "states outside the structure untouched")
    }

    /// f(A) = K·A: the Jacobian's column j is f at the unit amount in compartment j.
    @Test(arguments: structures)
    func jacobianIsTheLinearMap(structure: LinearCompartments) {
        let (kinetics, p) = Self.bound(structure)
        let n = 3 + structure.compartments.count
        var jacobian = Matrix(rows: n, columns: n)
        p.withUnsafeBufferPointer { pb in
            kinetics.addJacobian(pb, &jacobian)
            for j in 3..<n {
                var unit = [Double](repeating: 0, count: n)
                unit[j] = 1
                var f = [Double](repeating: 0, count: n)
                unit.withUnsafeBufferPointer { yb in f.withUnsafeMutableBufferPointer { kinetics.derivatives(yb, pb, $0) } }
                for i in 0..<n { #expect(abs(f[i] - jacobian[i, j]) <= 1e-15 * max(1, abs(f[i]))) }
            }
        }
    }

    /// Isomer split: of KA·A_depot, the fraction f reaches the isomer and 1 − f the central compartment.
    @Test func isomerSplitSharesTheAbsorption() {
        let structure = PKLibrary.oneCompartmentDepotKinetics(isomer: "zuclomiphene")
        let (ka, f) = (1.5, 0.38)
        let p = [3.0, 40, ka, f, 0.2, 900]   // CL, V, KA, f, CLm, Vm
        let kinetics = structure.kinetics(firstState: 0, parameterIndices: Array(0..<6))
        var dydt = [0.0, 0, 0]
        [10.0, 0, 0].withUnsafeBufferPointer { yb in p.withUnsafeBufferPointer { pb in
            dydt.withUnsafeMutableBufferPointer { kinetics.derivatives(yb, pb, $0) } } }
        #expect(abs(dydt[1] - (1 - f) * ka * 10) <= 1e-14 && abs(dydt[2] - f * ka * 10) <= 1e-14)
        #expect(dydt[0] == -ka * 10)
    }

    @Test func advan2EquationText() {
        #expect(PKLibrary.oneCompartmentDepotKinetics.equations == [
            "dA_depot/dt = −KA·A_depot",
            "dA_central/dt = KA·A_depot − (CL/V)·A_central,  C_central = A_central/V",
        ])
    }
}
