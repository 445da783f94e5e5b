/// NONMEM's data-set rules, checked before anything is integrated. Every broken rule on every record is
/// reported (not only the first). The rules and the passages they follow (NONMEM Users Guide VI,
/// chapter V, and the NONMEM help entries for each data item, nmhelp "AMT", "II", "ADDL", "SS"):
///
/// - TIME: "the value of time must be greater than or equal to its value on the prior event record"
///   (SS item, SS = 1); hpgsim applies it to every record of an individual. Negative TIME is rejected.
/// - AMT: "AMT must be 0 for non-dose event records. AMT must be 0 for 'steady-state with constant
///   infusion' dose or reset-dose event records. AMT must be a positive number in all other dose or
///   reset-dose event records."
/// - RATE: 0 (bolus), > 0 (infusion), −1 (rate modeled by Rn), −2 (duration modeled by Dn); zero on
///   non-dose records. −1/−2 need Rn/Dn defined and positive.
/// - II: "For a steady-state infusion (AMT=0; RATE>0), II should be 0. For other steady-state doses, II
///   should be a positive number. For non-steady-state doses, II should be a positive number if and only
///   if the ADDL data item is a positive number. For observation, other-type, and reset event records, II
///   should be zero."
/// - ADDL: "For steady-state infusions, ADDL must be 0"; the II entry defines that term: "For a
///   steady-state infusion (AMT=0; RATE>0), II should be 0", so the rule is for the constant infusion and
///   an SS dose with AMT > 0 given as an infusion may have ADDL. "For observation, other-type and reset
///   event records, ADDL should be zero."
///   Negative ADDL (NONMEM 7.5's empirical steady state) is not supported.
/// - SS: only on dose records, with the combinations of AMT, RATE and II of the SS dose table
///   (nmhelp "SS DOSE EVENT RECORD"): AMT > 0 with II > 0 (bolus or infusion), AMT = 0, RATE > 0 or −1,
///   II = 0 (constant infusion, "RATE 0,>0,-1"), or AMT = 0, RATE = 0, II = 0: "A record with AMT=0, RATE=0, SS>0, and
///   II=0 allows steady-state amounts to be computed by PREDPP based on endogenous input" (NONMEM Users
///   Guide VI, 4th ed., preface).
/// - CMT: on a dose, a dose compartment of the model, 1…n; on other records 0…n+1, n+1 being the output
///   compartment of NONMEM's numbering (ADVAN2: 3) — the observation compartment only has to exist, since
///   every output is reported. Negative CMT (compartment off) is not supported.
/// - Dose controls of the dose compartment (from the governing record): Fn ≥ 0, ALAGn ≥ 0.
/// - The model's `positiveParameters` (clearances, volumes, rate constants) are finite and > 0 wherever
///   given (reported once per parameter, at the first record).
/// - Bounded work (not a NONMEM rule): at most `maximumDoseEvents` doses (ADDL written out) fall in the
///   simulated span of one individual, and II must move TIME (TIME + II > TIME in floating point).
extension DosingEngine {
    /// Most doses (each ADDL dose counted) one individual may receive within the simulated span: far above
    /// any regimen (a GnRH pump every 90 min for ten years is 58 440), low enough that a mistyped II or
    /// ADDL is refused before any work instead of queueing billions of doses.
    public static let maximumDoseEvents = 1_000_000

    /// The record at which the doses up to `end` pass `maximumDoseEvents`, if they do.
    func doseCountIssues(_ records: [EventRecord], until end: Double) -> [RecordIssue] {
        var total = 0.0
        for i in records.indices {
            total += records[i].doseCount(until: end)
            if total > Double(Self.maximumDoseEvents) {
                return [RecordIssue(recordIndex: i, item: "ADDL", value: String(records[i].additionalDoses),
                                    message: "the individual receives more than \(Self.maximumDoseEvents) doses by TIME = \(format(end)) (ADDL doses counted); hpgsim simulates at most that many per individual")]
            }
        }
        return []
    }

    /// Every rule broken by `records` given the resolved parameter vectors (one per record).
    func check(_ records: [EventRecord], parameters: [[Double]]) -> [RecordIssue] {
        var issues: [RecordIssue] = []
        func issue(_ i: Int, _ item: String, _ value: Double, _ message: String) {
            issues.append(RecordIssue(recordIndex: i, item: item, value: format(value), message: message))
        }
        let n = model.compartmentCount
        let positive = model.positiveParameters.sorted().compactMap { name in model.parameterIndex(name).map { (name, $0) } }
        var reportedPositive = Set<String>()
        for i in records.indices {
            // Fields are read in place (records[i].x): binding the record copied it, its items' reference count
            // included (a tenth of `hpgsim events`, callgrind).
            let checked = i > 0 && Self.sameStorage(parameters[i], parameters[i - 1])
            for (name, k) in positive where !checked && !(parameters[i][k] > 0 && parameters[i][k].isFinite)
                && !parameters[i][k].isNaN && reportedPositive.insert(name).inserted {
                issue(i, name, parameters[i][k], "\(name) must be a finite number more than zero (a clearance, volume, rate constant or scale)")
            }
            if !records[i].time.isFinite || records[i].time < 0 {
                issue(i, "TIME", records[i].time, "TIME must be a finite number ≥ 0")
            } else if i > 0 && records[i].time < records[i - 1].time {
                issue(i, "TIME", records[i].time, "TIME decreases within the individual (previous record has TIME = \(format(records[i - 1].time))); sort the records by time")
            }
            if !(records[i].amount.isFinite && records[i].rate.isFinite && records[i].interval.isFinite) {   // (no list built per valid record)
                for (item, value) in [("AMT", records[i].amount), ("RATE", records[i].rate), ("II", records[i].interval)] where !value.isFinite {
                    issue(i, item, value, "must be a finite number")
                }
            }
            if records[i].interval < 0 { issue(i, "II", records[i].interval, "II must be ≥ 0") }
            if records[i].interval > 0 && records[i].time + records[i].interval == records[i].time {
                issue(i, "II", records[i].interval, "II is below the resolution of TIME = \(format(records[i].time)) (TIME + II = TIME in double precision)")
            }
            if records[i].additionalDoses < 0 {
                issue(i, "ADDL", Double(records[i].additionalDoses), "ADDL must be ≥ 0 (negative ADDL, NONMEM 7.5's empirical steady state, is not supported; use SS = 1)")
            }
            let highest = records[i].event.isDose ? n : n + 1
            if records[i].compartment < 0 || records[i].compartment > highest || (records[i].event.isDose && records[i].compartment == 0) {
                issue(i, "CMT", Double(records[i].compartment), "unknown compartment; model \(model.name) has dose compartments 1…\(n) (\(model.compartmentStates.map { model.stateNames[$0] }.joined(separator: ", "))) and output compartment \(n + 1)")
            }
            guard records[i].event.isDose else {
                let kind = records[i].event == .observation ? "an observation" : records[i].event == .reset ? "a reset" : "an other-type"
                if records[i].amount != 0 { issue(i, "AMT", records[i].amount, "AMT must be 0 (or missing) on \(kind) record (EVID \(records[i].event.rawValue))") }
                if records[i].rate != 0 { issue(i, "RATE", records[i].rate, "RATE must be 0 on \(kind) record") }
                if records[i].interval != 0 { issue(i, "II", records[i].interval, "II must be 0 on \(kind) record") }
                if records[i].additionalDoses != 0 { issue(i, "ADDL", Double(records[i].additionalDoses), "ADDL must be 0 on \(kind) record") }
                if records[i].steadyState != .none { issue(i, "SS", Double(records[i].steadyState.rawValue), "SS must be 0 on \(kind) record") }
                continue
            }
            let isConstantInfusion = records[i].steadyState != .none && records[i].amount == 0 && records[i].interval == 0
            if ![0, EventRecord.modeledRate, EventRecord.modeledDuration].contains(records[i].rate) && records[i].rate < 0 {
                issue(i, "RATE", records[i].rate, "RATE must be 0 (bolus), > 0 (infusion), -1 (modeled rate Rn) or -2 (modeled duration Dn)")
            }
            if isConstantInfusion {
                if records[i].rate == EventRecord.modeledDuration {
                    issue(i, "RATE", records[i].rate, "a steady-state dose with AMT = 0 and II = 0 is a constant infusion (RATE > 0, or -1 for the modeled rate Rn) or the endogenous steady state (RATE = 0); a modeled duration (-2) has no meaning there")
                }
                if records[i].additionalDoses != 0 { issue(i, "ADDL", Double(records[i].additionalDoses), "ADDL must be 0 on a steady-state constant infusion") }
            } else {
                if !(records[i].amount > 0) { issue(i, "AMT", records[i].amount, "AMT must be > 0 on a dose record (AMT = 0 only with SS > 0 and II = 0: constant infusion or endogenous steady state)") }
                if records[i].steadyState != .none && !(records[i].interval > 0) {
                    issue(i, "II", records[i].interval, "a steady-state dose with AMT > 0 needs II > 0 (the interval of the implied doses)")
                }
                if records[i].steadyState == .none && (records[i].additionalDoses > 0) != (records[i].interval > 0) {
                    issue(i, records[i].additionalDoses > 0 ? "II" : "ADDL", records[i].additionalDoses > 0 ? records[i].interval : 0,
                          "for a non-steady-state dose, II > 0 if and only if ADDL > 0 (ADDL = \(records[i].additionalDoses), II = \(format(records[i].interval)))")
                }
            }
            guard records[i].compartment >= 1 && records[i].compartment <= n else { continue }
            let c = controls(compartment: records[i].compartment, parameters[i])
            if !(c.bioavailability >= 0) { issue(i, "F\(records[i].compartment)", c.bioavailability, "bioavailability must be ≥ 0") }
            if !(c.lag >= 0) { issue(i, "ALAG\(records[i].compartment)", c.lag, "absorption lag must be ≥ 0") }
            if records[i].rate == EventRecord.modeledRate && !(c.modeledRate > 0) {
                issue(i, "R\(records[i].compartment)", c.modeledRate, "RATE = -1 needs the modeled rate R\(records[i].compartment) > 0 (as a data item or --param)")
            }
            if records[i].rate == EventRecord.modeledDuration && !(c.modeledDuration > 0) {
                issue(i, "D\(records[i].compartment)", c.modeledDuration, "RATE = -2 needs the modeled duration D\(records[i].compartment) > 0 (as a data item or --param)")
            }
        }
        return issues
    }
}

func format(_ x: Double) -> String {
    if x.isNaN { return "missing" }
    if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
}
