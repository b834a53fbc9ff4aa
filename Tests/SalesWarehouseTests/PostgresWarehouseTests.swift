import Foundation
import SalesAnalytics
import SalesData
import SalesWarehouse
import Testing

/// Every analysis through a real PostgreSQL 15 (Tests/Warehouse/postgres.sh) against the
/// in-memory path over the same orders, and the connector's typed errors.
@Suite("PostgreSQL warehouse", .serialized, .enabled(if: WarehouseServers.postgresEnabled, "no PostgreSQL: run Tests/Warehouse/postgres.sh start or set SALESKIT_PG_URL (SALESKIT_SKIP_WAREHOUSE=1 skips on purpose)"))
struct PostgresWarehouseTests {
    @Test func rfmEqualsInMemory() async throws {
        try await WarehouseServers.using(OrderFixtures.postgres) { warehouse in
            try await WarehouseEquality.rfm(.table(OrderFixtures.postgresTable), warehouse)
            try await WarehouseEquality.rfm(.table(OrderFixtures.lineItemsTable), warehouse, file: OrderFixtures.lineItemsPath)
        }
    }

    @Test func rfmThroughMappedColumnsAndQuery() async throws {
        try await WarehouseServers.using(OrderFixtures.postgres) { warehouse in
            let mapping = ["customer_id": "客户ID", "order_date": "Datum", "amount": "金额"]
            try await WarehouseEquality.rfm(.table("sk_test_orders_named", mapping: mapping), warehouse)
            try await WarehouseEquality.rfm(.query("SELECT order_id, customer_id, order_date, amount FROM sk_test_orders;"), warehouse)
        }
    }

    @Test func cohortEqualsInMemory() async throws {
        try await WarehouseServers.using(OrderFixtures.postgres) { warehouse in
            try await WarehouseEquality.cohort(.table(OrderFixtures.postgresTable), warehouse)
            try await WarehouseEquality.cohort(.table(OrderFixtures.lineItemsTable), warehouse, file: OrderFixtures.lineItemsPath)
        }
    }

    @Test func kpiPeriodsEqualInMemory() async throws {
        try await WarehouseServers.using(OrderFixtures.postgres) { warehouse in
            try await WarehouseEquality.kpi(.table(OrderFixtures.postgresTable), warehouse)
            try await WarehouseEquality.kpi(.table(OrderFixtures.lineItemsTable), warehouse, file: OrderFixtures.lineItemsPath)
        }
    }

    @Test func customerSummaryAndCLVEqualInMemory() async throws {
        try await WarehouseServers.using(OrderFixtures.postgres) { warehouse in
            try await WarehouseEquality.customerSummary(.table(OrderFixtures.postgresTable), warehouse)
            try await WarehouseEquality.customerSummary(.table(OrderFixtures.lineItemsTable), warehouse, file: OrderFixtures.lineItemsPath)
        }
    }

    @Test func revenueSeriesEqualInMemory() async throws {
        try await WarehouseServers.using(OrderFixtures.postgres) { warehouse in
            try await WarehouseEquality.revenueSeries(.table(OrderFixtures.postgresTable), warehouse)
            try await WarehouseEquality.revenueSeries(.table(OrderFixtures.lineItemsTable), warehouse, file: OrderFixtures.lineItemsPath)
            try await WarehouseEquality.revenueSeriesByGroup(.query(WarehouseEquality.withRegion(OrderFixtures.postgresTable)), warehouse)
        }
    }

    @Test func logisticNewtonStepsEqualInMemoryFit() async throws {
        let warehouse = try await PostgresWarehouse.connect(try WarehouseServers.postgresSource())
        try await warehouse.execute("DROP TABLE IF EXISTS sk_test_opportunities")
        try await warehouse.execute("CREATE TABLE sk_test_opportunities (is_won integer, amount_k double precision, num_activities integer, num_meetings integer)")
        try await warehouse.copy(into: "sk_test_opportunities", columns: ["is_won", "amount_k", "num_activities", "num_meetings"],
                                 text: try OpportunityFixtures.text())
        try await OpportunityFixtures.check(.table("sk_test_opportunities"), warehouse)
        try await WarehouseEquality.scoring(.table("sk_test_opportunities"), warehouse)
        await warehouse.close()
    }

    @Test func funnelEqualsInMemory() async throws {
        let warehouse = try await PostgresWarehouse.connect(try WarehouseServers.postgresSource())
        try await warehouse.execute("DROP TABLE IF EXISTS sk_test_events")
        try await warehouse.execute("CREATE TABLE sk_test_events (user_id text, event text, timestamp timestamptz)")
        try await warehouse.execute("SET TIME ZONE 'UTC'")
        try await warehouse.copy(into: "sk_test_events", columns: ["user_id", "event", "timestamp"], text: try EventFixtures.text())
        try await EventFixtures.check(.table("sk_test_events"), warehouse)
        try await warehouse.execute("DROP TABLE IF EXISTS sk_test_events_seeded")
        try await warehouse.execute("CREATE TABLE sk_test_events_seeded (user_id text, event text, timestamp timestamptz)")
        try await warehouse.copy(into: "sk_test_events_seeded", columns: ["user_id", "event", "timestamp"],
                                 text: try EventFixtures.text(EventFixtures.randomPath))
        try await EventFixtures.check(.table("sk_test_events_seeded"), warehouse, file: EventFixtures.randomPath,
                                      funnels: EventFixtures.randomFunnels)
        await warehouse.close()
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
