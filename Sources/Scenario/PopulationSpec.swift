import Population

/// A scenario's `population` block: who the virtual men are. Each man's covariates (age, BMI, baseline labs)
/// come either from distributions or from a row of a patients file, and his between-subject effects on model
/// parameters (log-normal factors of median 1) from the same correlated sampler (`CorrelatedSampler`).
public struct PopulationSpec: Sendable, Equatable {
    /// The sampler's components: the sampled covariates first (`covariates`), then one log-normal factor per
    /// varied parameter (`parameters`), in file order.
    public var sampler: CorrelatedSampler
    /// Covariate names: `age` (years), `bmi` (kg/m²) or a lab observable (its conventional unit).
    public var covariates: [String]
    /// Parameter names (as `hpgsim parameters` lists them) whose value each man multiplies by his factor.
    public var parameters: [String]
    /// Men read from a file instead of sampled covariates.
    public var patients: PatientTable?
    /// Hours: the window over which on-treatment values are averaged (daily samples, both ends included);
    /// nil: the 4 weeks that end with the last regimen.
    public var response: ClosedRange<Double>?

    public static func == (a: PopulationSpec, b: PopulationSpec) -> Bool {
        a.sampler.components == b.sampler.components && a.sampler.factor == b.sampler.factor
            && a.covariates == b.covariates && a.parameters == b.parameters && a.patients == b.patients
            && a.response == b.response
    }
}

/// Men read from a CSV file: one row per man, one column per covariate, with the row's line number so that a
/// man who cannot be simulated can be named.
public struct PatientTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// 1-based line in the file.
        public var line: Int
        /// The row as written, for messages.
        public var text: String
        /// One value per `columns` entry (conventional units); nil where the cell is empty.
        public var values: [Double?]
    }

    public var file: String
    /// Covariate names, as in `PopulationSpec.covariates`.
    public var columns: [String]
    public var rows: [Row]
}
