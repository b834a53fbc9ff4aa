import Foundation
import Testing
import SalesTestSupport

@Suite("saleskit clv and kpi end to end")
struct CLVAndKPICommandTests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static let cdnow = PackageFiles.root.appendingPathComponent("Tests/SalesAnalyticsTests/Fixtures/cdnow_sample_transactions.csv").path

    @Test func clvPrintsThePublishedCDNOWParameters() throws {
        let r = try CLIRunner.run(["clv", "--orders", Self.cdnow, "--map", "order_date=date",
                                   "--calibration-end", "1997-09-30", "--unit", "week", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try Self.json(r.stdout)
        let bg = try #require(doc["bgnbd"] as? [String: Double])
        let gg = try #require(doc["gammaGamma"] as? [String: Double])
        // Fader, Hardie & Lee (2005) and Fader & Hardie (2013), to their published rounding.
        for (key, value, digits) in [("r", 0.243, 3), ("alpha", 4.414, 3), ("a", 0.793, 3), ("b", 2.426, 3)] {
            #expect(abs((bg[key] ?? .nan) - value) <= 0.5 * pow(10, -Double(digits)), "\(key)")
        }
        for (key, value) in [("p", 6.25), ("q", 3.74), ("gamma", 15.44)] {
            #expect(abs((gg[key] ?? .nan) - value) <= 0.005, "\(key)")
        }
        let customers = try #require(doc["customers"] as? [[String: Any]])
        #expect(customers.count == 2357)
        let first = try #require(customers.first)
        for key in ["customerId", "customer_id", "pAlive", "expectedPurchases", "clv"] { #expect(first[key] != nil, "\(key)") }
        let holdout = try #require(doc["holdout"] as? [String: Any])
        #expect(holdout["actualTotal"] as? Int == 1882)
        #expect(doc["version"] != nil)
        // Table output names the models.
        let table = try CLIRunner.run(["clv", "--orders", Self.cdnow, "--map", "order_date=date",
                                       "--calibration-end", "1997-09-30", "--unit", "week"])
        #expect(table.status == 0 && table.stdout.contains("BG/NBD") && table.stdout.contains("0.2426"))
    }

    /// The bundled sample (refunds that net a customer's repeat spend to ≤ 0) runs for every unit;
    /// the customers left out of the spend fit are counted in the JSON and noted in the table.
    @Test(arguments: ["day", "week", "month"])
    func clvRunsOnTheBundledSample(unit: String) throws {
        let args = ["clv", "--orders", PackageFiles.dataset("orders.csv"), "--calibration-end", "2024-06-30", "--unit", unit]
        let r = try CLIRunner.run(args + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try Self.json(r.stdout)
        let gg = try #require(doc["gammaGamma"] as? [String: Any])
        let excluded = try #require(gg["excludedFromSpendModel"] as? Int)
        #expect(excluded > 0)
        #expect((gg["populationMeanSpend"] as? Double ?? 0) > 0)
        let customers = try #require(doc["customers"] as? [[String: Any]])
        #expect(customers.filter { $0["inSpendModel"] as? Bool == false }.count == excluded)
        #expect(customers.allSatisfy { $0["clv"] is Double })
        let table = try CLIRunner.run(args)
        #expect(table.status == 0 && table.stdout.contains("left the Gamma-Gamma fit") && table.stdout.contains("population mean spend"))
    }

    /// The full CDNOW master (its $0.00 rows kept) against lifetimes' fits (cdnow_master.py).
    @Test func clvOnTheCDNOWMasterMatchesLifetimes() throws {
        let dir = PackageFiles.root.appendingPathComponent("Tests/SalesAnalyticsTests/Fixtures")
        let r = try CLIRunner.run(["clv", "--orders", dir.appendingPathComponent("cdnow_master_transactions.csv").path,
                                   "--calibration-end", "1997-09-30", "--unit", "week", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try Self.json(r.stdout)
        let ref = try Self.json(String(decoding: try Data(contentsOf: dir.appendingPathComponent("cdnow_master_lifetimes.json")), as: UTF8.self))
        let bg = try #require(doc["bgnbd"] as? [String: Double]), refBG = try #require(ref["bgnbd"] as? [String: Double])
        for key in ["r", "alpha", "a", "b"] {
            #expect(abs((bg[key] ?? .nan) - (refBG[key] ?? .nan)) <= 1e-4, "\(key)")
        }
        let gg = try #require(doc["gammaGamma"] as? [String: Any]), refGG = try #require(ref["gammaGamma"] as? [String: Double])
        for (ours, theirs) in [("p", "p"), ("q", "q"), ("gamma", "v")] {
            #expect(abs((gg[ours] as? Double ?? .nan) - (refGG[theirs] ?? .nan)) <= 1e-3, "\(ours)")
        }
        #expect(gg["excludedFromSpendModel"] as? Int == ref["excludedFromSpendModel"] as? Int)
    }

    @Test func clvErrorsAndExitCodes() throws {
        // Calibration end before every order: a data error (exit 1) naming the date.
        let early = try CLIRunner.run(["clv", "--orders", PackageFiles.dataset("orders.csv"), "--calibration-end", "2000-01-01", "--unit", "day"])
        #expect(early.status == 1 && early.stderr.contains("2000-01-01"))
        let badDate = try CLIRunner.run(["clv", "--orders", PackageFiles.dataset("orders.csv"), "--calibration-end", "2024-13-01", "--unit", "day"])
        #expect(badDate.status == 2)
        let badUnit = try CLIRunner.run(["clv", "--orders", PackageFiles.dataset("orders.csv"), "--calibration-end", "2024-06-30", "--unit", "year"])
        #expect(badUnit.status == 2)
    }

    @Test func kpiOnTheDatasets() throws {
        let r = try CLIRunner.run(["kpi", "--orders", PackageFiles.dataset("orders.csv"), "--customers", PackageFiles.dataset("customers.csv"),
                                   "--spend", PackageFiles.dataset("marketing_spend.csv"), "--surveys", PackageFiles.dataset("surveys.csv"),
                                   "--opportunities", PackageFiles.dataset("opportunities.csv"), "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try Self.json(r.stdout)
        for key in ["periods", "winRate", "salesCycleDays", "cac", "clvToCac", "retentionRate", "repeatPurchaseRate", "nps", "csat", "cacByChannel"] {
            #expect(doc[key] != nil && !(doc[key] is NSNull), "\(key)")
        }
        // CLV/CAC is the predicted CLV of a new customer (stated horizon and rate) over the paid CAC.
        let predicted = try #require(doc["predictedCLV"] as? [String: Any])
        #expect(predicted["horizonMonths"] as? Int == 12 && predicted["discountRatePerMonth"] as? Double == 0.01)
        let perNew = try #require(predicted["perNewCustomer"] as? Double), cac = try #require(doc["cac"] as? Double)
        #expect(abs((doc["clvToCac"] as? Double ?? .nan) - perNew / cac) <= 1e-9 * perNew / cac)
        #expect(doc["historicalCLV"] == nil && (doc["revenuePerCustomer"] as? Double ?? 0) > 0)
        let periods = try #require(doc["periods"] as? [[String: Any]])
        #expect(periods.count == 36)
        for key in ["period", "revenue", "growth", "orders", "aov", "newCustomers"] { #expect(periods[0][key] != nil, "\(key)") }
        #expect(periods[0]["period"] as? String == "2022-01" && periods[0]["growth"] is NSNull)
        // customer_kpis.json (pandas): paid CAC 97.63423872679044, repeat purchase rate 0.8096 (2,024 of 2,500).
        #expect(abs((doc["cac"] as? Double ?? 0) - 97.63423872679044) <= 1e-9 * 97.6)
        #expect(doc["repeatPurchaseRate"] as? Double == 0.8096)
        // Win rate: 2,873 closed deals in datasets/README.md.
        #expect(doc["closedDeals"] as? Int == 2873)
        let winRate = try #require(doc["winRate"] as? Double)
        #expect(winRate > 0 && winRate < 1)
    }

    @Test func kpiWithOrdersOnlySaysWhatIsMissing() throws {
        let json = try CLIRunner.run(["kpi", "--orders", PackageFiles.dataset("orders.csv"), "--format", "json"])
        #expect(json.status == 0)
        let doc = try Self.json(json.stdout)
        for key in ["winRate", "salesCycleDays", "cac", "clvToCac", "nps"] { #expect(doc[key] is NSNull, "\(key)") }
        let table = try CLIRunner.run(["kpi", "--orders", PackageFiles.dataset("orders.csv")])
        #expect(table.stdout.contains("needs --spend") && table.stdout.contains("needs --surveys")
                && table.stdout.contains("needs --opportunities"))
    }

    @Test func kpiBadSurveyKindIsADataError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let surveys = dir.appendingPathComponent("surveys.csv")
        try "customer_id,date,score,kind\nC1,2024-01-01,5,stars\n".write(to: surveys, atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["kpi", "--orders", PackageFiles.dataset("orders.csv"), "--surveys", surveys.path])
        #expect(r.status == 1 && r.stderr.contains("unknown survey kind"))
    }
}
