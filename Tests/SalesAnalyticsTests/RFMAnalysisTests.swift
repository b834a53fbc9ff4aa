import Foundation
import SalesAnalytics
import SalesNumerics
import Testing
import SalesData
import SalesTestSupport

/// RFM values, scores and segments against pandas (Fixtures/rfm_cohort.py) and hand-checked cases.
@Suite("RFMAnalysis")
struct RFMAnalysisTests {
    /// Compares every customer of `result` with the pandas reference, exactly.
    func expectMatches(_ result: RFMResult, _ reference: [String: Any], segments: Bool = true) {
        guard let customers = reference["customers"] as? [String: [String: Any]] else {
            Issue.record("fixture has no customers"); return
        }
        #expect(result.count == customers.count)
        #expect(result.asOf.description == reference["asOf"] as? String)
        #expect(result.futureOrderCount == reference["futureOrders"] as? Int)
        var mismatches = 0
        for i in 0..<result.count {
            guard let expected = customers[result.customerIDs[i]] else { mismatches += 1; continue }
            let cents = Int((result.revenue[i] * 100).rounded())
            let same = expected["recency"] as? Int == Int(result.recency[i])
                && expected["frequency"] as? Int == Int(result.frequency[i])
                && expected["cents"] as? Int == cents
                && expected["r"] as? Int == Int(result.r[i]) && expected["f"] as? Int == Int(result.f[i])
                && expected["m"] as? Int == Int(result.m[i])
                && (!segments || expected["segment"] as? String == result.segment(i))
            if !same {
                mismatches += 1
                if mismatches <= 3 { Issue.record("customer \(result.customerIDs[i]): expected \(expected)") }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func defaultsMatchPandasOnTheBundledDataset() throws {
        let log = try AnalyticsFixtures.orders(PackageFiles.dataset("orders.csv"))
        expectMatches(try RFMAnalysis.run(log), AnalyticsFixtures.rfmCohortEntry("datasets", "rfmDefault"))
    }

    @Test func asOfExcludedRefundsAverageQuartilesMatchPandas() throws {
        let log = try AnalyticsFixtures.orders(PackageFiles.dataset("orders.csv"))
        let options = RFMOptions(asOf: Day(rawValue: isoDay("2024-06-30")), monetary: .average, refunds: .exclude, scoring: .quartiles)
        let result = try RFMAnalysis.run(log, options: options)
        expectMatches(result, AnalyticsFixtures.rfmCohortEntry("datasets", "rfmVariant"), segments: false)
        #expect(result.excludedRefundCount == 272)   // `awk -F, '$4 < 0' datasets/orders.csv | wc -l`
    }

    @Test func tinyFileWithTiesMatchesPandas() throws {
        let log = try AnalyticsFixtures.orders(AnalyticsFixtures.path("tiny_orders.csv"))
        expectMatches(try RFMAnalysis.run(log), AnalyticsFixtures.rfmCohortEntry("tiny", "rfmDefault"))
        let options = RFMOptions(asOf: Day(rawValue: isoDay("2024-03-31")), monetary: .average, refunds: .exclude)
        expectMatches(try RFMAnalysis.run(log, options: options), AnalyticsFixtures.rfmCohortEntry("tiny", "rfmExcludeAverage"))
    }

    @Test func tiesShareScoresByCompetitionRank() throws {
        // Purchase counts (refunds never count) 1,1,1,1,1,2,2,2,3 (n = 9): min ranks 1, 6, 9 →
        // scores 1 + ⌊5(rank−1)/9⌋ = 1, 3, 5.
        let log = try AnalyticsFixtures.orders(AnalyticsFixtures.path("tiny_orders.csv"))
        let result = try RFMAnalysis.run(log)
        for i in 0..<result.count {
            let expected: UInt8 = [1: 1, 2: 3, 3: 5][Int(result.frequency[i])] ?? 0
            #expect(result.f[i] == expected, "customer \(result.customerIDs[i])")
        }
        // Hand check: A bought 2024-01-05 100 and 02-10 50, refunded 03-01 −20; as-of = 2024-04-06:
        // recency from the last purchase (56 days), frequency 2, monetary net 130.
        let a = try #require(result.customerIDs.firstIndex(of: "A"))
        #expect(result.recency[a] == 56 && result.frequency[a] == 2 && result.monetary[a] == 130)
    }

    /// Monetary totals 5, 5, 7, 1, 9, 9, 9, 2 (n = 8): min ranks 3, 3, 5, 1, 6, 6, 6, 2 →
    /// m = 1 + ⌊5(rank − 1)/8⌋ = 2, 2, 3, 1, 4, 4, 4, 1 — scaled so that the ranking takes its
    /// counting (span 800 cents), radix (span 8·10⁵) and sort + binary search (span 8·10¹⁰) paths.
    @Test(arguments: [1.0, 1_000, 100_000_000])
    func monetaryScoresAreTheSameOnEveryRankingPath(_ factor: Double) throws {
        let d = Int32(isoDay("2024-01-01"))
        let totals: [Double] = [5, 5, 7, 1, 9, 9, 9, 2]
        let log = try OrderLog(rows: totals.enumerated().map { ("c\($0.offset)", d, $0.element * factor) })
        let result = try RFMAnalysis.run(log)
        #expect(result.m == [2, 2, 3, 1, 4, 4, 4, 1])
    }

    @Test func oneCustomerScoresOneOnEveryAxis() throws {
        let log = try OrderLog(rows: [("solo", Int32(isoDay("2024-01-01")), 10), ("solo", Int32(isoDay("2024-01-03")), 5)])
        let result = try RFMAnalysis.run(log)
        #expect(result.count == 1)
        #expect(result.recency == [1] && result.frequency == [2] && result.monetary == [15])
        // rank 1 of n = 1 → score 1 everywhere → Lost.
        #expect(result.r == [1] && result.f == [1] && result.m == [1])
        #expect(result.segment(0) == "Lost")
    }

    @Test func refundsNetOrExclude() throws {
        let d = Int32(isoDay("2024-01-10"))
        let log = try OrderLog(rows: [("a", d, 100), ("a", d + 5, -40), ("b", d, 20)])
        let net = try RFMAnalysis.run(log, options: RFMOptions(asOf: Day(d + 10)))
        // The refund nets into a's monetary value but is not a purchase: frequency 1, recency from the purchase.
        #expect(net.monetary == [60, 20] && net.frequency == [1, 1] && net.recency == [10, 10])
        let excluded = try RFMAnalysis.run(log, options: RFMOptions(asOf: Day(d + 10), refunds: .exclude))
        #expect(excluded.monetary == [100, 20] && excluded.frequency == [1, 1] && excluded.recency == [10, 10])
        #expect(excluded.excludedRefundCount == 1 && net.excludedRefundCount == 0)
    }

    @Test func futureOrdersAreCountedOrRejected() throws {
        let d = Int32(isoDay("2024-01-10"))
        let log = try OrderLog(rows: [("a", d, 10), ("b", d + 3, 10), ("a", d + 20, 99)])
        let result = try RFMAnalysis.run(log, options: RFMOptions(asOf: Day(d + 5)))
        #expect(result.futureOrderCount == 1 && result.orderCount == 2 && result.monetary == [10, 10])
        #expect(throws: RFMError.ordersAfterAsOf(count: 1, asOf: "2024-01-15", firstCustomer: "a", firstDate: "2024-01-30")) {
            try RFMAnalysis.run(log, options: RFMOptions(asOf: Day(d + 5), futureOrders: .error))
        }
        #expect(throws: RFMError.noOrders) { try RFMAnalysis.run(log, options: RFMOptions(asOf: Day(d - 1))) }
    }

    @Test func resultDoesNotDependOnThreads() throws {
        let log = try AnalyticsFixtures.orders(PackageFiles.dataset("orders.csv"))
        let one = try Parallelism.withWorkers(1) { try RFMAnalysis.run(log) }
        let four = try Parallelism.withWorkers(4) { try RFMAnalysis.run(log) }
        #expect(one.monetary == four.monetary && one.r == four.r && one.m == four.m && one.segmentIndex == four.segmentIndex)
    }

    @Test func summaryAddsUp() throws {
        let result = try RFMAnalysis.run(try AnalyticsFixtures.orders(PackageFiles.dataset("orders.csv")))
        #expect(result.summary.map(\.segment) == RFMSegmentTable.standard.segmentNames)
        #expect(result.summary.reduce(0) { $0 + $1.customers } == result.count)
        // Shares of 2,500 customers and of the revenue: sums of 11 doubles, error ≤ 11 ulp.
        #expect(abs(result.summary.reduce(0) { $0 + $1.share } - 1) < 1e-12)
        #expect(abs(result.summary.reduce(0) { $0 + $1.revenueShare } - 1) < 1e-12)
        let champions = try #require(result.summary.first)
        let members = (0..<result.count).filter { result.segment($0) == "Champions" }
        #expect(champions.customers == members.count)
        let meanR = Double(members.reduce(0) { $0 + Int(result.recency[$1]) }) / Double(members.count)
        #expect(abs(champions.meanRecency - meanR) < 1e-9)
    }

    @Test func breakpointScores() throws {
        let d = Int32(isoDay("2024-01-01"))
        let log = try OrderLog(rows: [("a", d, 50), ("b", d + 80, 500), ("b", d + 90, 500), ("c", d + 99, 5)])
        let scoring = RFMScoring.breakpoints(recency: [10, 30, 60, 90], frequency: [2, 3, 5, 8], monetary: [10, 100, 500, 1000])
        let result = try RFMAnalysis.run(log, options: RFMOptions(asOf: Day(d + 100), scoring: scoring))
        // recency 100, 10, 1 → 1 + #{b > recency}: 1, 4, 5; frequency 1, 2, 1 → 1, 2, 1; monetary 50, 1000, 5 → 2, 5, 1.
        #expect(result.r == [1, 4, 5] && result.f == [1, 2, 1] && result.m == [2, 5, 1])
        #expect(result.segment(2) == "New Customers" && result.segment(1) == "Potential Loyalist")
        #expect(throws: RFMError.invalidBreakpoints(axis: "frequency", values: [3, 2])) {
            try RFMAnalysis.run(log, options: RFMOptions(scoring: .breakpoints(recency: [1], frequency: [3, 2], monetary: [1])))
        }
        #expect(throws: RFMError.invalidBins(1)) { try RFMAnalysis.run(log, options: RFMOptions(scoring: .quantiles(bins: 1))) }
    }

    @Test func segmentTableIsDataAndValidated() throws {
        let json = """
            {"scale": 3, "axis": "fm", "segments": [
              {"name": "Best", "r": [3, 3], "f": [2, 3]},
              {"name": "Rest", "r": [1, 3], "f": [1, 3]}]}
            """
        let table = try RFMSegmentTable(json: Array(json.utf8))
        #expect(table.segmentNames == ["Best", "Rest"] && table.axis == .fm && table.scale == 3)
        let d = Int32(isoDay("2024-01-01"))
        let log = try OrderLog(rows: [("a", d, 1), ("b", d + 5, 100), ("b", d + 9, 100), ("c", d + 8, 1)])
        let result = try RFMAnalysis.run(log, options: RFMOptions(asOf: Day(d + 10), scoring: .quantiles(bins: 3), segments: table))
        // Recency 10, 1, 2 → r = 1, 3, 2; b: f = 3, m = 3 → fm = 3 → Best; c: f = 1, m = 1 → fm = 1 → Rest.
        #expect((0..<3).map(result.segment) == ["Rest", "Best", "Rest"])
        let encoded = try JSONEncoder().encode(RFMSegmentTable.standard)
        #expect(try JSONDecoder().decode(RFMSegmentTable.self, from: encoded) == .standard)
        #expect(throws: RFMError.uncoveredSegmentCell(r: 1, f: 1)) {
            try RFMSegmentTable(scale: 2, rules: [RFMSegmentRule("Top", recency: 2...2, frequency: 1...2)])
        }
        #expect(throws: RFMError.segmentRuleOutOfRange(segment: "X", axis: "f", lower: 0, upper: 5, scale: 5)) {
            try RFMSegmentTable(rules: [RFMSegmentRule("X", recency: 1...5, frequency: 0...5)])
        }
        #expect(throws: (any Error).self) { try RFMSegmentTable(json: Array(#"{"segments": [{"name": "X", "r": [2, 1], "f": [1, 5]}]}"#.utf8)) }
    }

    @Test func quartilesUseTheFiveLevelTableAtQuantileMidpoints() throws {
        // 4 customers with distinct recency and frequency: quartile scores 1…4 map to 1, 2, 4, 5.
        let d = Int32(isoDay("2024-01-01"))
        var rows: [(customer: String, day: Int32, amount: Double)] = []
        for (i, name) in ["w", "x", "y", "z"].enumerated() {
            for k in 0...i { rows.append((name, d + Int32(10 * i + k), 10)) }
        }
        let result = try RFMAnalysis.run(try OrderLog(rows: rows), options: RFMOptions(scoring: .quartiles))
        #expect(result.r == [1, 2, 3, 4] && result.f == [1, 2, 3, 4])
        // (r, f) on the 5-level table: (1,1) Lost, (2,2) Hibernating, (4,4) Loyal, (5,5) Champions.
        #expect((0..<4).map(result.segment) == ["Lost", "Hibernating", "Loyal", "Champions"])
    }

    @Test func clustersSeparateObviousGroups() throws {
        // Two groups: 40 recent heavy buyers and 40 lapsed one-order customers.
        let d = Int32(isoDay("2024-01-01"))
        var rows: [(customer: String, day: Int32, amount: Double)] = []
        for i in 0..<40 {
            for k in 0..<(8 + i % 3) { rows.append(("heavy\(i)", d + 300 + Int32(k * 5 + i % 4), 200 + Double(i))) }
            rows.append(("light\(i)", d + Int32(i % 7), 10 + Double(i % 5)))
        }
        let rfm = try RFMAnalysis.run(try OrderLog(rows: rows))
        let clusters = try RFMClustering.cluster(rfm, ks: 2...5, seed: 9)
        #expect(clusters.k == 2)
        let heavy = Set((0..<rfm.count).filter { rfm.customerIDs[$0].hasPrefix("heavy") }.map { clusters.assignments[$0] })
        let light = Set((0..<rfm.count).filter { rfm.customerIDs[$0].hasPrefix("light") }.map { clusters.assignments[$0] })
        #expect(heavy.count == 1 && light.count == 1 && heavy != light)
    }
}

/// The block-by-block RFM equals the in-memory one.
@Suite("RFMAnalysis streaming")
struct RFMStreamingTests {
    @Test(arguments: [RFMOptions(), RFMOptions(asOf: Day(rawValue: isoDay("2024-06-30")), monetary: .average, refunds: .exclude)])
    func streamingEqualsInMemoryAcrossManyBlocks(_ options: RFMOptions) throws {
        let log = try AnalyticsFixtures.orders(PackageFiles.dataset("orders.csv"))
        let inMemory = try RFMAnalysis.run(log, options: options)
        // datasets/orders.csv is about 400 KB: 16 KiB blocks give about 25 chunks.
        let (streamed, rejected, _) = try RFMAnalysis.run(streamingFile: PackageFiles.dataset("orders.csv"), options: options,
                                                       readOptions: CSVReadOptions(blockBytes: 16 << 10))
        #expect(rejected.isEmpty)
        #expect(streamed.customerIDs == inMemory.customerIDs)
        #expect(streamed.recency == inMemory.recency && streamed.frequency == inMemory.frequency)
        #expect(streamed.monetary == inMemory.monetary)
        #expect(streamed.r == inMemory.r && streamed.f == inMemory.f && streamed.m == inMemory.m)
        #expect(streamed.segmentIndex == inMemory.segmentIndex && streamed.summary == inMemory.summary)
        #expect(streamed.futureOrderCount == inMemory.futureOrderCount && streamed.asOf == inMemory.asOf)
    }

    @Test func streamingReportsBadRowsWithTheirLines() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rfm-stream-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var text = "customer_id,order_date,amount\n"
        for i in 0..<400 { text += "C\(i % 37),2024-01-\(String(format: "%02d", 1 + i % 28)),\(i).5\n" }
        text += "X,2024-02-30,1\nY,2024-02-01,inf\nZ,2024-02-02,3\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let (result, rejected, _) = try RFMAnalysis.run(streamingFile: path, policy: .skipInvalidRows,
                                                     readOptions: CSVReadOptions(blockBytes: 1 << 10))
        #expect(rejected.map(\.line) == [402, 403])
        #expect(rejected.map(\.column) == ["order_date", "amount"])
        #expect(result.count == 38)
        #expect(throws: CSVError.self) { try RFMAnalysis.run(streamingFile: path, readOptions: CSVReadOptions(blockBytes: 1 << 10)) }
    }
}
