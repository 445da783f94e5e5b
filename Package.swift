// swift-tools-version:6.1
import PackageDescription

// Module graph (one-way):
//   CLAPACK (system LAPACK/BLAS) ← ODE ← Dosing ← HPG ← Scenario ← hpgsim (CLI)
//   CLAPACK ← Fitting ← Scenario (the joint calibration), hpgsim
//   CLAPACK ← Population ← Scenario (the population block), Trial ← hpgsim
//   Scenario, Fitting, Population ← Forecast (one man's posterior from his labs; forecasts) ← hpgsim
//   Plot ← hpgsim
// ODE knows nothing of pharmacology; Dosing knows NONMEM event semantics and linear PK models;
// HPG is the physiological model and drug library; Scenario parses and validates YAML scenario files.
// Population is random streams and sampling statistics (no pharmacology); Trial runs virtual men through scenarios.
// Plot draws SVG charts (axes, ticks, series, bands, small multiples); it knows nothing of pharmacology.
// Fitting is general nonlinear least squares (Levenberg–Marquardt, uncertainty from the SVD of J), no pharmacology.
let package = Package(
    name: "hpgsim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hpgsim", targets: ["hpgsim"]),
        // The library others can depend on (issue 12 part 5): the solvers, the dosing engine, the model, the
        // scenario reader, populations and forecasts; Benchmarks/consumer is a package that uses them by path.
        .library(name: "ODE", targets: ["ODE"]),
        .library(name: "ODEProblems", targets: ["ODEProblems"]),
        .library(name: "Dosing", targets: ["Dosing"]),
        .library(name: "HPG", targets: ["HPG"]),
        .library(name: "Scenario", targets: ["Scenario"]),
        .library(name: "Population", targets: ["Population"]),
        .library(name: "Trial", targets: ["Trial"]),
        .library(name: "Forecast", targets: ["Forecast"]),
        .library(name: "Plot", targets: ["Plot"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // `swift package generate-documentation --target HPG` (DocC), README "The library".
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CLAPACK", path: "Sources/CLAPACK",
                       providers: [.apt(["liblapack-dev", "libblas-dev"])]),
        // snprintf's "%.*g" callable from Swift without a va_list (Scenario/Format.swift).
        .systemLibrary(name: "CFormat", path: "Sources/CFormat"),
        .target(name: "ODE", dependencies: ["CLAPACK"]),
        .target(name: "ODEProblems", dependencies: ["ODE"]),
        .target(name: "Dosing", dependencies: ["ODE"]),
        .target(name: "HPG", dependencies: ["ODE", "Dosing"]),
        .target(name: "Scenario", dependencies: ["HPG", "Dosing", "Fitting", "Population", "CFormat", "Yams"]),
        .target(name: "Fitting", dependencies: ["CLAPACK"]),
        .target(name: "Population", dependencies: ["CLAPACK"]),
        .target(name: "Plot"),
        .target(name: "Trial", dependencies: ["Scenario", "HPG", "Dosing", "Population"]),
        .target(name: "Forecast", dependencies: ["Scenario", "HPG", "Fitting", "Population"]),
        .executableTarget(name: "hpgsim", dependencies: [
            "ODE", "ODEProblems", "Dosing", "HPG", "Scenario", "Fitting", "Population", "Trial", "Forecast", "Plot",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "ODETests", dependencies: ["ODE", "ODEProblems"]),
        .testTarget(name: "DosingTests", dependencies: ["Dosing", "ODE"]),
        .testTarget(name: "HPGTests", dependencies: ["HPG", "Dosing", "ODE"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "HPG", "Dosing", "Population"]),
        .testTarget(name: "FittingTests", dependencies: ["Fitting"]),
        // Runs the built hpgsim on good and bad input: exit status, messages, files left behind.
        .testTarget(name: "CLITests", dependencies: ["hpgsim"]),
        .testTarget(name: "PopulationTests", dependencies: ["Population"]),
        .testTarget(name: "PlotTests", dependencies: ["Plot"]),
        .testTarget(name: "TrialTests", dependencies: ["Trial", "Scenario", "Population"]),
        .testTarget(name: "ForecastTests", dependencies: ["Forecast", "Scenario", "HPG", "Fitting", "Population"]),
    ]
)
