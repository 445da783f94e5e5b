import Foundation
import Testing
@testable import HPG

@Suite struct DeclarationTests {
    @Test func everyParameterHasAUnitASourceAndAUniqueName() {
        let specs = HPGModel(drugs: DrugRegistry.all).parameters
        #expect(Set(specs.map(\.name)).count == specs.count)
        for s in specs {
            #expect(!s.unit.isEmpty && !s.source.isEmpty, "\(s.name)")
            // 0 only switches a power-law term off (T's direct pituitary feedback, Pitteloud 2008).
            #expect(s.value.isFinite && s.value >= 0, "\(s.name) = \(s.value)")
        }
    }

    @Test func siFactorsFollowFromTheMolarMasses() {
        let model = HPGModel()
        func factor(_ name: String) -> Double { model.observables.first { $0.name == name }!.siFactor }
        // 1 ng/dL = 10 ng/L ÷ 288.42 g/mol; 1 pg/mL = 1000 pg/L ÷ 272.38 g/mol.
        #expect(abs(factor("testosterone") - 10 / 288.42) < 1e-4)
        #expect(abs(factor("estradiol") - 1000 / 272.38) < 1e-3)
    }

    @Test func everyStateAndObservableIsDocumented() {
        let model = HPGModel(drugs: DrugRegistry.all)
        for s in model.states { #expect(!s.equation.isEmpty && !s.description.isEmpty, "\(s.name)") }
        let listing = ModelDocument.modelListing()
        for o in model.observables { #expect(listing.contains(o.column) && listing.contains(o.siColumn)) }
    }

    @Test func unknownNamesAreRejectedWithTheAllowedOnes() {
        #expect(throws: HPGError.self) { try simulate(patient: Patient(), doses: [DrugDose(drug: "aspirin", record: .dose(1, at: 0))], outputTimes: [1]) }
        #expect(throws: HPGError.self) { try Patient(profile: "athlete").baseline(HPGModel()) }
        #expect(throws: HPGError.self) { try Patient(overrides: ["ke_LH": 1]).baseline(HPGModel()) }
        #expect(throws: HPGError.self) { try Patient(labs: BaselineLabs(testosterone_ng_per_dL: -3)).baseline(HPGModel()) }
        #expect(throws: HPGError.self) { try Patient(BMI_kg_per_m2: 0).baseline(HPGModel()) }
    }
}
