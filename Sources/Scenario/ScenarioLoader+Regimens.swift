/// Reading the `regimens` list: drug, dose, route, schedule, start and stop of each regimen.
extension Reader {
    static let scheduleKeys = ["every", "times_per_week", "on", "ii"]
    /// Most doses a scenario may give, all regimens together: above any real schedule (a GnRH pump pulsing
    /// every 90 min for ten years gives 58 440), low enough that a mistyped interval ("every: 1e-9 h") is an
    /// error, not a trap in the integer conversion or a simulation that runs for hours (each dose costs
    /// about 20 solver steps).
    static let maximumDoses = 200_000
    /// Largest single dose: 1 kg (10⁶ mg) or 10⁹ IU, far above any dose of any drug; a larger one is a typo.
    static let maximumDose: [Dimension: Double] = [.mass: 1e6, .activity: 1e9]

    func regimenList(_ field: Field, end: Double?) -> [Regimen]? {
        guard let items = field.list(allowed: "a list of regimens, each starting with \"- drug:\"") else { return nil }
        if items.isEmpty { field.problem("lists no regimen.", allowed: "at least one regimen, e.g. \"- drug: anastrozole\"") }
        let regimens = items.map { regimen($0, end: end) }
        guard !regimens.contains(where: { $0 == nil }) else { return nil }
        let all = regimens.compactMap { $0 }
        let names = all.compactMap(\.name)
        if let repeated = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            field.problem("names two regimens \"\(repeated)\".", allowed: "a different name for each regimen")
            return nil
        }
        if let end {
            let total = all.reduce(0) { $0 + $1.doseCount(until: end) }
            if total > Double(Reader.maximumDoses) {
                field.problem("the regimens give \(formatNumber(total)) doses in all, more than a scenario may give.",
                              allowed: "at most \(Reader.maximumDoses) doses in all regimens together (longer intervals or shorter regimens)")
                return nil
            }
        }
        return all
    }

    func regimen(_ field: Field, end: Double?) -> Regimen? {
        guard let object = field.object(keys: ["drug", "dose", "route", "every", "times_per_week", "on", "ii", "addl",
                                               "start", "stop", "duration", "infusion_duration", "name"])
        else { return nil }
        let drugNames = catalog.drugs.map(\.name)
        let drug = object.required("drug", allowed: drugNames.joined(separator: ", "))
            .flatMap { $0.choice(catalog.drugs.map { ($0.name, $0) }, what: "drug") }
        let dose = object.required("dose", allowed: "an amount with its unit, e.g. \"1 mg\" or \"5000 IU\"")
            .flatMap { self.dose($0, of: drug) }
        let name = object["name"].flatMap { $0.text(allowed: "a name for the regimen, e.g. \"AI\"") }
        let route = routeOf(object, drug: drug)
        let start = object["start"]?.quantity([.time], sign: .nonNegative, what: "a start time", example: "0 d")?
            .baseValue ?? 0
        let schedule = scheduleOf(object)
        let stop = stopOf(object, start: start, schedule: schedule)
        let infusion = object["infusion_duration"]?.quantity([.time], sign: .positive, what: "an infusion duration",
                                                               example: "30 min")?.baseValue
        if let end, start >= end, let field = object["start"] {
            field.problem("the regimen starts at or after the end of the simulation (\(formatNumber(end / 24)) d).",
                          allowed: "a start before the end of the simulation")
        }
        guard let drug, let dose, let route, let schedule, let stop else { return nil }
        if case .every(let hours) = schedule, let end, let field = object["every"] ?? object["times_per_week"] {
            // Counted as a real number, so that no conversion to Int can overflow.
            let count = (min(stop ?? end, end) - start) / hours
            if !(count <= Double(Reader.maximumDoses)) {
                tooManyDoses(field, count)
                return nil
            }
        }
        let regimen = Regimen(drug: drug.name, dose: dose, route: route, schedule: schedule, start: start, stop: stop,
                              infusionDuration: infusion, name: name)
        if let end, start < end, regimen.doseTimes(until: end).isEmpty {
            field.problem("gives no dose before the end of the simulation (\(formatNumber(end / 24)) d).",
                          allowed: "a schedule with at least one dose time between start and stop")
            return nil
        }
        return regimen
    }

    /// A dose of `drug` (any drug's unit when it is not known): positive, in the drug's dimension, at most
    /// `maximumDose`.
    func dose(_ field: Field, of drug: ScenarioCatalog.Drug?) -> Quantity? {
        guard let dose = field.quantity(drug.map { [$0.doseDimension] } ?? [.mass, .activity], sign: .positive,
                                        what: "a dose",
                                        example: drug?.doseDimension == .activity ? "5000 IU" : "1 mg")
        else { return nil }
        if let largest = Reader.maximumDose[dose.unit.dimension], dose.baseValue > largest {
            let unit = dose.unit.dimension == .mass ? "mg" : "IU"
            field.problem("is more than any dose of any drug (\(formatNumber(largest)) \(unit)); is it a typo?",
                          allowed: "a dose of at most \(formatNumber(largest)) \(unit)")
            return nil
        }
        return dose
    }

    func tooManyDoses(_ field: Field, _ count: Double) {
        field.problem("gives \(formatNumber(count.rounded(.up))) doses, more than a scenario may give.",
                      allowed: "at most \(Reader.maximumDoses) doses in all regimens together (a longer interval or a shorter regimen)")
    }

    func routeOf(_ object: Object, drug: ScenarioCatalog.Drug?) -> String? {
        guard let drug else { return nil }
        let routes = drug.routes.map(\.name)
        guard let field = object["route"] else {
            if routes.count == 1 { return routes[0] }
            _ = object.required("route", allowed: routes.joined(separator: ", "))
            return nil
        }
        return field.choice(routes, what: "route for \(drug.name)")
    }

    /// Exactly one of every / times_per_week / on / ii (+ addl), or none for a single dose.
    func scheduleOf(_ object: Object) -> Regimen.Schedule? {
        let given = Reader.scheduleKeys.compactMap { object[$0] }.sorted { $0.mark.line < $1.mark.line }
        if given.count > 1 {
            given[1].problem("a regimen takes only one schedule, but this one has " +
                             given.map { $0.path.components(separatedBy: ".").last! }.joined(separator: " and ") + ".",
                             allowed: "one of every, times_per_week, on, ii (with addl), or none for a single dose")
            return nil
        }
        if let addl = object["addl"], object["ii"] == nil {
            addl.problem("addl (additional doses) needs ii (the interval between them).",
                         allowed: "ii and addl together, e.g. \"ii: 24 h\" and \"addl: 89\"")
            return nil
        }
        if let every = object["every"] {
            return every.quantity([.time], sign: .positive, what: "a dosing interval", example: "3.5 d")
                .map { .every(hours: $0.baseValue) }
        }
        if let perWeek = object["times_per_week"] {
            return perWeek.number(positive: true, allowed: "a positive number of doses per week, e.g. 2")
                .map { .every(hours: Weekday.hoursPerWeek / $0) }
        }
        if let on = object["on"] {
            return weekdays(on).map { .weekdays($0) }
        }
        if let ii = object["ii"] {
            let interval = ii.quantity([.time], sign: .positive, what: "a dosing interval (ii)", example: "24 h")
            let addl = object.required("addl", allowed: "the number of doses after the first, e.g. 89")?
                .number(whole: true, allowed: "a whole number of additional doses, 0 or more")
            guard let interval, let addl else { return nil }
            if addl + 1 > Double(Reader.maximumDoses), let field = object["addl"] {
                tooManyDoses(field, addl + 1)
                return nil
            }
            return .additional(interval: interval.baseValue, additional: Int(addl))
        }
        return .once
    }

    func weekdays(_ field: Field) -> [Weekday]? {
        let allowed = "a list of weekdays, e.g. [monday, thursday]"
        guard let items = field.list(allowed: allowed) else { return nil }
        let options = Weekday.allCases.map { ($0.name, $0) }
        let days = items.map { $0.choice(options, what: "weekday") }
        if items.isEmpty { field.problem("names no weekday.", allowed: allowed) }
        guard !items.isEmpty, !days.contains(where: { $0 == nil }) else { return nil }
        let unique = Set(days.compactMap { $0 })
        if unique.count < days.count { field.problem("names a weekday twice.", allowed: allowed); return nil }
        return unique.sorted()
    }

    /// The stop time from `stop` or `duration` (not both; neither with ii/addl). `.some(nil)` means open-ended.
    func stopOf(_ object: Object, start: Double, schedule: Regimen.Schedule?) -> Double??  {
        let stopField = object["stop"], durationField = object["duration"]
        if let stopField, durationField != nil {
            stopField.problem("a regimen takes stop or duration, not both.", allowed: "either stop or duration")
            return nil
        }
        if case .additional? = schedule, let field = stopField ?? durationField {
            field.problem("with ii and addl the number of doses is fixed; stop and duration do not apply.",
                          allowed: "remove this key, or use every with stop/duration instead of ii/addl")
            return nil
        }
        if let stopField {
            guard let stop = stopField.quantity([.time], sign: .positive, what: "a stop time", example: "6 months")
            else { return nil }
            guard stop.baseValue > start else {
                stopField.problem("the regimen stops before it starts (start is \(formatNumber(start / 24)) d).",
                                  allowed: "a stop time after the start")
                return nil
            }
            return .some(stop.baseValue)
        }
        if let durationField {
            return durationField.quantity([.time], sign: .positive, what: "a duration", example: "12 weeks")
                .map { .some(start + $0.baseValue) }
        }
        return .some(nil)
    }
}
