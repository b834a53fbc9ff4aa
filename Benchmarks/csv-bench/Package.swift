// swift-tools-version:6.0
//
// A small release-mode timer for the CSV reader (MB/s, rows/s) outside the main package.
//   swift run -c release --package-path Benchmarks/csv-bench csv-bench FILE [THREADS...]
// Make a test file with make_orders.py (see its header).
import PackageDescription

let package = Package(
    name: "csv-bench",
    dependencies: [.package(name: "SalesKit", path: "../../")],
    targets: [
        .executableTarget(name: "csv-bench", dependencies: [.product(name: "SalesData", package: "SalesKit"), .product(name: "SalesNumerics", package: "SalesKit")]),
        // Structural vs scalar tokenizer, interleaved in one process:
        //   swift run -c release --package-path Benchmarks/csv-bench tokenizer-bench FILE [ROUNDS]
        .executableTarget(name: "tokenizer-bench", dependencies: [.product(name: "SalesData", package: "SalesKit"), .product(name: "SalesNumerics", package: "SalesKit")]),
    ]
)
