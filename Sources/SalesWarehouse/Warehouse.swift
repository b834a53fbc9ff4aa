/// A connection to an SQL engine that runs rendered plans and returns their (small) results.
///
/// Implementations: `PostgresWarehouse` (PostgresNIO), `ClickHouseWarehouse` (HTTP) and
/// `SparkWarehouse` (Spark Connect). Every
/// call has a query timeout; a connection that drops mid-stream throws, never returns part of
/// a result.
public protocol Warehouse: Sendable {
    /// The dialect queries must be rendered in.
    var dialect: SQLDialect { get }
    /// The source, for messages (no password).
    var source: String { get }
    /// Runs one query and decodes its rows as `query.columns`.
    /// - Parameter query: A query rendered in `dialect`.
    /// - Returns: The rows.
    /// - Throws: `WarehouseError`.
    func run(_ query: WarehouseQuery) async throws -> WarehouseRows
    /// Closes the connection (further calls throw).
    func close() async
}
