/// Reading the `reported` block: source, the default tolerance and evidence tag, and the values at baseline,
/// on treatment and at each of the `timepoints`.
///
/// Tolerance and evidence may be given on the block, on a time point and on a value; the innermost wins. A
/// value with no tolerance at any level gets its evidence tag's default (`Evidence.defaultTolerance`).
extension Reader {
    /// Tolerance and evidence tag as given so far, outermost first. `unusable` after a bad tolerance or tag (already
    /// reported): the values below are still read, for their own mistakes, but not compared.
    struct Grading {
        var tolerance: Double?
        var evidence: Evidence?
        var unusable = false
    }

    static let gradingKeys = ["tolerance", "evidence"]
    static let evidenceMeanings = "A: read in the study's own text, S: secondary source quoting it, "
        + "D: derived by unit conversion, U: uncertain"

    func reportedBlock(_ field: Field, simulationEnd: Double?) -> Reported? {
        let blocks = ["baseline", "on_treatment", "timepoints"]
        guard let object = field.object(keys: ["source"] + Reader.gradingKeys + blocks) else { return nil }
        let source = object.required("source", allowed: "the study's citation, e.g. \"Author et al. Journal 2017;6:470\"")?
            .text(allowed: "the study's citation")
        let grading = grading(object, inherited: Grading())
        var timepoints: [ReportedTimepoint] = []
        for label in ["baseline", "on_treatment"] {
            guard let block = object[label] else { continue }
            if let timepoint = reportedTimepoint(block, label: label, grading: grading, end: simulationEnd) {
                timepoints.append(timepoint)
            }
        }
        if let listField = object["timepoints"],
           let list = listField.list(allowed: "a list of time points, each \"- at: 1 month\" (or from/to) with values") {
            if list.isEmpty {
                listField.problem("lists no time points.", allowed: "one or more \"- at: <time>\" items with values")
            }
            timepoints += list.compactMap { reportedTimepoint($0, label: nil, grading: grading, end: simulationEnd) }
        }
        if blocks.allSatisfy({ object[$0] == nil }) {
            field.problem("reports no values.", allowed: "a baseline block, an on_treatment block and/or a timepoints list")
        }
        guard let source else { return nil }
        return Reported(source: source, timepoints: timepoints)
    }

    /// The tolerance and evidence keys of `object` over those inherited.
    func grading(_ object: Object, inherited: Grading) -> Grading {
        var grading = inherited
        if let field = object["tolerance"] {
            let tolerance = field.quantity([.fraction], sign: .positive, what: "a tolerance", example: "25 %")
            grading.tolerance = tolerance?.baseValue
            grading.unusable = grading.unusable || tolerance == nil
        }
        if let field = object["evidence"] {
            let evidence = field.choice(Evidence.allCases.map { ($0.rawValue, $0) },
                                        what: "evidence tag (\(Reader.evidenceMeanings))")
            grading.evidence = evidence
            grading.unusable = grading.unusable || evidence == nil
        }
        return grading
    }

    /// `baseline` / `on_treatment` (`label` given) or an item of `timepoints` (label from its `label` key, else
    /// from its time).
    func reportedTimepoint(_ field: Field, label: String?, grading inherited: Grading, end: Double?) -> ReportedTimepoint? {
        let observables = catalog.observables.map(\.name)
        let timeKeys = ["at", "from", "to", "relative_to"] + (label == nil ? ["label"] : [])
        guard let object = field.object(keys: timeKeys + Reader.gradingKeys + observables) else { return nil }
        let grading = grading(object, inherited: inherited)
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
            from = object.required("from", allowed: "the start of the window, e.g. \"3 months\" (or at: for one time)")
                .flatMap { _ in time("from") }
            to = object.required("to", allowed: "the end of the window, e.g. \"5 months\"").flatMap { _ in time("to") }
            if let from, let to, to < from, let field = object["to"] {
                field.problem("the window ends before it begins.", allowed: "to at or after from")
            }
        }
        if let end, let to, to > end, let field = object["to"] ?? object["at"] {
            field.problem("is after the end of the simulation (\(formatNumber(end / 24)) d).",
                          allowed: "a time within the simulated span")
        }
        // Changes are relative to day 0 unless the time point names another reference time (a study that reports
        // changes from a run-in, e.g. GnRH-deficient men on a pump before the drug).
        let reference = object["relative_to"] == nil ? 0 : time("relative_to")
        if let reference, let from, reference >= from, let field = object["relative_to"] {
            field.problem("the reference time is not before the time point.", allowed: "a time before at/from")
        }
        var values: [ReportedValue] = []
        for name in observables {
            guard let entry = object[name] else { continue }
            if let value = reportedValue(entry, observable: name, grading: grading, atDayZero: to == reference) {
                values.append(value)
            }
        }
        if values.isEmpty && object.fields.keys.allSatisfy({ !observables.contains($0) }) {
            field.problem("reports no values.", allowed: "observable: value lines, e.g. \"testosterone: 412 ng/dL\"")
        }
        let name = object["label"].flatMap { $0.text(allowed: "a name for the time point, e.g. \"month 3\"") }
        guard let from, let to, let reference else { return nil }
        let window = from == to ? "day \(formatNumber(from / 24))" : "days \(formatNumber(from / 24))–\(formatNumber(to / 24))"
        return ReportedTimepoint(label: label ?? name ?? window, from: from, to: to, relativeTo: reference, values: values)
    }

    /// `412 ng/dL`; or a mapping with exactly one of `value: 412 ng/dL`, `change: +53 %` (relative to the
    /// simulated day 0), `fold: 2` (ratio to day 0), and optionally `tolerance` and `evidence`.
    func reportedValue(_ field: Field, observable: String, grading inherited: Grading, atDayZero: Bool) -> ReportedValue? {
        guard let unit = catalog.observable(observable)?.units.first else { return nil }
        var grading = inherited
        var kind = Comparison.Kind.absolute, value: Double?, written = unit
        if case .mapping = field.node {
            let targets = ["value", "change", "fold"]
            guard let object = field.object(keys: targets + Reader.gradingKeys) else { return nil }
            grading = self.grading(object, inherited: inherited)
            let given = targets.compactMap { key in object[key].map { (key, $0) } }
            let allowed = "one of value (e.g. \"412 ng/dL\"), change (e.g. \"+53 %\", relative to day 0) or fold (e.g. \"2.0\")"
            guard let (key, target) = given.first else {
                field.problem("gives no value.", allowed: allowed)
                return nil
            }
            if given.count > 1 {
                given[1].1.problem("a reported value is one of value, change or fold, not several.", allowed: allowed)
                return nil
            }
            if key != "value" {
                kind = .change
                if atDayZero {
                    target.problem("a change is relative to day 0, so at day 0 it is 0 % by definition.",
                                   allowed: "an absolute value at day 0; changes at later time points")
                    return nil
                }
            }
            switch key {
            case "change":
                guard let change = target.quantity([.fraction], sign: .any, what: "a change", example: "-62 %")?.baseValue
                else { return nil }
                guard change > -1 else {
                    target.problem("a change of −100 % or less would leave nothing (or less) of the baseline value.",
                                   allowed: "a change above −100 %, e.g. \"-62 %\" or \"+53 %\"")
                    return nil
                }
                value = 1 + change
            case "fold":
                value = target.number(positive: true, allowed: "a ratio to the day-0 value, more than zero, e.g. \"2.0\"")
            default:
                guard let measurement = measurement(target, observable: observable) else { return nil }
                value = measurement.value; written = measurement.unit
            }
        } else if let measurement = measurement(field, observable: observable) {
            value = measurement.value; written = measurement.unit
        }
        guard let value, !grading.unusable else { return nil }
        guard let tolerance = grading.tolerance ?? grading.evidence?.defaultTolerance else {
            field.problem("has no tolerance.", allowed: "a tolerance on the value, its time point or the reported block "
                          + "(e.g. \"tolerance: 25 %\"), or an evidence tag giving the default (A, S, D: 20 %; U: 40 %)")
            return nil
        }
        return ReportedValue(observable: observable, kind: kind, value: value, unit: written, tolerance: tolerance,
                             evidence: grading.evidence)
    }
}
