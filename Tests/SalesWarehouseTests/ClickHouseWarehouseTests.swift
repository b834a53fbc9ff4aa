import Foundation
import SalesAnalytics
import SalesData
@testable import SalesWarehouse
import Testing

/// ClickHouse (Tests/Warehouse/clickhouse.sh: 18.16 from Debian, a Distributed table on a
/// two-shard cluster): the connector's typed errors (the equality of every analysis with the
/// in-memory path is `WarehouseEqualityTests`).
@Suite("ClickHouse warehouse", .serialized, .enabled(if: WarehouseServers.clickhouseEnabled, "no ClickHouse: run Tests/Warehouse/clickhouse.sh start or set SALESKIT_CH_URL (SALESKIT_SKIP_WAREHOUSE=1 skips on purpose)"))
struct ClickHouseWarehouseTests {
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

    /// A connection that drops while the HTTP response comes back (a proxy in front of the
    /// server cuts it after 1 MB of a ~30 MB TabSeparated body) is `.connectionLost`, never a
    /// shorter result.
    @Test func droppedConnectionMidStreamIsConnectionLost() async throws {
        let source = try WarehouseServers.clickhouseSource()
        let proxy = try CuttingProxy(target: source.port, cutAfter: 1 << 20)
        defer { proxy.stop() }
        var through = source
        through.host = "127.0.0.1"
        through.port = proxy.port
        let warehouse = try await ClickHouseWarehouse.connect(through, connectTimeout: .seconds(10), queryTimeout: .seconds(60))
        let query = WarehouseQuery(dialect: .clickhouse,
                                   sql: "SELECT toInt64(number) AS n, toString(number) AS s FROM system.numbers LIMIT 3000000",
                                   parameters: [], columns: [WarehouseColumn("n", .integer), WarehouseColumn("s", .text)],
                                   purpose: "large result")
        let start = ContinuousClock.now
        await #expect { try await warehouse.run(query) } throws: { error in
            (error as? WarehouseError)?.kind == .connectionLost
        }
        #expect(ContinuousClock.now - start < .seconds(50))
        await warehouse.close()
    }
}
