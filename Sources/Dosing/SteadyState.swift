import ODE

/// Steady-state doses (SS = 1, 2) and the steady-state constant infusion.
///
/// NONMEM (nmhelp "SS DOSE EVENT RECORD"): "A steady-state dose is a dose that is imagined to be the last
/// of a series of implied doses, each exactly like the dose in question, given at a regular interval
/// specified by the II data item and leading to steady-state by the time the steady-state dose is given."
/// "When absorption lag applies, it is understood to apply to all implied doses. Steady-state is computed
/// as if there were no ALAG, and then there is an advance to the appropriate point in the steady-state
/// cycle (II-ALAG)." SS = 1 resets the amounts to the steady state (prior amounts "zeroed out", infusions
/// in progress and pending additional doses cancelled); SS = 2 adds the steady-state amounts to the
/// amounts the system has at that time, "meaningful when kinetics are linear and the superposition
/// principle holds" (nmhelp "SS DATA ITEM").
///
/// How hpgsim computes it, for any model (as NONMEM does for the general ADVANs): starting from the
/// model's reset state, dosing cycles of length II are integrated one after the other until the state at
/// the start of a cycle stops changing: with Δₖ the change over cycle k and ρ = ‖Δₖ‖/‖Δₖ₋₁‖ the observed
/// contraction, iteration stops when ‖Δₖ‖ ≤ 1 and the remaining distance to the fixed point estimated by
/// the geometric tail ‖Δₖ‖·ρ/(1−ρ) ≤ 1 (norms weighted by the steady-state tolerances). For linear
/// kinetics this converges to the superposition of infinitely many doses (the geometric series) at the
/// rate e^(−λ·II) of the slowest eigenvalue λ.
///
/// Inside one cycle (phase τ ∈ [0, II) after a dose), an infusion of duration D overlaps with the ones
/// started k·II earlier while k·II + τ < D, so the input is (⌊D/II⌋ + 1)·R for τ < D mod II and ⌊D/II⌋·R
/// after: infusions longer than II are exact. The state at the record time t is the cycle state at phase
/// σ = m·II − ALAG, where the last implied dose before t was m = max(1, ⌈ALAG/II⌉) intervals before the
/// lagged record dose; implied doses still to come after t (ALAG > II) and implied infusions still running
/// at t are scheduled, so after t the system continues exactly as the infinite dose series would.
///
/// The cycles run on their own clock starting at t = 0: a right-hand side that depends on t explicitly
/// (a circadian rhythm) sees cycle time, not the record's time.
///
/// The constant infusion (AMT = 0, RATE > 0 or RATE = −1 with Rn, II = 0) goes to the equilibrium of the
/// model under that input, by the same iteration over chunks of time that double while contraction is
/// slow; the infusion then stops: "The infusion terminates at the event time of the SS dose record. The
/// ADDL data item cannot be used to specify additional transient doses" (nmhelp "SS DOSE EVENT RECORD",
/// the row AMT 0, RATE 0/>0/−1, II 0). After the record the amounts wash out (A₀·e^(−k·t) for one
/// compartment). With RATE = 0 this is NONMEM's endogenous steady state
/// (the model's own equilibrium, e.g. a hormone baseline). SS = 2 adds the change the steady state makes to the
/// reset state (for PK models the reset state is zero, so this is NONMEM's sum).
extension IndividualRun {
    func steadyState(
        _ r: EventRecord, index i: Int, shape: DoseShape, controls c: DoseControls, stateIndex: Int
    ) throws {
        let p = parameters[i]
        let resetState = model.initialState(p)
        if case .constantInfusion(let rate) = shape {
            let equilibrium = try iterateSteadyState(p, from: resetState, record: i, time: r.time) { cycle in
                try cycle.constantInput(stateIndex: stateIndex, rate: rate)
            }
            install(r.steadyState, equilibrium, resetState)
            return
        }
        let interval = r.interval
        let cycles = max(1.0, (c.lag / interval).rounded(.up))
        let phase = cycles * interval - c.lag
        let periodic = try iterateSteadyState(p, from: resetState, record: i, time: r.time) { cycle in
            try cycle.dosingCycle(shape: shape, stateIndex: stateIndex, interval: interval, toPhase: nil)
        } finish: { cycle in
            try cycle.dosingCycle(shape: shape, stateIndex: stateIndex, interval: interval, toPhase: phase)
        }
        install(r.steadyState, periodic, resetState)
        // Implied doses k = 1, 2, … at t + ALAG − k·II that still act after t.
        let lagged = r.time + c.lag
        switch shape {
        case .bolus:
            for k in stride(from: 1, to: Int(cycles), by: 1) {
                schedule(shape, into: stateIndex, at: lagged - Double(k) * interval)
            }
        case .infusion(let rate, let duration):
            var k = 1
            while lagged - Double(k) * interval + duration > r.time {
                let start = lagged - Double(k) * interval
                if start > r.time {
                    schedule(shape, into: stateIndex, at: start)
                } else {
                    let infusion = newInfusion(stateIndex, rate)
                    active.append(infusion)
                    schedule(start + duration, .stop(id: infusion.id))
                }
                k += 1
            }
            inputs.setInfusions(active.map { ($0.stateIndex, $0.rate) })
            integrator.applyJump { _ in }
        case .constantInfusion:
            break
        }
    }

    /// SS = 1 replaces the state (and cancels what was pending); SS = 2 adds the steady-state excess.
    private func install(_ kind: EventRecord.SteadyState, _ steady: [Double], _ resetState: [Double]) {
        if kind == .reset {
            reset(to: steady)
        } else {
            integrator.applyJump { y in for j in 0..<y.count { y[j] += steady[j] - resetState[j] } }
        }
    }

    /// Iterates `cycle` from `start` until the state at the cycle boundaries is periodic, then runs
    /// `finish` (default: nothing) from the periodic state and returns the state it ends in.
    private func iterateSteadyState(
        _ p: [Double], from start: [Double], record i: Int, time: Double,
        cycle: (SteadyStateCycle) throws -> Void,
        finish: ((SteadyStateCycle) throws -> Void)? = nil
    ) throws -> [Double] {
        let runner = SteadyStateCycle(model: model, parameters: p, start: start)
        defer { result.statistics.add(runner.integrator.statistics) }
        let relative = model.steadyStateRelativeTolerance ?? model.solverOptions.relativeTolerance
        let absolute = model.steadyStateAbsoluteTolerance
        var previous = start
        var previousChange = Double.infinity
        var change = Double.infinity
        // Two cycles at least: convergence is judged on the contraction between successive cycles.
        let cycles = max(2, model.steadyStateMaxCycles)
        for k in 1...cycles {
            try cycle(runner)
            result.steadyStateCycles += 1
            let y = runner.integrator.currentState
            change = 0
            for j in 0..<y.count {
                let scale = (absolute ?? model.solverOptions.absoluteTolerance(j))
                    + relative * max(abs(y[j]), abs(previous[j]))
                change = max(change, abs(y[j] - previous[j]) / scale)
            }
            let contraction = previousChange.isFinite && previousChange > 0 ? change / previousChange : 1
            previous = y
            previousChange = change
            runner.lastContraction = contraction
            if k >= 2 && (change == 0 || (change <= 1 && contraction < 1 && change * contraction / (1 - contraction) <= 1)) {
                if let finish { try finish(runner) }
                return runner.integrator.currentState
            }
        }
        throw DosingError.steadyStateNotReached(recordIndex: i, time: time, cycles: cycles,
                                                change: change * relative)
    }
}

/// An integration that runs dosing cycles back to back, for the steady-state iteration.
final class SteadyStateCycle {
    let inputs: ModelInputs
    let integrator: Integrator
    /// Start of the next cycle.
    private var cycleStart = 0.0
    /// Length of the next equilibrium chunk (constant infusion); doubles while contraction is slow.
    private var chunk = 1.0
    var lastContraction = 1.0

    init(model: DosingModel, parameters: [Double], start: [Double]) {
        inputs = ModelInputs(model: model, parameters: parameters)
        var options = model.engineOptions
        options.maxSteps = .max
        integrator = Integrator(model.problem(inputs: inputs, initialState: start, timeSpan: 0...1e300),
                                method: model.method, options: options)
    }

    /// One cycle from a dose: the dose at phase 0, the input of all overlapping infusions, then on to
    /// phase II (or to `toPhase` when given, for the final partial cycle).
    func dosingCycle(shape: DoseShape, stateIndex: Int, interval: Double, toPhase: Double?) throws(StepFailure) {
        let end = toPhase ?? interval
        switch shape {
        case .bolus(let amount):
            integrator.applyJump { $0[stateIndex] += amount }
            try integrator.advance(to: cycleStart + end)
        case .infusion(let rate, let duration):
            let full = (duration / interval).rounded(.down)
            let remainder = duration - full * interval
            inputs.setInfusions([(stateIndex, (full + (remainder > 0 ? 1 : 0)) * rate)])
            integrator.applyJump { _ in }
            if remainder > 0 && remainder < end {
                try integrator.advance(to: cycleStart + remainder)
                inputs.setInfusions([(stateIndex, full * rate)])
                integrator.applyJump { _ in }
            }
            try integrator.advance(to: cycleStart + end)
        case .constantInfusion:
            preconditionFailure("constant infusion has no cycle")
        }
        cycleStart += interval
    }

    /// One chunk of constant input towards equilibrium.
    func constantInput(stateIndex: Int, rate: Double) throws(StepFailure) {
        if integrator.time == 0 {
            inputs.setInfusions([(stateIndex, rate)])
            integrator.applyJump { _ in }
        }
        if lastContraction > 0.5 && chunk < 1e12 { chunk *= 2 }   // bounded: a model without equilibrium fails by cycle count
        try integrator.advance(to: integrator.time + chunk)
    }
}
