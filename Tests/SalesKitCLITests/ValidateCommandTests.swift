import SalesTestSupport
import Foundation
import Testing

@Suite("saleskit validate")
struct ValidateCommandTests {
    func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func listsEveryBadRowAndKeepsTheRowInvariant() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "order_id,customer_id,order_date,amount\nO1,C1,2024-01-01,10\nO2,C1,2024-02-30,5\nO3,C2,2024-01-02,\"12,5x\"\nO4,C2\nO1,C3,2024-01-03,1\n"
        try Data(text.utf8).write(to: dir.appendingPathComponent("orders.csv"))
        let result = try CLIRunner.run(["validate", "orders.csv", "--kind", "orders", "--format", "json"], in: dir)
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let rejected = try #require(json["rejected"] as? [[String: Any]])
        #expect(rejected.compactMap { $0["line"] as? Int } == [3, 4, 5])
        #expect(rejected.map { $0["column"] as? String } == ["order_date", "amount", nil])
        #expect(rejected.allSatisfy { $0.keys.contains("reason") && $0.keys.contains("column") })
        // 5 data rows = 2 read + 3 rejected.
        #expect(json["rows"] as? Int == 2)
        #expect((json["rows"] as? Int ?? 0) + rejected.count == 5)
        #expect(json["duplicateIds"] as? Int == 1)
        let columns = try #require(json["columns"] as? [[String: Any]])
        #expect(columns.compactMap { $0["name"] as? String } == ["order_id", "customer_id", "order_date", "amount"])
        #expect(json["ruleViolations"] is [Any])
    }

    @Test func tableOutputForPeople() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("rep_id,period,quota\nR1,2024-01,-5\nR2,2024-Q9,1\n".utf8).write(to: dir.appendingPathComponent("t.csv"))
        let result = try CLIRunner.run(["validate", "t.csv", "--kind", "targets"], in: dir)
        #expect(result.status == 0)
        #expect(result.stdout.contains("negative_quota"))
        #expect(result.stdout.contains("invalid_period"))
    }

    @Test func unreadableFilesExitOne() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = try CLIRunner.run(["validate", "nope.csv", "--kind", "orders"], in: dir)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nope.csv"))
        try Data("id,amount\n1,2\n".utf8).write(to: dir.appendingPathComponent("wrong.csv"))
        let wrong = try CLIRunner.run(["validate", "wrong.csv", "--kind", "orders"], in: dir)
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("missing required column"))
        let usage = try CLIRunner.run(["validate", "wrong.csv", "--kind", "invoices"], in: dir)
        #expect(usage.status == 2)
    }
}
