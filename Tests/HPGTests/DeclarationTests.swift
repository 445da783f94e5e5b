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

    /// Every declared value, and every value a patient profile sets, lies in the parameter's own allowed range
    /// (`Patient.baseline` refuses anything else, so a profile outside it could not run); bioavailabilities and
    /// isomer fractions get theirs from their role in the PK declaration.
    @Test func everyValueIsInsideItsAllowedRange() throws {
        let specs = HPGModel(drugs: DrugRegistry.all).parameters
        // The parameter table's: the model's and each drug's, its bioavailability (a dosing-engine control) too.
        let table = Parameter.allCases.map(\.spec) + DrugRegistry.all.flatMap(\.parameters)
        for s in table { #expect(s.allowed.contains(s.value), "\(s.name) = \(s.value), allowed \(s.allowed)") }
        for profile in ProfileRegistry.all {
            for (name, value) in profile.overrides {
                let spec = try #require(specs.first { $0.name == name }, "\(profile.name): \(name)")
                #expect(spec.allowed.contains(value), "\(profile.name): \(name) = \(value), allowed \(spec.allowed)")
            }
        }
        #expect(table.first { $0.name == "anastrozole.F" }?.allowed == .bioavailability)
        #expect(specs.first { $0.name == "clomiphene.zuclomiphene_fraction" }?.allowed == .share)
        #expect(specs.first { $0.name == "T_feedback_pituitary_exponent" }?.allowed.contains(0) == true)
    }

    /// Interval notation and membership at the ends: open ends exclude, closed ends include, and no range holds a
    /// non-finite value.
    @Test func rangesIncludeTheirClosedEndsOnly() {
        #expect(ParameterRange.exponent.description == "(0, 10]" && ParameterRange.positive.description == "(0, ∞)")
        #expect(!ParameterRange.exponent.contains(0) && ParameterRange.exponent.contains(10) && !ParameterRange.exponent.contains(10.000001))
        #expect(ParameterRange.feedbackExponent.contains(0) && !ParameterRange.feedbackExponent.contains(-1e-300))
        #expect(!ParameterRange.share.contains(1) && ParameterRange.bioavailability.contains(1))
        #expect(!ParameterRange.positive.contains(.infinity) && !ParameterRange.positive.contains(.nan))
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
