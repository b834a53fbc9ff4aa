import Foundation
import SalesWarehouse
import Testing

/// The three engines the equality suite runs on, each with the fixture relations as that engine
/// names them (ClickHouse's under `default.`, over the Distributed tables of the two-shard
/// cluster) and a connection that has the fixtures loaded (once per test process).
enum WarehouseEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case postgres, clickhouse, spark

    var testDescription: String { rawValue }

    /// Whether this engine's server is there (or required: `make test`).
    var enabled: Bool {
        switch self {
        case .postgres: return WarehouseServers.postgresEnabled
        case .clickhouse: return WarehouseServers.clickhouseEnabled
        case .spark: return WarehouseServers.sparkEnabled
        }
    }

    /// The engines whose servers run (all three under `SALESKIT_REQUIRE_WAREHOUSE=1`; none under
    /// `SALESKIT_SKIP_WAREHOUSE=1`).
    static var enabledCases: [WarehouseEngine] { allCases.filter(\.enabled) }

    /// A table of the fixtures, as this engine names it.
    func table(_ name: String) -> WarehouseRelation { .table(qualified(name)) }

    /// `name` with the database ClickHouse's fixtures live in.
    func qualified(_ name: String) -> String { self == .clickhouse ? "default." + name : name }

    /// datasets/orders.csv.
    var orders: WarehouseRelation { table(OrderFixtures.postgresTable) }
    /// The line-item export (Fixtures/line_items_orders.csv).
    var lineItems: WarehouseRelation { table(OrderFixtures.lineItemsTable) }
    /// The orders through `--query` (PostgreSQL's with a trailing semicolon, which the plans strip).
    var ordersQuery: WarehouseRelation {
        .query("SELECT order_id, customer_id, order_date, amount FROM \(qualified(OrderFixtures.postgresTable))"
               + (self == .postgres ? ";" : ""))
    }
    /// The closed opportunities of datasets/opportunities.csv (`OpportunityFixtures`).
    var opportunities: WarehouseRelation { table("sk_test_opportunities") }
    /// datasets/events.csv.
    var events: WarehouseRelation { table("sk_test_events") }
    /// The seeded events of `EventFixtures.randomPath`.
    var seededEvents: WarehouseRelation { table("sk_test_events_seeded") }

    /// A connection with every fixture loaded.
    func connect() async throws -> any Warehouse {
        switch self {
        case .postgres: return try await OrderFixtures.postgres()
        case .clickhouse: return try await OrderFixtures.clickhouse()
        case .spark: return try await SparkFixtures.spark()
        }
    }

    /// Runs `body` on a fresh connection with the fixtures loaded and closes it, also when `body` throws.
    func using(_ body: (any Warehouse) async throws -> Void) async throws {
        let warehouse = try await connect()
        do {
            try await body(warehouse)
        } catch {
            await warehouse.close()
            throw error
        }
        await warehouse.close()
    }
}
