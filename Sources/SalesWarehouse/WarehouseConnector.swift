/// Opens the warehouse a `WarehouseSource` names.
public enum WarehouseConnector {
    /// Connects to `source`'s engine.
    /// - Parameters:
    ///   - source: The parsed source.
    ///   - connectTimeout: Connect (and startup) timeout.
    ///   - queryTimeout: Per-query timeout.
    /// - Returns: The open warehouse; `close()` it when done.
    /// - Throws: `WarehouseError` (`.unreachable`, `.authentication`, …).
    public static func connect(_ source: WarehouseSource, connectTimeout: Duration = .seconds(10),
                               queryTimeout: Duration = .seconds(300)) async throws -> any Warehouse {
        switch source.engine {
        case .postgres:
            return try await PostgresWarehouse.connect(source, connectTimeout: connectTimeout, queryTimeout: queryTimeout)
        case .clickhouse:
            return try await ClickHouseWarehouse.connect(source, connectTimeout: connectTimeout, queryTimeout: queryTimeout)
        case .spark:
            return try await SparkWarehouse.connect(source, connectTimeout: connectTimeout, queryTimeout: queryTimeout)
        }
    }
}
