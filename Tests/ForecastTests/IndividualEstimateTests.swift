import Foundation
import HPG
import Population
import Scenario
import Testing
@testable import Forecast

/// The estimate against closed forms: baseline labs are the man's true baseline times log-normal noise, and the
/// model reproduces a stated baseline exactly, so labs drawn at day 0 make the posterior of each log-normal
/// covariate the conjugate normal–normal one, and leave a drug's pharmacokinetics at its prior.
@Suite struct IndividualEstimateTests {
    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hpgsim-forecast-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// BMI is known (33 kg/m²) and correlated with estradiol (r = 0.3); testosterone and anastrozole clearance vary.
    static let scenarioText = """
        title: forecast test
        patient:
          profile: overweight
          bmi: 33 kg/m2
        regimens:
          - drug: anastrozole
            dose: 1 mg
            times_per_week: 2
            duration: 21 d
        simulation:
          duration: 21 d
          output_every: 7 d
        population:
          covariates:
            bmi: {distribution: log-normal, median: 27 kg/m2, cv: 15 %, min: 15 kg/m2, max: 60 kg/m2, source: test}
            testosterone: {distribution: log-normal, median: 280 ng/dL, cv: published, min: 50 ng/dL, max: 2000 ng/dL}
            estradiol: {distribution: log-normal, median: 32 pg/mL, cv: published, min: 4 pg/mL, max: 200 pg/mL}
          variability:
            anastrozole.CL_L_per_h: published
          correlations:
            - {between: [bmi, estradiol], r: 0.3, source: test}
        """

    static func prior() throws -> IndividualPrior {
        let file = directory.appendingPathComponent("s.yaml").path
        try scenarioText.write(toFile: file, atomically: true, encoding: .utf8)
        return try IndividualPrior(plan: try PopulationPlan(try ScenarioLoader(catalog: .hpg).load(path: file)))
    }

    static func omega(cv: Double) -> Double { log1p(cv * cv).squareRoot() }
    static let z90 = 1.6448536269514722

    /// x_E2 | x_BMI has mean r·(ω_E2/ω_BMI)·ln(33/27) and variance ω_E2²(1 − r²) (bivariate normal); testosterone
    /// and clearance keep their priors.
    @Test func conditionsOnWhatThePatientBlockStates() throws {
        let prior = try Self.prior()
        #expect(prior.unknown.map(\.name) == ["testosterone", "estradiol", "anastrozole.CL_L_per_h"])
        let wBMI = Self.omega(cv: 0.15), wE2 = Self.omega(cv: PublishedVariability.named("estradiol")!.cv)
        let zero = prior.latent([0, 0, 0]), unitE2 = prior.latent([0, 1, 0])
        #expect(abs(zero[1] - 0.3 * wE2 / wBMI * log(33.0 / 27)) < 1e-12)
        #expect(abs((unitE2[1] - zero[1]) - wE2 * (1 - 0.09).squareRoot()) < 1e-12)
        #expect(zero[0] == 0 && zero[2] == 0)
    }

    /// Day-0 labs: ln T̂ = (m/v + ln y/s²)/(1/v + 1/s²), posterior variance 1/(1/v + 1/s²), with v the (conditional)
    /// prior variance and s² = ln(1 + CV²) of the lab's within-subject CV; clearance stays at its prior (factor 1,
    /// interval exp(±1.645 ω)).
    @Test func dayZeroLabsGiveTheConjugatePosterior() throws {
        let prior = try Self.prior()
        let labs = [LabMeasurement(line: 2, timeHours: 0, observable: "testosterone", value: 410, cv: nil),
                    LabMeasurement(line: 3, timeHours: 0, observable: "estradiol", value: 45, cv: 0.2)]
        let estimate = try IndividualEstimate(prior: prior, labs: labs)
        let components = estimate.components
        let wE2 = Self.omega(cv: PublishedVariability.named("estradiol")!.cv)
        let cases: [(k: Int, mean: Double, variance: Double, y: Double, s: Double)] = [
            (0, log(280.0), pow(Self.omega(cv: PublishedVariability.named("testosterone")!.cv), 2), 410,
             Self.omega(cv: WithinSubjectVariability.named("testosterone")!.cv)),
            (1, log(32.0) + prior.latent([0, 0, 0])[1], wE2 * wE2 * (1 - 0.09), 45, Self.omega(cv: 0.2)),
        ]
        for c in cases {
            let precision = 1 / c.variance + 1 / (c.s * c.s)
            let mean = (c.mean / c.variance + log(c.y) / (c.s * c.s)) / precision
            let sd = (1 / precision).squareRoot()
            #expect(abs(components[c.k].estimate / exp(mean) - 1) < 1e-4)
            #expect(abs(components[c.k].low / exp(mean - Self.z90 * sd) - 1) < 1e-3)
            #expect(abs(components[c.k].high / exp(mean + Self.z90 * sd) - 1) < 1e-3)
        }
        let wCL = Self.omega(cv: PublishedVariability.named("anastrozole.CL_L_per_h")!.cv)
        #expect(abs(components[2].estimate - 1) < 1e-4)
        #expect(abs(components[2].high / exp(Self.z90 * wCL) - 1) < 1e-3)
    }

    /// That posterior is Gaussian in z, so every importance weight is equal and the effective sample size is the
    /// number of draws; the forecast does not depend on the thread count.
    @Test func gaussianPosteriorHasEqualWeights() throws {
        let prior = try Self.prior()
        let labs = [LabMeasurement(line: 2, timeHours: 0, observable: "testosterone", value: 410, cv: nil)]
        let estimate = try IndividualEstimate(prior: prior, labs: labs)
        var settings = IndividualForecast.Settings()
        settings.draws = 12
        let one = try IndividualForecast(estimate, questions: [], settings: settings)
        settings.threads = 3
        let three = try IndividualForecast(estimate, questions: [], settings: settings)
        #expect(one.effectiveSampleSize > 12 * (1 - 1e-6))
        #expect(one.band == three.band)
    }

    /// A man whose clearance is twice the median, measured on treatment with precise labs, is found: the 90 %
    /// interval holds his factor and has the width the labs' information gives. Labs y = ln(lab) have standard
    /// deviation σ = √ln(1 + CV²) and the prior is z ~ N(0, I), so the linearised posterior covariance is
    /// C = (I + JᵀJ/σ²)⁻¹ with J = ∂y/∂z (central differences of the model at the truth); the clearance's 90 %
    /// interval is then 2·z90·ω_CL·√C₂₂ wide in ln CL. The estimate must reproduce that width within 10 % (precise
    /// labs leave the posterior nearly Gaussian), and it is narrower than the prior's 2·z90·ω_CL.
    @Test func recoversAClearanceFromLabsOnTreatment() throws {
        let prior = try Self.prior()
        let wCL = Self.omega(cv: PublishedVariability.named("anastrozole.CL_L_per_h")!.cv)
        // z with the population's baseline and clearance factor 2.
        let truthZ = [0, 0, log(2) / wCL]
        let times = [0, 14 * 24.0]
        func logLabs(_ z: [Double]) throws -> [Double] {
            let t = try prior.plan.trajectory(for: try prior.man(z), times: times)
            let e2 = t.series("estradiol")!, testosterone = t.series("testosterone")!
            return [log(e2[0]), log(testosterone[0]), log(e2[1])]
        }
        let y = try logLabs(truthZ)
        let labs = [LabMeasurement(line: 2, timeHours: 0, observable: "estradiol", value: exp(y[0]), cv: 0.01),
                    LabMeasurement(line: 3, timeHours: 0, observable: "testosterone", value: exp(y[1]), cv: 0.01),
                    LabMeasurement(line: 4, timeHours: 14 * 24, observable: "estradiol", value: exp(y[2]), cv: 0.01)]
        let clearance = try IndividualEstimate(prior: prior, labs: labs).components[2]
        #expect(clearance.low < 2 && 2 < clearance.high)

        let h = 1e-3, sigma2 = log1p(0.01 * 0.01)
        var jacobian = [[Double]](repeating: [0, 0, 0], count: 3)   // jacobian[lab][component]
        for k in 0..<3 {
            var up = truthZ, down = truthZ
            up[k] += h; down[k] -= h
            let (yUp, yDown) = (try logLabs(up), try logLabs(down))
            for i in 0..<3 { jacobian[i][k] = (yUp[i] - yDown[i]) / (2 * h) }
        }
        let m = (0..<3).map { a in (0..<3).map { b in (a == b ? 1 : 0) + (0..<3).reduce(0) { $0 + jacobian[$1][a] * jacobian[$1][b] } / sigma2 } }
        let determinant = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
        let posteriorVariance = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / determinant
        let predicted = 2 * Self.z90 * wCL * posteriorVariance.squareRoot()
        let width = log(clearance.high / clearance.low)
        #expect(abs(width / predicted - 1) < 0.10, "90 % interval \(width) in ln CL, linearised \(predicted)")
        #expect(width < 2 * Self.z90 * wCL)
    }
}

@Suite struct LabInputTests {
    static let observables = HPGModel(drugs: []).observables

    @Test func conditionsReadAsClinicians() throws {
        let e2 = try LabCondition(parsing: "E2 < 55 pmol/L", observables: Self.observables)
        #expect(e2.observable == "estradiol" && e2.comparison == .below)
        #expect(abs(e2.threshold - 55 / Self.observables.first { $0.name == "estradiol" }!.siFactor) < 1e-12)
        let ratio = try LabCondition(parsing: "T/E2 ≥ 10", observables: Self.observables)
        #expect(ratio.observable == "T_E2_ratio" && ratio.comparison == .atLeast && ratio.threshold == 10)
        #expect(ratio.holds(10) && !ratio.holds(9.99))
        #expect(throws: LabCondition.ParseError.self) { try LabCondition(parsing: "estradiol < 15 ng/dL", observables: Self.observables) }
        #expect(throws: LabCondition.ParseError.self) { try LabCondition(parsing: "estradiol 15", observables: Self.observables) }
    }

    func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "hpgsim-labs-\(UUID().uuidString).csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Weeks, SI units and shorthand are converted; each mistake is named with its line and what is allowed.
    @Test func readsAndConvertsLabs() throws {
        let path = try write("time_weeks,observable,value,unit,cv_percent\n0,T,10.4,nmol/L,\n6,E2,55,pmol/L,12\n")
        let labs = try LabsFile.read(path, observables: Self.observables)
        let t = Self.observables.first { $0.name == "testosterone" }!
        #expect(labs.count == 2)
        #expect(labs[0].observable == "testosterone" && abs(labs[0].value - 10.4 / t.siFactor) < 1e-9 && labs[0].cv == nil)
        #expect(labs[1].timeHours == 6 * 168 && labs[1].cv == 0.12 && labs[1].line == 3)
    }

    /// E2 measured by a clinic's immunoassay is a lab under its own name, with the immunoassay's published CV.
    @Test func readsAnImmunoassayEstradiol() throws {
        let path = try write("time_d,observable,value,unit\n0,estradiol_immunoassay,117.5,pmol/L\n")
        let labs = try LabsFile.read(path, observables: Self.observables)
        let e2 = Self.observables.first { $0.name == "estradiol_immunoassay" }!
        #expect(labs.count == 1 && labs[0].observable == "estradiol_immunoassay")
        #expect(abs(labs[0].value - 117.5 / e2.siFactor) < 1e-9)
    }

    @Test(arguments: [
        ("time_d,observable,value\n0,T,300\n", "the header has no unit column"),
        ("time_d,observable,value,unit\n0,T,300,pg/mL\n", ":2:1: unit: \"pg/mL\" — is not a unit of testosterone"),
        ("time_d,observable,value,unit\n0,estrogen,30,pg/mL\n", ":2:1: observable: \"estrogen\" — is not an observable"),
        ("time_d,observable,value,unit\n0,T,-3,ng/dL\n", ":2:1: value: \"-3\" — is not a positive number"),
        ("time_d,observable,value,unit\n0,sperm_concentration,20,million/mL\n", "has no published within-subject CV"),
        ("time_d,observable,value,unit\n-1,T,300,ng/dL\n", ":2:1: time_d: \"-1\" — is not a time"),
        ("time_d,observable,value,unit\n", "has no labs below its header"),
    ])
    func namesEachMistake(_ text: String, _ expected: String) throws {
        let path = try write(text)
        do {
            _ = try LabsFile.read(path, observables: Self.observables)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }
}

/// The residual CVs are the sources' numbers: CV = RCV/(1.96·√2) for Ahokoski's reference change limits.
@Suite struct WithinSubjectVariabilitySourceTests {
    @Test func reproducesTheReferenceChangeLimits() {
        for (name, rcv) in [("testosterone", 0.320), ("estradiol", 0.383), ("estradiol_immunoassay", 0.383), ("FSH", 0.241)] {
            #expect(abs(WithinSubjectVariability.named(name)!.cv * 1.959963984540054 * 2.0.squareRoot() - rcv) < 1e-12)
        }
        #expect(WithinSubjectVariability.named("LH")!.cv == 0.26)
    }
}
