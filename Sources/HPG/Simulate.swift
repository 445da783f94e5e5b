import Foundation
import ODE
import Dosing

/// A dose of a named drug: a NONMEM event record whose CMT is the drug's own compartment number
/// (1 = depot, 2 = central for oral/SC/IM drugs). All NONMEM items apply (AMT in the drug's dose unit,
/// RATE, II, ADDL, SS); dose-control items Fn, ALAGn, Rn, Dn also use the drug's own numbering (F1 is
/// the bioavailability of its depot).
public struct DrugDose: Sendable, Equatable {
    public var drug: String
    public var record: EventRecord

    public init(drug: String, record: EventRecord) {
        self.drug = drug
        self.record = record
    }
}

/// Observables over time, in conventional units (SI by `siValues`).
public struct Trajectory: Sendable {
    public var times: [Double]
    public var observables: [ObservableSpec]
    /// values[k][j]: observable j at times[k], conventional units.
    public var values: [[Double]]
    /// Full state at each time, named by `model.states`.
    public var states: [[Double]]
    public var model: HPGModel
    /// Baseline (drug-free steady state) and the patient's parameters.
    public var baselineState: [Double]
    public var parameters: [Double]
    public var statistics: SolverStatistics

    /// One observable over time (conventional units); nil if the name is unknown.
    public func series(_ name: String) -> [Double]? {
        guard let j = observables.firstIndex(where: { $0.name == name }) else { return nil }
        return values.map { $0[j] }
    }

    /// The same rows in SI units.
    public var siValues: [[Double]] { values.map { row in zip(row, observables).map { $0 * $1.siFactor } } }

    /// Baseline observables (conventional units).
    public var baseline: [Double] { model.observe(baselineState, parameters) }
}

/// Simulates a patient under doses of any registered drugs, through the one dosing engine (`Dosing`).
///
///     let patient = Patient(profile: "overweight",
///                           labs: BaselineLabs(testosterone_ng_per_dL: 270, estradiol_pg_per_mL: 32))
///     let doses = [DrugDose(drug: "anastrozole",
///                           record: .dose(1, at: 0, compartment: 1, interval: 24, additionalDoses: 149))]
///     let trajectory = try simulate(patient: patient, doses: doses, outputTimes: [0, 24 * 150])
///     trajectory.series("estradiol")        // pg/mL; trajectory.siValues for pmol/L
///
/// The baseline is the patient's steady state (solved, not a warm-up run); the integration starts there at
/// t = 0 h. Output at `outputTimes` (hours); at a dose time the value after the dose is reported.
/// `maxSteps` replaces the solver's step budget before the steps each dose adds (`DosingEngine.stepsPerDose`).
/// `relativeTolerance` replaces the model's (`HPGModel.relativeTolerance`); `absoluteTolerance` (every state, in its
/// unit) is `HPGModel.absoluteToRelativeTolerance` times it when nil.
/// `drugs` names the drugs the model holds, in order (default: those dosed, in order of their first dose): a
/// run that may later dose another drug holds it from the start, so that its states are the same before.
/// `stopTimes` are times the integrator ends a step at (`DosingEngine.simulate(stopTimes:)`).
public func simulate(patient: Patient, doses: [DrugDose], outputTimes: [Double],
                     method: Method = HPGModel.defaultMethod, maxSteps: Int? = nil,
                     relativeTolerance: Double = HPGModel.relativeTolerance, absoluteTolerance: Double? = nil,
                     drugs names: [String]? = nil, stopTimes: [Double] = []) throws(HPGError) -> Trajectory {
    let drugs = try DrugRegistry.drugs(named: (names ?? []) + doses.map(\.drug))
    let model = HPGModel(drugs: drugs)
    let (baseline, parameters) = try patient.baseline(model)
    var dosingModel = model.dosingModel(baseline: baseline, method: method)
    if let maxSteps { dosingModel.solverOptions.maxSteps = maxSteps }
    dosingModel.solverOptions.relativeTolerance = relativeTolerance
    dosingModel.solverOptions.absoluteTolerance = [absoluteTolerance ?? relativeTolerance * HPGModel.absoluteToRelativeTolerance]
    var records: [EventRecord] = []
    for dose in doses {
        let k = drugs.firstIndex { $0.name == dose.drug }!
        let count = drugs[k].pk.structure.compartments.count
        guard (1...count).contains(dose.record.compartment) else {
            throw .invalidDose(drug: dose.drug, compartment: dose.record.compartment, allowed: count)
        }
        records.append(renumbered(drugs[k].delivered(dose.record), offset: model.firstCompartment(ofDrug: k) - 1))
    }
    records = records.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    var named: [String: Double] = [:]
    for (k, spec) in model.parameters.enumerated() where parameters[k] != spec.value { named[spec.name] = parameters[k] }
    let result: DosingResult
    do {
        result = try DosingEngine(model: dosingModel).simulate(records: records, parameters: named, outputTimes: outputTimes,
                                                               stopTimes: stopTimes)
    } catch { throw .dosing(error) }
    return Trajectory(times: result.outputTimes, observables: model.observables, values: result.outputValues,
                      states: result.outputStates, model: model, baselineState: baseline, parameters: parameters,
                      statistics: result.statistics)
}

/// The record with its CMT and its per-compartment dose controls (F1, ALAG2, R1, D1 …) moved from the
/// drug's own numbering to the model's.
func renumbered(_ record: EventRecord, offset: Int) -> EventRecord {
    var record = record
    record.compartment += offset
    var items: [String: Double] = [:]
    for (key, value) in record.items {
        let control = key.prefix { $0.isLetter }
        if ["F", "ALAG", "R", "D"].contains(control), let n = Int(key.dropFirst(control.count)) {
            items["\(control)\(n + offset)"] = value
        } else {
            items[key] = value
        }
    }
    record.items = items
    return record
}

extension HPGModel {
    /// The observables (with conventional and SI units, for CSV headers) of a simulation that doses these drugs,
    /// in the order `simulate` reports them.
    public static func observables(forDrugs names: [String]) throws(HPGError) -> [ObservableSpec] {
        HPGModel(drugs: try DrugRegistry.drugs(named: names)).observables
    }

    /// Verner 7(6). The model is at most mildly stiff on the scenario time scales: over all 39 scenario files
    /// in scenarios/ (every drug, combination and condition), vern7 and tsit5 agree with rodas5p to 1.4e-6
    /// and 8.2e-6 relative in every CSV value, and the whole set runs 5.4× faster with vern7 than with
    /// rodas5p (0.61 s vs 3.30 s CPU, release build; `hpgsim run scenarios scenarios/drugs
    /// scenarios/combinations scenarios/conditions --method M`). A scenario can still choose a stiff method
    /// (`simulation.method`, `--method`).
    public static let defaultMethod: Method = .vern7

    /// The integration's relative tolerance, and its absolute tolerance as a multiple of it (1e-7 and 1e-9).
    /// With the drug amounts advanced exactly (`DosingModel.linearKinetics`), vern7's steps are limited by
    /// accuracy rather than by the absorption's stability bound; every value of the 42 scenario files
    /// (`hpgsim run scenarios scenarios/drugs scenarios/combinations scenarios/conditions`) still agrees with
    /// a run at `--rtol 1e-11` to 1e-6 relative (the CSV's 7 digits; `Benchmarks/accuracy/compare_runs.py`).
    public static let relativeTolerance = 1e-7
    public static let absoluteToRelativeTolerance = 1e-2

    /// The integral step-size controller (`StepSizeControl`). With the drug compartments advanced exactly
    /// (`DosingModel.linearKinetics`), vern7's steps on this model are limited by accuracy, and after each
    /// dose they grow back from the fraction of an hour the new absorption needs: the PI controller's memory
    /// of the tiny errors there held the growth to about 10 % per step. On the population benchmark
    /// (`Benchmarks/population/run.sh 50 1 RTOL`, 180 days, 52 doses) vern7 takes 1727 instead of 2443 steps
    /// per man at rtol 1e-7, and 2264 instead of 3154 at 1e-8; for the benchmark's typical man (the scenario
    /// without its population block) both controllers agree with a run at rtol 1e-11 to the CSV's 7 digits.
    public static let stepSizeControl = StepSizeControl.integral

    /// 1-based dosing-engine compartment number of drug k's first compartment.
    func firstCompartment(ofDrug k: Int) -> Int {
        1 + drugs[..<k].reduce(0) { $0 + $1.pk.structure.compartments.count }
    }

    /// The model as the dosing engine sees it: every drug compartment dosable (CMT numbered drug by drug),
    /// bioavailability Fn from each drug's declared F and delivery duration Dn from its declared one,
    /// outputs = observables. The rate laws' parameter-only
    /// parts (`RateConstants`) are the derived parameters, computed once per parameter vector.
    public func dosingModel(baseline: [Double], method: Method) -> DosingModel {
        var compartments: [Int] = []
        var doseControls: [(name: String, defaultValue: Double?)] = []
        for (k, slot) in slots.enumerated() {
            let first = firstCompartment(ofDrug: k)
            // A drug's compartments are contiguous states starting at its depot.
            compartments += (0..<drugs[k].pk.structure.compartments.count).map { slot.kinetics.firstState + $0 }
            doseControls.append(("F\(first)", drugs[k].pk.bioavailability.value))
            if let duration = drugs[k].pk.deliveryDuration { doseControls.append(("D\(first)", duration.value)) }
        }
        let model = self
        let parameterCount = parameters.count
        var dosingModel = DosingModel(
            name: "hpg", stateNames: states.map(\.name), compartmentStates: compartments,
            parameters: parameters.map { ($0.name, $0.value) } + doseControls,
            rhs: { _, y, p, dydt in model.derivatives(y, p, RateConstants(loadingFrom: p), dydt) },
            jacobian: { _, y, p, matrix in model.jacobian(y, p, RateConstants(loadingFrom: p), &matrix) },
            // The patient's baseline, also after a reset record (EVID 3/4).
            initialState: { _ in baseline },
            // All observables of a row from one `observe` call (model parameters only, not the dose controls).
            outputs: ModelOutputs(names: observables.map(\.name)) { y, p, values in
                _ = values.update(fromContentsOf: model.observe(y, Array(p.prefix(parameterCount))))
            },
            method: method,
            solverOptions: SolverOptions(relativeTolerance: Self.relativeTolerance,
                                         absoluteTolerance: Self.relativeTolerance * Self.absoluteToRelativeTolerance))
        dosingModel.solverOptions.stepSizeControl = Self.stepSizeControl
        dosingModel.derivedParameters = DerivedParameters(count: RateConstants.count) { p, derived in
            RateConstants(p).write(into: derived)
        }
        // Drug amounts follow their compartments' flows alone: advanced exactly by the explicit methods.
        dosingModel.linearKinetics = slots.map(\.kinetics)
        return dosingModel
    }
}
