import Foundation
import Testing
import SalesTestSupport

/// `--map [file:]contract=theirs`: checked before any file is read (usage errors, exit 2, listing
/// the valid names) and applied per file where a command reads several.
@Suite("--map checking and per-file mappings")
struct MapOptionTests {
    static func data(_ name: String) -> String { PackageFiles.root.appendingPathComponent("datasets/\(name)").path }

    @Test func misspeltContractNameIsAUsageErrorListingTheValidNames() throws {
        let r = try CLIRunner.run(["rfm", "--orders", Self.data("orders.csv"), "--map", "custmer_id=CustomerID"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("no contract column \"custmer_id\""))
        #expect(r.stderr.contains("valid names: amount, customer_id, order_date, order_id"))
    }

    @Test func aColumnMappedTwiceIsAUsageError() throws {
        let r = try CLIRunner.run(["kpi", "--orders", Self.data("orders.csv"), "--map", "amount=Total", "--map", "amount=Sum"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("maps orders column \"amount\" twice (\"Total\" and \"Sum\")"))
    }

    @Test func aFileTheCommandDoesNotReadIsAUsageError() throws {
        let r = try CLIRunner.run(["rfm", "--orders", Self.data("orders.csv"), "--map", "events:user_id=uid"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("this command reads no \"events\" file; files: orders"))
        let malformed = try CLIRunner.run(["rfm", "--orders", Self.data("orders.csv"), "--map", "amount"])
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("--map expects [file:]contract_name=their_name, got \"amount\""))
    }

    @Test func unprefixedMappingsApplyToEveryFileWithTheColumn() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("saleskit-map-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let orders = directory.appendingPathComponent("orders.csv")
        try Data("order_id,cid,order_date,amount\nO1,C1,2024-01-05,10\nO2,C2,2024-02-05,20\n".utf8).write(to: orders)
        let customers = directory.appendingPathComponent("customers.csv")
        try Data("cid,signup_date,acquisition_channel,region\nC1,2024-01-01,ads,EU\nC2,2024-02-01,organic,US\n".utf8).write(to: customers)
        let r = try CLIRunner.run(["cohort", "--orders", orders.path, "--customers", customers.path, "--map", "customer_id=cid",
                                   "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("2024-01,0,1,1,1"))
    }

    /// The breakdown file's user column can be mapped without touching the events file
    /// (before, `--map user_id=customer_id` renamed the events column too).
    @Test func funnelBreakdownFileHasItsOwnMapping() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("saleskit-map-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let events = directory.appendingPathComponent("events.csv")
        try Data("""
            user_id,event,timestamp
            U1,visit,2024-01-01T10:00:00Z
            U1,signup,2024-01-01T11:00:00Z
            U2,visit,2024-01-02T10:00:00Z
            U3,visit,2024-01-02T10:00:00Z
            U3,signup,2024-01-03T10:00:00Z

            """.utf8).write(to: events)
        let attributes = directory.appendingPathComponent("people.csv")
        try Data("customer_id,plan\nU1,pro\nU2,free\nU3,pro\n".utf8).write(to: attributes)
        let r = try CLIRunner.run(["funnel", "--events", events.path, "--steps", "visit,signup", "--window", "7d",
                                   "--breakdown", "plan", "--breakdown-file", attributes.path,
                                   "--map", "breakdown:user_id=customer_id", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let groups = try #require(json["breakdown"] as? [[String: Any]])
        func users(_ value: String) -> [Int]? {
            (groups.first { ($0["value"] as? String) == value }?["steps"] as? [[String: Any]])?.compactMap { $0["users"] as? Int }
        }
        #expect(users("pro") == [2, 2] && users("free") == [1, 0], "\(groups)")
    }
}

extension MapOptionTests {
    /// A mapped column the file lacks is a usage error (exit 2), even for an optional contract
    /// column: the message names the mapping and lists the file's headers, quotes balanced.
    @Test func aMappedColumnAbsentFromTheFileIsAUsageError() throws {
        let optional = try CLIRunner.run(["kpi", "--orders", Self.data("orders.csv"), "--customers", Self.data("customers.csv"),
                                          "--map", "customers:acquisition_channel=Channel"])
        #expect(optional.status == 2, "\(optional.stderr)")
        #expect(optional.stderr.contains(#"customers.csv:1: mapped column "Channel" (for "acquisition_channel") is not in the header; the file has: "customer_id""#),
                "\(optional.stderr)")
        let required = try CLIRunner.run(["rfm", "--orders", Self.data("orders.csv"), "--map", "order_date=date", "--map", "amount=total"])
        #expect(required.status == 2, "\(required.stderr)")
        #expect(required.stderr.contains(#"mapped columns "date" (for "order_date"), "total" (for "amount") are not in the header"#),
                "\(required.stderr)")
    }

    /// A required column that is simply absent (no mapping involved) stays a data error (exit 1).
    @Test func anUnmappedMissingColumnIsADataError() throws {
        let path = try TemporaryFiles.file("customer_id,amount\nC1,10\n", name: "orders.csv")
        let result = try CLIRunner.run(["rfm", "--orders", path])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains(#"missing required column "order_date"; the file has: "customer_id", "amount""#), "\(result.stderr)")
    }
}
