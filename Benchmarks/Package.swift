// swift-tools-version:6.1
//
// SalesKit benchmarks — a nested package so the main package's builds and tests never compile
// package-benchmark (see shared TOOLCHAIN.md). Run from this directory:
//   swift package benchmark                       # every suite in Benchmarks/<Suite>/
//   swift package benchmark --filter 'dgemm.*'    # one suite's benchmarks
//   compare/run.sh --size medium                  # side by side with the Python peers
import PackageDescription

// SwiftPM names a path dependency after its last path component ("identity"). Depending on ".."
// would name the parent after whatever the checkout is called — and a checkout called `benchmarks`
// would collide with this package's own identity. `SalesKitPackage` is a committed symlink to
// "..", so the parent is always `saleskitpackage` whatever the checkout directory is named.
let salesKitIdentity = "saleskitpackage"

let benchmarkDependencies: [Target.Dependency] = [
    .product(name: "Benchmark", package: "benchmark"),
    "BenchmarkSupport",
    "BenchmarkSuiteSupport",
]
/// The package-benchmark suites, one executable target each under `Benchmarks/<name>/`.
let suites = ["BLASFloors", "CSVRead", "OLS", "Logistic", "RFM", "Cohort", "Funnel", "AutoETS", "BGNBD", "Scoring"]
let benchmarkPlugins: [Target.PluginUsage] = [.plugin(name: "BenchmarkPlugin", package: "benchmark")]

let package = Package(
    name: "SalesKitBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: "SalesKitPackage"),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Workload kernels, floors, deterministic inputs and the dataset cache, shared by the
        // package-benchmark suites and the `saleskit-bench` runner used by compare/run.sh.
        .target(
            name: "BenchmarkSupport",
            dependencies: [.product(name: "SalesKit", package: salesKitIdentity)]
        ),
        // One workload in-process on given files; prints one JSON object (compare/README.md).
        .executableTarget(name: "saleskit-bench", dependencies: ["BenchmarkSupport"]),
        // What the workload suites share (settings, the inputs guard).
        .target(
            name: "BenchmarkSuiteSupport",
            dependencies: [.product(name: "Benchmark", package: "benchmark"), "BenchmarkSupport"]
        ),
    ] + suites.map { name in
        // package-benchmark suites: one per workload, in Benchmarks/<name>/.
        .executableTarget(name: name, dependencies: benchmarkDependencies, path: "Benchmarks/\(name)",
                          plugins: benchmarkPlugins)
    }
)

