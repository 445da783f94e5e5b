import Foundation
import HPG
import Population
import Scenario

/// What is known about one man before his labs are read: the scenario's population block is the prior, and what
/// its patient block states (age, BMI, baseline labs) is known exactly and conditioned on.
///
/// The population draws latent x ~ N(0, Σ) (`CorrelatedSampler`; a component is μ + x or m·exp(x)). With the
/// known components A at their latent values x_A, the unknown ones B are Gaussian (Anderson, An Introduction to
/// Multivariate Statistical Analysis, 3rd ed., Thm 2.5.1):
///
///     x_B | x_A ~ N(μ, C·Cᵀ),   μ = Σ_BA·Σ_AA⁻¹·x_A,   C·Cᵀ = Σ_BB − Σ_BA·Σ_AA⁻¹·Σ_AB.
///
/// The man is estimated in whitened coordinates z (x_B = μ + C·z), where the prior is z ~ N(0, I): the prior's
/// contribution to −log p is ½‖z‖², and a population's bounds stay a box on the natural scale (outside it the
/// prior density is zero).
public struct IndividualPrior: Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case noPopulation(scenario: String)
        case patientsFile(scenario: String)
        case nothingUnknown(scenario: String)
        case covariance(String)

        public var description: String {
            switch self {
            case .noPopulation(let s):
                "\(s): a forecast needs a `population` block: the spread between men is the prior the man's labs update"
                + " (see scenarios/forecast/ for an example)."
            case .patientsFile(let s):
                "\(s): the population reads its men from a patients file, which is not a distribution; a forecast needs"
                + " sampled covariates (`population.covariates`)."
            case .nothingUnknown(let s):
                "\(s): the patient block states every component of the population, so nothing is left to estimate."
            case .covariance(let m): "the population's covariance, conditioned on the patient's known values, \(m)"
            }
        }
    }

    /// A point of z outside the population's bounds.
    public struct OutsideBounds: Error, CustomStringConvertible {
        public var component: String
        public var value: Double
        public var description: String { "\(component) = \(value) lies outside the population's bounds" }
    }

    public let plan: PopulationPlan
    /// The unknown components, in sampler order.
    public let unknown: [CorrelatedSampler.Component]
    /// Known components (natural scale): the patient block's values.
    public let known: [String: Double]
    /// μ and C (row-major, lower triangular) of x_B | x_A.
    let mean: [Double]
    let factor: [Double]

    public var dimension: Int { unknown.count }

    public init(plan: PopulationPlan) throws(Failure) {
        let scenario = plan.scenario
        guard let population = scenario.population else { throw .noPopulation(scenario: scenario.file) }
        guard population.patients == nil else { throw .patientsFile(scenario: scenario.file) }
        let components = population.sampler.components
        let observables = HPGModel(drugs: []).observables
        var known: [String: Double] = [:]
        if let age = scenario.patient.age { known["age"] = age }
        if let bmi = scenario.patient.bodyMassIndex { known["bmi"] = bmi }
        for (name, lab) in scenario.patient.baselineLabs {
            guard let spec = observables.first(where: { $0.name == name }) else { continue }
            known[name] = lab.unit == spec.unit ? lab.value : lab.value / spec.siFactor
        }
        let d = components.count
        let a = (0..<d).filter { known[components[$0].name] != nil }
        let b = (0..<d).filter { known[components[$0].name] == nil }
        guard !b.isEmpty else { throw .nothingUnknown(scenario: scenario.file) }
        let l = population.sampler.factor.lower
        var sigma = [Double](repeating: 0, count: d * d)
        for i in 0..<d { for j in 0...i {
            sigma[i * d + j] = (0...j).reduce(0) { $0 + l[i * d + $1] * l[j * d + $1] }
            sigma[j * d + i] = sigma[i * d + j]
        } }
        let latentKnown = a.map { k -> Double in
            let c = components[k], value = known[c.name]!
            return c.shape == .normal ? value - c.center : log(value / c.center)
        }
        // Σ_AA⁻¹·x_A and Σ_AA⁻¹·Σ_AB through the Cholesky factor of Σ_AA.
        let sAA = a.flatMap { i in a.map { sigma[i * d + $0] } }
        let solve: ([Double]) -> [Double]
        do {
            let chol = try Cholesky(factoring: sAA, dimension: a.count)
            solve = { chol.solve($0) }
        } catch { throw .covariance(error.description) }
        let weights = solve(latentKnown)
        mean = b.map { i in zip(a, weights).reduce(0) { $0 + sigma[i * d + $1.0] * $1.1 } }
        let columns = b.map { j in solve(a.map { sigma[$0 * d + j] }) }  // Σ_AA⁻¹·Σ_A,j for each j in B
        var conditional = [Double](repeating: 0, count: b.count * b.count)
        for (p, i) in b.enumerated() { for (q, j) in b.enumerated() {
            conditional[p * b.count + q] = sigma[i * d + j] - zip(a, columns[q]).reduce(0) { $0 + sigma[i * d + $1.0] * $1.1 }
        } }
        for p in 0..<b.count { for q in 0..<p { conditional[q * b.count + p] = conditional[p * b.count + q] } }
        do { factor = try Cholesky(factoring: conditional, dimension: b.count).lower } catch {
            throw .covariance(error.description)
        }
        self.plan = plan
        self.known = known
        unknown = b.map { components[$0] }
    }

    /// Latent x_B = μ + C·z.
    public func latent(_ z: [Double]) -> [Double] {
        let n = dimension
        return (0..<n).map { i in mean[i] + (0...i).reduce(0) { $0 + factor[i * n + $1] * z[$1] } }
    }

    /// The unknown components on their natural scale at z.
    public func values(_ z: [Double]) -> [Double] {
        zip(unknown, latent(z)).map { c, x in c.shape == .normal ? c.center + x : c.center * exp(x) }
    }

    /// The man at z: covariates and parameter factors, the known ones from the patient block (which the
    /// scenario's patient already carries).
    public func man(_ z: [Double]) throws(OutsideBounds) -> VirtualMan {
        let population = plan.scenario.population!
        var covariates: [String: Double] = [:], factors: [String: Double] = [:]
        for (c, value) in zip(unknown, values(z)) {
            guard c.bounds.contains(value) else { throw OutsideBounds(component: c.name, value: value) }
            if population.parameters.contains(c.name) { factors[c.name] = value } else { covariates[c.name] = value }
        }
        return VirtualMan(index: 0, covariates: covariates, factors: factors, row: nil)
    }
}
