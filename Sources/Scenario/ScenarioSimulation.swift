import Dosing
import HPG
import ODE

extension ScenarioCatalog {
    /// The model's vocabulary: every registered drug and profile, the physiological observables with their
    /// conventional and SI units, and every parameter (physiological and drug).
    ///
    /// Routes: each drug's own (`HPG.Route`): oral, IM, SC and transdermal doses go to its depot (compartment 1)
    /// with the drug's declared bioavailability; IV doses go to its plasma compartment.
    public static let hpg: ScenarioCatalog = {
        let physiological = HPGModel(drugs: []).observables
        let all = HPGModel(drugs: DrugRegistry.all)
        let drugs = DrugRegistry.all.map { drug in
            let routes = drug.routes.map { (name: $0.rawValue, compartment: $0.compartment(of: drug.pk)) }
            let own = HPGModel(drugs: [drug]).observables.dropFirst(physiological.count)
            return Drug(name: drug.name, routes: routes, doseDimension: drug.doseUnit == .IU ? .activity : .mass,
                        baseUnitsPerDoseUnit: drug.doseUnit == .ug ? 1e-3 : 1, observables: own.map(\.name),
                        concentrations: own.map(Observable.init))
        }
        return ScenarioCatalog(
            drugs: drugs, profiles: ProfileRegistry.names,
            observables: physiological.map(Observable.init),
            labObservables: PatientSpec.labFields.map(\.observable),
            parameters: all.parameters.map { Parameter(name: $0.name, unit: $0.unit, allowed: $0.allowed) },
            methods: Method.all.map(\.name))
    }()
}

extension ScenarioCatalog.Observable {
    /// The observable's names and units as a scenario writes them: conventional unit first, then SI; a bare
    /// number stands for a dimensionless value or a ratio.
    init(_ spec: ObservableSpec) {
        self.init(name: spec.name, units: spec.unit == spec.siUnit ? [spec.unit] : [spec.unit, spec.siUnit],
                  unitWhenOmitted: spec.unit == "1" || spec.unit.contains(" per ") ? spec.unit : nil)
    }
}

extension PatientSpec {
    /// Observable → the `BaselineLabs` field (conventional unit) it sets. (Key paths are immutable values;
    /// Swift does not yet mark them Sendable.)
    nonisolated(unsafe) static let labFields: [(observable: String, field: WritableKeyPath<BaselineLabs, Double?>)] = [
        ("testosterone", \.testosterone_ng_per_dL), ("estradiol", \.estradiol_pg_per_mL),
        ("estradiol_immunoassay", \.estradiolImmunoassay_pg_per_mL),
        ("LH", \.LH_IU_per_L), ("FSH", \.FSH_IU_per_L),
        ("sperm_concentration", \.spermConcentration_million_per_mL),
        ("total_motile_count", \.totalMotileCount_million), ("strict_morphology", \.strictMorphology_percent),
        ("SHBG", \.SHBG_nmol_per_L),
    ]

    /// The model's patient; labs written in SI units are converted to conventional ones by the observable's
    /// SI factor.
    func patient(observables: [ObservableSpec]) -> Patient {
        var labs = BaselineLabs()
        for (name, field) in Self.labFields {
            guard let lab = baselineLabs[name], let spec = observables.first(where: { $0.name == name }) else { continue }
            labs[keyPath: field] = lab.unit == spec.unit ? lab.value : lab.value / spec.siFactor
        }
        return Patient(profile: profile, labs: baselineLabs.isEmpty ? nil : labs, BMI_kg_per_m2: bodyMassIndex,
                       age_years: age, overrides: overrides)
    }
}

extension Scenario {
    /// The doses of every regimen (the scenario's, or `regimens`) as the model takes them: NONMEM records in each
    /// drug's dose unit, into the compartment of the regimen's route, until `end` hours (the simulation's end).
    public func doses(_ regimens: [Regimen]? = nil, until end: Double? = nil, catalog: ScenarioCatalog = .hpg) -> [DrugDose] {
        Self.doses(of: regimens ?? self.regimens, until: end ?? simulation.duration, catalog: catalog)
    }

    /// The doses of `regimens` before `end`, in regimen order.
    static func doses(of regimens: [Regimen], until end: Double, catalog: ScenarioCatalog) -> [DrugDose] {
        regimens.flatMap { regimen -> [DrugDose] in
            guard let drug = catalog.drug(regimen.drug),
                  let route = drug.routes.first(where: { $0.name == regimen.route }) else {
                preconditionFailure("the loader admits only catalog drugs and routes")
            }
            return regimen.records(amount: regimen.dose.baseValue / drug.baseUnitsPerDoseUnit,
                                   compartment: route.compartment, until: end)
                .map { DrugDose(drug: regimen.drug, record: $0) }
        }
    }

    /// Simulates the scenario: the CSV table on the output grid in `units`, and the comparisons with the
    /// reported values (each in the unit the study reported it in). `method` (a `Method.all` name) overrides
    /// the scenario's `simulation.method`; with neither, the model's default method integrates. A name not in
    /// `Method.all` throws `HPGError.unknownMethod` (it is not replaced by the default).
    /// `maxSteps`, `relativeTolerance` and `absoluteTolerance` override the scenario's `simulation.max_steps`,
    /// `simulation.rtol` and `simulation.atol` (`solverSettings`).
    /// `report` replaces the scenario's `report` block (the command line's `--at`, `--when`, `--report`).
    public func simulate(units: UnitSystem, method: String? = nil, maxSteps: Int? = nil, relativeTolerance: Double? = nil,
                         absoluteTolerance: Double? = nil, report: ReportSpec? = nil) throws(HPGError) -> ScenarioResult {
        let grid = outputTimes
        let reportSpec = report ?? self.report
        let dense = reportSpec.map { ReportSpec.denseTimes(self) + $0.at } ?? []
        let times = Array(Set(grid + comparisonTimes + (monitoring?.drawTimes ?? []) + dense)).sorted()
        let physiological = HPGModel(drugs: []).observables
        let solver = try solverSettings(method: method, maxSteps: maxSteps, relativeTolerance: relativeTolerance,
                                        absoluteTolerance: absoluteTolerance)
        let (trajectory, decisions) = try simulate(patient: patient.patient(observables: physiological),
                                                   outputTimes: times, method: solver.method, maxSteps: solver.maxSteps,
                                                   relativeTolerance: solver.relativeTolerance,
                                                   absoluteTolerance: solver.absoluteTolerance)
        let row = Dictionary(uniqueKeysWithValues: times.enumerated().map { ($1, $0) })
        let specs = trajectory.observables
        let names = output.observables.isEmpty ? specs.map(\.name) : output.observables
        let columns = names.map { name in
            let j = specs.firstIndex { $0.name == name }!
            let spec = specs[j], si = units == .si
            return TrajectoryCSV.Column(name: name, unit: si ? spec.siUnit : spec.unit,
                                        header: si ? spec.siColumn : spec.column,
                                        values: grid.map { trajectory.values[row[$0]!][j] * (si ? spec.siFactor : 1) })
        }
        let comparisons = comparisons { name, unit, hours in
            let j = specs.firstIndex { $0.name == name }!
            return trajectory.values[row[hours]!][j] * (unit == specs[j].unit ? 1 : specs[j].siFactor)
        }
        // Bounds are in conventional units, the unit the trajectory is in; every simulated time is checked.
        let warnings = PlausibilityBound.all.compactMap { bound -> PlausibilityWarning? in
            guard let j = specs.firstIndex(where: { $0.name == bound.observable && $0.unit == bound.unit }) else {
                preconditionFailure("PlausibilityBound.all names \(bound.observable) in \(bound.unit), which the model does not have")
            }
            return bound.warning(scenario: name, timesHours: times, values: trajectory.values.map { $0[j] })
        }
        let clinical = reportSpec.map { spec in
            ClinicalReport(spec, scenario: self, times: times, observables: specs) { name in trajectory.series(name)! }
        }
        return ScenarioResult(scenario: self, units: units, csv: TrajectoryCSV(timesHours: grid, columns: columns),
                              comparisons: comparisons, warnings: warnings, solver: solver,
                              decisions: monitoring.map { DecisionLog(monitoring: $0, decisions: decisions, specs: specs, regimens: regimens) },
                              report: clinical)
    }

    /// The drugs the model holds: the regimens', then those a monitoring rule may switch to.
    public var modelDrugs: [String] { regimens.map(\.drug) + (monitoring?.switchDrugs ?? []) }

    /// `patient` under the scenario's regimens, titrated by its monitoring rules when it has them (`Titration`;
    /// `subject` keys the assay noise: 0 for `run`, man i for `population`). `outputTimes` hold the draw times.
    public func simulate(patient: Patient, outputTimes: [Double], method: Method, maxSteps: Int? = nil,
                         relativeTolerance: Double, absoluteTolerance: Double? = nil,
                         subject: UInt64 = 0) throws(HPGError) -> (Trajectory, [Decision]) {
        guard let monitoring else {
            return (try HPG.simulate(patient: patient, doses: doses(), outputTimes: outputTimes, method: method,
                                     maxSteps: maxSteps, relativeTolerance: relativeTolerance,
                                     absoluteTolerance: absoluteTolerance), [])
        }
        let drugs = modelDrugs
        let titration = Titration(monitoring: monitoring, regimens: regimens, end: simulation.duration, catalog: .hpg)
        return try titration.run(subject: subject) { doses, stops throws(HPGError) in
            try HPG.simulate(patient: patient, doses: doses, outputTimes: outputTimes, method: method, maxSteps: maxSteps,
                             relativeTolerance: relativeTolerance, absoluteTolerance: absoluteTolerance, drugs: drugs,
                             stopTimes: stops)
        }
    }
}
