import Fitting
import Foundation
import HPG
import Population
import Scenario

/// One man's individual parameters from his labs: the maximum a posteriori estimate under the population prior
/// (`IndividualPrior`) and a proportional residual error per lab, with its Laplace approximation
/// (`LaplacePosterior`).
///
/// A measured lab y at time t is ln y = ln f(z, t) + ε, ε ~ N(0, ω²), ω² = ln(1 + CV²), CV the lab's
/// within-subject variability (`WithinSubjectVariability`, or the labs file's `cv_percent`). f is the model's
/// observable for the man at z under the scenario's regimens. At t = 0 f is his true baseline: measured baseline
/// labs are data, not truths, so a noisy baseline is shrunk toward the population.
public struct IndividualEstimate: Sendable {
    public let prior: IndividualPrior
    public let labs: [LabMeasurement]
    public let posterior: LaplacePosterior
    /// Lower Cholesky factor of the posterior covariance of z, for drawing from the Laplace approximation.
    public let root: Cholesky

    /// Lab times (hours), ascending and distinct.
    public var labTimes: [Double] { Array(Set(labs.map(\.timeHours))).sorted() }

    public enum Failure: Error, CustomStringConvertible {
        case labOutsideRun(line: Int, hours: Double, end: Double)
        case labNotModelled(line: Int, observable: String)
        case fit(FittingError)

        public var description: String {
            switch self {
            case .labOutsideRun(let line, let hours, let end):
                "line \(line): a lab at day \(formatNumber(hours / 24)) is after the scenario ends (day \(formatNumber(end / 24)));"
                + " lengthen simulation.duration or leave the lab out."
            case .labNotModelled(let line, let observable):
                "line \(line): \(observable) is not an observable of this scenario's drugs."
            case .fit(let error):
                "the maximum a posteriori estimate failed: \(error). Check that the labs are in the units stated and"
                + " belong to this regimen."
            }
        }
    }

    public init(prior: IndividualPrior, labs: [LabMeasurement]) throws(Failure) {
        let plan = prior.plan
        let specs = plan.modelObservables
        for lab in labs {
            if lab.timeHours > plan.scenario.simulation.duration {
                throw .labOutsideRun(line: lab.line, hours: lab.timeHours, end: plan.scenario.simulation.duration)
            }
            if !specs.contains(where: { $0.name == lab.observable }) { throw .labNotModelled(line: lab.line, observable: lab.observable) }
        }
        let residuals = Self.dataResiduals(prior: prior, labs: labs)
        var options = LevenbergMarquardtOptions()
        // The residuals come from an ODE solution accurate to about its relative tolerance.
        options.finiteDifferences = FiniteDifferences(scheme: .forward, concurrent: true, noiseLevel: plan.relativeTolerance)
        options.costTolerance = 1e-8
        options.stepTolerance = 1e-6
        options.gradientTolerance = 1e-6
        options.maxEvaluations = 60 * (prior.dimension + 1)
        let fitted: LaplacePosterior
        do {
            fitted = try LaplacePosterior(dimension: prior.dimension, dataResidualCount: labs.count, options: options,
                                          dataResiduals: { z in try residuals(z).residuals })
        } catch { throw .fit(error) }
        // H⁻¹ is symmetric positive definite (H ≥ I).
        let n = prior.dimension
        let sigma = (0..<n * n).map { fitted.covariance[$0 / n, $0 % n] }
        root = try! Cholesky(factoring: sigma, dimension: n)
        posterior = fitted
        self.prior = prior
        self.labs = labs
    }

    /// z ↦ the labs' standardised residuals (ln y − ln f)/ω, and the trajectory at `extraTimes` with the lab
    /// times, from one simulation.
    static func dataResiduals(prior: IndividualPrior, labs: [LabMeasurement], extraTimes: [Double] = [])
        -> @Sendable ([Double]) throws -> (residuals: [Double], trajectory: Trajectory) {
        let times = Array(Set(labs.map(\.timeHours) + extraTimes)).sorted()
        let row = Dictionary(uniqueKeysWithValues: times.enumerated().map { ($1, $0) })
        let omegas = labs.map { lab in
            let cv = lab.cv ?? WithinSubjectVariability.named(lab.observable)!.cv
            return log1p(cv * cv).squareRoot()
        }
        return { z in
            let trajectory = try prior.plan.trajectory(for: try prior.man(z), times: times)
            let residuals = zip(labs, omegas).map { lab, omega in
                let j = trajectory.observables.firstIndex { $0.name == lab.observable }!
                return (log(lab.value) - log(trajectory.values[row[lab.timeHours]!][j])) / omega
            }
            return (residuals, trajectory)
        }
    }

    /// The unknown components: prior median, estimate (at the mode) and a 90 % interval from the Laplace
    /// approximation, on the natural scale (the latent x_B = μ + C·z is Gaussian, so its ±1.645 SD interval
    /// maps through each component's shape).
    public struct Component: Sendable {
        public var name: String
        public var prior: Double
        public var estimate: Double
        public var low: Double
        public var high: Double
    }

    public var components: [Component] {
        let n = prior.dimension
        let mode = posterior.mode
        let center = prior.latent(mode)
        let zero = prior.latent([Double](repeating: 0, count: n))
        // Cov(x_B) = C·Σ_z·Cᵀ; column k of C is ∂x/∂z_k.
        let columns = (0..<n).map { k -> [Double] in
            var e = [Double](repeating: 0, count: n); e[k] = 1
            return zip(prior.latent(e), zero).map { $0 - $1 }
        }
        return prior.unknown.enumerated().map { i, c in
            var variance = 0.0
            for k in 0..<n { for l in 0..<n { variance += columns[k][i] * posterior.covariance[k, l] * columns[l][i] } }
            let sd = variance.squareRoot()
            let natural = { (x: Double) in c.shape == .normal ? c.center + x : c.center * exp(x) }
            return Component(name: c.name, prior: natural(zero[i]), estimate: natural(center[i]),
                             low: natural(center[i] - 1.6448536269514722 * sd), high: natural(center[i] + 1.6448536269514722 * sd))
        }
    }
}
