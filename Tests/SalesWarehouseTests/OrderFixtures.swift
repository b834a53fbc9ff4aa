import Foundation
import SalesAnalytics
import SalesData
import SalesWarehouse

/// The committed sample orders (datasets/orders.csv), in memory and loaded into each engine once
/// per test process — with the opportunities (`OpportunityFixtures`) and events (`EventFixtures`)
/// the equality suite reads (`WarehouseEngine`).
enum OrderFixtures {
    static let path = WarehouseServers.packageRoot + "/datasets/orders.csv"
    /// A line-item export made from the sample by Fixtures/line_items_orders.py: split orders,
    /// return lines, cancellation invoices, orders netting negative, $0.00 orders, rows without an
    /// order id, refund-only customers, lines out of order.
    static let lineItemsPath = WarehouseServers.packageRoot + "/Tests/SalesWarehouseTests/Fixtures/line_items_orders.csv"

    /// The orders as an `OrderLog` (the in-memory path).
    static func log(_ file: String = path) throws -> OrderLog { try OrderLog.read(file: file).log }

    /// The CSV rows without the header: (order_id, customer_id, order_date, amount) as text.
    static func rows(_ file: String = path) throws -> [[String]] {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Tab-separated lines of `rows` (no field of the sample holds a tab or backslash).
    static func tabSeparated(_ rows: [[String]]) -> String {
        rows.map { $0.joined(separator: "\t") }.joined(separator: "\n") + "\n"
    }

    static let postgresTable = "sk_test_orders"
    static let clickhouseTable = "sk_test_orders"
    /// The line-item export's table in each engine.
    static let lineItemsTable = "sk_test_lines"

    /// Loads the orders into PostgreSQL (table `sk_test_orders`, recreated once per process).
    static func postgres() async throws -> PostgresWarehouse {
        let warehouse = try await PostgresWarehouse.connect(try WarehouseServers.postgresSource())
        try await PostgresLoad.shared.load(warehouse)
        return warehouse
    }

    /// Loads the orders into ClickHouse: a `shard1`/`shard2` local table each and a Distributed
    /// table `default.sk_test_orders` over the cluster `saleskit` (once per process).
    static func clickhouse() async throws -> ClickHouseWarehouse {
        let warehouse = try await ClickHouseWarehouse.connect(try WarehouseServers.clickhouseSource())
        try await ClickHouseLoad.shared.load(warehouse)
        return warehouse
    }
}

/// Loads once per process; concurrent callers (suites run in parallel) wait for the one load
/// (an actor alone would let them interleave at each await).
actor PostgresLoad {
    static let shared = PostgresLoad()
    private var task: Task<Void, Error>?

    func load(_ warehouse: PostgresWarehouse) async throws {
        if task == nil {
            task = Task {
                let own = try await PostgresWarehouse.connect(try WarehouseServers.postgresSource())
                try await Self.run(own)
                await own.close()
            }
        }
        try await task?.value
    }

    private static func run(_ warehouse: PostgresWarehouse) async throws {
        let t = OrderFixtures.postgresTable
        try await warehouse.execute("DROP TABLE IF EXISTS \(t)")
        try await warehouse.execute("CREATE TABLE \(t) (order_id text, customer_id text, order_date date, amount double precision)")
        try await warehouse.copy(into: t, columns: ["order_id", "customer_id", "order_date", "amount"],
                                 text: OrderFixtures.tabSeparated(try OrderFixtures.rows()))
        try await warehouse.execute("DROP TABLE IF EXISTS \(OrderFixtures.lineItemsTable)")
        try await warehouse.execute("CREATE TABLE \(OrderFixtures.lineItemsTable) (order_id text, customer_id text, order_date date, amount numeric(12,2))")
        try await warehouse.copy(into: OrderFixtures.lineItemsTable, columns: ["order_id", "customer_id", "order_date", "amount"],
                                 text: OrderFixtures.tabSeparated(try OrderFixtures.rows(OrderFixtures.lineItemsPath)))
        // A second copy under contract-foreign names and types: numeric amounts, text dates.
        try await warehouse.execute("DROP TABLE IF EXISTS sk_test_orders_named")
        try await warehouse.execute("""
            CREATE TABLE sk_test_orders_named AS SELECT order_id, customer_id AS "客户ID", CAST(order_date AS text) AS "Datum", \
            CAST(amount AS numeric(12,2)) AS "金额" FROM \(t)
            """)
        try await warehouse.execute("DROP TABLE IF EXISTS sk_test_opportunities")
        try await warehouse.execute("CREATE TABLE sk_test_opportunities (is_won integer, amount_k double precision, num_activities integer, num_meetings integer)")
        try await warehouse.copy(into: "sk_test_opportunities", columns: ["is_won", "amount_k", "num_activities", "num_meetings"],
                                 text: try OpportunityFixtures.text())
        // The events' timestamps are UTC without a zone: read them in a UTC session.
        try await warehouse.execute("SET TIME ZONE 'UTC'")
        for (table, file) in [("sk_test_events", EventFixtures.path), ("sk_test_events_seeded", EventFixtures.randomPath)] {
            try await warehouse.execute("DROP TABLE IF EXISTS \(table)")
            try await warehouse.execute("CREATE TABLE \(table) (user_id text, event text, timestamp timestamptz)")
            try await warehouse.copy(into: table, columns: ["user_id", "event", "timestamp"], text: try EventFixtures.text(file))
        }
    }
}

/// As `PostgresLoad`: one load per process.
actor ClickHouseLoad {
    static let shared = ClickHouseLoad()
    private var task: Task<Void, Error>?

    func load(_ warehouse: ClickHouseWarehouse) async throws {
        if task == nil {
            task = Task {
                let own = try await ClickHouseWarehouse.connect(try WarehouseServers.clickhouseSource())
                try await Self.run(own)
                await own.close()
            }
        }
        try await task?.value
    }

    private static func run(_ warehouse: ClickHouseWarehouse) async throws {
        try await distribute(try OrderFixtures.rows(), as: OrderFixtures.clickhouseTable, on: warehouse)
        try await distribute(try OrderFixtures.rows(OrderFixtures.lineItemsPath), as: OrderFixtures.lineItemsTable, on: warehouse)
        try await warehouse.execute("DROP TABLE IF EXISTS default.sk_test_opportunities")
        try await warehouse.execute("CREATE TABLE default.sk_test_opportunities (is_won UInt8, amount_k Float64, num_activities Int32, num_meetings Int32) ENGINE = MergeTree() ORDER BY tuple()")
        try await warehouse.execute("INSERT INTO default.sk_test_opportunities FORMAT TabSeparated", body: Data(try OpportunityFixtures.text().utf8))
        for (table, file) in [("sk_test_events", EventFixtures.path), ("sk_test_events_seeded", EventFixtures.randomPath)] {
            try await warehouse.execute("DROP TABLE IF EXISTS default.\(table)")
            try await warehouse.execute("CREATE TABLE default.\(table) (user_id String, event String, timestamp DateTime) ENGINE = MergeTree() ORDER BY (user_id, timestamp)")
            try await warehouse.execute("INSERT INTO default.\(table) FORMAT TabSeparated", body: Data(try EventFixtures.text(file).utf8))
        }
    }

    /// A `shard1`/`shard2` local table each and a Distributed table `default.<table>` over them.
    private static func distribute(_ rows: [[String]], as table: String, on warehouse: ClickHouseWarehouse) async throws {
        let columns = "(order_id String, customer_id String, order_date Date, amount Float64)"
        for shard in ["shard1", "shard2"] {
            try await warehouse.execute("CREATE DATABASE IF NOT EXISTS \(shard)")
            try await warehouse.execute("DROP TABLE IF EXISTS \(shard).\(table)")
            try await warehouse.execute("CREATE TABLE \(shard).\(table) \(columns) ENGINE = MergeTree() ORDER BY (customer_id, order_date)")
        }
        try await warehouse.execute("DROP TABLE IF EXISTS default.\(table)")
        try await warehouse.execute("CREATE TABLE default.\(table) \(columns) ENGINE = Distributed(saleskit, '', \(table), cityHash64(customer_id))")
        // Shard by customer here (each customer's rows on one shard), as the Distributed table's key
        // would — but an order's lines may sit on both shards (by the order id's last byte for the
        // line-item table): the grouping must not assume one shard per order.
        let key = table == OrderFixtures.lineItemsTable ? 0 : 1
        let first = rows.filter { ($0[key].utf8.last ?? 0) % 2 == 0 }, second = rows.filter { ($0[key].utf8.last ?? 0) % 2 == 1 }
        for (shard, part) in [("shard1", first), ("shard2", second)] {
            try await warehouse.execute("INSERT INTO \(shard).\(table) FORMAT TabSeparated",
                                        body: Data(OrderFixtures.tabSeparated(part).utf8))
        }
    }
}
