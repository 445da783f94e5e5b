import ODE

/// The one dosing engine of hpgsim: NONMEM event records (EVID 0–4, AMT, CMT, RATE, II, ADDL, SS,
/// per-record data items) driving any `DosingModel`.
///
///     let model = PKLibrary.model(named: "pk1cmt-depot")!          // ADVAN2 TRANS2: CL, V, KA
///     let engine = DosingEngine(model: model)
///     let records: [EventRecord] = [
///         .dose(1, at: 0, compartment: 1, interval: 24, additionalDoses: 27),   // 1 mg daily for 28 days
///     ] + (1...672).map { .observation(at: Double($0)) }
///     let result = try engine.simulate(records: records, parameters: ["CL": 1.3, "V": 98, "KA": 2.2])
///     let cp = result.recordOutputs.map { $0[0] }                  // CP on every record
///
/// Semantics (each follows NONMEM Users Guide VI "PREDPP", chapter V, and the NONMEM help entries):
/// - Which record governs: the parameters of record i (the caller's values overlaid by the record's
///   `items`) govern the interval (t₍ᵢ₋₁₎, tᵢ] — "when NONMEM advances system states from time t_j to
///   t_j+1, it uses covariates z … at time t_j+1" (nmusers cookbook, "Time-varying covariates"). After the
///   last record the last record's values continue.
/// - Dose controls Fn, ALAGn, Rn, Dn are taken from the dose record and apply to the dose and all its
///   additional doses: "The value of ALAGn in effect at time T applies to the dose and to all subsequent
///   additional doses, even if ALAGn changes value with a subsequent event record" (nmhelp "DOSE EVENT
///   RECORD"; likewise nmhelp "BIOAVAILABILITY FRACTION" and "DURATION PARAMETER").
/// - Bioavailability on an infusion scales the amount and keeps the rate, so it changes the duration:
///   "only the fraction F of A actually appears in the dose compartment (either instantaneously … with a
///   bolus dose, or over a period of time - with a regular infusion; the bioavailability fraction does
///   not apply to a steady-state infusion)" (nmhelp "BIOAVAILABILITY FRACTION"). With RATE = −2 the
///   duration Dn is kept and the rate is F·AMT/Dn.
/// - Additional doses (ADDL) and lagged doses that fall at the time of a record are given before that
///   record is processed; doses of the record itself (no lag) are given when it is processed, so the
///   record shows the value just after its dose.
/// - Resets (EVID 3, 4) and SS = 1 doses cancel infusions in progress and pending additional and lagged
///   doses ("infusions in progress or pending additional doses are cancelled", nmhelp "SS DATA ITEM").
/// - Every dose, lagged dose, infusion start and stop is a time the integrator stops at
///   (`Integrator.advance(to:)`, then `applyJump`); parameter changes restart the method as well.
///   Observation records and output times do not stop it: they are read from the method's dense output.
/// - Steady state: see `SteadyState.swift`.
public struct DosingEngine: Sendable {
    public let model: DosingModel

    public init(model: DosingModel) { self.model = model }

    /// Solver steps allowed per dose in the simulated span on top of the model's `maxSteps`: each dose
    /// restarts the method from a small step (about 20 steps are taken between the doses of a 90-min GnRH
    /// pump), so the budget grows with the regimen and `maxSteps` only bounds the work between doses.
    public static let stepsPerDose = 500

    /// Simulates one individual.
    ///
    /// - Parameters:
    ///   - records: the individual's records, in time order (equal times keep their order).
    ///   - parameters: values for model parameters, overriding the model's defaults; a record's `items`
    ///     override these for the interval that record governs. Item names the model does not know
    ///     (covariates for other purposes) are ignored.
    ///   - outputTimes: extra output times (need not be records). At a time with events the value after
    ///     all of them is reported.
    ///   - stopTimes: times at which the integrator ends a step although nothing happens there. A run whose
    ///     records differ from another's only at or after such a time t takes the same steps before t, so
    ///     its states before t are the same to the bit (a dose changed from t on cannot reach back through
    ///     the step that would otherwise straddle t).
    /// - Returns: the state and the model outputs on every record (after the record's own dose) and at
    ///   every output time, plus the solver's work counters.
    public func simulate(
        records: [EventRecord], parameters: [String: Double] = [:], outputTimes: [Double] = [],
        stopTimes: [Double] = []
    ) throws(DosingError) -> DosingResult {
        for name in parameters.keys.sorted() where model.parameterIndex(name) == nil {
            throw .unknownParameter(name: name, model: model.name, allowed: model.parameterNames)
        }
        let vectors = resolveParameters(records, parameters)
        var issues = check(records, parameters: vectors)
        issues += missingParameters(vectors, records)
        issues += doseCountIssues(records, until: Self.endTime(records, outputTimes))
        if !issues.isEmpty { throw .invalidRecords(issues) }
        let run = IndividualRun(engine: self, records: records, parameters: vectors, outputTimes: outputTimes,
                                stopTimes: stopTimes, baseParameters: base(parameters))
        return try run.run()
    }

    /// The problems `simulate` would reject these records for (empty when they are valid).
    public func validate(records: [EventRecord], parameters: [String: Double] = [:]) -> [RecordIssue] {
        let vectors = resolveParameters(records, parameters)
        return check(records, parameters: vectors) + missingParameters(vectors, records)
            + doseCountIssues(records, until: Self.endTime(records, []))
    }

    /// The end of the simulated span: the last record or output time.
    static func endTime(_ records: [EventRecord], _ outputTimes: [Double]) -> Double {
        max(records.indices.lazy.map { records[$0].time }.max() ?? 0, outputTimes.max() ?? -.infinity)
    }

    /// Model defaults overlaid by the caller's values.
    func base(_ parameters: [String: Double]) -> [Double] {
        var p = model.parameterDefaults
        for (name, value) in parameters { if let k = model.parameterIndex(name) { p[k] = value } }
        return p
    }

    /// One parameter vector per record: the base overlaid by the record's items.
    /// A record whose items equal the previous record's shares its vector (data sets repeat covariates
    /// on every row).
    func resolveParameters(_ records: [EventRecord], _ parameters: [String: Double]) -> [[Double]] {
        let base = base(parameters)
        var vectors: [[Double]] = []
        vectors.reserveCapacity(records.count)
        for i in records.indices {   // records[i] read in place, not copied (see `IndividualRun.run`)
            if records[i].items.isEmpty {
                vectors.append(base)
            } else if i > 0 && records[i].items == records[i - 1].items {
                vectors.append(vectors[i - 1])
            } else {
                var p = base
                for (name, value) in records[i].items where !value.isNaN {
                    if let k = model.parameterIndex(name) { p[k] = value }
                }
                vectors.append(p)
            }
        }
        return vectors
    }

    /// Whether two parameter vectors are one array storage: records with the same items share their vector
    /// (`resolveParameters`), so what holds for one vector holds for the next without reading it again.
    static func sameStorage(_ a: [Double], _ b: [Double]) -> Bool {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress && a.count == b.count } }
    }

    /// Required parameters still without a value (reported once each, at the first record that lacks it).
    func missingParameters(_ vectors: [[Double]], _ records: [EventRecord]) -> [RecordIssue] {
        var issues: [RecordIssue] = []
        var reported = Set<String>()
        let required = model.parameterNames.indices.filter { model.requiredParameters.contains(model.parameterNames[$0]) }
        for (i, p) in vectors.enumerated() where i == 0 || !Self.sameStorage(p, vectors[i - 1]) {
            for k in required where p[k].isNaN {
                let name = model.parameterNames[k]
                if reported.insert(name).inserted {
                    issues.append(RecordIssue(recordIndex: i, item: name, value: "missing",
                                              message: "model \(model.name) needs parameter \(name); give it as a data-set column or with --param \(name)=VALUE"))
                }
            }
        }
        return issues
    }

    /// Dose controls of compartment n (1-based) under the parameter vector `p`.
    func controls(compartment n: Int, _ p: [Double]) -> DoseControls {
        func value(_ name: String, _ fallback: Double) -> Double {
            model.parameterIndex(name).map { p[$0] } ?? fallback
        }
        return DoseControls(bioavailability: value("F\(n)", 1), lag: value("ALAG\(n)", 0),
                            modeledRate: value("R\(n)", .nan), modeledDuration: value("D\(n)", .nan))
    }
}

/// Fn, ALAGn, Rn, Dn of one dose compartment, fixed at the dose record.
struct DoseControls {
    var bioavailability: Double
    var lag: Double
    var modeledRate: Double
    var modeledDuration: Double
}

/// What `DosingEngine.simulate` returns.
public struct DosingResult: Sendable {
    /// State on each record, in input order (after the record's own dose, reset or steady state).
    public var recordStates = Rows(count: 0, width: 0)
    /// `model.outputs` on each record, with that record's parameters.
    public var recordOutputs = Rows(count: 0, width: 0)
    /// The extra output times as given, and the states and outputs there.
    public var outputTimes: [Double] = []
    public var outputStates: [[Double]] = []
    public var outputValues: [[Double]] = []
    /// Work of the main integration plus all steady-state iterations.
    public var statistics = SolverStatistics()
    /// Dosing cycles iterated for steady-state records (0 when there were none).
    public var steadyStateCycles = 0

    public init() {}
}
