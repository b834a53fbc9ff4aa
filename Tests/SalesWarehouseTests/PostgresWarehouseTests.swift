import Foundation
import SalesAnalytics
import SalesData
import SalesWarehouse
import Testing

/// PostgreSQL 15 (Tests/Warehouse/postgres.sh): mapped columns and the connector's typed errors
/// (the equality of every analysis with the in-memory path is `WarehouseEqualityTests`).
@Suite("PostgreSQL warehouse", .serialized, .enabled(if: WarehouseServers.postgresEnabled, "no PostgreSQL: run Tests/Warehouse/postgres.sh start or set SALESKIT_PG_URL (SALESKIT_SKIP_WAREHOUSE=1 skips on purpose)"))
struct PostgresWarehouseTests {
    /// Columns under other names and types (Chinese and German names, numeric amounts, text dates).
    @Test func rfmThroughMappedColumns() async throws {
        try await WarehouseServers.using(OrderFixtures.postgres) { warehouse in
            let mapping = ["customer_id": "客户ID", "order_date": "Datum", "amount": "金额"]
            try await WarehouseEquality.rfm(.table("sk_test_orders_named", mapping: mapping), warehouse)
        }
    }

    @Test func badPasswordIsAnAuthenticationError() async throws {
        var source = try WarehouseServers.postgresSource()
        source.password = "wrong"
        await #expect { try await PostgresWarehouse.connect(source) } throws: { error in
            (error as? WarehouseError)?.kind == .authentication
        }
    }

    @Test func closedPortIsUnreachable() async throws {
        await WarehouseServers.expectClosedPortUnreachable(try WarehouseServers.postgresSource()) {
            try await PostgresWarehouse.connect($0, connectTimeout: .seconds(3))
        }
    }

    @Test func missingTableColumnAndWrongTypeAreNamed() async throws {
        try await WarehouseServers.using(OrderFixtures.postgres) { warehouse in
            func kind(_ relation: WarehouseRelation) async -> WarehouseError.Kind? {
                do { _ = try await RFMAnalysis.run(relation, on: warehouse); return nil } catch { return (error as? WarehouseError)?.kind }
            }
            #expect(await kind(.table("sk_no_such_table")) == .missingRelation)
            #expect(await kind(.table(OrderFixtures.postgresTable, mapping: ["amount": "revenue"])) == .missingColumn)
            #expect(await kind(.table(OrderFixtures.postgresTable, mapping: ["order_date": "amount"])) == .wrongResultType)
            #expect(await kind(.query("SELECT customer_id, order_date, NULL::float8 AS amount FROM sk_test_orders")) == .invalidData)
        }
    }

    @Test func slowQueryTimesOut() async throws {
        let warehouse = try await PostgresWarehouse.connect(try WarehouseServers.postgresSource(), queryTimeout: .seconds(1))
        let relation = WarehouseRelation.query("SELECT 'c' AS customer_id, DATE '2024-01-01' AS order_date, 1.0::float8 AS amount FROM pg_sleep(3)")
        await #expect { try await RFMAnalysis.run(relation, on: warehouse) } throws: { error in
            (error as? WarehouseError)?.kind == .timeout
        }
        await warehouse.close()
    }
}
