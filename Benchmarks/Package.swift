// swift-tools-version:6.1
import PackageDescription

// The solver benchmark suite, a package of its own so that the main package's `swift build` and
// `swift test` never build the benchmark framework. Run from this directory:
//
//     swift package benchmark                       # all benchmarks (release build)
//     swift package benchmark --filter 'robertson'  # one problem
//     swift package benchmark --target PopulationBenchmarks   # virtual men through a scenario
//
// The peer comparison (CVODE, scipy) lives in peers/ and is driven by peers/compare.py.
let package = Package(
    name: "hpgsim-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "hpgsim", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "SolverBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "ODE", package: "hpgsim"),
                .product(name: "ODEProblems", package: "hpgsim"),
            ],
            path: "Benchmarks/SolverBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "PopulationBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Trial", package: "hpgsim"),
            ],
            path: "Benchmarks/PopulationBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
