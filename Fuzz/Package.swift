// swift-tools-version:6.0
//
// libFuzzer target for the CSV reader, kept out of the main package: its only entry point is
// `LLVMFuzzerTestOneInput`, so it links only with `--sanitize=fuzzer`. Run it with `./run.sh`.
import PackageDescription

let package = Package(
    name: "SalesKitFuzz",
    dependencies: [.package(name: "SalesKit", path: "../")],
    targets: [
        .executableTarget(
            name: "CSVFuzzer",
            dependencies: [.product(name: "SalesData", package: "SalesKit")]
        ),
    ]
)
