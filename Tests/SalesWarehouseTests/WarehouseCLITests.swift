import Foundation
import SalesWarehouse
import Testing

/// `saleskit rfm|cohort --source postgres://…` end to end (the built binary next to the test
/// bundle): the same CSV as from the file, exit 1 with the source named for a missing table,
/// exit 2 for a usage error.
@Suite("saleskit --source (PostgreSQL)", .serialized, .enabled(if: WarehouseServers.postgresEnabled, "no PostgreSQL: run Tests/Warehouse/postgres.sh start or set SALESKIT_PG_URL (SALESKIT_SKIP_WAREHOUSE=1 skips on purpose)"))
struct WarehouseCLITests {
    static var executable: URL {
        var directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("saleskit").path), directory.path != "/" {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("saleskit")
    }

    /// Runs saleskit; stdout and stderr go to files (no pipes to fill).
    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("saleskit-wh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out"), err = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return (process.terminationStatus, try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8))
    }

    static func sortedLines(_ text: String) -> [Substring] { text.split(separator: "\n").sorted() }

    @Test func rfmAndCohortFromTheWarehouseEqualTheFile() async throws {
        let warehouse = try await OrderFixtures.postgres()
        await warehouse.close()
        let url = try #require(WarehouseServers.postgresURL)
        for (table, file) in [(OrderFixtures.postgresTable, OrderFixtures.path), (OrderFixtures.lineItemsTable, OrderFixtures.lineItemsPath)] {
            for args in [["rfm", "--as-of", "2024-06-30"], ["rfm", "--refunds", "separate"],
                         ["cohort", "--period", "quarter", "--mode", "return-on-or-after"], ["cohort", "--refunds", "exclude"]] {
                let fromEngine = try Self.run(args + ["--source", url, "--table", table, "--format", "csv"])
                let fromFile = try Self.run(args + ["--orders", file, "--format", "csv"])
                #expect(fromEngine.status == 0, "\(fromEngine.stderr)")
                #expect(fromFile.status == 0)
                #expect(Self.sortedLines(fromEngine.stdout) == Self.sortedLines(fromFile.stdout), "\(args) \(table)")
                // The same notices (line items grouped, refunds left out, customers without a purchase).
                let notes = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("note: ") && ($0.contains("refund") || $0.contains("line items")) } }
                #expect(notes(fromEngine.stderr) == notes(fromFile.stderr), "\(args) \(table)")
                // The same "orderInput" facts in JSON (the refund total to the cent).
                let engineJSON = try Self.run(args + ["--source", url, "--table", table, "--format", "json"])
                let fileJSON = try Self.run(args + ["--orders", file, "--format", "json"])
                let a = try Self.orderInput(engineJSON.stdout), b = try Self.orderInput(fileJSON.stdout)
                for key in ["rows", "orders", "hasOrderID", "lineItemsGrouped", "refundPolicy", "purchases", "refunds",
                            "refundsRemoved", "customers", "repeatCustomers", "customersWithoutPurchase"] {
                    #expect("\(a[key] ?? "nil")" == "\(b[key] ?? "nil")", "\(args) \(table) orderInput.\(key)")
                }
                let ra = (a["refundAmount"] as? Double) ?? .nan, rb = (b["refundAmount"] as? Double) ?? .nan
                #expect(abs(ra - rb) < 0.005, "\(args) \(table) refundAmount \(ra) vs \(rb)")
                // The top-level counts of the JSON (cohort: also the cells, as the CSV above).
                let top = { (json: String) throws -> [String: Any] in
                    (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]) ?? [:]
                }
                let ea = try top(engineJSON.stdout), fb = try top(fileJSON.stdout)
                for key in ["orders", "futureOrders", "excludedRefunds", "ordersBeforeSignup", "partialPeriods", "period", "mode", "rejected"]
                where fb[key] != nil {
                    #expect(ea[key] != nil, "\(args) \(table): \(key) missing from the engine's JSON")
                    #expect("\(ea[key] ?? "nil")" == "\(fb[key] ?? "nil")", "\(args) \(table) \(key)")
                }
                if args[0] == "cohort" {
                    // Each cell as its keys and values in key order.
                    let cells = { (object: [String: Any]) -> [String] in
                        ((object["cells"] as? [[String: Any]]) ?? []).map { cell in
                            cell.keys.sorted().map { "\($0)=\(cell[$0] ?? "nil")" }.joined(separator: ",")
                        }
                    }
                    #expect(!cells(ea).isEmpty)
                    #expect(cells(ea) == cells(fb), "\(args) \(table) cells")
                }
            }
        }
    }

    /// `clv --source` gives the file's JSON keys, its `"orderInput"` facts and its notices.
    @Test func clvFromTheWarehouseHasTheFilesOrderInput() async throws {
        let warehouse = try await OrderFixtures.postgres()
        await warehouse.close()
        let url = try #require(WarehouseServers.postgresURL)
        for (table, file) in [(OrderFixtures.postgresTable, OrderFixtures.path), (OrderFixtures.lineItemsTable, OrderFixtures.lineItemsPath)] {
            for args in [["clv", "--calibration-end", "2023-12-31", "--unit", "week", "--refunds", "exclude"],
                         ["clv", "--calibration-end", "2023-12-31", "--unit", "week", "--refunds", "net"]] {
                let fromEngine = try Self.run(args + ["--source", url, "--table", table, "--format", "json"])
                let fromFile = try Self.run(args + ["--orders", file, "--format", "json"])
                #expect(fromEngine.status == 0, "\(fromEngine.stderr)")
                #expect(fromFile.status == 0, "\(fromFile.stderr)")
                guard fromEngine.status == 0, fromFile.status == 0 else { continue }
                let keys = { (json: String) throws -> [String] in
                    ((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?.keys.sorted()) ?? []
                }
                #expect(try keys(fromEngine.stdout) == keys(fromFile.stdout), "\(args) \(table)")
                let a = try Self.orderInput(fromEngine.stdout), b = try Self.orderInput(fromFile.stdout)
                #expect(!a.isEmpty, "\(args) \(table): no orderInput from the engine")
                for key in ["rows", "orders", "hasOrderID", "lineItemsGrouped", "refundPolicy", "purchases", "refunds",
                            "refundsRemoved", "customers", "repeatCustomers", "customersWithoutPurchase", "description"] {
                    #expect("\(a[key] ?? "nil")" == "\(b[key] ?? "nil")", "\(args) \(table) orderInput.\(key)")
                }
                let ra = (a["refundAmount"] as? Double) ?? .nan, rb = (b["refundAmount"] as? Double) ?? .nan
                #expect(abs(ra - rb) < 0.005, "\(args) \(table) refundAmount \(ra) vs \(rb)")
                let notes = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("note: ") && ($0.contains("refund") || $0.contains("line items")) } }
                #expect(notes(fromEngine.stderr) == notes(fromFile.stderr), "\(args) \(table)")
            }
        }
    }

    /// The `"orderInput"` object of a JSON output.
    static func orderInput(_ json: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return (object?["orderInput"] as? [String: Any]) ?? [:]
    }

    @Test func tableWithoutSourceIsAUsageError() throws {
        let result = try Self.run(["rfm", "--orders", OrderFixtures.path, "--table", "orders"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--source"))
    }

    @Test func missingTableExitsOneNamingTheSource() throws {
        let url = try #require(WarehouseServers.postgresURL)
        let result = try Self.run(["rfm", "--source", url, "--table", "sk_no_such_table"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("postgres://saleskit@127.0.0.1"))
        #expect(result.stderr.contains("sk_no_such_table"))
        #expect(!result.stderr.contains("saleskit-test"), "the password is never printed")
    }

    @Test func sourceWithoutTableIsAUsageError() throws {
        let result = try Self.run(["rfm", "--source", "postgres://u@127.0.0.1:1/db"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--table"))
    }
}

extension WarehouseCLITests {
    /// `saleskit winprob train|score --source postgres://…`: the Newton fit in the engine equals
    /// statsmodels' fit of the same rows (1e-8 relative), and the engine's scores sum to the wins
    /// (the intercept's score equation at the maximum likelihood).
    @Test func winprobTrainAndScoreThroughTheEngine() async throws {
        let warehouse = try await PostgresWarehouse.connect(try WarehouseServers.postgresSource())
        try await warehouse.execute("DROP TABLE IF EXISTS sk_test_opportunities_cli")
        try await warehouse.execute("CREATE TABLE sk_test_opportunities_cli (is_won integer, amount_k double precision, num_activities integer, num_meetings integer)")
        try await warehouse.copy(into: "sk_test_opportunities_cli", columns: ["is_won", "amount_k", "num_activities", "num_meetings"],
                                 text: try OpportunityFixtures.text())
        await warehouse.close()
        let url = try #require(WarehouseServers.postgresURL)
        let fitPath = FileManager.default.temporaryDirectory.appendingPathComponent("saleskit-fit-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: fitPath) }
        let source = ["--source", url, "--table", "sk_test_opportunities_cli"]
        let train = try Self.run(["winprob", "train"] + source + ["--features", "amount_k,num_activities,num_meetings", "--out", fitPath, "--format", "json"])
        #expect(train.status == 0, "\(train.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(train.stdout.utf8)) as? [String: Any]
        let coefficients = (object?["coefficients"] as? [Double]) ?? []
        let reference = try OpportunityFixtures.reference()
        #expect(coefficients.count == reference.coefficients.count)
        for (e, r) in zip(coefficients, reference.coefficients) {
            #expect(OpportunityFixtures.relative(e, r) < 1e-8, "coefficient \(e) vs statsmodels \(r)")
        }
        #expect(object?["observations"] as? Int == reference.rows)
        let score = try Self.run(["winprob", "score"] + source + ["--fit", fitPath, "--summary", "--format", "json"])
        #expect(score.status == 0, "\(score.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as? [String: Any]
        let rows = (summary?["rows"] as? Int) ?? 0
        let mean = (summary?["meanProbability"] as? Double) ?? .nan
        let wins = try OpportunityFixtures.rows().filter { $0[0] == "1" }.count
        #expect(rows == reference.rows)
        #expect(OpportunityFixtures.relative(mean * Double(rows), Double(wins)) < 1e-8, "Σp \(mean * Double(rows)) vs wins \(wins)")
        let perRow = try Self.run(["winprob", "score"] + source + ["--fit", fitPath, "--format", "csv"])
        #expect(perRow.status == 0, "\(perRow.stderr)")
        #expect(perRow.stdout.split(separator: "\n").count == reference.rows + 1)
        // A usage error: no features.
        let bad = try Self.run(["winprob", "train"] + source + ["--features", ""])
        #expect(bad.status == 2, "\(bad.stderr)")
    }
}
