/// Reading the `reported` block: source, tolerance, and the values at baseline and on treatment.
extension Reader {
    func reportedBlock(_ field: Field, simulationEnd: Double?) -> Reported? {
        guard let object = field.object(keys: ["source", "tolerance", "baseline", "on_treatment"]) else { return nil }
        let source = object.required("source", allowed: "the study's citation, e.g. \"Author et al. Journal 2017;6:470\"")?
            .text(allowed: "the study's citation")
        let tolerance = object.required("tolerance", allowed: "a percentage, e.g. \"25 %\"")?
            .quantity([.fraction], sign: .positive, what: "a tolerance", example: "25 %")
            .map(\.baseValue)
        var timepoints: [ReportedTimepoint] = []
        for label in ["baseline", "on_treatment"] {
            guard let block = object[label], let tolerance else { continue }
            if let timepoint = reportedTimepoint(block, label: label, tolerance: tolerance, end: simulationEnd) {
                timepoints.append(timepoint)
            }
        }
        if object["baseline"] == nil && object["on_treatment"] == nil {
            field.problem("reports no values.", allowed: "a baseline and/or an on_treatment block")
        }
        guard let source else { return nil }
        return Reported(source: source, timepoints: timepoints)
    }

    func reportedTimepoint(_ field: Field, label: String, tolerance: Double, end: Double?) -> ReportedTimepoint? {
        let observables = catalog.observables.map(\.name)
        guard let object = field.object(keys: ["at", "from", "to"] + observables) else { return nil }
        let time = { (key: String) in
            object[key]?.quantity([.time], sign: .nonNegative, what: "a time", example: "3 months")?.baseValue
        }
        var from: Double?, to: Double?
        if object["at"] != nil {
            if let extra = object["from"] ?? object["to"] {
                extra.problem("a time point takes at, or from and to, not both.", allowed: "at, or from and to")
            }
            from = time("at"); to = from
        } else if object["from"] == nil && object["to"] == nil && label == "baseline" {
            from = 0; to = 0
        } else {
            from = object.required("from", allowed: "the start of the window, e.g. \"3 months\"").flatMap { _ in time("from") }
            to = object.required("to", allowed: "the end of the window, e.g. \"5 months\"").flatMap { _ in time("to") }
            if let from, let to, to < from, let field = object["to"] {
                field.problem("the window ends before it begins.", allowed: "to at or after from")
            }
        }
        if let end, let to, to > end, let field = object["to"] ?? object["at"] {
            field.problem("is after the end of the simulation (\(formatNumber(end / 24)) d).",
                          allowed: "a time within the simulated span")
        }
        var values: [ReportedValue] = []
        for name in observables {
            guard let entry = object[name] else { continue }
            if let value = reportedValue(entry, observable: name, tolerance: tolerance) { values.append(value) }
        }
        if values.isEmpty && object.fields.keys.allSatisfy({ ["at", "from", "to"].contains($0) }) {
            field.problem("reports no values.", allowed: "observable: value lines, e.g. \"testosterone: 412 ng/dL\"")
        }
        guard let from, let to else { return nil }
        return ReportedTimepoint(label: label, from: from, to: to, values: values)
    }

    /// `412 ng/dL`, or `{value: 412 ng/dL, tolerance: 30 %}` to override the block's tolerance.
    func reportedValue(_ field: Field, observable: String, tolerance: Double) -> ReportedValue? {
        var valueField = field, tolerance = tolerance
        if case .mapping = field.node {
            guard let object = field.object(keys: ["value", "tolerance"]),
                  let value = object.required("value", allowed: "the reported value with its unit") else { return nil }
            valueField = value
            if let toleranceField = object["tolerance"] {
                guard let relative = toleranceField.quantity([.fraction], sign: .positive, what: "a tolerance",
                                                             example: "30 %") else { return nil }
                tolerance = relative.baseValue
            }
        }
        guard let measurement = measurement(valueField, observable: observable) else { return nil }
        return ReportedValue(observable: observable, measurement: measurement, tolerance: tolerance)
    }
}
