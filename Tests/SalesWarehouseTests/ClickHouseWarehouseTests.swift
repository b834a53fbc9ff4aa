import Foundation
import SalesAnalytics
import SalesData
@testable import SalesWarehouse
import Testing

/// Every analysis through a real ClickHouse (Tests/Warehouse/clickhouse.sh: 18.16 from Debian)
/// over a Distributed table on a two-shard cluster, against the in-memory path.
@Suite("ClickHouse warehouse", .serialized, .enabled(if: WarehouseServers.clickhouseEnabled, "no ClickHouse: run Tests/Warehouse/clickhouse.sh start or set SALESKIT_CH_URL (SALESKIT_SKIP_WAREHOUSE=1 skips on purpose)"))
struct ClickHouseWarehouseTests {
    static let distributed = WarehouseRelation.table("default.sk_test_orders")
    static let lineItems = WarehouseRelation.table("default." + OrderFixtures.lineItemsTable)

    @Test func rfmEqualsInMemory() async throws {
        try await WarehouseServers.using(OrderFixtures.clickhouse) { warehouse in
            try await WarehouseEquality.rfm(Self.distributed, warehouse)
            try await WarehouseEquality.rfm(Self.lineItems, warehouse, file: OrderFixtures.lineItemsPath)
            try await WarehouseEquality.rfm(.query("SELECT order_id, customer_id, order_date, amount FROM default.sk_test_orders"), warehouse)
        }
    }

    @Test func cohortEqualsInMemory() async throws {
        try await WarehouseServers.using(OrderFixtures.clickhouse) { warehouse in
            try await WarehouseEquality.cohort(Self.distributed, warehouse)
            try await WarehouseEquality.cohort(Self.lineItems, warehouse, file: OrderFixtures.lineItemsPath)
        }
    }

    @Test func kpiPeriodsEqualInMemory() async throws {
        try await WarehouseServers.using(OrderFixtures.clickhouse) { warehouse in
            try await WarehouseEquality.kpi(Self.distributed, warehouse)
            try await WarehouseEquality.kpi(Self.lineItems, warehouse, file: OrderFixtures.lineItemsPath)
        }
    }

    @Test func customerSummaryAndCLVEqualInMemory() async throws {
        try await WarehouseServers.using(OrderFixtures.clickhouse) { warehouse in
            try await WarehouseEquality.customerSummary(Self.distributed, warehouse)
            try await WarehouseEquality.customerSummary(Self.lineItems, warehouse, file: OrderFixtures.lineItemsPath)
        }
    }

    @Test func revenueSeriesEqualInMemory() async throws {
        try await WarehouseServers.using(OrderFixtures.clickhouse) { warehouse in
            try await WarehouseEquality.revenueSeries(Self.distributed, warehouse)
            try await WarehouseEquality.revenueSeries(Self.lineItems, warehouse, file: OrderFixtures.lineItemsPath)
            try await WarehouseEquality.revenueSeriesByGroup(.query(WarehouseEquality.withRegion("default.sk_test_orders")), warehouse)
        }
    }

    @Test func logisticNewtonStepsEqualInMemoryFit() async throws {
        let warehouse = try await ClickHouseWarehouse.connect(try WarehouseServers.clickhouseSource())
        try await warehouse.execute("DROP TABLE IF EXISTS default.sk_test_opportunities")
        try await warehouse.execute("CREATE TABLE default.sk_test_opportunities (is_won UInt8, amount_k Float64, num_activities Int32, num_meetings Int32) ENGINE = MergeTree() ORDER BY tuple()")
        try await warehouse.execute("INSERT INTO default.sk_test_opportunities FORMAT TabSeparated", body: Data(try OpportunityFixtures.text().utf8))
        try await OpportunityFixtures.check(.table("default.sk_test_opportunities"), warehouse)
        try await WarehouseEquality.scoring(.table("default.sk_test_opportunities"), warehouse)
        await warehouse.close()
    }

    @Test func funnelEqualsInMemory() async throws {
        let warehouse = try await ClickHouseWarehouse.connect(try WarehouseServers.clickhouseSource())
        try await warehouse.execute("DROP TABLE IF EXISTS default.sk_test_events")
        try await warehouse.execute("CREATE TABLE default.sk_test_events (user_id String, event String, timestamp DateTime) ENGINE = MergeTree() ORDER BY (user_id, timestamp)")
        try await warehouse.execute("INSERT INTO default.sk_test_events FORMAT TabSeparated", body: Data(try EventFixtures.text().utf8))
        try await EventFixtures.check(.table("default.sk_test_events"), warehouse)
        try await warehouse.execute("DROP TABLE IF EXISTS default.sk_test_events_seeded")
        try await warehouse.execute("CREATE TABLE default.sk_test_events_seeded (user_id String, event String, timestamp DateTime) ENGINE = MergeTree() ORDER BY (user_id, timestamp)")
        try await warehouse.execute("INSERT INTO default.sk_test_events_seeded FORMAT TabSeparated",
                                    body: Data(try EventFixtures.text(EventFixtures.randomPath).utf8))
        try await EventFixtures.check(.table("default.sk_test_events_seeded"), warehouse, file: EventFixtures.randomPath,
                                      funnels: EventFixtures.randomFunnels)
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

/// ClickHouse failures that must end in a typed error, never a hang or a partial result.
@Suite("ClickHouse failures", .serialized, .enabled(if: WarehouseServers.clickhouseEnabled, "no ClickHouse: run Tests/Warehouse/clickhouse.sh start or set SALESKIT_CH_URL (SALESKIT_SKIP_WAREHOUSE=1 skips on purpose)"))
struct ClickHouseFailureTests {
    @Test func queryKilledOnTheServerIsAnError() async throws {
        let source = try WarehouseServers.clickhouseSource()
        let warehouse = try await ClickHouseWarehouse.connect(source)
        let killer = try await ClickHouseWarehouse.connect(source)
        let marker = "sk_kill_\(UInt32.random(in: 0...UInt32.max))"
        let relation = WarehouseRelation.query(
            "SELECT toString(number % 1000003) AS customer_id, toDate('2024-01-01') AS order_date, toFloat64(1) AS amount, '\(marker)' AS tag FROM system.numbers LIMIT 3000000000",
            orderID: .absent)
        let run = Task { try await RFMAnalysis.run(relation, on: warehouse) }
        try await Task.sleep(for: .seconds(2))
        try await killer.execute("KILL QUERY WHERE query LIKE '%\(marker)%' AND query NOT LIKE '%KILL QUERY%' SYNC")
        switch await run.result {
        case .success: Issue.record("a killed query returned a result")
        case .failure(let error): #expect(error is WarehouseError, "\(error)")
        }
        await killer.close()
        await warehouse.close()
    }

    @Test func serverThatNeverAnswersTimesOut() async throws {
        let silent = try SilentServer()
        var source = try WarehouseServers.clickhouseSource()
        source.port = silent.port
        let start = ContinuousClock.now
        await #expect { try await ClickHouseWarehouse.connect(source, connectTimeout: .seconds(2)) } throws: { error in
            [.unreachable, .timeout].contains((error as? WarehouseError)?.kind)
        }
        #expect(ContinuousClock.now - start < .seconds(10))
        silent.close()
    }
}
