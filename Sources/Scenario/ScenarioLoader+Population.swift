import Foundation
import HPG
import Population

/// Reading the `population` block (scenarios/README.md, "population").
extension Reader {
    static let populationKeys = ["covariates", "variability", "correlations", "patients", "response"]

    func populationBlock(_ field: Field, file: String, simulationEnd: Double?) -> PopulationSpec? {
        let problemsBefore = log.problems.count
        guard let object = field.object(keys: Self.populationKeys) else { return nil }
        var components: [CorrelatedSampler.Component] = []
        var covariates: [String] = []
        var ok = true
        if let block = object["covariates"], let mapping = block.object(keys: Self.covariateNames(catalog)) {
            for (name, entry) in mapping.fields.sorted(by: { $0.value.mark < $1.value.mark }) {
                guard let component = covariate(entry, name: name) else { ok = false; continue }
                components.append(component)
                covariates.append(name)
            }
        }
        var parameters: [String] = []
        if let block = object["variability"], let mapping = block.object(
            keys: catalog.parameters.map(\.name), describedAs: "a parameter name as `hpgsim parameters` lists it") {
            for (name, entry) in mapping.fields.sorted(by: { $0.value.mark < $1.value.mark }) {
                if [Reader.ageParameter, "BMI_kg_per_m2"].contains(name) {
                    entry.problem("age and BMI are covariates, not parameters with a between-subject factor.",
                                  allowed: "population.covariates.age or population.covariates.bmi")
                    ok = false
                    continue
                }
                guard let omega = logNormalSpread(entry, name: name, omega2Allowed: true) else { ok = false; continue }
                components.append(.init(name: name, shape: .logNormal, center: 1, latentSD: omega))
                parameters.append(name)
            }
        }
        let patients = object["patients"].flatMap { patientTable($0, scenarioFile: file) }
        if object["patients"] != nil && patients == nil { ok = false }
        if let field = object["patients"], !covariates.isEmpty {
            field.problem("a population takes its covariates from either a patients file or distributions, not both.",
                          allowed: "patients, or covariates (variability may go with either)")
            ok = false
        }
        let correlation = object["correlations"].flatMap { correlations($0, names: components.map(\.name)) }
        if object["correlations"] != nil && correlation == nil { ok = false }
        let response = object["response"].flatMap { responseWindow($0, simulationEnd: simulationEnd) }
        if object["response"] != nil && response == nil { ok = false }
        guard ok, log.problems.count == problemsBefore else { return nil }
        if components.isEmpty && patients == nil {
            field.problem("describes no variability.", allowed: "covariates, variability or patients")
            return nil
        }
        do {
            let sampler = try CorrelatedSampler(components: components, correlation: correlation)
            return PopulationSpec(sampler: sampler, covariates: covariates, parameters: parameters,
                                  patients: patients, response: response)
        } catch {
            let place = object["correlations"] ?? field
            place.problem("the covariance matrix of \(components.map(\.name).joined(separator: ", ")) (their SDs "
                          + "and these correlations) \(Self.choleskyReason(error)).",
                          allowed: "correlations that can hold together, e.g. no pair of strong correlations "
                              + "with a third of the opposite sign; a correlation matrix must be positive definite")
            return nil
        }
    }

    private static func choleskyReason(_ error: CorrelatedSampler.Failure) -> String {
        if case .covariance(let failure) = error { return failure.description }
        return error.description
    }

    /// Covariates a population may sample: age, BMI and every lab a patient's `baseline` may give.
    static func covariateNames(_ catalog: ScenarioCatalog) -> [String] { ["age", "bmi"] + catalog.labObservables }

    /// One covariate's distribution: `{distribution: normal, mean, sd}` or `{distribution: log-normal, median,
    /// cv}`, with optional `min`, `max` and a `source` (not needed with `cv: published`).
    func covariate(_ field: Field, name: String) -> CorrelatedSampler.Component? {
        guard let object = field.object(keys: ["distribution", "mean", "sd", "median", "cv", "min", "max", "source"])
        else { return nil }
        let shape = object.required("distribution", allowed: "normal or log-normal")?
            .choice([("normal", CorrelatedSampler.Shape.normal), ("log-normal", .logNormal)], what: "distribution")
        guard let shape else { return nil }
        let value = { (key: String) in object[key].flatMap { self.covariateValue($0, name: name) } }
        var spread: Double?
        var center: Double?
        switch shape {
        case .normal:
            for key in ["median", "cv"] where object[key] != nil {
                object[key]!.problem("a normal distribution is given by its mean and sd.", allowed: "mean, sd")
                return nil
            }
            center = object.required("mean", allowed: "the mean, in the covariate's unit").flatMap { _ in value("mean") }
            spread = object.required("sd", allowed: "the standard deviation, in the covariate's unit").flatMap { _ in value("sd") }
            if spread == 0 { object["sd"]?.problem("must be more than zero.", allowed: "a positive SD"); return nil }
        case .logNormal:
            for key in ["mean", "sd"] where object[key] != nil {
                object[key]!.problem("a log-normal distribution is given by its median and cv.", allowed: "median, cv")
                return nil
            }
            center = object.required("median", allowed: "the median, in the covariate's unit").flatMap { _ in value("median") }
            spread = object.required("cv", allowed: "a coefficient of variation, e.g. \"30 %\", or published")
                .flatMap { logNormalSpread($0, name: name, omega2Allowed: false) }
            if center == 0 { object["median"]?.problem("must be more than zero.", allowed: "a positive median"); return nil }
        }
        let published = object["cv"]?.written == "published"
        if !published && object["source"] == nil {
            field.log.report(at: field.mark, key: field.path + ".source", value: nil,
                             "is missing: every variability value needs its source.",
                             allowed: "source: \"<citation>\", or cv: published (the table `hpgsim parameters` prints)")
            return nil
        }
        // Every covariate is positive; an age and a BMI stay within the values the model covers (their parameters'
        // ranges, which `Patient.baseline` enforces: a man sampled outside them could not be simulated).
        let limits = name == "age" ? Reader.ages : name == "bmi" ? Reader.bodyMassIndices
            : Double.leastNonzeroMagnitude...Double.infinity
        let low: Double? = object["min"] == nil ? limits.lowerBound : value("min")
        let high: Double? = object["max"] == nil ? limits.upperBound : value("max")
        guard let center, let spread, let low, let high else { return nil }
        for (key, bound) in [("min", low), ("max", high)] where !limits.contains(bound) {
            object[key]!.problem("lies outside the values the model covers.",
                                 allowed: name == "age" ? "an age from \(formatNumber(Reader.ages.lowerBound)) to "
                                     + "\(formatNumber(Reader.ages.upperBound)) years"
                                     : name == "bmi" ? "a BMI from \(formatNumber(Reader.bodyMassIndices.lowerBound)) to "
                                     + "\(formatNumber(Reader.bodyMassIndices.upperBound)) kg/m2" : "a value above zero")
            return nil
        }
        guard low < high else {
            object["max"]!.problem("is not above min.", allowed: "a max greater than min")
            return nil
        }
        let bounds = low...high
        if !bounds.contains(center) {
            field.problem("its \(shape == .normal ? "mean" : "median") lies outside its own min–max bounds.",
                          allowed: "bounds around the centre of the distribution")
            return nil
        }
        return .init(name: name, shape: shape, center: center, latentSD: spread, bounds: bounds)
    }

    /// A covariate value in its unit: years for age, kg/m² for BMI, the observable's units for a lab
    /// (converted to the conventional unit).
    func covariateValue(_ field: Field, name: String) -> Double? {
        switch name {
        case "age":
            return field.quantity([.time], sign: .nonNegative, what: "an age", example: "55 years", only: ["years"])?.value
        case "bmi":
            return field.quantity([.bodyMassIndex], sign: .nonNegative, what: "a body-mass index", example: "28 kg/m2")?.value
        default:
            guard let lab = measurement(field, observable: name) else { return nil }
            return Self.conventional(lab, observable: name)
        }
    }

    static func conventional(_ lab: Measurement, observable: String) -> Double {
        let spec = HPGModel(drugs: []).observables.first { $0.name == observable }!
        return lab.unit == spec.unit ? lab.value : lab.value / spec.siFactor
    }

    /// ω of a log-normal: `published` (the table), `30 %` (ω² = ln(1 + CV²)), or, for parameters,
    /// `{cv: 30 %, source: …}` / `{omega2: 0.086, source: …}`.
    func logNormalSpread(_ field: Field, name: String, omega2Allowed: Bool) -> Double? {
        if field.written == "published" {
            guard let entry = PublishedVariability.named(name) else {
                field.problem("hpgsim has no published variability for \(name).",
                              allowed: "a value with its source; published values exist for "
                                  + PublishedVariability.all.map(\.name).joined(separator: ", "))
                return nil
            }
            return CorrelatedSampler.Component.omega(cv: entry.cv)
        }
        if !omega2Allowed {
            return field.quantity([.fraction], sign: .positive, what: "a coefficient of variation", example: "30 %")
                .map { CorrelatedSampler.Component.omega(cv: $0.baseValue) }
        }
        let allowed = "published, or {cv: 30 %, source: \"…\"}, or {omega2: 0.086, source: \"…\"}"
        guard let object = field.object(keys: ["cv", "omega2", "source"], describedAs: allowed) else { return nil }
        if object["source"] == nil {
            field.log.report(at: field.mark, key: field.path + ".source", value: nil,
                             "is missing: every variability value needs its source.", allowed: allowed)
            return nil
        }
        switch (object["cv"], object["omega2"]) {
        case let (cv?, nil):
            return cv.quantity([.fraction], sign: .positive, what: "a coefficient of variation", example: "30 %")
                .map { CorrelatedSampler.Component.omega(cv: $0.baseValue) }
        case let (nil, omega2?):
            return omega2.number(positive: true, allowed: "the variance of the parameter's logarithm, e.g. 0.086")
                .map { $0.squareRoot() }
        default:
            field.problem("needs exactly one of cv and omega2.", allowed: allowed)
            return nil
        }
    }

    /// `- {between: [a, b], r: 0.4, source: "…"}` items → the row-major correlation matrix of `names`.
    func correlations(_ field: Field, names: [String]) -> [Double]? {
        let allowed = "a list of {between: [name, name], r: <-1…1>, source: \"…\"}"
        guard let items = field.list(allowed: allowed) else { return nil }
        let d = names.count
        var rho = (0..<d * d).map { $0 / d == $0 % d ? 1.0 : 0.0 }
        var ok = true
        for item in items {
            guard let object = item.object(keys: ["between", "r", "source"]),
                  let pair = object.required("between", allowed: "two names of covariates or varied parameters")?
                      .list(allowed: "[name, name]"),
                  let r = object.required("r", allowed: "a correlation between -1 and 1").flatMap({ $0.text() }),
                  object.required("source", allowed: "the citation of the correlation") != nil
            else { ok = false; continue }
            guard pair.count == 2 else {
                object["between"]!.problem("needs two names.", allowed: "[name, name]")
                ok = false
                continue
            }
            let indices = pair.map { name -> Int? in
                guard let index = name.choice(names, what: "covariate or varied parameter of this population")
                    .flatMap({ names.firstIndex(of: $0) }) else { return nil }
                return index
            }
            guard let i = indices[0], let j = indices[1] else { ok = false; continue }
            guard i != j else { object["between"]!.problem("names the same variable twice.", allowed: "two different names"); ok = false; continue }
            guard let value = Double(r), value > -1, value < 1 else {
                object["r"]!.problem("is not a correlation strictly between -1 and 1.", allowed: "a number in (-1, 1)")
                ok = false
                continue
            }
            rho[i * d + j] = value
            rho[j * d + i] = value
        }
        return ok ? rho : nil
    }

    func responseWindow(_ field: Field, simulationEnd: Double?) -> ClosedRange<Double>? {
        guard let object = field.object(keys: ["from", "to"]) else { return nil }
        let time = { (key: String) in
            object.required(key, allowed: "a time from the start, e.g. \"5 months\"")?
                .quantity([.time], sign: .nonNegative, what: "a time", example: "5 months")?.baseValue
        }
        guard let from = time("from"), let to = time("to") else { return nil }
        guard from <= to else { field.problem("ends before it starts.", allowed: "from ≤ to"); return nil }
        if let end = simulationEnd, to > end * (1 + 1e-12) {
            object["to"]!.problem("is after the end of the simulation.", allowed: "a time within simulation.duration")
            return nil
        }
        return from...to
    }
}
