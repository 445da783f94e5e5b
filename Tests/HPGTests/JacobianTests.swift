import Foundation
import Testing
import ODE
@testable import HPG

/// The analytic Jacobian equals central finite differences of the right-hand side, with every mechanism
/// present (test drugs built here with arbitrary positive potencies).
@Suite struct JacobianTests {
    static func spec(_ name: String, _ value: Double) -> ParameterSpec { ParameterSpec(name, "-", value, "test value") }
    static let oral = PKModel.firstOrderAbsorption(ka: spec("ka_per_h", 1.5), clearance: spec("CL_L_per_h", 3),
                                                   volume: spec("V_L", 50), bioavailability: spec("F", 1))
    static let drugs: [Drug] = [
        .anastrozole,
        Drug(name: "serm", doseUnit: .mg, molarMass_g_per_mol: 400, routes: [.oral], pk: oral,
             mechanisms: [.estrogenReceptorAntagonism(ki: spec("Ki", 5))]),
        Drug(name: "lh_agonist", doseUnit: .IU, molarMass_g_per_mol: nil, routes: [.sc], pk: oral,
             mechanisms: [.lhReceptorAgonism(lhEquivalent: spec("k", 0.4))]),
        Drug(name: "gnrh_agonist", doseUnit: .ug, molarMass_g_per_mol: 1182, routes: [.sc], pk: oral,
             mechanisms: [.gnrhReceptorAgonism(emax: spec("Emax", 3), ec50: spec("EC50", 0.2), hill: spec("hill", 1.5))]),
        Drug(name: "parent_metabolite", doseUnit: .mg, molarMass_g_per_mol: 371.5, routes: [.oral],
             pk: .firstOrderAbsorption(ka: spec("ka_per_h", 1.9), clearance: spec("CL_L_per_h", 9.3),
                                                     volume: spec("V_L", 750), bioavailability: spec("F", 1),
                                                     metabolite: MetabolitePK(formationClearance: spec("CLf_L_per_h", 0.3), clearance: spec("CLm_L_per_h", 5.1), volume: spec("Vm_L", 400))),
             mechanisms: [.estrogenReceptorAntagonism(ki: spec("Ki", 30)), .throughMetabolite(.estrogenReceptorAntagonism(ki: spec("Ki", 2)))]),
        Drug(name: "t_ester", doseUnit: .mg, molarMass_g_per_mol: 400, routes: [.im], pk: .depotRelease(ka: spec("ka_per_h", 0.01), bioavailability: spec("F", 1)),
             mechanisms: [.hormoneRelease(.testosterone, massFraction: spec("fraction", 0.7))]),
        Drug(name: "e2_patch", doseUnit: .ug, molarMass_g_per_mol: 272, routes: [.transdermal], pk: .depotRelease(ka: spec("ka_per_h", 0.3), bioavailability: spec("F", 1)),
             mechanisms: [.hormoneRelease(.estradiol, massFraction: spec("fraction", 1))]),
        // Two inhibitors (the product Π(1 − I)) beside the agonist above.
        Drug(name: "gnrh_antagonist", doseUnit: .mg, molarMass_g_per_mol: 1533, routes: [.sc], pk: oral,
             mechanisms: [.gnrhReceptorInhibition(imax: spec("Imax", 0.9), ic50: spec("IC50", 400), hill: spec("hill", 2))]),
        Drug(name: "gnrh_desensitiser", doseUnit: .mg, molarMass_g_per_mol: 1209, routes: [.im], pk: oral,
             mechanisms: [.gnrhReceptorInhibition(imax: spec("Imax", 1), ic50: spec("IC50", 2000), hill: spec("hill", 3))]),
    ]

    @Test(arguments: [0.5, 2.0])
    func analyticJacobianMatchesFiniteDifferences(drugAmount: Double) throws {
        let model = HPGModel(drugs: Self.drugs)
        var (y, p) = try StudyTable.shah2021.patient.baseline(model)
        // Move off the steady state and give every drug compartment some amount (at zero amount the
        // max(C, 0) guard has a kink that finite differences straddle).
        for i in y.indices {
            if i >= PhysiologicalState.allCases.count + SpermChain.count { y[i] = drugAmount * Double(i % 3 + 1) * 10 }
            else { y[i] *= 1 + 0.1 * sin(Double(i)) }
        }
        expectAnalyticJacobianMatchesCentralDifferences(model, y, p)
    }
}
