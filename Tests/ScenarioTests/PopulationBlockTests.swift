import Foundation
import HPG
import Population
import Testing
@testable import Scenario

/// The `population` block: what it accepts, every mistake named with line and key, and the men it describes
/// having the distributions it states.
struct PopulationBlockTests {
    let loader = ScenarioLoader(catalog: .hpg)

    static func text(_ population: String) -> String {
        """
        title: population
        patient:
          profile: overweight
        regimens:
          - drug: anastrozole
            dose: 1 mg
            times_per_week: 2
            duration: 4 weeks
        simulation:
          duration: 4 weeks
        population:
        \(population)
        """
    }

    func problems(_ population: String) -> [ScenarioProblem] {
        do { _ = try loader.parse(Self.text(population), file: "p.yaml"); return [] } catch { return error.problems }
    }

    @Test func misspeltParameterGetsDidYouMean() {
        let found = problems("  variability:\n    anastrozole.CL_L_per_hr: published")
        #expect(found.count == 1)
        #expect(found.first?.line == 13)
        #expect(found.first?.message.contains("Did you mean \"anastrozole.CL_L_per_h\"?") == true)
    }

    @Test func valueWithoutSourceIsRefused() {
        let found = problems("  variability:\n    anastrozole.V_L: {cv: 20 %}")
        #expect(found.count == 1)
        #expect(found.first?.key == "population.variability.anastrozole.V_L.source")
    }

    /// ρ(T, E2) = ρ(E2, LH) = 0.9 with ρ(T, LH) = −0.9 cannot hold together (the correlation matrix has
    /// determinant 1 − 3·0.81 − 2·0.729 < 0): the error names the matrix's variables and the correlations line.
    @Test func notPositiveDefiniteCorrelationsNameTheMatrixAndLine() {
        let found = problems("""
              covariates:
                testosterone: {distribution: log-normal, median: 300 ng/dL, cv: published}
                estradiol: {distribution: log-normal, median: 30 pg/mL, cv: published}
                LH: {distribution: log-normal, median: 4 IU/L, cv: published}
              correlations:
                - {between: [testosterone, estradiol], r: 0.9, source: test}
                - {between: [estradiol, LH], r: 0.9, source: test}
                - {between: [testosterone, LH], r: -0.9, source: test}
            """)
        #expect(found.count == 1)
        #expect(found.first?.line == 17)
        #expect(found.first?.key == "population.correlations")
        #expect(found.first?.message.contains("testosterone, estradiol, LH") == true)
        #expect(found.first?.message.contains("not positive definite") == true)
    }

    @Test func boundsMustSurroundTheCentre() {
        let found = problems("""
              covariates:
                bmi: {distribution: normal, mean: 27 kg/m2, sd: 4 kg/m2, min: 30 kg/m2, source: test}
            """)
        #expect(found.count == 1)
        #expect(found.first?.key == "population.covariates.bmi")
    }

    /// A sampled age stays within the ages `patient.age` allows (18–100 years): a lower bound of 10 years is refused.
    @Test func ageBoundsStayWithinTheModelsAges() {
        let found = problems("""
              covariates:
                age: {distribution: normal, mean: 40 years, sd: 10 years, min: 10 years, source: test}
            """)
        #expect(found.count == 1)
        #expect(found.first?.key == "population.covariates.age.min")
    }

    /// A sampled BMI stays within the values `patient.bmi` allows (the parameter's range, 15–60 kg/m2): a man
    /// drawn above them could not be simulated, so a max of 70 kg/m2 is refused at that key with the range.
    @Test func bmiBoundsStayWithinTheModelsRange() {
        let found = problems("""
              covariates:
                bmi: {distribution: log-normal, median: 30 kg/m2, cv: 20 %, max: 70 kg/m2, source: test}
            """)
        #expect(found.count == 1)
        #expect(found.first?.key == "population.covariates.bmi.max")
        #expect(found.first?.allowed == "a BMI from 15 to 60 kg/m2", "\(found)")
    }

    /// A sampled lab with `cv: published` has, over N men, log-mean ln(median) (SE ω/√N) and log-SD ω
    /// (SE of the variance ω²√(2/N)), ω² = ln(1 + CV²) with the table's CV; tolerances 4.5 SE. The bounds
    /// (100–1000 ng/dL around 300 with ω ≈ 0.27) cut less than 1e-4 of the law, far inside the tolerance.
    @Test func sampledCovariatesFollowThePublishedSpread() throws {
        let scenario = try loader.parse(Self.text("""
              covariates:
                testosterone: {distribution: log-normal, median: 300 ng/dL, cv: published, min: 100 ng/dL, max: 1000 ng/dL}
            """), file: "p.yaml")
        let spec = try #require(scenario.population)
        let n = 4000
        let logs = try (0..<n).map { log(try spec.man($0, seed: 9).covariates["testosterone"]!) }
        let cv = try #require(PublishedVariability.named("testosterone")).cv
        let omega2 = log1p(cv * cv)
        let mean = logs.reduce(0, +) / Double(n)
        let variance = logs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1)
        #expect(abs(mean - log(300)) < 4.5 * omega2.squareRoot() / Double(n).squareRoot())
        #expect(abs(variance - omega2) < 4.5 * omega2 * (2 / Double(n)).squareRoot())
    }

    @Test func patientsFileProblemsNameFileLineAndColumn() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hpgsim-patients-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "age_years,testosteron_ng_per_dL\n40,300\n".write(to: directory.appendingPathComponent("men.csv"), atomically: true, encoding: .utf8)
        let file = directory.appendingPathComponent("s.yaml").path
        try Self.text("  patients: men.csv").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: ScenarioError.self) { try loader.load(path: file) }
        do { _ = try loader.load(path: file) } catch {
            #expect(error.problems.first?.message.contains("men.csv:1: column \"testosteron_ng_per_dL\"") == true)
            #expect(error.problems.first?.message.contains("Did you mean \"testosterone_ng_per_dL\"?") == true)
        }
    }

    /// The table's lab CVs are the log-normal reading of a 95 % reference interval [lo, hi]: with median √(lo·hi)
    /// and ω² = ln(1 + CV²), the 2.5 % and 97.5 % quantiles median·exp(∓1.959964·ω) give back lo and hi
    /// (Qin 2015: testosterone 12.6–37.0 nmol/L, LH 2.2–11.6 IU/L).
    @Test(arguments: [("testosterone", 12.6, 37.0), ("LH", 2.2, 11.6), ("SHBG", 18.2, 95.1)])
    func publishedCVsReproduceTheirReferenceIntervals(name: String, low: Double, high: Double) throws {
        let cv = try #require(PublishedVariability.named(name)).cv
        let omega = log1p(cv * cv).squareRoot(), median = (low * high).squareRoot()
        #expect(abs(median * exp(-1.959963984540054 * omega) - low) < 1e-9 * low)
        #expect(abs(median * exp(1.959963984540054 * omega) - high) < 1e-9 * high)
    }
}
