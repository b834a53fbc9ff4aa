import Foundation
import Testing
import SalesTestSupport

/// One definition of order, purchase, refund and customer (the OrdersPurchasesRefunds article) on
/// every command: a line-item export with cancellations (Fixtures/line_items_with_cancellations.csv),
/// checked against the pandas answers of Fixtures/line_items.py (line_items.json).
@Suite("Orders, purchases, refunds and customers agree across commands")
struct OrderDefinitionTests {
    static let fixtures = PackageFiles.root.appendingPathComponent("Tests/SalesAnalyticsTests/Fixtures")
    static let file = fixtures.appendingPathComponent("line_items_with_cancellations.csv").path

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The pandas answers (read per test: `[String: Any]` is not Sendable).
    static func expected() throws -> [String: Any] {
        try json(String(decoding: try Data(contentsOf: fixtures.appendingPathComponent("line_items.json")), as: UTF8.self))
    }

    static func run(_ arguments: [String]) throws -> [String: Any] {
        let r = try CLIRunner.run(arguments + ["--format", "json"])
        #expect(r.status == 0, "\(arguments): \(r.stderr)")
        return try json(r.stdout)
    }

    /// Money: the pandas sums are rounded to cents; ours are exact sums of the same cents.
    static func close(_ a: Any?, _ b: Any?, _ what: String) {
        let x = (a as? Double) ?? .nan, y = (b as? Double) ?? .nan
        #expect(abs(x - y) <= 1e-9 * max(1, abs(y)), "\(what): \(x) vs pandas \(y)")
    }

    @Test func kpiRFMCohortAgreeWithPandas() throws {
        let e = try Self.expected()
        let kpi = try Self.run(["kpi", "--orders", Self.file])
        let rfm = try Self.run(["rfm", "--orders", Self.file])
        let cohort = try Self.run(["cohort", "--orders", Self.file])

        // What was done is stated, the same way by every command.
        for doc in [kpi, rfm, cohort] {
            let input = try #require(doc["orderInput"] as? [String: Any])
            #expect(input["lineItemsGrouped"] as? Bool == true)
            #expect(input["rows"] as? Int == e["rows"] as? Int && input["orders"] as? Int == e["orders"] as? Int)
            #expect(input["purchases"] as? Int == e["purchases"] as? Int && input["refunds"] as? Int == e["refunds"] as? Int)
            #expect(input["customers"] as? Int == e["customers"] as? Int)
            #expect(input["customersWithoutPurchase"] as? Int == e["customersWithoutPurchase"] as? Int)
            Self.close(input["refundAmount"], e["refundAmount"], "refund amount")
        }

        // Customer counts.
        let customers = try #require(e["customers"] as? Int)
        #expect(kpi["customers"] as? Int == customers)
        let scored = try #require(rfm["customers"] as? [[String: Any]])
        #expect(scored.count == customers)
        let cohorts = try #require(cohort["cohorts"] as? [[String: Any]])
        #expect(cohorts.reduce(0) { $0 + ($1["customers"] as? Int ?? 0) } == customers)

        // Repeat purchase rate.
        Self.close(kpi["repeatPurchaseRate"], e["repeatPurchaseRate"], "kpi repeat purchase rate")
        Self.close(cohort["repeatPurchaseRate"], e["repeatPurchaseRate"], "cohort repeat purchase rate")

        // Orders, revenue, AOV on the KPI sheet: purchases only; refunds reduce revenue.
        #expect(kpi["orders"] as? Int == e["purchases"] as? Int)
        Self.close(kpi["revenue"], e["revenueNet"], "revenue")
        Self.close(kpi["aov"], e["aov"], "aov")

        // RFM per customer: frequency counts purchases, recency from the last purchase, monetary net.
        let reference = try #require(e["rfm"] as? [String: [String: Any]])
        for c in scored {
            let id = try #require(c["customerId"] as? String)
            let r = try #require(reference[id], "customer \(id) is not a customer in pandas")
            #expect(c["frequency"] as? Int == r["frequency"] as? Int, "\(id) frequency")
            #expect(c["recency"] as? Int == r["recency"] as? Int, "\(id) recency")
            Self.close(c["monetary"], r["monetary"], "\(id) monetary")
        }
        #expect(!scored.contains { $0["customerId"] as? String == "12583" }, "a refund-only customer is not segmented")

        // Cohorts: month of the first purchase, sizes and repeat customers.
        let byCohort = try #require(e["cohorts"] as? [String: [String: Int]])
        #expect(cohorts.count == byCohort.count)
        for c in cohorts {
            let label = try #require(c["cohort"] as? String)
            let ref = try #require(byCohort[label], "cohort \(label)")
            #expect(c["customers"] as? Int == ref["size"], "\(label) size")
            let size = Double(ref["size"] ?? 0)
            Self.close(c["repeatPurchaseRate"], Double(ref["repeat"] ?? 0) / size, "\(label) repeat rate")
        }
    }

    /// `--stream` reads the same export into the same orders: rfm and cohort give the same
    /// customers and cohorts as in memory, and say on stderr that line items were grouped.
    @Test func streamingGivesTheSameAnswersOnLineItems() throws {
        for command in ["rfm", "cohort"] {
            let inMemory = try Self.run([command, "--orders", Self.file])
            let r = try CLIRunner.run([command, "--orders", Self.file, "--stream", "--format", "json"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.contains("are line items of"), "\(command): \(r.stderr)")
            let streamed = try Self.json(r.stdout)
            let key = command == "rfm" ? "customers" : "cohorts"
            let a = try #require(streamed[key] as? [[String: Any]]), b = try #require(inMemory[key] as? [[String: Any]])
            #expect(!a.isEmpty && NSArray(array: a).isEqual(to: b), "\(command) --stream differs from the in-memory run")
        }
    }

    @Test func reportShowsTheSameCustomersAndRepeatRate() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("saleskit-orderdef-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("report.html").path
        let r = try CLIRunner.run(["report", "--orders", Self.file, "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        // 5 of 8 customers bought twice: the KPI tile and the cohort note say 62.5%.
        #expect(html.contains("62.5%"))
        #expect(html.contains("Overall repeat purchase rate 62.5%"))
        #expect(!html.contains("Historical CLV"))
        #expect(r.stderr.contains("34 rows are line items of 20 orders"))
        #expect(r.stderr.contains("1 customer(s) with refunds but no purchase"))
    }

    @Test func refundPoliciesChangeRevenueNotCustomers() throws {
        let e = try Self.expected()
        for policy in ["exclude", "separate"] {
            let kpi = try Self.run(["kpi", "--orders", Self.file, "--refunds", policy])
            Self.close(kpi["revenue"], e["revenueExcludingRefunds"], "\(policy) revenue")
            #expect(kpi["customers"] as? Int == e["customers"] as? Int)
            let input = try #require(kpi["orderInput"] as? [String: Any])
            #expect(input["refundsRemoved"] as? Int == e["refunds"] as? Int && input["refundPolicy"] as? String == policy)
            let rfm = try Self.run(["rfm", "--orders", Self.file, "--refunds", policy])
            let scored = try #require(rfm["customers"] as? [[String: Any]])
            #expect(scored.count == e["customers"] as? Int)
            let full = try #require(scored.first { $0["customerId"] as? String == "15100" })
            Self.close(full["monetary"], 350.40, "\(policy) 15100 monetary")
        }
    }

    /// `--refunds` has the same name, values and default on every command that reads orders, and
    /// each help points to the article.
    @Test(arguments: ["kpi", "rfm", "cohort", "clv", "forecast", "report"])
    func everyCommandHasTheSameRefundOption(_ command: String) throws {
        let r = try CLIRunner.run([command, "--help"])
        #expect(r.status == 0)
        let help = r.stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
        #expect(help.contains("--refunds <net|exclude|separate>"), "\(command)")
        #expect(help.contains("(values: net, exclude, separate; default: net)"), "\(command)")
        #expect(help.contains("OrdersPurchasesRefunds"), "\(command)")
    }

    /// `" 17850"`, `"17850.0"` and `"17850"` are one customer (with a notice); `--ids verbatim` keeps three.
    @Test func idsAreTrimmedAndFloatIntegersReadAsIntegers() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("saleskit-ids-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("orders.csv")
        try """
            customer_id,order_date,amount
            " 17850",2010-12-01,10.00
            17850.0,2010-12-05,20.00
            17850,2010-12-09,30.00
            13047.0,2010-12-01,5.00

            """.write(to: file, atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["kpi", "--orders", file.path, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try Self.json(r.stdout)
        #expect(doc["customers"] as? Int == 2)
        #expect(r.stderr.contains("customer_id: 1 with surrounding whitespace trimmed, 2 float-formatted integers"))
        let rfm = try Self.run(["rfm", "--orders", file.path])
        let ids = (rfm["customers"] as? [[String: Any]] ?? []).compactMap { $0["customerId"] as? String }
        #expect(Set(ids) == ["17850", "13047"])
        let verbatim = try Self.run(["kpi", "--orders", file.path, "--ids", "verbatim"])
        #expect(verbatim["customers"] as? Int == 4)
    }
}
