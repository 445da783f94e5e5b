import Foundation
import Testing
import Dosing
@testable import HPG

/// The parent → metabolite PK form against its closed form after an IV bolus into the central compartment:
/// A(t) = D·e^(−k t), M(t) = D·kf/(km − k)·(e^(−k t) − e^(−km t)), k = CL/V, kf = CLf/V, km = CLm/Vm.
@Test func metaboliteFollowsTheParentMetaboliteClosedForm() throws {
    func spec(_ name: String, _ value: Double) -> ParameterSpec { ParameterSpec(name, "-", value, "test value") }
    let (cl, v, clf, clm, vm) = (9.34, 753.0, 0.324, 5.1, 400.0)
    let drug = Drug(name: "parent", doseUnit: .mg, molarMass_g_per_mol: 371.5, routes: [.oral],
                    pk: .firstOrderAbsorption(ka: spec("ka_per_h", 1.9), clearance: spec("CL_L_per_h", cl),
                                                            volume: spec("V_L", v), bioavailability: spec("F", 1),
                                                            metabolite: MetabolitePK(formationClearance: spec("CLf_L_per_h", clf), clearance: spec("CLm_L_per_h", clm), volume: spec("Vm_L", vm))),
                    mechanisms: [])
    let model = HPGModel(drugs: [drug])
    let (baseline, p) = try Patient().baseline(model)
    let engine = DosingEngine(model: model.dosingModel(baseline: baseline, method: HPGModel.defaultMethod))
    let times: [Double] = [1, 10, 100, 400]
    let named = ["CL_L_per_h", "V_L", "CLf_L_per_h", "CLm_L_per_h", "Vm_L"].map { model.parameterIndex("parent." + $0)! }
    #expect(named.map { p[$0] } == [cl, v, clf, clm, vm])
    let result = try engine.simulate(records: [.dose(20, at: 0, compartment: 2)], outputTimes: times)
    let k = cl / v, kf = clf / v, km = clm / vm
    for (t, state) in zip(times, result.outputStates) {
        let parent = 20 * exp(-k * t)
        let metabolite = 20 * kf / (km - k) * (exp(-k * t) - exp(-km * t))
        #expect(abs(state[model.stateIndex("parent_central_mg")!] / parent - 1) < 1e-5)
        #expect(abs(state[model.stateIndex("parent_metabolite_mg")!] / metabolite - 1) < 1e-5)
    }
}
