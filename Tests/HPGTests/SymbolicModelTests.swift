import Foundation
import Testing
@testable import HPG

/// `HPGModel.symbolic` records the model's equations as expressions; evaluated at a state, they must equal
/// what the simulation computes there (`derivatives`, `observe`), with every mechanism present (the test drugs
/// of `JacobianTests`). The physiological rates are the same floating-point operations; the PK rates are K·A
/// summed in another order, so a few ulps apart.
@Suite struct SymbolicModelTests {
    @Test(arguments: [0.5, 2.0])
    func expressionsEqualTheRightHandSideAndObservables(drugAmount: Double) throws {
        let model = HPGModel(drugs: JacobianTests.drugs)
        var (y, p) = try StudyTable.shah2021.patient.baseline(model)
        for i in y.indices {
            if i >= PhysiologicalState.allCases.count + SpermChain.count { y[i] = drugAmount * Double(i % 3 + 1) * 10 }
            else { y[i] *= 1 + 0.1 * sin(Double(i)) }
        }
        let names = model.states.map { "s_" + $0.name }
        let symbolic = model.symbolic(parameters: p, identifiers: names)
        let values = Dictionary(uniqueKeysWithValues: zip(names, y))
        func value(_ symbol: String) -> Double { values[symbol]! }

        let f = model.derivatives(y, p)
        #expect(symbolic.rates.count == f.count)
        for (k, rate) in symbolic.rates.enumerated() {
            let scale = max(abs(f[k]), 1e-3)
            #expect(abs(rate.evaluate(value) - f[k]) <= 1e-12 * scale, "\(model.states[k].name)")
            #expect(rate.symbols.isSubset(of: Set(names)))
        }
        let observed = model.observe(y, p)
        #expect(symbolic.observables.count == observed.count)
        for (k, observable) in symbolic.observables.enumerated() {
            #expect(observable.evaluate(value) == observed[k], "\(model.observables[k].name)")
        }
    }

    /// At the drug-free baseline (a steady state) every recorded rate is zero to the steady-state solve's
    /// accuracy, and the germ-cell chain reads the drive ψ through FSH and ITT.
    @Test func ratesVanishAtTheBaseline() throws {
        let model = HPGModel()
        let (y, p) = try StudyTable.shah2021.patient.baseline(model)
        let names = model.states.map(\.name)
        let symbolic = model.symbolic(parameters: p, identifiers: names)
        let values = Dictionary(uniqueKeysWithValues: zip(names, y))
        for (k, rate) in symbolic.rates.enumerated() {
            #expect(abs(rate.evaluate { values[$0]! }) <= 1e-8 * max(abs(y[k]), 1), "\(names[k])")
        }
        let firstStage = symbolic.rates[SpermChain.first].symbols
        #expect(firstStage.contains(PhysiologicalState.fsh.spec.name) && firstStage.contains(PhysiologicalState.itt.spec.name))
    }

    /// Doses as state inputs follow NONMEM: F scales a depot bolus; an infusion keeps its rate and lasts
    /// F·AMT/RATE; ADDL doses come at TIME + k·II. A steady-state dose cannot be written.
    @Test func dosesBecomeStateInputs() throws {
        let model = HPGModel(drugs: [.anastrozole])
        let depot = model.stateIndex("anastrozole_depot_mg")!, f = Drug.anastrozole.pk.bioavailability.value
        let inputs = try model.inputs([
            DrugDose(drug: "anastrozole", record: .dose(1, at: 0, compartment: 1, interval: 24, additionalDoses: 2)),
            DrugDose(drug: "anastrozole", record: .dose(2, at: 10, compartment: 1, rate: 0.5)),
            DrugDose(drug: "anastrozole", record: .dose(3, at: 5, compartment: 2)),
        ])
        #expect(inputs == [
            StateInput(time: 0, state: depot, change: .amount(f)),
            StateInput(time: 5, state: depot + 1, change: .amount(3)),
            StateInput(time: 10, state: depot, change: .rate(0.5)),
            StateInput(time: 10 + 2 * f / 0.5, state: depot, change: .rate(-0.5)),
            StateInput(time: 24, state: depot, change: .amount(f)),
            StateInput(time: 48, state: depot, change: .amount(f)),
        ].sorted { $0.time < $1.time })
        #expect(throws: HPGError.self) {
            _ = try model.inputs([DrugDose(drug: "anastrozole", record: .dose(1, at: 0, interval: 24, steadyState: .reset))])
        }
    }
}
