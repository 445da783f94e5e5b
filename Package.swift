// swift-tools-version:6.1
import PackageDescription

// Module graph (one-way):
//   CLAPACK (system LAPACK/BLAS) ← ODE ← Dosing ← HPG ← Scenario ← hpgsim (CLI)
//   CLAPACK ← Fitting ← Scenario (the joint calibration), hpgsim
//   CLAPACK ← Population ← Scenario (the population block), Trial ← hpgsim
//   Scenario, Fitting, Population ← Forecast (one man's posterior from his labs; forecasts) ← hpgsim
// ODE knows nothing of pharmacology; Dosing knows NONMEM event semantics and linear PK models;
// HPG is the physiological model and drug library; Scenario parses and validates YAML scenario files.
// Population is random streams and sampling statistics (no pharmacology); Trial runs virtual men through scenarios.
// Fitting is general nonlinear least squares (Levenberg–Marquardt, uncertainty from the SVD of J), no pharmacology.
let package = Package(
    name: "hpgsim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hpgsim", targets: ["hpgsim"]),
        .library(name: "ODE", targets: ["ODE"]),
        .library(name: "ODEProblems", targets: ["ODEProblems"]),
        .library(name: "Trial", targets: ["Trial"]),
        // The readers, for the fuzz targets in Benchmarks/fuzz (a package of its own).
        .library(name: "Scenario", targets: ["Scenario"]),
        .library(name: "Dosing", targets: ["Dosing"]),
        .library(name: "HPG", targets: ["HPG"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(name: "CLAPACK", path: "Sources/CLAPACK",
                       providers: [.apt(["liblapack-dev", "libblas-dev"])]),
        // Release builds of the solver skip the run-time exclusivity checks on class properties, which took
        // about half the instructions of a stiff solve (Benchmarks/peers, notebooks-md/solver-benchmarks.md);
        // debug builds, and so the tests, keep them.
        .target(name: "ODE", dependencies: ["CLAPACK"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .target(name: "ODEProblems", dependencies: ["ODE"]),
        .target(name: "Dosing", dependencies: ["ODE"]),
        .target(name: "HPG", dependencies: ["ODE", "Dosing"]),
        .target(name: "Scenario", dependencies: ["HPG", "Dosing", "Fitting", "Population", "Yams"]),
        .target(name: "Fitting", dependencies: ["CLAPACK"]),
        .target(name: "Population", dependencies: ["CLAPACK"]),
        .target(name: "Trial", dependencies: ["Scenario", "HPG", "Population"]),
        .target(name: "Forecast", dependencies: ["Scenario", "HPG", "Fitting", "Population"]),
        .executableTarget(name: "hpgsim", dependencies: [
            "ODE", "ODEProblems", "Dosing", "HPG", "Scenario", "Fitting", "Population", "Trial", "Forecast",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "ODETests", dependencies: ["ODE", "ODEProblems"]),
        .testTarget(name: "DosingTests", dependencies: ["Dosing", "ODE"]),
        .testTarget(name: "HPGTests", dependencies: ["HPG", "Dosing", "ODE"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "HPG", "Dosing"]),
        .testTarget(name: "FittingTests", dependencies: ["Fitting"]),
        // Runs the built hpgsim on good and bad input: exit status, messages, files left behind.
        .testTarget(name: "CLITests", dependencies: ["hpgsim"]),
        .testTarget(name: "PopulationTests", dependencies: ["Population"]),
        .testTarget(name: "TrialTests", dependencies: ["Trial", "Scenario", "Population"]),
        .testTarget(name: "ForecastTests", dependencies: ["Forecast", "Scenario", "HPG", "Fitting", "Population"]),
    ]
)
