import Foundation
import Testing
import SalesTestSupport

/// End-to-end runs of `saleskit rfm` and `saleskit cohort` (the built binary) on datasets/ and on
/// small temporary files.
@Suite("saleskit rfm / cohort")
struct CustomerCommandsTests {
    static var orders: String { PackageFiles.root.appendingPathComponent("datasets/orders.csv").path }

    /// Writes `text` to a fresh temporary file and returns its path.
    static func temporaryFile(_ text: String, name: String = "orders.csv") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("saleskit-customers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func rfmCSVHasTheContractColumns() throws {
        let result = try CLIRunner.run(["rfm", "--orders", Self.orders, "--as-of", "2025-01-01", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "customer_id,recency,frequency,monetary,r,f,m,segment")
        #expect(lines.count == 2501)   // 2,500 customers in datasets/customers.csv, all with orders
        // C1: orders 2022-01-18 35.79, 2023-01-11 70.60, 2023-07-28 65.13 → recency 523 days, 171.52.
        #expect(lines.contains("C1,523,3,171.52,2,3,2,At Risk"))
    }

    @Test func rfmStreamingGivesTheSameCSV() throws {
        let memory = try CLIRunner.run(["rfm", "--orders", Self.orders, "--format", "csv"])
        let streamed = try CLIRunner.run(["rfm", "--orders", Self.orders, "--format", "csv", "--stream"])
        #expect(streamed.status == 0 && memory.status == 0)
        #expect(streamed.stdout == memory.stdout)
    }

    @Test(arguments: [["--format", "csv", "--period", "week"], ["--format", "json", "--mode", "return-on-or-after"],
                      ["--format", "json", "--period", "quarter", "--customers",
                       PackageFiles.root.appendingPathComponent("datasets/customers.csv").path, "--as-of", "2024-06-30"]])
    func cohortStreamingGivesTheSameOutput(_ arguments: [String]) throws {
        let memory = try CLIRunner.run(["cohort", "--orders", Self.orders] + arguments)
        let streamed = try CLIRunner.run(["cohort", "--orders", Self.orders, "--stream"] + arguments)
        #expect(streamed.status == 0 && memory.status == 0, "\(streamed.stderr)")
        #expect(!memory.stdout.isEmpty)
        // The in-memory path also reports what was done to the orders ("orderInput", its notices);
        // the streaming readers take each row as an order and say nothing about it. The rest is identical.
        if arguments.contains("json") {
            var doc = try #require(try JSONSerialization.jsonObject(with: Data(memory.stdout.utf8)) as? [String: Any])
            #expect(doc.removeValue(forKey: "orderInput") != nil)
            let other = try #require(try JSONSerialization.jsonObject(with: Data(streamed.stdout.utf8)) as? [String: Any])
            #expect(NSDictionary(dictionary: doc).isEqual(to: other))
        } else {
            #expect(streamed.stdout == memory.stdout)
        }
        let orderNotes = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix("note: ") } }
        #expect(orderNotes(streamed.stderr) == orderNotes(memory.stderr))
    }

    @Test func rfmTableAndJSON() throws {
        let table = try CLIRunner.run(["rfm", "--orders", Self.orders, "--as-of", "2025-01-01"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("Champions") && table.stdout.contains("revenue share"))
        let json = try CLIRunner.run(["rfm", "--orders", Self.orders, "--as-of", "2025-01-01", "--format", "json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let customers = try #require(object["customers"] as? [[String: Any]])
        #expect(customers.count == 2500)
        #expect(Set(customers[0].keys).isSuperset(of: ["customerId", "recency", "frequency", "monetary", "r", "f", "m", "segment"]))
        // The pre-0.2.0 key stays, with the same value, for one version (CHANGELOG.md).
        #expect(customers.allSatisfy { ($0["customer_id"] as? String).map { !$0.isEmpty } == true && $0["customer_id"] as? String == $0["customerId"] as? String })
        #expect((object["summary"] as? [Any])?.count == 11)
        #expect(object["version"] is String && (object["rejected"] as? [Any])?.isEmpty == true)
    }

    @Test func rfmWithCustomSegmentsAndKMeans() throws {
        let segments = try Self.temporaryFile(#"{"segments": [{"name": "Recent", "r": [4, 5], "f": [1, 5]}, {"name": "Older", "r": [1, 3], "f": [1, 5]}]}"#, name: "segments.json")
        let result = try CLIRunner.run(["rfm", "--orders", Self.orders, "--segments", segments, "--kmeans", "--k-range", "2-4", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").dropFirst()
        #expect(rows.allSatisfy { $0.contains(",Recent,") || $0.contains(",Older,") })
        #expect(result.stdout.hasPrefix("customer_id,recency,frequency,monetary,r,f,m,segment,cluster\n"))
        let bad = try Self.temporaryFile(#"{"segments": [{"name": "Only", "r": [5, 5], "f": [1, 5]}]}"#, name: "segments.json")
        let rejected = try CLIRunner.run(["rfm", "--orders", Self.orders, "--segments", bad])
        #expect(rejected.status == 2 && rejected.stderr.contains("r = 1, f = 1"))
    }

    @Test func badRowStopsWithItsLocation() throws {
        let path = try Self.temporaryFile("order_id,customer_id,order_date,amount\n1,A,2024-01-01,10\n2,B,2024-13-01,5\n3,C,2024-01-03,oops\n")
        let strict = try CLIRunner.run(["rfm", "--orders", path, "--as-of", "2024-02-01"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("\(path):3: column \"order_date\""))
        let skipped = try CLIRunner.run(["rfm", "--orders", path, "--skip-invalid", "--format", "json"])
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(skipped.stderr.contains("\(path):3: column \"order_date\"") && skipped.stderr.contains("\(path):4: column \"amount\""))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(skipped.stdout.utf8)) as? [String: Any])
        let rejected = try #require(object["rejected"] as? [[String: Any]])
        #expect(rejected.compactMap { $0["line"] as? Int } == [3, 4])
        let cohort = try CLIRunner.run(["cohort", "--orders", path])
        #expect(cohort.status == 1 && cohort.stderr.contains("\(path):3: column \"order_date\""))
    }

    @Test func nonFiniteAmountIsABadRow() throws {
        let path = try Self.temporaryFile("customer_id,order_date,amount\nA,2024-01-01,10\n\nB,2024-01-02,nan\n")
        let strict = try CLIRunner.run(["rfm", "--orders", path])
        #expect(strict.status == 1 && strict.stderr.contains("\(path):4: column \"amount\""))
    }

    @Test func futureOrdersAreReportedOrRejected() throws {
        let path = try Self.temporaryFile("customer_id,order_date,amount\nA,2024-01-01,10\nB,2024-03-01,5\n")
        let reported = try CLIRunner.run(["rfm", "--orders", path, "--as-of", "2024-02-01", "--format", "csv"])
        #expect(reported.status == 0 && reported.stderr.contains("1 order(s) dated after the as-of date 2024-02-01"))
        #expect(reported.stdout == "customer_id,recency,frequency,monetary,r,f,m,segment\nA,31,1,10.0,1,1,1,Lost\n")
        let rejected = try CLIRunner.run(["rfm", "--orders", path, "--as-of", "2024-02-01", "--future", "error"])
        #expect(rejected.status == 1 && rejected.stderr.contains("customer \"B\" on 2024-03-01"))
        let usage = try CLIRunner.run(["rfm", "--orders", path, "--as-of", "2024-02-30"])
        #expect(usage.status == 2)
    }

    @Test func cohortCSVHasTheContractColumns() throws {
        let result = try CLIRunner.run(["cohort", "--orders", Self.orders, "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "cohort,period,customers,active,retention,revenue,partial")
        // 36 monthly cohorts (2022-01 … 2024-12), cohort c observable for 36 − c periods: 36·37/2 cells.
        #expect(lines.count == 1 + 666)
        let first = try #require(lines.dropFirst().first?.split(separator: ",").map(String.init))
        #expect(first[0] == "2022-01" && first[1] == "0" && first[2] == first[3] && first[4] == "1.0")
        let onOrAfter = try CLIRunner.run(["cohort", "--orders", Self.orders, "--format", "json", "--mode", "return-on-or-after",
                                           "--period", "quarter"])
        #expect(onOrAfter.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(onOrAfter.stdout.utf8)) as? [String: Any])
        #expect((object["cohorts"] as? [Any])?.count == 12 && object["mode"] as? String == "return-on-or-after")
    }

    @Test func cohortBySignup() throws {
        let customers = PackageFiles.root.appendingPathComponent("datasets/customers.csv").path
        let result = try CLIRunner.run(["cohort", "--orders", Self.orders, "--customers", customers, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let cohorts = try #require(object["cohorts"] as? [[String: Any]])
        #expect(cohorts.reduce(0) { $0 + ($1["customers"] as? Int ?? 0) } == 2500)
    }
}
