import Foundation
import Testing
@testable import SalesAnalytics
import SalesData
import SalesTestSupport

/// `CohortAnalysis.run(streamingFile:...)` against the in-memory `CohortAnalysis.run(_:options:)`
/// on the same file (the reference): every count and every minor-unit revenue cell must be equal,
/// with blocks small enough that the file is read in many pieces and a working memory small enough
/// that the period columns are accumulated over several passes.
@Suite("CohortAnalysis streaming")
struct CohortStreamingTests {
    /// Asserts every stored field of two results is equal (revenue compared in exact minor units).
    static func expectSame(_ a: CohortResult, _ b: CohortResult, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.cohortLabels == b.cohortLabels && a.cohortIndices == b.cohortIndices, sourceLocation: sourceLocation)
        #expect(a.periodCount == b.periodCount && a.sizes == b.sizes && a.observablePeriods == b.observablePeriods,
                sourceLocation: sourceLocation)
        #expect(a.activeReturnOn == b.activeReturnOn, sourceLocation: sourceLocation)
        #expect(a.activeOnOrAfter == b.activeOnOrAfter, sourceLocation: sourceLocation)
        #expect(a.revenueMinorUnits == b.revenueMinorUnits, sourceLocation: sourceLocation)
        #expect(a.cappedRevenueMinorUnits == b.cappedRevenueMinorUnits, sourceLocation: sourceLocation)
        #expect(a.repeatCustomers == b.repeatCustomers && a.orderCount == b.orderCount, sourceLocation: sourceLocation)
        #expect(a.futureOrderCount == b.futureOrderCount && a.excludedRefundCount == b.excludedRefundCount,
                sourceLocation: sourceLocation)
        #expect(a.ordersBeforeSignupCount == b.ordersBeforeSignupCount && a.lastDay == b.lastDay, sourceLocation: sourceLocation)
    }

    static let grains: [PeriodUnit] = [.month, .week, .quarter]
    static let refunds: [RefundPolicy] = [.net, .exclude]

    @Test(arguments: grains, refunds)
    func datasetStreamsLikeInMemory(_ period: PeriodUnit, _ refunds: RefundPolicy) throws {
        let options = CohortOptions(period: period, refunds: refunds)
        let inMemory = try CohortAnalysis.run(try AnalyticsFixtures.orders(PackageFiles.dataset("orders.csv")), options: options)
        // 16 KiB blocks: ~26 blocks of the 400 KB file. 480,000 bytes of working memory for 2,500
        // customers: 21 period columns per pass, so months (36 periods) and weeks (157) take several
        // passes and quarters (12) one.
        let (streamed, rejected, _) = try CohortAnalysis.run(streamingFile: PackageFiles.dataset("orders.csv"), options: options,
                                                          readOptions: CSVReadOptions(blockBytes: 16 << 10),
                                                          workingBytes: 480_000)
        #expect(rejected.isEmpty)
        Self.expectSame(streamed, inMemory)
    }

    @Test(arguments: grains, refunds)
    func tinyFileStreamsLikeInMemory(_ period: PeriodUnit, _ refunds: RefundPolicy) throws {
        let options = CohortOptions(period: period, refunds: refunds)
        let inMemory = try CohortAnalysis.run(try AnalyticsFixtures.orders(AnalyticsFixtures.path("tiny_orders.csv")), options: options)
        for blockBytes in [24, 100] {
            for workingBytes in [1, 1 << 20] {
                let (streamed, _, _) = try CohortAnalysis.run(streamingFile: AnalyticsFixtures.path("tiny_orders.csv"), options: options,
                                                           readOptions: CSVReadOptions(blockBytes: blockBytes),
                                                           workingBytes: workingBytes)
                Self.expectSame(streamed, inMemory)
            }
        }
    }

    @Test func signupCohortsAndAsOfStreamLikeInMemory() throws {
        let customers = PackageFiles.dataset("customers.csv")
        let signups = try CustomerSignups.read(file: customers).signups
        let asOf = Int32(isoDay("2024-06-30"))
        for period in Self.grains {
            let options = CohortOptions(period: period, origin: .signup(signups), asOf: asOf)
            let inMemory = try CohortAnalysis.run(try AnalyticsFixtures.orders(PackageFiles.dataset("orders.csv")), options: options)
            #expect(inMemory.futureOrderCount > 0)
            let (streamed, _, _) = try CohortAnalysis.run(streamingFile: PackageFiles.dataset("orders.csv"), options: options,
                                                       readOptions: CSVReadOptions(blockBytes: 32 << 10))
            Self.expectSame(streamed, inMemory)
        }
    }

    /// A file with a bad date, a non-finite amount, orders before signup and after the as-of date.
    static func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cohort-stream-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func badRowsErrorsAndSignupsMatchInMemory() throws {
        let path = try Self.temporaryFile("""
            customer_id,order_date,amount
            a,2024-01-15,10
            b,2024-13-01,5
            b,2024-02-20,7
            c,2024-02-03,nan
            b,2023-12-16,1
            a,2024-02-24,5.005
            c,2024-05-10,-3
            d,2024-06-01,4

            """)
        let (log, expectedRejected) = try OrderLog.read(file: path, policy: .skipInvalidRows)
        let signups = try CustomerSignups(customerIDs: ["a", "b", "c", "d", "e"],
                                          days: [Int32(isoDay("2024-01-05")), Int32(isoDay("2024-01-16")),
                                                 Int32(isoDay("2024-01-03")), Int32(isoDay("2024-05-01")),
                                                 Int32(isoDay("2024-07-01"))])
        let asOf = Int32(isoDay("2024-05-31"))
        for options in [CohortOptions(asOf: asOf), CohortOptions(period: .week, origin: .signup(signups), asOf: asOf),
                        CohortOptions(refunds: .exclude)] {
            let inMemory = try CohortAnalysis.run(log, options: options)
            let (streamed, rejected, _) = try CohortAnalysis.run(streamingFile: path, policy: .skipInvalidRows, options: options,
                                                              readOptions: CSVReadOptions(blockBytes: 16), workingBytes: 1)
            #expect(rejected == expectedRejected)
            #expect(rejected.map(\.line) == [3, 5])
            Self.expectSame(streamed, inMemory)
        }
        // The same errors as in memory.
        let future = CohortOptions(asOf: asOf, futureOrders: .error)
        #expect(throws: CohortError.ordersAfterAsOf(count: 1, asOf: "2024-05-31", firstCustomer: "d", firstDate: "2024-06-01")) {
            try CohortAnalysis.run(log, options: future)
        }
        #expect(throws: CohortError.ordersAfterAsOf(count: 1, asOf: "2024-05-31", firstCustomer: "d", firstDate: "2024-06-01")) {
            try CohortAnalysis.run(streamingFile: path, policy: .skipInvalidRows, options: future,
                                   readOptions: CSVReadOptions(blockBytes: 16))
        }
        let partial = CohortOptions(origin: .signup(try CustomerSignups(customerIDs: ["a", "c"], days: [0, 0])))
        #expect(throws: CohortError.missingSignup(customer: "b")) { try CohortAnalysis.run(log, options: partial) }
        #expect(throws: CohortError.missingSignup(customer: "b")) {
            try CohortAnalysis.run(streamingFile: path, policy: .skipInvalidRows, options: partial,
                                   readOptions: CSVReadOptions(blockBytes: 16))
        }
        #expect(throws: CohortError.noOrders) {
            try CohortAnalysis.run(streamingFile: path, policy: .skipInvalidRows, options: CohortOptions(asOf: 0))
        }
        #expect(throws: CSVError.self) { try CohortAnalysis.run(streamingFile: path, readOptions: CSVReadOptions(blockBytes: 16)) }
    }
}
