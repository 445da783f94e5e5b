import Dosing
import Foundation
import HPG
import ODE
import Population

/// One virtual man: his index in the population, his covariates (sampled, or a patients-file row) and his
/// between-subject factors on model parameters. A function of (spec, seed, index) alone.
public struct VirtualMan: Sendable, Equatable {
    public var index: Int
    /// Covariate name → value (age in years, BMI in kg/m², labs in their conventional unit).
    public var covariates: [String: Double]
    /// Parameter name → the factor multiplying the value the scenario's patient would have.
    public var factors: [String: Double]
    /// The patients-file row he comes from.
    public var row: PatientTable.Row?

    public init(index: Int, covariates: [String: Double], factors: [String: Double], row: PatientTable.Row? = nil) {
        self.index = index
        self.covariates = covariates
        self.factors = factors
        self.row = row
    }
}

extension PopulationSpec {
    /// Men in the patients file; nil when the covariates are sampled (any number of men).
    public var fileSize: Int? { patients?.rows.count }

    /// Man `index`: his draw from stream 0 of his own Philox stream keyed by (seed, index).
    public func man(_ index: Int, seed: UInt64) throws(CorrelatedSampler.Failure) -> VirtualMan {
        var stream = SubjectStream(seed: seed, subject: UInt64(index))
        let draw = try sampler.draw(&stream)
        var covariates: [String: Double] = [:]
        var factors: [String: Double] = [:]
        for (k, name) in self.covariates.enumerated() { covariates[name] = draw[k] }
        for (k, name) in parameters.enumerated() { factors[name] = draw[self.covariates.count + k] }
        var row: PatientTable.Row?
        if let patients {
            let r = patients.rows[index]
            row = r
            for (name, value) in zip(patients.columns, r.values) { if let value { covariates[name] = value } }
        }
        return VirtualMan(index: index, covariates: covariates, factors: factors, row: row)
    }
}

/// A scenario prepared for many men: its model, doses, output times and the observables kept.
public struct PopulationPlan: Sendable {
    public let scenario: Scenario
    /// Observables kept per man (conventional units), in column order.
    public let observables: [ObservableSpec]
    /// Hours of the kept trajectory (the scenario's output grid).
    public let times: [Double]
    /// Hours over which on-treatment values are averaged (daily, both ends included).
    public let responseTimes: [Double]
    let model: HPGModel
    let method: Method
    /// The integration's relative tolerance (`HPG.simulate`).
    public let relativeTolerance: Double
    /// Its absolute tolerance (`SolverSettings`).
    public let absoluteTolerance: Double
    let simulationTimes: [Double]

    /// Every observable the scenario's model has (its drugs' included), conventional units.
    public var modelObservables: [ObservableSpec] { model.observables }

    /// Observables kept when `output.observables` does not choose: those the responder targets use.
    public static let defaultObservables = ["testosterone", "estradiol", "T_E2_ratio", "LH", "FSH", "SHBG",
                                            "sperm_concentration"]

    /// `relativeTolerance` overrides the scenario's `simulation.rtol` (`Scenario.solverSettings`).
    public init(_ scenario: Scenario, relativeTolerance: Double? = nil) throws(HPGError) {
        self.scenario = scenario
        let solver = try scenario.solverSettings(relativeTolerance: relativeTolerance)
        self.relativeTolerance = solver.relativeTolerance
        self.absoluteTolerance = solver.absoluteTolerance
        let model = HPGModel(drugs: try DrugRegistry.drugs(named: scenario.modelDrugs))
        self.model = model
        method = solver.method
        let names = scenario.output.observables.isEmpty ? Self.defaultObservables : scenario.output.observables
        observables = names.map { name in model.observables.first { $0.name == name }! }
        times = scenario.outputTimes
        let window = scenario.population?.response
            ?? max(0, scenario.treatmentEnd - 28 * 24)...scenario.treatmentEnd
        let days = Int(((window.upperBound - window.lowerBound) / 24 * (1 + 1e-12)).rounded(.down))
        responseTimes = (0...days).map { window.lowerBound + Double($0) * 24 }
        simulationTimes = Array(Set([0] + times + responseTimes + (scenario.monitoring?.drawTimes ?? []))).sorted()
    }

    /// The scenario's patient with the man's covariates and factors: a factor multiplies the value the patient
    /// would otherwise have (his override, else his profile's, else the model's); a parameter of a drug this
    /// scenario does not give is left alone (the man keeps the factor for the scenarios that do).
    public func patient(for man: VirtualMan) -> Patient {
        var spec = scenario.patient
        for (name, value) in man.covariates {
            switch name {
            case "age": spec.age = value
            case "bmi": spec.bodyMassIndex = value
            default: spec.baselineLabs[name] = Measurement(value: value, unit: model.observables.first { $0.name == name }!.unit)
            }
        }
        let profile = ProfileRegistry.named(spec.profile)
        for (name, factor) in man.factors {
            guard let k = model.parameterIndex(name) else { continue }
            let base = spec.overrides[name] ?? profile?.overrides[name] ?? model.parameters[k].value
            spec.overrides[name] = base * factor
        }
        return spec.patient(observables: HPGModel(drugs: []).observables)
    }

    /// What one man's simulation gives: the kept trajectory, values at day 0, means over the response window,
    /// his age, BMI and solver steps.
    public struct Outcome: Sendable {
        /// trajectory[o][t]: observable o at times[t].
        public var trajectory: [[Double]]
        public var summary: Summary
        /// His draws and the rules that fired on them, when the scenario monitors (titrated on his own labs).
        public var decisions: DecisionLog?
    }

    /// The numbers the responder analysis needs (conventional units).
    public struct Summary: Sendable, Equatable {
        public var age_years: Double
        public var BMI_kg_per_m2: Double
        /// Day-0 values of `Summary.labs`.
        public var baseline: [Double]
        /// Means over the response window of `Summary.labs`.
        public var onTreatment: [Double]
        public var solverSteps: Int

        public init(age_years: Double, BMI_kg_per_m2: Double, baseline: [Double], onTreatment: [Double], solverSteps: Int) {
            self.age_years = age_years
            self.BMI_kg_per_m2 = BMI_kg_per_m2
            self.baseline = baseline
            self.onTreatment = onTreatment
            self.solverSteps = solverSteps
        }

        /// Observables summarised, in order.
        public static let labs = ["testosterone", "estradiol", "T_E2_ratio", "LH", "FSH", "SHBG", "sperm_concentration"]

        public func baseline(_ name: String) -> Double { baseline[Self.labs.firstIndex(of: name)!] }
        public func onTreatment(_ name: String) -> Double { onTreatment[Self.labs.firstIndex(of: name)!] }
    }

    /// The man's whole trajectory at `times` (hours) under `doses` (the scenario's regimens as written when nil:
    /// a monitoring block's rules are not applied), with the scenario's method and tolerance. The model holds the
    /// scenario's drugs whatever `doses` gives, so the man's factors on their parameters always apply (no doses
    /// at all, or only another drug's, is a valid course).
    public func trajectory(for man: VirtualMan, doses: [DrugDose]? = nil, times: [Double]) throws(HPGError) -> Trajectory {
        try HPG.simulate(patient: patient(for: man), doses: doses ?? scenario.doses(), outputTimes: times, method: method,
                         relativeTolerance: relativeTolerance, absoluteTolerance: absoluteTolerance,
                         drugs: scenario.modelDrugs)
    }

    public func simulate(_ man: VirtualMan) throws(HPGError) -> Outcome {
        let (result, decisions) = try scenario.simulate(patient: patient(for: man), outputTimes: simulationTimes,
                                                        method: method, relativeTolerance: relativeTolerance,
                                                        subject: UInt64(man.index))
        let row = Dictionary(uniqueKeysWithValues: simulationTimes.enumerated().map { ($1, $0) })
        let specs = result.observables
        let index = { (name: String) in specs.firstIndex { $0.name == name }! }
        let trajectory = observables.map { spec in
            let j = index(spec.name)
            return times.map { result.values[row[$0]!][j] }
        }
        let labs = Summary.labs.map(index)
        let baseline = labs.map { result.values[row[0]!][$0] }
        let onTreatment = labs.map { j in
            responseTimes.reduce(0) { $0 + result.values[row[$1]!][j] } / Double(responseTimes.count)
        }
        let parameter = { (name: String) in result.parameters[result.model.parameterIndex(name)!] }
        return Outcome(trajectory: trajectory, summary: Summary(
            age_years: parameter(Reader.ageParameter), BMI_kg_per_m2: parameter("BMI_kg_per_m2"),
            baseline: baseline, onTreatment: onTreatment, solverSteps: result.statistics.steps),
            decisions: scenario.monitoring.map {
                DecisionLog(monitoring: $0, decisions: decisions, specs: specs, regimens: scenario.regimens)
            })
    }
}
