import Foundation
import SalesAnalytics
import SalesData
@testable import SalesWarehouse
import Testing

/// A real Spark standalone cluster (Tests/Warehouse/spark.sh: master + 2 workers + Spark Connect,
/// pyspark 4.3.0): the CLI end to end and the connector's typed errors (the equality of every
/// analysis with the in-memory path is `WarehouseEqualityTests`).
@Suite("Spark warehouse", .serialized, .enabled(if: WarehouseServers.sparkEnabled, "no Spark: run Tests/Warehouse/spark.sh start or set SALESKIT_SPARK_URL (SALESKIT_SKIP_WAREHOUSE=1 skips on purpose)"))
struct SparkWarehouseTests {
    /// `saleskit kpi --source spark://…` end to end: the warehouse KPI table (its own layout) has
    /// the file's periods with the same order counts.
    @Test func kpiFromTheCLIHasTheFilesPeriods() async throws {
        let warehouse = try await SparkFixtures.spark()
        await warehouse.close()
        let url = try #require(WarehouseServers.sparkURL)
        let args = ["kpi", "--period", "month", "--format", "csv"]
        let fromEngine = try WarehouseCLITests.run(args + ["--source", url, "--table", "sk_test_orders", "--connect-timeout", "120"])
        let fromFile = try WarehouseCLITests.run(args + ["--orders", OrderFixtures.path])
        #expect(fromEngine.status == 0, "\(fromEngine.stderr)")
        func periods(_ text: String, orderColumn: Int) -> [String] {
            text.split(separator: "\n").filter { $0.hasPrefix("20") }.map { line in
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                return fields[0] + "/" + (fields.count > orderColumn ? fields[orderColumn] : "")
            }
        }

        let enginePeriods = periods(fromEngine.stdout.replacingOccurrences(of: "\"[^\"]*\"", with: "m", options: .regularExpression), orderColumn: 3)
        let filePeriods = periods(fromFile.stdout.replacingOccurrences(of: "\"[^\"]*\"", with: "m", options: .regularExpression), orderColumn: 4)
        #expect(!enginePeriods.isEmpty)
        #expect(enginePeriods == filePeriods)
        let missing = try WarehouseCLITests.run(["kpi", "--source", url, "--table", "sk_no_such_table", "--connect-timeout", "120"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("spark://") && missing.stderr.contains("sk_no_such_table"))
    }

    @Test func closedPortIsUnreachable() async throws {
        await WarehouseServers.expectClosedPortUnreachable(try WarehouseServers.sparkSource()) {
            try await SparkWarehouse.connect($0, connectTimeout: .seconds(5))
        }
    }

    @Test func missingTableColumnAndWrongTypeAreNamed() async throws {
        try await WarehouseServers.using(SparkFixtures.spark) { warehouse in
            func error(_ relation: WarehouseRelation) async -> WarehouseError? {
                do { _ = try await KPIPlan(relation: relation, period: .month).fetch(on: warehouse); return nil } catch { return error as? WarehouseError }
            }
            let table = await error(.table("sk_no_such_table"))
            #expect(table?.kind == .missingRelation)
            #expect(table?.source.hasPrefix("spark://") == true)
            #expect(table?.detail.contains("sk_no_such_table") == true, "\(String(describing: table))")
            #expect(await error(.table("sk_test_orders", mapping: ["amount": "revenue"]))?.kind == .missingColumn)
        }
    }

    /// Results are checked against the declared columns: a text where a number is declared, or a
    /// null, is `.wrongResultType`; a failing query mid-execution (a division error on the
    /// executors) is an error, never rows.
    @Test func wrongTypesNullsAndFailuresAreErrors() async throws {
        try await WarehouseServers.using(SparkFixtures.spark) { warehouse in
            func kind(_ sql: String, _ columns: [WarehouseColumn]) async -> WarehouseError.Kind? {
                let query = WarehouseQuery(dialect: .spark, sql: sql, parameters: [], columns: columns, purpose: "test")
                do { _ = try await warehouse.run(query); return nil } catch { return (error as? WarehouseError)?.kind }
            }
            #expect(await kind("SELECT customer_id FROM sk_test_orders", [WarehouseColumn("n", .integer)]) == .wrongResultType)
            #expect(await kind("SELECT CAST(NULL AS BIGINT) AS n", [WarehouseColumn("n", .integer)]) == .wrongResultType)
            #expect(await kind("SELECT 1 AS a, 2 AS b", [WarehouseColumn("a", .integer)]) == .wrongResultType)
            #expect(await kind("SELECT 1 +* FROM", [WarehouseColumn("n", .integer)]) == .queryFailed)
            #expect(await kind("SELECT assert_true(amount < 0) AS n FROM sk_test_orders", [WarehouseColumn("n", .text)]) != nil)
            // Types the reader turns into the declared kinds: decimal, int, date.
            let query = WarehouseQuery(dialect: .spark, sql: "SELECT CAST(12.34 AS DECIMAL(12,2)) AS m, 7 AS i, datediff(DATE '1970-01-11', DATE '1970-01-01') AS d",
                                       parameters: [], columns: [WarehouseColumn("m", .double), WarehouseColumn("i", .integer), WarehouseColumn("d", .double)],
                                       purpose: "types")
            let rows = try await warehouse.run(query)
            #expect(rows.doubles(0) == [12.34] && rows.integers(1) == [7] && rows.doubles(2) == [10])
            #expect(rows.bytesReceived > 0)
        }
    }

    /// A session the server no longer has (released here from a second connection with the same
    /// session id, as an expiry does) is `.sessionExpired`, not a silent new session.
    @Test func releasedSessionIsSessionExpired() async throws {
        let warehouse = try await SparkWarehouse.connect(try WarehouseServers.sparkSource(), connectTimeout: .seconds(120))
        await warehouse.close()
        // The closed client cannot be reused; a new one with the same session id plays the client
        // that comes back after the expiry (its first round trip already fails).
        let source = try WarehouseServers.sparkSource()
        await #expect {
            try await SparkWarehouse.connect(source, connectTimeout: .seconds(120), sessionID: warehouse.sessionID)
        } throws: { error in
            (error as? WarehouseError)?.kind == .sessionExpired
        }
    }

    /// A connection that drops while the result streams (a proxy cuts it after 1 MB) is
    /// `.connectionLost`, never a shorter result.
    @Test func droppedConnectionMidStreamIsConnectionLost() async throws {
        let source = try WarehouseServers.sparkSource()
        let proxy = try CuttingProxy(target: source.port, cutAfter: 1 << 20)
        defer { proxy.stop() }
        var through = source
        through.host = "127.0.0.1"
        through.port = proxy.port
        let warehouse = try await SparkWarehouse.connect(through, connectTimeout: .seconds(120), queryTimeout: .seconds(120))
        let query = WarehouseQuery(dialect: .spark, sql: "SELECT id AS n, CAST(id AS STRING) AS s FROM range(0, 4000000)", parameters: [],
                                   columns: [WarehouseColumn("n", .integer), WarehouseColumn("s", .text)], purpose: "large result")
        await #expect { try await warehouse.run(query) } throws: { error in
            (error as? WarehouseError)?.kind == .connectionLost
        }
        await warehouse.close()
    }

    @Test func slowQueryTimesOut() async throws {
        _ = try await SparkFixtures.spark()
        let warehouse = try await SparkWarehouse.connect(try WarehouseServers.sparkSource(), connectTimeout: .seconds(120),
                                                         queryTimeout: .seconds(2))
        let query = WarehouseQuery(dialect: .spark, sql: "SELECT count(*) AS n FROM range(0, 200000000000)", parameters: [],
                                   columns: [WarehouseColumn("n", .integer)], purpose: "slow count")
        await #expect { try await warehouse.run(query) } throws: { error in
            (error as? WarehouseError)?.kind == .timeout
        }
        await warehouse.close()
    }
}

/// The orders, events and opportunities loaded into Spark once per test process: the fixture
/// text is written as tab-separated files into the cluster's data directory and copied into
/// parquet tables (sk_test_orders, sk_test_events, sk_test_opportunities).
enum SparkFixtures {
    static func spark() async throws -> SparkWarehouse {
        let warehouse = try await SparkWarehouse.connect(try WarehouseServers.sparkSource(), connectTimeout: .seconds(120))
        try await SparkLoad.shared.load()
        return warehouse
    }
}

/// As `PostgresLoad`: one load per process.
actor SparkLoad {
    static let shared = SparkLoad()
    private var task: Task<Void, Error>?

    func load() async throws {
        if task == nil {
            task = Task {
                let own = try await SparkWarehouse.connect(try WarehouseServers.sparkSource(), connectTimeout: .seconds(120))
                try await Self.run(own)
                await own.close()
            }
        }
        try await task?.value
    }

    private static func table(_ name: String, schema: String, text: String, on warehouse: SparkWarehouse) async throws {
        let directory = WarehouseServers.sparkDataDirectory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/\(name).tsv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try await warehouse.execute("DROP VIEW IF EXISTS \(name)_tsv")
        try await warehouse.execute("DROP TABLE IF EXISTS \(name)")
        try await warehouse.execute("""
            CREATE TEMPORARY VIEW \(name)_tsv (\(schema)) USING csv \
            OPTIONS (path \(SQLDialect.spark.stringLiteral(path)), sep '\\t', header 'false', mode 'FAILFAST', \
            timestampFormat 'yyyy-MM-dd HH:mm:ss')
            """)
        try await warehouse.execute("CREATE TABLE \(name) USING parquet AS SELECT * FROM \(name)_tsv")
    }

    private static func run(_ warehouse: SparkWarehouse) async throws {
        try await table("sk_test_orders", schema: "order_id STRING, customer_id STRING, order_date DATE, amount DOUBLE",
                        text: OrderFixtures.tabSeparated(try OrderFixtures.rows()), on: warehouse)
        try await table(OrderFixtures.lineItemsTable, schema: "order_id STRING, customer_id STRING, order_date DATE, amount DECIMAL(12,2)",
                        text: OrderFixtures.tabSeparated(try OrderFixtures.rows(OrderFixtures.lineItemsPath)), on: warehouse)
        try await table("sk_test_events", schema: "user_id STRING, event STRING, timestamp TIMESTAMP",
                        text: try EventFixtures.text(), on: warehouse)
        try await table("sk_test_events_seeded", schema: "user_id STRING, event STRING, timestamp TIMESTAMP",
                        text: try EventFixtures.text(EventFixtures.randomPath), on: warehouse)
        try await table("sk_test_opportunities", schema: "is_won INT, amount_k DOUBLE, num_activities INT, num_meetings INT",
                        text: try OpportunityFixtures.text(), on: warehouse)
    }
}

/// `spark://` sources (no server needed).
@Suite("Spark sources")
struct SparkSourceTests {
    @Test func sparkURLsParse() throws {
        let plain = try WarehouseSource.parse("spark://127.0.0.1")
        #expect(plain.engine == .spark && plain.host == "127.0.0.1" && plain.port == 15002)
        let full = try WarehouseSource.parse("sc://analyst@spark.internal:15003")
        #expect(full.engine == .spark && full.user == "analyst" && full.port == 15003)
        #expect(full.redacted == "spark://analyst@spark.internal:15003")
        #expect(throws: WarehouseError.self) { try WarehouseSource.parse("spark://host:99999") }
    }

    @Test func errorClassesAreReadFromTheMessage() {
        #expect(SparkErrors.errorClass("[TABLE_OR_VIEW_NOT_FOUND] The table or view `x` cannot be found.") == "TABLE_OR_VIEW_NOT_FOUND")
        #expect(SparkErrors.errorClass("org.apache.spark.SparkSQLException: [INVALID_HANDLE.SESSION_CLOSED] The handle") == "INVALID_HANDLE.SESSION_CLOSED")
        #expect(SparkErrors.errorClass("no class [here is text]") == "")
        #expect(SparkErrors.errorClass("") == "")
    }
}
