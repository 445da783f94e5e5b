import Fitting
import Foundation

/// A NIST StRD nonlinear regression dataset (https://www.itl.nist.gov/div898/strd/nls/nls_main.shtml): data,
/// the two published start vectors, and the certified estimates, standard deviations and residual sum of squares
/// (computed by NIST in 128-bit precision and rounded to 11 significant digits).
struct NISTDataset: Sendable {
    let name: String
    let x: [Double]
    let y: [Double]
    let starts: [[Double]]
    let certifiedEstimates: [Double]
    let certifiedStandardDeviations: [Double]
    let certifiedResidualSumOfSquares: Double
    let model: @Sendable (_ b: [Double], _ x: Double) -> Double

    /// Residuals r_i = f(b, x_i) − y_i, unweighted, as NIST fits them.
    var problem: LeastSquaresProblem {
        let x = x, y = y, model = model
        return LeastSquaresProblem(parameterCount: certifiedEstimates.count, residualCount: x.count) { b in
            zip(x, y).map { model(b, $0) - $1 }
        }
    }
}

extension NISTDataset {
    /// NIST StRD Misra1a (lower difficulty): y = b1·(1 − exp(−b2·x)), Misra (1978), dental research
    /// monomolecular adsorption; 14 observations.
    static let misra1a = NISTDataset(
        name: "Misra1a",
        x: [77.6, 114.9, 141.1, 190.8, 239.9, 289.0, 332.8, 378.4, 434.8, 477.3, 536.8, 593.1, 689.1, 760.0],
        y: [10.07, 14.73, 17.94, 23.93, 29.61, 35.18, 40.02, 44.82, 50.76, 55.05, 61.01, 66.40, 75.47, 81.78],
        starts: [[500, 1e-4], [250, 5e-4]],
        certifiedEstimates: [2.3894212918E+02, 5.5015643181E-04],
        certifiedStandardDeviations: [2.7070075241E+00, 7.2668688436E-06],
        certifiedResidualSumOfSquares: 1.2455138894E-01,
        model: { b, x in b[0] * (1 - exp(-b[1] * x)) })

    /// NIST StRD Thurber (higher difficulty): y = (b1 + b2·x + b3·x² + b4·x³)/(1 + b5·x + b6·x² + b7·x³),
    /// Thurber (197?), semiconductor electron mobility; 37 observations.
    static let thurber = NISTDataset(
        name: "Thurber",
        x: [-3.067, -2.981, -2.921, -2.912, -2.840, -2.797, -2.702, -2.699, -2.633, -2.481, -2.363, -2.322, -1.501,
            -1.460, -1.274, -1.212, -1.100, -1.046, -0.915, -0.714, -0.566, -0.545, -0.400, -0.309, -0.109, -0.103,
            0.010, 0.119, 0.377, 0.790, 0.963, 1.006, 1.115, 1.572, 1.841, 2.047, 2.200],
        y: [80.574, 84.248, 87.264, 87.195, 89.076, 89.608, 89.868, 90.101, 92.405, 95.854, 100.696, 101.060,
            401.672, 390.724, 567.534, 635.316, 733.054, 759.087, 894.206, 990.785, 1090.109, 1080.914, 1122.643,
            1178.351, 1260.531, 1273.514, 1288.339, 1327.543, 1353.863, 1414.509, 1425.208, 1421.384, 1442.962,
            1464.350, 1468.705, 1447.894, 1457.628],
        starts: [[1000, 1000, 400, 40, 0.7, 0.3, 0.03], [1300, 1500, 500, 75, 1, 0.4, 0.05]],
        certifiedEstimates: [1.2881396800E+03, 1.4910792535E+03, 5.8323836877E+02, 7.5416644291E+01,
                             9.6629502864E-01, 3.9797285797E-01, 4.9727297349E-02],
        certifiedStandardDeviations: [4.6647963344E+00, 3.9571156086E+01, 2.8698696102E+01, 5.5675370270E+00,
                                      3.1333340687E-02, 1.4984928198E-02, 6.5842344623E-03],
        certifiedResidualSumOfSquares: 5.6427082397E+03,
        model: { b, x in
            (b[0] + b[1] * x + b[2] * x * x + b[3] * x * x * x) / (1 + b[4] * x + b[5] * x * x + b[6] * x * x * x)
        })

    /// NIST StRD MGH09 (higher difficulty): y = b1·(x² + x·b2)/(x² + x·b3 + b4), Kowalik & Osborne (1978),
    /// problem 15 of Moré, Garbow & Hillstrom (1981); 11 observations.
    static let mgh09 = NISTDataset(
        name: "MGH09",
        x: [4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625],
        y: [0.1957, 0.1947, 0.1735, 0.1600, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246],
        starts: [[25, 39, 41.5, 39], [0.25, 0.39, 0.415, 0.39]],
        certifiedEstimates: [1.9280693458E-01, 1.9128232873E-01, 1.2305650693E-01, 1.3606233068E-01],
        certifiedStandardDeviations: [1.1435312227E-02, 1.9633220911E-01, 8.0842031232E-02, 9.0025542308E-02],
        certifiedResidualSumOfSquares: 3.0750560385E-04,
        model: { b, x in b[0] * (x * x + x * b[1]) / (x * x + x * b[2] + b[3]) })

    /// NIST StRD BoxBOD (higher difficulty): y = b1·(1 − exp(−b2·x)), Box, Hunter & Hunter (1978),
    /// biochemical oxygen demand; 6 observations.
    static let boxBOD = NISTDataset(
        name: "BoxBOD",
        x: [1, 2, 3, 5, 7, 10],
        y: [109, 149, 149, 191, 213, 224],
        starts: [[1, 1], [100, 0.75]],
        certifiedEstimates: [2.1380940889E+02, 5.4723748542E-01],
        certifiedStandardDeviations: [1.2354515176E+01, 1.0455993237E-01],
        certifiedResidualSumOfSquares: 1.1680088766E+03,
        model: { b, x in b[0] * (1 - exp(-b[1] * x)) })
}

/// The number of significant digits to which `value` agrees with `reference`: −log₁₀(|value − reference|/|reference|).
func agreeingDigits(_ value: Double, _ reference: Double) -> Double {
    value == reference ? .infinity : -log10(abs(value - reference) / abs(reference))
}
