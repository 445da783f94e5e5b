extension PatientProfile {
    /// A condition as factors on reference-man parameters, each with its source or assumption:
    /// override value = factor × declared value.
    init(name: String, description: String, factors: [(Parameter, Double, String)], bmi: (Double, String)? = nil) {
        var overrides: [String: Double] = [:], sources: [String: String] = [:]
        for (parameter, factor, source) in factors {
            overrides[parameter.spec.name] = factor * parameter.spec.value
            sources[parameter.spec.name] = "×\(factor) of the reference man: \(source)"
        }
        if let (value, source) = bmi {
            overrides[Parameter.bmi.spec.name] = value
            sources[Parameter.bmi.spec.name] = source
        }
        self.init(name: name, description: description, overrides: overrides, sources: sources)
    }
}
