import Foundation
import HPG
import Population

/// One draw of a monitored run: the labs seen, and the rule that fired on them, if any.
public struct Decision: Sendable, Equatable {
    /// 0-based index among `Monitoring.drawTimes`.
    public var draw: Int
    /// Hours: when the labs were drawn, and when their result was known (draw + `result_after`).
    public var drawTime: Double
    public var knownTime: Double
    /// Per lab of `Monitoring.labs`, in conventional units: the value seen (with the assay's error) and the
    /// simulated value it was drawn from.
    public var seen: [Double]
    public var simulated: [Double]
    /// The first rule whose conditions held; nil when none did.
    public var rule: MonitoringRule?
    /// Whether the doses changed: a rule that asks for what is already given changes nothing.
    public var changed = false
    /// The regimen the rule's regimen became from `effective` on (when nothing changed, the one in force);
    /// nil when it is stopped.
    public var regimen: Regimen?
    /// Hours: the first dose of the new regimen, or the first dose no longer given.
    public var effective: Double?
}

/// Runs a scenario's monitoring rules: simulates, reads the labs of the first draw not yet read, applies the
/// first rule that holds, and when the rule changes the doses rebuilds them — every dose before the time the
/// result is known unchanged, the new regimen from the next dose at or after it — and simulates again; then
/// the next draw. Each draw changes the doses at most once, so a run costs at most `Monitoring.maximumDraws`
/// simulations more.
///
/// The integrator stops at every time a result is known (`HPG.simulate(stopTimes:)`) in every one of these
/// simulations, so a simulation whose doses changed from such a time on repeats the one before it to the bit
/// up to that time: the trajectory before a decision is the undecided one.
///
/// Assay error: a lab of true value x is seen as x·exp(σz − σ²/2), σ² = ln(1 + CV²), z ~ N(0, 1) — log-normal
/// with mean x and coefficient of variation CV exactly. z comes from the Philox stream keyed by the block's
/// seed with counter (subject, stream k + 1) for draw k (stream 0 is the population's between-subject draws),
/// one deviate per measured lab in `Monitoring.measured` order: a draw's error depends on (seed, subject,
/// draw) alone, not on the decisions before it, the thread or the shard. A ratio (T/E2) is seen as the
/// quotient of its two labs as seen.
struct Titration {
    let monitoring: Monitoring
    let regimens: [Regimen]
    let end: Double
    let catalog: ScenarioCatalog

    /// One regimen as the rules leave it: the pieces that give its doses, and the regimen in force.
    struct Course: Equatable {
        var pieces: [Regimen]
        /// The regimen now in force, as a template for the next piece (start and stop its own).
        var current: Regimen
        var active = true

        init(_ regimen: Regimen) {
            pieces = [regimen]
            current = regimen
            // ii/addl as the interval with a stop after its last dose, so that a piece can start anywhere on it.
            if case let .additional(interval, additional) = regimen.schedule {
                current.schedule = .every(hours: interval)
                current.stop = regimen.start + (Double(additional) + 0.5) * interval
            }
        }
    }

    /// Simulates under `simulate` (given doses and the times at which to stop), returning the last trajectory
    /// and one decision per draw.
    func run(subject: UInt64,
             simulate: ([DrugDose], [Double]) throws(HPGError) -> Trajectory) throws(HPGError) -> (Trajectory, [Decision]) {
        let stops = monitoring.drawTimes.map { $0 + monitoring.resultDelay }
        var courses = regimens.map(Course.init)
        var trajectory = try simulate(doses(courses), stops)
        var decisions: [Decision] = []
        for (k, time) in monitoring.drawTimes.enumerated() {
            let known = time + monitoring.resultDelay
            let (seen, simulated) = labs(draw: k, at: time, in: trajectory, subject: subject)
            var decision = Decision(draw: k, drawTime: time, knownTime: known, seen: seen, simulated: simulated)
            if let rule = monitoring.rules.first(where: { holds($0, seen) }) {
                decision.rule = rule
                let (course, effective) = apply(rule.change, to: courses[rule.regimen], at: known)
                let before = courses[rule.regimen]
                decision.effective = effective
                if changesDoses(from: before, to: course, after: known) {
                    decision.changed = true
                    decision.regimen = course.active ? course.current.starting(at: effective) : nil
                    courses[rule.regimen] = course
                    trajectory = try simulate(doses(courses), stops)
                } else {
                    decision.regimen = before.active ? before.pieces.last : nil
                }
            }
            decisions.append(decision)
        }
        return (trajectory, decisions)
    }

    /// Lab values drawn at `time` (an output time of `trajectory`): seen and simulated, conventional units.
    func labs(draw k: Int, at time: Double, in trajectory: Trajectory, subject: UInt64) -> ([Double], [Double]) {
        guard let row = trajectory.times.firstIndex(of: time) else {
            preconditionFailure("draw times are output times of the simulation")
        }
        let value = { (name: String) in trajectory.values[row][trajectory.observables.firstIndex { $0.name == name }!] }
        let factor = monitoring.assayFactors(draw: k, subject: subject)
        let simulated = monitoring.labs.map(value)
        let seen = zip(monitoring.labs, simulated).map { lab, x in
            Monitoring.ratios[lab].map { x * factor[$0.numerator]! / factor[$0.denominator]! } ?? x * factor[lab]!
        }
        return (seen, simulated)
    }

    /// Whether every condition of `rule` holds for the labs seen (conventional units, as the thresholds).
    func holds(_ rule: MonitoringRule, _ seen: [Double]) -> Bool {
        rule.conditions.allSatisfy { condition in
            condition.holds(seen[monitoring.labs.firstIndex(of: condition.observable)!])
        }
    }

    /// The course after `change` takes effect at `known`: its doses before the next dose at or after `known`
    /// kept, the new regimen from that dose on (from `known` itself when the regimen gives no more doses, as
    /// after a stop). Also that time.
    func apply(_ change: RegimenChange, to course: Course, at known: Double) -> (Course, Double) {
        let next = course.active ? course.pieces.last?.doseTimes(until: end).first { $0 >= known } : nil
        let effective = next ?? known
        var changed = course
        changed.pieces = course.pieces.compactMap { $0.ending(before: effective) }
        changed.active = !change.stop
        if !change.stop {
            changed.current = change.applied(to: course.current)
            let piece = changed.current.starting(at: effective)
            if effective < min(piece.stop ?? end, end) { changed.pieces.append(piece) }
        }
        return (changed, effective)
    }

    /// Whether the course's doses from `time` on differ: a regimen set to what it already is, or changed after
    /// it has ended, gives the same doses.
    func changesDoses(from old: Course, to new: Course, after time: Double) -> Bool {
        let future = { (course: Course) in
            course.pieces.contains { piece in piece.doseTimes(until: end).contains { $0 >= time } }
        }
        guard future(old) || future(new) else { return false }
        return old.active != new.active || old.current != new.current
    }

    func doses(_ courses: [Course]) -> [DrugDose] {
        Scenario.doses(of: courses.flatMap(\.pieces), until: end, catalog: catalog)
    }
}

extension Monitoring {
    /// The assay's multiplicative error of each measured lab on draw k: exp(σz − σ²/2), σ² = ln(1 + CV²).
    public func assayFactors(draw k: Int, subject: UInt64) -> [String: Double] {
        var stream = SubjectStream(seed: seed, subject: subject, stream: UInt32(k + 1))
        let variance = log1p(cv * cv)
        var factors: [String: Double] = [:]
        for name in measured { factors[name] = exp(variance.squareRoot() * stream.normal() - variance / 2) }
        return factors
    }
}

extension Regimen {
    /// The same regimen from `time` on.
    func starting(at time: Double) -> Regimen {
        var regimen = self
        regimen.start = time
        return regimen
    }

    /// The regimen with its doses before `time` only; nil when it gives none.
    func ending(before time: Double) -> Regimen? {
        guard start < time else { return nil }
        var regimen = self
        switch schedule {
        case .once:
            break
        case .every, .weekdays:
            regimen.stop = min(stop ?? time, time)
        case let .additional(interval, additional):
            // Doses start + k·interval < time, k = 0 … additional.
            let before = doseTimes(until: .infinity).filter { $0 < time }.count
            regimen.schedule = .additional(interval: before > 1 ? interval : 0, additional: min(additional, before - 1))
        }
        return regimen
    }
}
