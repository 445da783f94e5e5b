// swift-tools-version:6.1
import PackageDescription

// A package that depends on hpgsim as another project would (by path here; by version from a tag the same way),
// and runs a scenario through the public API: `swift run --package-path Benchmarks/consumer Consumer`.
// It shows that the library products build as a dependency (no unsafe compiler flags).
let package = Package(
    name: "consumer",
    dependencies: [.package(name: "hpgsim", path: "../..")],
    targets: [
        .executableTarget(name: "Consumer", dependencies: [
            .product(name: "Scenario", package: "hpgsim"),
            .product(name: "HPG", package: "hpgsim"),
            .product(name: "Dosing", package: "hpgsim"),
        ]),
    ]
)
