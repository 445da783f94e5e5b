import ODE

/// How one dose enters its compartment, after Fn, Rn and Dn are applied.
enum DoseShape {
    case bolus(amount: Double)
    /// Zero-order input at `rate` for `duration` (amount = rate · duration).
    case infusion(rate: Double, duration: Double)
    /// Steady-state constant infusion (SS > 0, AMT = 0, II = 0): the system is set to its equilibrium under
    /// the infusion, which "terminates at the event time of the SS dose record" (nmhelp "SS DOSE EVENT
    /// RECORD"); the rate is RATE, or Rn with RATE = −1. Rate 0 is NONMEM's
    /// endogenous steady state.
    case constantInfusion(rate: Double)

    /// NONMEM's rules: F scales a bolus amount; for an infusion F scales the amount and keeps the rate
    /// (RATE > 0 or Rn), so the duration is F·AMT/rate; with RATE = −2 the duration Dn is kept and the rate
    /// is F·AMT/Dn. F does not apply to the steady-state constant infusion (nmhelp "BIOAVAILABILITY").
    init(_ r: EventRecord, _ c: DoseControls) {
        let amount = c.bioavailability * r.amount
        if r.steadyState != .none && r.amount == 0 && r.interval == 0 {
            self = .constantInfusion(rate: r.rate == EventRecord.modeledRate ? c.modeledRate : r.rate)
        } else if r.rate == 0 {
            self = .bolus(amount: amount)
        } else if r.rate == EventRecord.modeledDuration {
            self = .infusion(rate: amount / c.modeledDuration, duration: c.modeledDuration)
        } else {
            let rate = r.rate == EventRecord.modeledRate ? c.modeledRate : r.rate
            self = .infusion(rate: rate, duration: amount / rate)
        }
    }
}

/// A change scheduled for a time after the record that caused it (additional, lagged, implied doses and
/// infusion ends).
struct PendingEvent {
    enum Action {
        case bolus(stateIndex: Int, amount: Double)
        case start(Infusion)
        case stop(id: Int)
        /// Dose k of a record's ADDL series: given, and dose k + 1 scheduled, when it is applied. One
        /// pending event per series, so memory does not grow with ADDL.
        case series(DoseSeries, k: Int)
    }
    var time: Double
    /// Order of scheduling: breaks ties between events at the same time.
    var order: Int
    var action: Action
}

/// A dose record's doses TIME + k·II + ALAG, k = 0 … ADDL.
struct DoseSeries {
    var shape: DoseShape
    var stateIndex: Int
    var first: Double
    var interval: Double
    var last: Int

    func time(_ k: Int) -> Double { first + Double(k) * interval }
}

struct Infusion {
    var id: Int
    var stateIndex: Int
    var rate: Double
}

/// The simulation of one individual: walks the records in order, integrating between event times. One run
/// belongs to one thread and no access to its state overlaps another, so the stored properties skip the
/// dynamic exclusivity checks (they were 5 % of `hpgsim events` on its benchmark, callgrind).
final class IndividualRun {
    let engine: DosingEngine
    let model: DosingModel
    let records: [EventRecord]
    let parameters: [[Double]]
    let inputs: ModelInputs
    let integrator: Integrator
    let endTime: Double
    /// Output times sorted, with their positions in the caller's list.
    let outputs: [(time: Double, index: Int)]
    @exclusivity(unchecked) var outputCursor = 0
    /// Observation-type records not yet given a state (they are filled by dense output, like output
    /// times, so the integrator need not stop at them), with their record index.
    @exclusivity(unchecked) var pendingObservations: [(time: Double, index: Int)] = []
    @exclusivity(unchecked) var observationCursor = 0
    /// Pending events, sorted by (time, order): `pending[pendingHead...]`. Applied events are passed over by
    /// advancing the read index (removing the first element of an Array is O(count), which made N queued
    /// doses cost O(N²)); the applied prefix is dropped once it is at least half the array, O(1) amortized.
    @exclusivity(unchecked) var pending: [PendingEvent] = []
    @exclusivity(unchecked) var pendingHead = 0
    /// The earliest pending event.
    var nextPending: PendingEvent? { pendingHead < pending.count ? pending[pendingHead] : nil }
    /// Times the integrator stops at although nothing happens there (`DosingEngine.simulate(stopTimes:)`),
    /// ascending: `stops[stopCursor...]` are still ahead. Kept apart from `pending`, which a reset clears.
    let stops: [Double]
    @exclusivity(unchecked) var stopCursor = 0
    /// The next time the integration must end a step at: a pending event or a stop time.
    var nextStop: Double? {
        let stop = stopCursor < stops.count ? stops[stopCursor] : nil
        guard let event = nextPending?.time else { return stop }
        return stop.map { min($0, event) } ?? event
    }
    @exclusivity(unchecked) var active: [Infusion] = []
    @exclusivity(unchecked) var nextOrder = 0
    @exclusivity(unchecked) var nextInfusionID = 0
    @exclusivity(unchecked) var result = DosingResult()
    /// The state at an observation or output time inside the last step (reused: no allocation per time).
    @exclusivity(unchecked) var interpolated: [Double]
    /// The outputs of one record, reused for every record.
    @exclusivity(unchecked) var outputRow: [Double]

    init(engine: DosingEngine, records: [EventRecord], parameters: [[Double]], outputTimes: [Double],
         stopTimes: [Double] = [], baseParameters: [Double]) {
        stops = stopTimes.sorted()
        self.engine = engine
        self.model = engine.model
        self.records = records
        self.parameters = parameters
        let first = parameters.first ?? baseParameters
        inputs = ModelInputs(model: engine.model, parameters: first)
        let recordTimes = records.indices.map { records[$0].time }
        let start = min(recordTimes.min() ?? 0, outputTimes.min() ?? .infinity)
        endTime = max(recordTimes.max() ?? start, outputTimes.max() ?? -.infinity, start)
        // The step budget grows with the doses: each one restarts the method from a small step, so a long
        // pulsatile regimen needs steps in proportion to its doses (the model's maxSteps, plus
        // `stepsPerDose` for each dose in the span, ADDL doses counted).
        var options = model.engineOptions
        let end = endTime
        let doses = records.indices.reduce(0) { $0 + records[$1].doseCount(until: end) }
        options.maxSteps = Int(min(Double(options.maxSteps) + Double(DosingEngine.stepsPerDose) * doses, Double(Int.max / 2)))
        integrator = Integrator(
            model.problem(inputs: inputs, initialState: model.initialState(first), timeSpan: start...endTime),
            method: model.method, options: options)
        outputs = outputTimes.enumerated().map { ($0.element, $0.offset) }.sorted { ($0.time, $0.index) < ($1.time, $1.index) }
        result.outputTimes = outputTimes
        result.outputStates = Array(repeating: [], count: outputTimes.count)
        result.outputValues = Array(repeating: [], count: outputTimes.count)
        result.recordStates = Rows(count: records.count, width: engine.model.stateDimension)
        result.recordOutputs = Rows(count: records.count, width: engine.model.outputs.count)
        outputRow = [Double](repeating: 0, count: engine.model.outputs.count)
        interpolated = [Double](repeating: 0, count: engine.model.stateDimension)
        pendingObservations.reserveCapacity(records.count)
    }

    /// Whether the integrator must stop at record i: it changes the state (dose, reset), or the next
    /// record brings other parameters (NONMEM: those govern the interval that starts here). Any other
    /// record is an observation taken by dense output.
    func needsStop(_ i: Int) -> Bool {
        if records[i].event.isDose || records[i].event.isReset || i + 1 == records.count { return true }
        return !DosingEngine.sameStorage(parameters[i], parameters[i + 1])
            && !zip(parameters[i], parameters[i + 1]).allSatisfy { $0.bitPattern == $1.bitPattern }
    }

    func run() throws(DosingError) -> DosingResult {
        do {
            // By index, reading fields in place: a copy of each record (its items' reference count) was a
            // tenth of a run of `hpgsim events` (callgrind).
            for i in records.indices {
                setParameters(parameters[i])
                let (time, event) = (records[i].time, records[i].event)
                guard needsStop(i) else {
                    pendingObservations.append((time, i))
                    continue
                }
                try advance(to: time)
                if event.isReset { reset(to: model.initialState(parameters[i])) }
                if event.isDose { try dose(records[i], index: i) }
                applyEvents(dueAt: time)
                saveRecord(i, integrator.currentState)
            }
            try advance(to: endTime)
            saveOutputs(atOrBefore: endTime)
        } catch let failure as StepFailure {
            throw .numericalFailure(failure)
        } catch let error as DosingError {
            throw error
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
        result.statistics.add(integrator.statistics)
        return result
    }

    // MARK: Integration between events

    /// Integrates to `t`, stopping at every pending event on the way and applying it. Observation records
    /// at `t` (which come before the record being processed) then take the state, after the additional and
    /// lagged doses due at `t`.
    func advance(to t: Double) throws {
        while let next = nextStop, next <= t {
            try integrate(to: next)
            applyEvents(dueAt: next)
            while stopCursor < stops.count && stops[stopCursor] <= next { stopCursor += 1 }
        }
        try integrate(to: t)
        saveObservations(atOrBefore: integrator.time)
    }

    /// Integrates to `t` (no events inside), filling observation records and output times passed on the
    /// way by dense output.
    func integrate(to t: Double) throws {
        while integrator.time < t {
            saveObservations(atOrBefore: integrator.time)
            saveOutputs(atOrBefore: integrator.time)
            try integrator.step(notBeyond: t)
            while observationCursor < pendingObservations.count
                    && pendingObservations[observationCursor].time < integrator.time {
                let (time, index) = pendingObservations[observationCursor]
                integrator.interpolate(at: time, into: &interpolated)
                saveRecord(index, interpolated)
                observationCursor += 1
            }
            while outputCursor < outputs.count && outputs[outputCursor].time < integrator.time {
                integrator.interpolate(at: outputs[outputCursor].time, into: &interpolated)
                save(outputs[outputCursor].index, interpolated)
                outputCursor += 1
            }
        }
    }

    /// Observation records at or before the current time take the current state.
    func saveObservations(atOrBefore t: Double) {
        while observationCursor < pendingObservations.count && pendingObservations[observationCursor].time <= t {
            saveRecord(pendingObservations[observationCursor].index, integrator.currentState)
            observationCursor += 1
        }
    }

    func saveRecord(_ i: Int, _ state: [Double]) {
        result.recordStates.set(i, state)
        outputRow.withUnsafeMutableBufferPointer { model.outputs.evaluate(state, parameters[i], $0) }
        result.recordOutputs.set(i, outputRow)
    }

    /// Output times at or before the current time take the current state (after all events there).
    func saveOutputs(atOrBefore t: Double) {
        while outputCursor < outputs.count && outputs[outputCursor].time <= t {
            save(outputs[outputCursor].index, integrator.currentState)
            outputCursor += 1
        }
    }

    func save(_ index: Int, _ state: [Double]) {
        result.outputStates[index] = state
        result.outputValues[index] = model.evaluateOutputs(state, inputs.parameterArray)
    }

    /// NONMEM's rule: the record that ends an interval governs it, so its parameters are installed before
    /// integrating up to its time.
    func setParameters(_ p: [Double]) {
        if inputs.setParameters(p) { integrator.applyJump { _ in } }
    }

    // MARK: Events

    func schedule(_ time: Double, _ action: PendingEvent.Action) {
        guard time <= endTime else { return }
        let event = PendingEvent(time: time, order: nextOrder, action: action)
        nextOrder += 1
        var low = pendingHead, high = pending.count
        while low < high {
            let mid = (low + high) / 2
            if pending[mid].time <= time { low = mid + 1 } else { high = mid }
        }
        pending.insert(event, at: low)
    }

    /// Schedules one dose of `shape` into state `stateIndex` at `time`.
    func schedule(_ shape: DoseShape, into stateIndex: Int, at time: Double) {
        switch shape {
        case .bolus(let amount):
            if amount != 0 { schedule(time, .bolus(stateIndex: stateIndex, amount: amount)) }
        case .infusion(let rate, let duration):
            guard duration > 0 else { return }
            let infusion = newInfusion(stateIndex, rate)
            schedule(time, .start(infusion))
            schedule(time + duration, .stop(id: infusion.id))
        case .constantInfusion:
            preconditionFailure("a steady-state constant infusion sets the state only (SteadyState.swift)")
        }
    }

    func newInfusion(_ stateIndex: Int, _ rate: Double) -> Infusion {
        defer { nextInfusionID += 1 }
        return Infusion(id: nextInfusionID, stateIndex: stateIndex, rate: rate)
    }

    /// Applies every pending event at or before `t` (the integrator is at `t`) as one jump.
    func applyEvents(dueAt t: Double) {
        var boluses: [(Int, Double)] = []
        var infusionsChanged = false
        while let next = nextPending, next.time <= t {
            pendingHead += 1
            switch next.action {
            case .bolus(let index, let amount): boluses.append((index, amount))
            case .start(let infusion): active.append(infusion); infusionsChanged = true
            case .stop(let id): active.removeAll { $0.id == id }; infusionsChanged = true
            case .series(let series, let k):
                // Scheduled at this time, so applied in this same pass (the queue is ordered by time).
                schedule(series.shape, into: series.stateIndex, at: next.time)
                if k < series.last { schedule(series.time(k + 1), .series(series, k: k + 1)) }
            }
        }
        if pendingHead >= 1024 && 2 * pendingHead >= pending.count {
            pending.removeFirst(pendingHead)
            pendingHead = 0
        }
        if infusionsChanged { inputs.setInfusions(active.map { ($0.stateIndex, $0.rate) }) }
        if !boluses.isEmpty || infusionsChanged {
            integrator.applyJump { y in for (index, amount) in boluses { y[index] += amount } }
        }
    }

    /// EVID 3/4 and SS = 1: pending doses and running infusions are cancelled, the state replaced.
    func reset(to state: [Double]) {
        pending.removeAll()
        pendingHead = 0
        active.removeAll()
        inputs.setInfusions([])
        integrator.applyJump { $0 = state }
    }

    /// A dose record: steady state first if requested, then the record's own dose and its ADDL doses,
    /// each at its time plus ALAGn (nmhelp "DOSE EVENT RECORD": "Absorption lag applies to the initiating
    /// dose and to all subsequent additional doses").
    func dose(_ r: EventRecord, index i: Int) throws {
        let c = engine.controls(compartment: r.compartment, parameters[i])
        let shape = DoseShape(r, c)
        let stateIndex = model.compartmentStates[r.compartment - 1]
        if r.steadyState != .none {
            try steadyState(r, index: i, shape: shape, controls: c, stateIndex: stateIndex)
            if case .constantInfusion = shape { return }
        }
        // The first dose now; the ADDL doses one at a time as the series reaches them (times increase with
        // k, as ADDL > 0 has II > 0, and `schedule` drops times past the end), so ADDL = 999 999 999 costs
        // neither memory nor time beyond the simulated span.
        let series = DoseSeries(shape: shape, stateIndex: stateIndex, first: r.time + c.lag, interval: r.interval,
                                last: r.additionalDoses)
        schedule(shape, into: stateIndex, at: series.time(0))
        if r.additionalDoses > 0 { schedule(series.time(1), .series(series, k: 1)) }
    }
}
