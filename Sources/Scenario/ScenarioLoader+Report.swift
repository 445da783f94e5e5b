import HPG

/// The `report` block: what `run` summarises for a clinician (`ReportSpec`).
///
///     report:
///       at: [4 weeks, 3 months]                  # values at these times
///       observables: [testosterone, E2, T/E2]    # default: testosterone, estradiol, T_E2_ratio, LH, FSH
///       when: ["E2 < 15 pg/mL", "T/E2 > 10"]     # the first time each holds
///       steady_state: true                       # trough, peak, average over each regimen's last dosing interval
///       phases: true                             # on treatment and after stopping
extension Reader {
    func reportBlock(_ field: Field, drugs: [String], simulationEnd: Double?) -> ReportSpec? {
        guard let object = field.object(keys: ["at", "observables", "when", "steady_state", "phases"]) else { return nil }
        var spec = ReportSpec()
        var ok = true
        if let list = object["at"]?.list(allowed: "a list of times, e.g. [4 weeks, 3 months]") {
            for item in list {
                guard let time = item.quantity([.time], sign: .nonNegative, what: "a time", example: "3 months") else { ok = false; continue }
                if let end = simulationEnd, time.baseValue > end {
                    item.problem("is after the simulation ends.", allowed: "a time from 0 to simulation.duration")
                    ok = false
                    continue
                }
                spec.at.append(time.baseValue)
            }
        } else if object["at"] != nil { ok = false }
        let names = catalog.outputObservables(drugs: drugs)
        if let list = object["observables"]?.list(allowed: names.joined(separator: ", ")) {
            spec.observables = list.compactMap { $0.choice(names, what: "observable for a scenario with these drugs") }
            if spec.observables.count < list.count { ok = false }
        } else if object["observables"] != nil { ok = false }
        let specs = (try? HPGModel.observables(forDrugs: drugs)) ?? []
        if let list = object["when"]?.list(allowed: "a list of conditions, e.g. [\"estradiol < 15 pg/mL\"]") {
            for item in list {
                guard let text = item.text(allowed: "a condition such as \"estradiol < 15 pg/mL\"") else { ok = false; continue }
                do { spec.when.append(try LabCondition(parsing: text, observables: specs)) } catch {
                    item.problem(error.description)
                    ok = false
                }
            }
        } else if object["when"] != nil { ok = false }
        for (key, path) in [("steady_state", \ReportSpec.steadyState), ("phases", \ReportSpec.phases)] {
            guard let item = object[key] else { continue }
            guard let choice = item.choice([("true", true), ("false", false), ("yes", true), ("no", false)], what: "switch") else {
                ok = false
                continue
            }
            spec[keyPath: path] = choice
        }
        return ok ? spec : nil
    }
}
