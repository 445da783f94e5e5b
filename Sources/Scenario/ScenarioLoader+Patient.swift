import HPG

/// Reading the `patient` block: profile, age, BMI, baseline labs and parameter overrides.
extension Reader {
    func patient(_ field: Field) -> PatientSpec? {
        guard let object = field.object(keys: ["profile", "age", "bmi", "baseline", "overrides"]) else { return nil }
        let profiles = catalog.profiles
        let profile = object.required("profile", allowed: profiles.joined(separator: ", "))
            .flatMap { $0.choice(profiles, what: "patient profile") }
        let age = object["age"].flatMap(age)
        var bmi = object["bmi"]?.quantity([.bodyMassIndex], sign: .positive, what: "a body-mass index",
                                          example: "31 kg/m2")
        if let value = bmi?.baseValue, !Reader.bodyMassIndices.contains(value), let field = object["bmi"] {
            field.problem("is outside the body-mass indices the model covers.",
                          allowed: "from \(formatNumber(Reader.bodyMassIndices.lowerBound)) to "
                              + "\(formatNumber(Reader.bodyMassIndices.upperBound)) kg/m2, e.g. \"31 kg/m2\"")
            bmi = nil
        }
        let labs = object["baseline"].map { labsMapping($0) } ?? [:]
        let overrides = object["overrides"].map(overridesMapping) ?? [:]
        if let field = object["age"], overrides[Reader.ageParameter] != nil {
            field.problem("the age is also set by overrides.\(Reader.ageParameter); give it once.",
                          allowed: "either age or overrides.\(Reader.ageParameter), not both")
            return nil
        }
        guard let profile else { return nil }
        return PatientSpec(profile: profile, bodyMassIndex: bmi?.baseValue, age: age, baselineLabs: labs,
                           overrides: overrides)
    }

    /// The model parameter `age` sets (`hpgsim parameters` lists it).
    static let ageParameter = "age_years"
    /// Ages a scenario may give: the range declared with the parameter (`Parameter.age`).
    static let ages = Parameter.age.spec.allowed.lower...Parameter.age.spec.allowed.upper

    /// Body-mass indices a scenario may give: the range declared with the parameter (`Parameter.bmi`).
    static let bodyMassIndices = Parameter.bmi.spec.allowed.lower...Parameter.bmi.spec.allowed.upper

    /// `age: 55 years` (also `y`, `year`), within `Reader.ages`.
    func age(_ field: Field) -> Double? {
        guard let age = field.quantity([.time], sign: .positive, what: "an age", example: "55 years", only: ["years"])
        else { return nil }
        guard Reader.ages.contains(age.value) else {
            field.problem("is outside the ages the model covers (adult men).",
                          allowed: "from \(formatNumber(Reader.ages.lowerBound)) to "
                              + "\(formatNumber(Reader.ages.upperBound)) years, e.g. \"55 years\"")
            return nil
        }
        return age.value
    }

    func labsMapping(_ field: Field) -> [String: Measurement] {
        guard let object = field.object(keys: catalog.labObservables) else { return [:] }
        var labs: [String: Measurement] = [:]
        for (name, value) in object.fields { labs[name] = measurement(value, observable: name) }
        // Two labs measuring the same quantity two ways (estradiol and estradiol_immunoassay) would both set it.
        var given = BaselineLabs()
        for (name, field) in PatientSpec.labFields where labs[name] != nil { given[keyPath: field] = 1 }
        if let (first, second) = given.conflict, let field = object[second.observable] {
            field.problem("measures what \(first.observable) measures (both set the man's \(second.parameter.spec.name)), so "
                          + "the two would contradict each other.",
                          allowed: "one of them, under the name of the assay that measured it (estradiol: mass "
                          + "spectrometry; estradiol_immunoassay: a direct immunoassay)")
            labs[second.observable] = nil
        }
        return labs
    }

    func overridesMapping(_ field: Field) -> [String: Double] {
        guard let object = field.object(keys: catalog.parameters.map(\.name),
                                        describedAs: "a parameter name as `hpgsim parameters` lists it",
                                        retired: Parameter.retiredNames)
        else { return [:] }
        var overrides: [String: Double] = [:]
        for parameter in catalog.parameters {
            guard let value = object[parameter.name] else { continue }
            // Each parameter's own range (`ParameterSpec.allowed`, checked again by `Patient.baseline`), checked
            // here too, so the mistake is found when the file is read, with the others.
            let allowed = "a number in \(parameter.allowed)" + (parameter.unit == "1" ? "" : ", in \(parameter.unit)")
            guard let number = value.number(allowed: allowed) else { continue }
            guard parameter.allowed.contains(number) else {
                value.problem("is outside the values \(parameter.name) can take.", allowed: allowed)
                continue
            }
            overrides[parameter.name] = number
        }
        return overrides
    }
}
