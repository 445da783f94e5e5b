import Foundation
import Fitting
import HPG

/// The joint calibration of the model's calibrated parameters (`Calibration.calibratedParameters`) to the
/// training studies (scenarios/studies, each a scenario with a `reported` block), by Levenberg–Marquardt on
/// weighted log ratios:
///
///     minimise ½ Σᵢ (wᵢ · ln(simulatedᵢ / reportedᵢ))²,   wᵢ = 1 / ln(1 + toleranceᵢ),
///
/// over θ = ln(parameter values) (every calibrated parameter is positive). A target's tolerance states how
/// well it is known (20 % for values read in a study's own text, 40 % for uncertain ones, as each file sets),
/// so uncertain targets weigh less. Changes are compared as ratios to the simulated baseline
/// (`Comparison.logResidual`). One target that is not a drug study enters too: the Kley 1980 obesity ratio
/// E2/T ×4.4 at 170 % of ideal weight (`aromatase_BMI_exponent`), weighted as a ±20 % value.
///
/// A value outside its tolerance band adds a second residual, its distance beyond the band
/// (`outsideTolerance`): inside the band the fit is the least squares above, outside it the pull doubles.
///
/// The `expect` checks of the same files (directions, and the physiology the model must show, e.g. TRT keeps
/// LH ≤ 10 % of baseline) enter as one-sided residuals: w·ln(value/bound) when a "≤" check is violated,
/// w·ln(bound/value) when a "≥" check is, 0 when it holds (w = 1/ln 1.05: the physiology is a firm statement, so
/// a violation of 5 % weighs as much as a study value at the edge of its tolerance).
///
/// Weak log-normal priors (`Prior`) keep each parameter near its physiological starting value where the data
/// say little: a residual ln(p/centre)/ln(3), one standard deviation being a factor of 3 — a maximum a
/// posteriori fit. The priors' centres are fixed (not the start), so rerunning from the fitted values returns
/// to the same optimum.
///
/// The uncertainty of θ comes from the Jacobian at the optimum (`FitResult.uncertainty`, residual variance
/// estimated); standard errors of ln p are relative standard errors of p.
public struct TrainingCalibration: Sendable {
    public let scenarios: [Scenario]
    public let parameters: [String]
    /// Values of `parameters` the fit starts from (the shipped ones).
    public let start: [Double]
    /// The values each parameter may take (`ParameterSpec.allowed`): the fit is held inside them.
    let ranges: [ParameterRange]

    public init(scenarios: [Scenario], parameters: [ParameterSpec] = Calibration.calibratedParameters) {
        self.scenarios = scenarios
        self.parameters = parameters.map(\.name)
        self.start = parameters.map(\.value)
        self.ranges = parameters.map(\.allowed)
    }

    /// Tolerance of the Kley target.
    static let kleyTolerance = 0.2

    /// The comparisons of every scenario at these parameter values (each scenario's own overrides win).
    public func comparisons(_ values: [Double]) throws -> [Comparison] {
        let overrides = Dictionary(uniqueKeysWithValues: zip(parameters, values))
        var results: [Comparison] = []
        for scenario in scenarios {
            results += try scenario.applying(overrides).simulate(units: .conventional).comparisons
        }
        return results
    }

    /// The Kley ratio E2/T(BMI 37.4) / E2/T(BMI 22) at these values.
    func kleyRatio(_ values: [Double]) throws -> Double {
        try Calibration.kleyRatio(overrides: Dictionary(uniqueKeysWithValues: zip(parameters, values).filter { !$0.0.contains(".") }))
    }

    /// Every `expect` check of the scenarios at these values.
    public func expectations(_ values: [Double]) throws -> [ExpectationResult] {
        let overrides = Dictionary(uniqueKeysWithValues: zip(parameters, values))
        return try scenarios.flatMap { try $0.checkExpectations(overrides: overrides) }
    }

    /// The one-sided residual of a check: 0 when it holds by a margin of 1 % (2·ln 1.005 in log terms), rising
    /// by 1 per further 0.5 % towards and past its bound (2 at the bound itself). The checks are requirements,
    /// not targets with an error: the margin makes the optimum hold them rather than settle on their edge (with
    /// a 0.5 % margin the fit settled within rounding of a bound), and a miss of 1 % costs as much as a value
    /// 40 % outside its tolerance, so the fit does not trade a check for a small gain elsewhere.
    static func violation(_ check: ExpectationResult) -> Double {
        let value = max(abs(check.value), 1e-9), bound = max(abs(check.bound), 1e-9), margin = Self.checkScale
        switch check.relation.rule.order {
        case .less, .atMost: return max(0, log(value / bound) + 2 * margin) / margin
        case .greater, .atLeast: return max(0, log(bound / value) + 2 * margin) / margin
        }
    }

    /// The weighted residuals at θ = ln(values): one per comparison, one per comparison beyond its tolerance,
    /// the Kley target and its part beyond its tolerance, one per expect check, the priors, then one per parameter
    /// beyond its allowed range.
    public func residuals(logValues: [Double]) throws -> [Double] {
        try residualParts(logValues: logValues).flatMap(\.residuals)
    }

    /// The residuals of `residuals(logValues:)`, in its order, by the part of the fit each comes from.
    public func residualParts(logValues: [Double]) throws -> [(part: String, residuals: [Double])] {
        let unbounded = logValues.map { exp($0) }
        // The model runs at the values moved into their allowed ranges; `outsideRange` pulls the fit back.
        let values = bounded(logValues)
        let compared = try comparisons(values)
        let study = compared.map { $0.weight * $0.logResidual }
        let outside = compared.map(Self.outsideTolerance)
        let kleyResidual = log(try kleyRatio(values) / Calibration.kleyE2OverTRatio)
        let kley = kleyResidual / log(1 + Self.kleyTolerance)
        // Beyond its ±20 % band the Kley ratio is held like an expect check (`violation`'s 0.5 % scale): the
        // documents' statements on obesity (low T/E2, anastrozole's benefit in obesity) rest on it.
        let kleyOutside = Self.beyondBand(kleyResidual, tolerance: Self.kleyTolerance) / Self.checkScale
        let checks = try expectations(values).map(Self.violation)
        let priors = zip(parameters, unbounded).map { name, value in
            log(value / (Prior.centres[name] ?? value)) / log(Prior.factor)
        }
        return [("reported values", study), ("reported values beyond their tolerance", outside),
                ("Kley ratio", [kley, kleyOutside]), ("expect checks", checks), ("priors", priors),
                ("parameters beyond their range", zip(unbounded, ranges).map(Self.outsideRange))]
    }

    /// One reported value's share of the cost ½Σr²: ½((w·ln(s/r))² + (w·beyond its band)²).
    public static func cost(of comparison: Comparison) -> Double {
        let residual = comparison.weight * comparison.logResidual, outside = outsideTolerance(comparison)
        return (residual * residual + outside * outside) / 2
    }

    /// The parameter values at θ = ln(values), each moved into its allowed range (the model refuses any other).
    public func bounded(_ logValues: [Double]) -> [Double] {
        zip(logValues, ranges).map { θ, range in min(max(exp(θ), range.lower), range.upper) }
    }

    /// A parameter beyond its allowed range, held like an expect check (the 0.5 % scale of `violation`): 0
    /// inside, the log distance to the bound over ln 1.005 outside. The log-parameters keep every value above
    /// zero; this keeps a bounded one (an elasticity in [0, 1], a share below 1) where its meaning holds.
    static func outsideRange(_ value: Double, _ range: ParameterRange) -> Double {
        let above = range.upper.isFinite ? max(0, log(value / range.upper)) : 0
        let below = range.lower > 0 ? max(0, log(range.lower / value)) : 0
        return (above + below) / checkScale
    }

    /// The part of a target's weighted log residual beyond its tolerance band, the band being the pass rule
    /// r·(1 − tol) ≤ s ≤ r·(1 + tol) in log terms, ln(1 − tol) ≤ ln(s/r) ≤ ln(1 + tol): 0 inside, so the pull
    /// on a value doubles once it leaves its tolerance (what "within tolerance" asks of the fit), and continuous
    /// at the band's edges.
    static func outsideTolerance(_ comparison: Comparison) -> Double {
        comparison.weight * beyondBand(comparison.logResidual, tolerance: comparison.tolerance)
    }

    /// How far a log residual lies beyond the band ln(1 − tol) … ln(1 + tol) of a ±tol tolerance; 0 inside.
    static func beyondBand(_ residual: Double, tolerance: Double) -> Double {
        let lower = tolerance < 1 ? log(1 - tolerance) : -Double.infinity
        return max(0, residual - log(1 + tolerance)) + max(0, lower - residual)
    }

    /// The log distance that counts 1 in a check's residual, ln 1.005 (0.5 %): checks, the Kley ratio beyond its
    /// band and parameters beyond their ranges are all held on this scale.
    static let checkScale = log(1.005)

    /// The fit from the shipped values, and the values to ship: the estimates, or the starting values when the
    /// fit lowers the cost by no more than `keepTolerance` of it (the start is then the optimum within what the
    /// objective can tell apart: its flat valley moves the estimates by far less than their standard errors).
    /// That fixed-point rule makes a rerun from the shipped values write them again, byte for byte.
    public func fit(maxIterations: Int = 40) throws -> (result: FitResult, values: [Double], keptStart: Bool) {
        let θ0 = start.map { log($0) }
        let r0 = try residuals(logValues: θ0)
        let calibration = self
        let problem = LeastSquaresProblem(parameterCount: θ0.count, residualCount: r0.count) { θ in
            try calibration.residuals(logValues: θ)
        }
        var options = LevenbergMarquardtOptions()
        options.maxIterations = maxIterations
        options.costTolerance = Self.keepTolerance
        options.stepTolerance = 1e-5
        options.typicalSizes = θ0.map { _ in 1 }
        options.finiteDifferences = FiniteDifferences(scheme: .central, concurrent: true)
        let result = try LevenbergMarquardt.fit(problem, from: θ0, options: options)
        let startCost = r0.reduce(0) { $0 + $1 * $1 } / 2
        let keep = startCost - result.cost <= Self.keepTolerance * startCost
        return (result, keep ? start : bounded(result.estimates), keep)
    }

    /// Relative cost reduction below which the fit stops, and keeps its start: 0.1 % of ½Σr² (about 0.08 here),
    /// a change in χ² = Σr² far below 1, which the data cannot tell from zero.
    public static let keepTolerance = 1e-3

    /// The generated `Sources/HPG/Calibrated.swift` for these values: names sorted, values rounded to 4
    /// significant digits (the fit's relative standard errors are larger than 1e-4), so rerunning from the
    /// written values, which returns to the same optimum within the stopping tolerance, writes the same bytes.
    public func calibratedSource(values: [Double]) -> String {
        let lines = zip(parameters, values).sorted { $0.0 < $1.0 }.map { name, value in
            "        \"\(name)\": \(String(format: "%.4g", value)),"
        }
        return """
        // Generated by `hpgsim calibrate --write Sources/HPG/Calibrated.swift`: the joint fit to the training studies
        // (scenarios/studies). Do not edit by hand; rerunning the command reproduces this file byte for byte.

        /// The calibrated parameters by name (`Parameter` sources "calibrated (training set)"): the one parameter
        /// file the model reads.
        enum Calibrated {
            static let values: [String: Double] = [
        \(lines.joined(separator: "\n"))
            ]
        }

        """
    }
}

/// The weak priors of the calibrated parameters: the physiological values the fit starts from, with a factor of
/// 3 at one standard deviation (log-normal).
enum Prior {
    static let factor = 3.0
    static let centres: [String: Double] = [
        "E2_feedback_E50_pg_per_mL": 25,           // half-maximal at the reference man's E2
        "E2_feedback_hypothalamic_exponent": 0.5,   // half of the single-site exponent ≈ 1 fitted to Shah 2021 before the split
        "E2_feedback_pituitary_exponent": 0.5,
        "E2_immunoassay_bias_pg_per_mL": 5,         // Huhtaniemi 2012: MS-low E2 (< 11 pg/mL) read low by immunoassay in 13 % of men
        "T_feedback_hypothalamic_hill": 2,
        "T_feedback_hypothalamic_T50_fold": 1.3,    // above the reference man's 531 ng/dL
        "T_feedback_set_point_elasticity": 0.5,     // between one threshold for all men (0) and his own T (1)
        "E2_feedback_set_point_elasticity": 0.5,    // between one half-point for all men (0) and his own E2 (1)
        "ke_gonadotroph_reserve_per_h": log(2.0) / (7 * 24),   // days to weeks
        "ke_GnRH_neuron_availability_per_h": log(2.0) / (120 * 24),   // months
        "GnRH_neuron_desensitisation_gain": 1,
        "GnRH_neuron_desensitisation_T50_ng_per_dL": 900,   // above the physiological range (TRT levels)
        "inhibin_B_FSH_exponent": 0.3,
        "ke_Leydig_trophic_per_h": log(2.0) / (60 * 24),       // Leydig mass: months
        "Leydig_LH50_IU_per_L": 5.18,               // Tornøe 2007 (degarelix in prostate cancer)
        "Leydig_LH_hill": 1.9,                      // Tornøe 2007
        "Leydig_trophic_exponent": 0.5,
        "SHBG_E2_exponent": 0.5,
        "SHBG_T_exponent": 0.5,                     // as SHBG_E2_exponent's: no source gives the androgen elasticity
        "aromatase_testicular_share": 0.3,          // inside 20–60 % (de Ronde & de Jong 2011)
        "aromatase_BMI_exponent": 3.9,
        "spermatogenic_drive_hill": 1.7,
        "morphology_exponent": 0.34,
        "hcg.LH_equivalent_IU_per_IU": 0.1,          // order of the LH-receptor potency ratio hCG/LH
        "clomiphene.Ki_estrogen_receptor_ng_per_mL": 0.5,
        "letrozole.Ki_aromatase_ng_per_mL": Drug.letrozoleGeislerKi_ng_per_mL,   // > 99.1 % at 2.5 mg/d (Geisler 2002)
        "tamoxifen.metabolite_Ki_estrogen_receptor_ng_per_mL": 47 * 371.5 / 1000,   // ERα IC50 47 nM (Maximov 2017)
    ]
}
