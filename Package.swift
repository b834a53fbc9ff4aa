// swift-tools-version:6.0
//
// SalesKit — CRM data into the numbers a sales team runs on.
// Layers (arrows point down only; see README "Layout"):
//   saleskit (SalesKitCLI) → SalesReport → SalesAnalytics → {SalesModels, SalesData} → SalesNumerics → CLAPACK
import PackageDescription

let package = Package(
    name: "SalesKit",
    products: [
        .library(name: "SalesKit", targets: ["SalesKit"]),
        .library(name: "SalesNumerics", targets: ["SalesNumerics"]),
        .library(name: "SalesData", targets: ["SalesData"]),
        .library(name: "SalesModels", targets: ["SalesModels"]),
        .library(name: "SalesAnalytics", targets: ["SalesAnalytics"]),
        .library(name: "SalesReport", targets: ["SalesReport"]),
        .executable(name: "saleskit", targets: ["SalesKitCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        // System library: OpenBLAS (cblas.h) + LAPACKE (lapacke.h) from Debian's -dev packages.
        .systemLibrary(
            name: "CLAPACK",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        // System library: zlib (zlib.h) from Debian's zlib1g-dev, for reading .gz inputs.
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "SalesNumerics",
            dependencies: ["CLAPACK", .product(name: "RealModule", package: "swift-numerics")]
        ),
        .target(name: "SalesData", dependencies: ["SalesNumerics", "CZlib"]),
        .target(
            name: "SalesModels",
            dependencies: ["SalesNumerics", .product(name: "RealModule", package: "swift-numerics")]
        ),
        .target(name: "SalesAnalytics", dependencies: ["SalesNumerics", "SalesModels", "SalesData"]),
        .target(name: "SalesReport", dependencies: ["SalesAnalytics", "SalesModels", "SalesData"]),
        .target(
            name: "SalesKit",
            dependencies: ["SalesNumerics", "SalesData", "SalesModels", "SalesAnalytics", "SalesReport"]
        ),
        .executableTarget(
            name: "SalesKitCLI",
            dependencies: ["SalesKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            exclude: ["Schemas"]
        ),
        .testTarget(name: "SalesNumericsTests", dependencies: ["SalesNumerics"], exclude: ["Fixtures"]),
        .testTarget(name: "SalesDataTests", dependencies: ["SalesData", "SalesNumerics"], exclude: ["Fixtures"]),
        .testTarget(name: "SalesModelsTests", dependencies: ["SalesModels", "SalesNumerics"], exclude: ["Fixtures"]),
        .testTarget(name: "SalesAnalyticsTests", dependencies: ["SalesAnalytics", "SalesData", "SalesModels", "SalesNumerics"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "SalesReportTests", dependencies: ["SalesReport", "SalesAnalytics", "SalesModels", "SalesData"]),
        .testTarget(name: "SalesKitCLITests", dependencies: ["SalesKitCLI"]),
        .testTarget(name: "SalesKitTests", dependencies: ["SalesKit"]),
    ]
)
