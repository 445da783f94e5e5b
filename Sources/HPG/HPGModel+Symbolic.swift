import Foundation
import Dosing
import ODE

/// The model's equations for one man as expressions of its states: what `derivatives` and `observe` compute,
/// recorded by evaluating the same code in `Symbolic` arithmetic. Parameters (and the parameter-only parts of
/// `RateConstants`) enter as numbers. Written as SBML by `Scenario.SBMLDocument`.
public struct SymbolicModel: Sendable {
    /// d/dt of each state, in the order of `HPGModel.states`.
    public let rates: [ModelExpression]
    /// Each observable, in the order of `HPGModel.observables`, conventional units.
    public let observables: [ModelExpression]
}

/// A dose as changes of one state at a time (hours): a bolus adds an amount (the drug's dose unit,
/// bioavailability applied) to the state; an infusion adds its rate (dose unit per hour) to the state's input
/// at its start and takes it away at its end.
public struct StateInput: Sendable, Equatable {
    public enum Change: Sendable, Equatable {
        case amount(Double)
        case rate(Double)
    }

    public var time: Double
    public var state: Int
    public var change: Change
}

extension HPGModel {
    /// The rates and observables with state k read as the symbol `identifiers[k]`, for the parameters
    /// `parameters` (order of `self.parameters`). The physiological rates come from `RateLaws.core`, the
    /// germ-cell chain from `SpermChain.rates`, the mechanism sums from `MechanismSums`, the drugs' PK from
    /// their linear structures (dA/dt = K(p)·A, K from `LinearKinetics.addJacobian`, the release outflow from
    /// `forEachOutflowCoefficient`): the code the simulation runs, not a transcription.
    public func symbolic(parameters: [Double], identifiers: [String]) -> SymbolicModel {
        precondition(identifiers.count == stateDimension && parameters.count == self.parameters.count)
        // The states' values are never read (no branch on them), so they are left undefined.
        let y = identifiers.map { Symbolic(symbol: $0, value: .nan) }
        return parameters.withUnsafeBufferPointer { p in
            let sums = MechanismSums<Symbolic>(slots, p, amount: { y[$0] }, outflow: { slot in
                var total = Symbolic(0)
                slot.kinetics.forEachOutflowCoefficient(p) { state, k in total = total + y[state] * k }
                return total
            })
            let core = RateLaws.core(CoreInputs { input in input.stateIndex.map { y[$0] } ?? sums[input] }, p, RateConstants(p))
            var rates = [Symbolic](repeating: Symbolic(0), count: stateDimension)
            for state in PhysiologicalState.allCases { rates[state.rawValue] = core[state] }
            SpermChain.rates({ y[$0] }, p, drive: core.spermatogenicDrive) { rates[$0] = $1 }
            var K = Matrix(rows: stateDimension, columns: stateDimension)
            for slot in slots {
                slot.kinetics.addJacobian(p, &K)
                let range = slot.kinetics.firstState..<slot.kinetics.firstState + slot.kinetics.stateCount
                for row in range {
                    rates[row] = range.reduce(Symbolic(0)) { sum, column in K[row, column] == 0 ? sum : sum + y[column] * K[row, column] }
                }
            }
            return SymbolicModel(rates: rates.map(\.expression), observables: observe(y, p, sums).map(\.expression))
        }
    }

    /// The doses as changes of the model's states, in time order (ties in the order given): each record's
    /// ADDL doses written out (TIME + k·II), into the drug's compartment, scaled by the drug's bioavailability
    /// when it goes to the depot (the dosing engine's F of compartment 1, `dosingModel`). An infusion (RATE > 0)
    /// keeps its rate and delivers F·AMT, so it lasts F·AMT/RATE (`DosingEngine`); a bolus of a drug with a
    /// delivery duration D (`Drug.delivered`) delivers F·AMT at F·AMT/D for D. Any other modeled rate or
    /// duration (RATE −1, −2), a steady-state dose, a reset or a dose with its own data items (F, ALAG …) throws
    /// `HPGError.unsupportedDose`.
    public func inputs(_ doses: [DrugDose]) throws(HPGError) -> [StateInput] {
        var inputs: [StateInput] = []
        for dose in doses {
            guard let k = drugs.firstIndex(where: { $0.name == dose.drug }) else { throw .unknownDrug(dose.drug) }
            let drug = drugs[k], record = drug.delivered(dose.record)
            func refuse(_ reason: String) -> HPGError { .unsupportedDose(drug: drug.name, time: record.time, reason: reason) }
            let count = drug.pk.structure.compartments.count
            guard (1...count).contains(record.compartment) else {
                throw .invalidDose(drug: drug.name, compartment: record.compartment, allowed: count)
            }
            guard record.event == .dose else { throw refuse("only dose records (EVID 1) can be written, not EVID \(record.event.rawValue)") }
            let delivery = record.rate == EventRecord.modeledDuration && record.compartment == 1 ? drug.pk.deliveryDuration?.value : nil
            guard record.rate >= 0 || delivery != nil else {
                throw refuse("a modeled infusion rate or duration (RATE \(record.rate)) cannot be written")
            }
            guard record.steadyState == .none else { throw refuse("a steady-state dose (SS \(record.steadyState.rawValue)) cannot be written") }
            guard record.items.isEmpty else {
                throw refuse("a dose with its own data items (\(record.items.keys.sorted().joined(separator: ", "))) cannot be written")
            }
            let state = slots[k].kinetics.firstState + record.compartment - 1
            let amount = record.amount * (record.compartment == 1 ? drug.pk.bioavailability.value : 1)
            for n in 0...record.additionalDoses {
                let time = record.time + Double(n) * record.interval
                if let delivery {
                    inputs.append(StateInput(time: time, state: state, change: .rate(amount / delivery)))
                    inputs.append(StateInput(time: time + delivery, state: state, change: .rate(-amount / delivery)))
                } else if record.rate > 0 {
                    inputs.append(StateInput(time: time, state: state, change: .rate(record.rate)))
                    inputs.append(StateInput(time: time + amount / record.rate, state: state, change: .rate(-record.rate)))
                } else {
                    inputs.append(StateInput(time: time, state: state, change: .amount(amount)))
                }
            }
        }
        return inputs.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }
}
