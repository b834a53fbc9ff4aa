// swift-tools-version:6.0
//
// SalesKit — CRM data into the numbers a sales team runs on.
// Layers (arrows point down only; see README "Layout"):
//   saleskit (SalesKitCLI) → SalesReport → SalesAnalytics → {SalesModels, SalesWarehouse → SalesData} → SalesNumerics → CLAPACK
//   SalesWarehouse: query plans rendered to SQL per engine, and the engine connectors (PostgresNIO, ClickHouse HTTP,
//   Spark Connect over gRPC with an Arrow IPC reader) → SparkConnectProtocol (generated protobuf/gRPC code)
import PackageDescription

let package = Package(
    name: "SalesKit",
    products: [
        .library(name: "SalesKit", targets: ["SalesKit"]),
        .library(name: "SalesNumerics", targets: ["SalesNumerics"]),
        .library(name: "SalesData", targets: ["SalesData"]),
        .library(name: "SalesModels", targets: ["SalesModels"]),
        .library(name: "SalesWarehouse", targets: ["SalesWarehouse"]),
        .library(name: "SalesAnalytics", targets: ["SalesAnalytics"]),
        .library(name: "SalesReport", targets: ["SalesReport"]),
        .executable(name: "saleskit", targets: ["SalesKitCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Already dependencies of postgres-nio; named here because SalesWarehouse imports them.
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.3"),
        // Spark Connect: gRPC over HTTP/2 (NIO Posix transport) and the protobuf runtime.
        .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
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
        // The Spark Connect protocol subset SalesKit uses, generated once by
        // Sources/SparkConnectProtocol/generate.sh (protoc + the two plugins; never in CI).
        .target(
            name: "SparkConnectProtocol",
            dependencies: [
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            exclude: ["Protos", "generate.sh"]
        ),
        .target(
            name: "SalesWarehouse",
            dependencies: [
                "SalesData", "SalesNumerics", "SparkConnectProtocol",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "SalesAnalytics", dependencies: ["SalesNumerics", "SalesModels", "SalesData", "SalesWarehouse"]),
        .target(name: "SalesReport", dependencies: ["SalesAnalytics", "SalesModels", "SalesData"]),
        .target(
            name: "SalesKit",
            dependencies: ["SalesNumerics", "SalesData", "SalesWarehouse", "SalesModels", "SalesAnalytics", "SalesReport"]
        ),
        .executableTarget(
            name: "SalesKitCLI",
            dependencies: ["SalesKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            exclude: ["Schemas"]
        ),
        // Test support (not a test target): package paths, fixture directories, scratch files, the CLI runner.
        .target(name: "SalesTestSupport", dependencies: ["SalesData"], path: "Tests/SalesTestSupport"),
        .testTarget(name: "SalesNumericsTests", dependencies: ["SalesTestSupport", "SalesNumerics"], exclude: ["Fixtures"]),
        .testTarget(name: "SalesDataTests", dependencies: ["SalesTestSupport", "SalesData", "SalesNumerics"], exclude: ["Fixtures"]),
        .testTarget(name: "SalesModelsTests", dependencies: ["SalesTestSupport", "SalesModels", "SalesNumerics"], exclude: ["Fixtures"]),
        .testTarget(name: "SalesAnalyticsTests", dependencies: ["SalesTestSupport", "SalesAnalytics", "SalesData", "SalesModels", "SalesNumerics"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "SalesWarehouseTests",
                    dependencies: ["SalesTestSupport", "SalesWarehouse", "SalesAnalytics", "SalesModels", "SalesData", "SalesNumerics"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "SalesReportTests", dependencies: ["SalesTestSupport", "SalesReport", "SalesAnalytics", "SalesModels", "SalesData"]),
        .testTarget(name: "SalesKitCLITests", dependencies: ["SalesTestSupport", "SalesKitCLI"]),
        .testTarget(name: "SalesKitTests", dependencies: ["SalesTestSupport", "SalesKit"]),
    ]
)
