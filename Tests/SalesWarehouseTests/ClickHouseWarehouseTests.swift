import Foundation
import SalesAnalytics
import SalesData
import SalesWarehouse
import Testing

/// Every analysis through a real ClickHouse (Tests/Warehouse/clickhouse.sh: 18.16 from Debian)
/// over a Distributed table on a two-shard cluster, against the in-memory path.
@Suite("ClickHouse warehouse", .serialized, .enabled(if: WarehouseServers.clickhouseEnabled, "no ClickHouse: run Tests/Warehouse/clickhouse.sh start or set SALESKIT_CH_URL (SALESKIT_SKIP_WAREHOUSE=1 skips on purpose)"))
struct ClickHouseWarehouseTests {
    static let distributed = WarehouseRelation.table("default.sk_test_orders")

    @Test(.disabled("the engine SQL still counts refunds as purchases and each row as an order; the in-memory definition changed with issue 13 (OrdersPurchasesRefunds) and the RFM and cohort plans must follow it")) func rfmEqualsInMemory() async throws {
        try await WarehouseServers.using(OrderFixtures.clickhouse) { warehouse in
            try await WarehouseEquality.rfm(Self.distributed, warehouse)
            try await WarehouseEquality.rfm(.query("SELECT customer_id, order_date, amount FROM default.sk_test_orders"), warehouse)
        }
    }

    @Test(.disabled("the engine SQL still counts refunds as purchases and each row as an order; the in-memory definition changed with issue 13 (OrdersPurchasesRefunds) and the RFM and cohort plans must follow it")) func cohortEqualsInMemory() async throws {
        try await WarehouseServers.using(OrderFixtures.clickhouse) { warehouse in
            try await WarehouseEquality.cohort(Self.distributed, warehouse)
        }
    }

    @Test func kpiPeriodsEqualInMemory() async throws {
        try await WarehouseServers.using(OrderFixtures.clickhouse) { warehouse in
            try await WarehouseEquality.kpi(Self.distributed, warehouse)
        }
    }

    @Test func customerSummaryAndCLVEqualInMemory() async throws {
        try await WarehouseServers.using(OrderFixtures.clickhouse) { warehouse in
            try await WarehouseEquality.customerSummary(Self.distributed, warehouse)
        }
    }

    @Test func logisticNewtonStepsEqualInMemoryFit() async throws {
        let warehouse = try await ClickHouseWarehouse.connect(try WarehouseServers.clickhouseSource())
        try await warehouse.execute("DROP TABLE IF EXISTS default.sk_test_opportunities")
        try await warehouse.execute("CREATE TABLE default.sk_test_opportunities (is_won UInt8, amount_k Float64, num_activities Int32, num_meetings Int32) ENGINE = MergeTree() ORDER BY tuple()")
        try await warehouse.execute("INSERT INTO default.sk_test_opportunities FORMAT TabSeparated", body: Data(try OpportunityFixtures.text().utf8))
        try await OpportunityFixtures.check(.table("default.sk_test_opportunities"), warehouse)
        await warehouse.close()
    }

    @Test func funnelEqualsInMemory() async throws {
        let warehouse = try await ClickHouseWarehouse.connect(try WarehouseServers.clickhouseSource())
        try await warehouse.execute("DROP TABLE IF EXISTS default.sk_test_events")
        try await warehouse.execute("CREATE TABLE default.sk_test_events (user_id String, event String, timestamp DateTime) ENGINE = MergeTree() ORDER BY (user_id, timestamp)")
        try await warehouse.execute("INSERT INTO default.sk_test_events FORMAT TabSeparated", body: Data(try EventFixtures.text().utf8))
        try await EventFixtures.check(.table("default.sk_test_events"), warehouse)
        await warehouse.close()
    }

    @Test func badPasswordIsAnAuthenticationError() async throws {
        var source = try WarehouseServers.clickhouseSource()
        source.password = "wrong"
        await #expect { try await ClickHouseWarehouse.connect(source) } throws: { error in
            (error as? WarehouseError)?.kind == .authentication
        }
    }

    @Test func closedPortIsUnreachable() async throws {
        await WarehouseServers.expectClosedPortUnreachable(try WarehouseServers.clickhouseSource()) {
            try await ClickHouseWarehouse.connect($0, connectTimeout: .seconds(3))
        }
    }

    @Test func missingTableAndColumnAreNamed() async throws {
        try await WarehouseServers.using(OrderFixtures.clickhouse) { warehouse in
            func kind(_ relation: WarehouseRelation) async -> WarehouseError.Kind? {
                do { _ = try await RFMAnalysis.run(relation, on: warehouse); return nil } catch { return (error as? WarehouseError)?.kind }
            }
            #expect(await kind(.table("default.sk_no_such_table")) == .missingRelation)
            #expect(await kind(.table("default.sk_test_orders", mapping: ["amount": "revenue"])) == .missingColumn)
            // (ClickHouse turns a number into a date; text into a number it refuses.)
            #expect(await kind(.table("default.sk_test_orders", mapping: ["amount": "customer_id"])) == .wrongResultType)
        }
    }
}
