import Foundation
import SalesWarehouse

/// The real servers the warehouse suites run against, started by `Tests/Warehouse/postgres.sh`,
/// `Tests/Warehouse/clickhouse.sh` and `Tests/Warehouse/spark.sh` (which `make test` runs). A
/// server's URL comes from `SALESKIT_PG_URL` / `SALESKIT_CH_URL` / `SALESKIT_SPARK_URL` or from the url file the script wrote under
/// `.build/warehouse/`. A suite whose server is absent is skipped — unless
/// `SALESKIT_REQUIRE_WAREHOUSE=1` (set by `make test`), where it runs and fails.
/// `SALESKIT_SKIP_WAREHOUSE=1` leaves every server suite out (the fast developer loop).
enum WarehouseServers {
    static let environment = ProcessInfo.processInfo.environment

    /// The package root (from this file's path).
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var skipped: Bool { environment["SALESKIT_SKIP_WAREHOUSE"] == "1" }
    static var required: Bool { environment["SALESKIT_REQUIRE_WAREHOUSE"] == "1" && !skipped }

    static func url(variable: String, file: String) -> String? {
        if let value = environment[variable], !value.isEmpty { return value }
        let path = packageRoot + "/.build/warehouse/" + file + "/url"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    static var postgresURL: String? { url(variable: "SALESKIT_PG_URL", file: "postgres") }
    static var clickhouseURL: String? { url(variable: "SALESKIT_CH_URL", file: "clickhouse") }
    static var sparkURL: String? { url(variable: "SALESKIT_SPARK_URL", file: "spark") }

    /// Whether the PostgreSQL suites run.
    static var postgresEnabled: Bool { !skipped && (postgresURL != nil || required) }
    /// Whether the ClickHouse suites run.
    static var clickhouseEnabled: Bool { !skipped && (clickhouseURL != nil || required) }
    /// Whether the Spark suites run.
    static var sparkEnabled: Bool { !skipped && (sparkURL != nil || required) }

    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    /// The parsed URL of a running server, or `Missing` naming the script that starts it.
    static func source(_ url: String?, engine: String, script: String) throws -> WarehouseSource {
        guard let url else {
            throw Missing(description: "SALESKIT_REQUIRE_WAREHOUSE=1 but no \(engine): run Tests/Warehouse/\(script) start")
        }
        return try WarehouseSource.parse(url)
    }

    static func postgresSource() throws -> WarehouseSource { try source(postgresURL, engine: "PostgreSQL", script: "postgres.sh") }
    static func clickhouseSource() throws -> WarehouseSource { try source(clickhouseURL, engine: "ClickHouse", script: "clickhouse.sh") }
    static func sparkSource() throws -> WarehouseSource { try source(sparkURL, engine: "Spark", script: "spark.sh") }

    /// Where the Spark cluster (Tests/Warehouse/spark.sh, on this machine) reads the files the
    /// tests load: `SALESKIT_SPARK_DATA` or `.build/warehouse/spark/data`.
    static var sparkDataDirectory: String {
        environment["SALESKIT_SPARK_DATA"] ?? packageRoot + "/.build/warehouse/spark/data"
    }
}
