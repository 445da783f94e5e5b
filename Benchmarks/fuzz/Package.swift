// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for hpgsim's readers, a package of its own so that the main package's `swift build`,
// `swift test` and CI never build them. Each target is an executable that hands its inputs' test to libFuzzer
// (`runFuzzer`, Sources/Fuzzing). Build and run with run.sh beside this file (README.md), which passes
// `-sanitize=fuzzer,address` to every module, so the readers, Yams and libyaml are instrumented too.
let package = Package(
    name: "hpgsim-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "hpgsim", path: "../.."),
    ],
    targets: [
        // libFuzzer's driver entry (declared in C), and the one call each fuzz target's main.swift makes.
        .target(name: "LibFuzzerDriver"),
        .target(name: "Fuzzing", dependencies: ["LibFuzzerDriver"]),
        // Scenario files: YAML, then every key, unit and range check (`ScenarioLoader.parse`).
        .executableTarget(name: "FuzzScenario", dependencies: ["Fuzzing", .product(name: "Scenario", package: "hpgsim")]),
        // NONMEM-style data sets (`DataSet.parse`), for the two-compartment depot model (every column kind).
        .executableTarget(name: "FuzzDataSet", dependencies: ["Fuzzing", .product(name: "Dosing", package: "hpgsim")]),
        // Labs files of `forecast --labs` (`LabsFile.parse`), against every drug's observables.
        .executableTarget(name: "FuzzLabs", dependencies: [
            "Fuzzing", .product(name: "Scenario", package: "hpgsim"), .product(name: "HPG", package: "hpgsim"),
        ]),
    ]
)
