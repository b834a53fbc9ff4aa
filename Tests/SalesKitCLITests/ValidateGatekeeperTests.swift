import Foundation
import Testing
import SalesTestSupport

/// `saleskit validate` as a gatekeeper: a summary by reason, --max-rejects, exit 1 when no row is
/// valid, NaN/Inf in the file's own spelling, exact duplicate rows, implausible dates — the same
/// rules the analyses apply.
@Suite("saleskit validate as a gatekeeper")
struct ValidateGatekeeperTests {
    static func scratch(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gatekeeper-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: url.appendingPathComponent(name)) }
        return url
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// 7 NaN/Inf amounts (lines 2–8) and one year-0010 date (line 9) among 12 data rows.
    static let orders: String = {
        var text = "order_id,customer_id,order_date,amount\n"
        for (i, bad) in ["NaN", "Inf", "nan", "-inf", "NaN", "Infinity", "NaN"].enumerated() {
            text += "O\(i),C\(i),2024-01-0\(i + 1),\(bad)\n"
        }
        text += "O7,C7,0010-01-01,5\n"
        text += "O8,C8,2024-02-01,5\nO9,C9,2024-02-02,6\nO8,C8,2024-02-01,5\nO10,C10,2024-02-03,7\n"
        return text
    }()

    @Test func summaryByReasonWithTheFirstFiveLines() throws {
        let dir = try Self.scratch(["orders.csv": Self.orders])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLIRunner.run(["validate", "orders.csv", "--kind", "orders", "--format", "json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try Self.json(r.stdout)
        let reasons = try #require(doc["rejectedByReason"] as? [[String: Any]])
        #expect(reasons.count == 2)
        #expect(reasons.first?["count"] as? Int == 7 && reasons.first?["column"] as? String == "amount")
        #expect(reasons.first?["lines"] as? [Int] == [2, 3, 4, 5, 6])
        #expect(reasons.last?["count"] as? Int == 1 && reasons.last?["column"] as? String == "order_date")
        #expect(reasons.last?["lines"] as? [Int] == [9])
        // The file's own spelling of every non-finite amount.
        let rejected = try #require(doc["rejected"] as? [[String: Any]])
        #expect(rejected.prefix(7).compactMap { $0["text"] as? String } == ["NaN", "Inf", "nan", "-inf", "NaN", "Infinity", "NaN"])
        // Exact duplicate rows: line 12 repeats line 10 (a duplicate id too).
        #expect(doc["duplicateRows"] as? Int == 1)
        let dup = try #require((doc["duplicateRowExamples"] as? [[String: Int]])?.first)
        #expect(dup["line"] == 12 && dup["firstLine"] == 10)
        #expect(doc["rows"] as? Int == 4 && doc["rejectedTotal"] as? Int == 8)
    }

    @Test func maxRejectsLimitsTheDetailNotTheSummary() throws {
        let dir = try Self.scratch(["orders.csv": Self.orders])
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = try Self.json(try CLIRunner.run(["validate", "orders.csv", "--kind", "orders", "--max-rejects", "3", "--format", "json"], in: dir).stdout)
        #expect((json["rejected"] as? [Any])?.count == 3 && json["rejectedTotal"] as? Int == 8)
        #expect(((json["rejectedByReason"] as? [[String: Any]])?.first?["count"] as? Int) == 7)
        let table = try CLIRunner.run(["validate", "orders.csv", "--kind", "orders", "--max-rejects", "2"], in: dir)
        #expect(table.stdout.contains("Rejections by reason") && table.stdout.contains("2, 3, 4, 5, 6"))
        #expect(table.stdout.contains("Rejected lines (first 2; 6 more"))
        #expect(table.stdout.contains("exact duplicate rows"))
    }

    @Test func noValidRowExitsOne() throws {
        let dir = try Self.scratch(["bad.csv": "order_id,customer_id,order_date,amount\n1,A,2024-01-01,NaN\n2,B,2024-13-01,3\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLIRunner.run(["validate", "bad.csv", "--kind", "orders"], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("Rejections by reason"), "the report is still printed")
        #expect(r.stderr.contains("no valid row"))
    }

    /// Years before 1900 or after 2100 are rejected by validate and by every analysis alike;
    /// `--date-range` widens what validate accepts.
    @Test func implausibleDatesAreRejectedEverywhere() throws {
        let text = "customer_id,order_date,amount\nA,2024-01-01,5\nB,0010-01-01,5\nC,2101-01-01,5\n"
        let dir = try Self.scratch(["orders.csv": text])
        defer { try? FileManager.default.removeItem(at: dir) }
        let v = try Self.json(try CLIRunner.run(["validate", "orders.csv", "--kind", "orders", "--format", "json"], in: dir).stdout)
        #expect(v["rows"] as? Int == 1)
        #expect((v["rejected"] as? [[String: Any]])?.compactMap { $0["line"] as? Int } == [3, 4])
        let wide = try Self.json(try CLIRunner.run(["validate", "orders.csv", "--kind", "orders", "--date-range", "0001-01-01:2200-12-31",
                                                    "--format", "json"], in: dir).stdout)
        #expect(wide["rows"] as? Int == 3)
        let kpi = try CLIRunner.run(["kpi", "--orders", "orders.csv"], in: dir)
        #expect(kpi.status == 1 && kpi.stderr.contains("orders.csv:3: column \"order_date\""))
        let skipping = try CLIRunner.run(["kpi", "--orders", "orders.csv", "--skip-invalid", "--format", "json"], in: dir)
        #expect(skipping.status == 0)
        #expect((try Self.json(skipping.stdout)["periods"] as? [Any])?.count == 1, "no 119,869 empty periods")
        let usage = try CLIRunner.run(["validate", "orders.csv", "--kind", "orders", "--date-range", "2024-01-01"], in: dir)
        #expect(usage.status == 2)
    }

    /// datasets/events.csv holds 1,027 exact duplicate rows (pandas: `read_csv(dtype=str).duplicated().sum()`).
    @Test func eventsDuplicates() throws {
        let events = PackageFiles.root.appendingPathComponent("datasets/events.csv").path
        let doc = try Self.json(try CLIRunner.run(["validate", events, "--kind", "events", "--format", "json"]).stdout)
        #expect(doc["duplicateRows"] as? Int == 1027)
        #expect((doc["duplicateRowExamples"] as? [Any])?.count == 5)
    }
}
