import Foundation
import SalesAnalytics
import SalesData
import SalesNumerics
import Testing
import SalesTestSupport

/// Cohort tables against pandas (Fixtures/rfm_cohort.py) and hand-checked cases.
@Suite("CohortAnalysis")
struct CohortAnalysisTests {
    /// Compares sizes, repeat customers and every observable cell (active in both modes, revenue
    /// and capped revenue in cents) with the pandas reference, exactly.
    func expectMatches(_ result: CohortResult, _ reference: [String: Any]) {
        #expect(Set(result.cohortLabels) == Set(reference.keys))
        for row in 0..<result.cohortCount {
            guard let expected = reference[result.cohortLabels[row]] as? [String: Any],
                  let cells = expected["cells"] as? [[Int]] else {
                Issue.record("cohort \(result.cohortLabels[row]) not in the reference"); continue
            }
            #expect(result.sizes[row] == expected["size"] as? Int, "size of \(result.cohortLabels[row])")
            #expect(result.repeatCustomers[row] == expected["repeat"] as? Int, "repeat of \(result.cohortLabels[row])")
            #expect(result.observablePeriods[row] == cells.count, "periods of \(result.cohortLabels[row])")
            for (p, cell) in cells.enumerated() where p < result.observablePeriods[row] {
                let i = row * result.periodCount + p
                let actual = [result.activeReturnOn[i], result.activeOnOrAfter[i],
                              Int(result.revenueMinorUnits[i]), Int(result.cappedRevenueMinorUnits[i])]
                #expect(actual == cell, "cohort \(result.cohortLabels[row]) period \(p)")
            }
        }
    }

    @Test(arguments: [(PeriodUnit.month, "cohortMonth"), (.quarter, "cohortQuarter"), (.week, "cohortWeek")])
    func matchesPandasOnTheBundledDataset(_ grain: PeriodUnit, _ name: String) throws {
        let log = try AnalyticsFixtures.orders(PackageFiles.dataset("orders.csv"))
        let result = try CohortAnalysis.run(log, options: CohortOptions(period: grain))
        expectMatches(result, AnalyticsFixtures.rfmCohortEntry("datasets", name))
    }

    @Test func tinyFileMatchesPandasAndHandValues() throws {
        let result = try CohortAnalysis.run(try AnalyticsFixtures.orders(AnalyticsFixtures.path("tiny_orders.csv")))
        expectMatches(result, AnalyticsFixtures.rfmCohortEntry("tiny", "cohortMonth"))
        // Cohort 2024-01 = A, B, F, H with 195.55 in January; February 54.45 (A 50, F 4.45);
        // March A's refund −20 (revenue, but A is not active: a refund is not a purchase) and B 30;
        // April F 10 (capped at F's January 5.55).
        #expect(result.cohortLabels == ["2024-01", "2024-02", "2024-03", "2024-04"])
        #expect(result.retention(.returnOn).row(0) == [1, 0.5, 0.25, 0.25])
        #expect(result.retention(.returnOnOrAfter).row(0) == [1, 0.75, 0.5, 0.25])
        let nrr = result.netRevenueRetention, grr = result.grossRevenueRetention
        let base = 19555.0
        #expect(nrr[0, 1] == 5445 / base)
        #expect(nrr[0, 3] == 1000 / base)
        // GRR in March: A's −20 stays −20 (below its cap 100), B's 30 is capped at its own 30.
        #expect(grr[0, 2] == 1000 / base)
        #expect(grr[0, 3] == 555 / base)
        let ltv: [Double] = [19555, 25000, 26000, 27000].map { $0 / 100 / 4 }
        #expect(result.cumulativeRevenuePerCustomer.row(0) == ltv)
        // Churn from on-or-after counts 4, 3, 2, 1 (A's last purchase is in February): 1/4, 1/3, 1/2.
        let churn: [Double] = result.churn.row(0)
        #expect(churn[1] == 0.25)
        #expect(churn[2] == 1.0 / 3)
        #expect(churn[3] == 0.5)
        #expect(result.churn[0, 0].isNaN)
        // Cohort 2024-04 (customer I) is observable for one period only.
        #expect(result.retention(.returnOn)[3, 1].isNaN)
        // 2024-03: E bought 200 and refunded it (one purchase), G bought once: no repeat customer.
        #expect(result.repeatPurchaseRates == [1, 0, 0, 0])
    }

    @Test func signupCohortsCountCustomersWithoutOrders() throws {
        let d = Int32(isoDay("2024-01-15"))
        let log = try OrderLog(rows: [("a", d, 10), ("a", d + 40, 5), ("b", d + 20, 7), ("b", d - 30, 1)])
        let signups = try CustomerSignups(customerIDs: ["a", "b", "c"], days: [d - 10, d + 1, d + 3])
        let result = try CohortAnalysis.run(log, options: CohortOptions(origin: .signup(signups)))
        // All three signed up in January 2024; b's December order precedes its signup and is left out.
        #expect(result.cohortLabels == ["2024-01"])
        #expect(result.sizes == [3])
        #expect(result.ordersBeforeSignupCount == 1)
        #expect(result.orderCount == 3)
        #expect(result.activeReturnOn == [1, 2])
        #expect(result.activeOnOrAfter == [2, 2])
        #expect(throws: CohortError.missingSignup(customer: "b")) {
            try CohortAnalysis.run(log, options: CohortOptions(origin: .signup(try CustomerSignups(customerIDs: ["a"], days: [d]))))
        }
        #expect(throws: CohortError.duplicateSignup(customer: "a")) { try CustomerSignups(customerIDs: ["a", "a"], days: [d, d]) }
    }

    @Test func futureOrdersAndRefundsFollowTheOptions() throws {
        let d = Int32(isoDay("2024-03-01"))
        let log = try OrderLog(rows: [("a", d, 10), ("a", d + 31, -10), ("b", d + 70, 5)])
        let cut = try CohortAnalysis.run(log, options: CohortOptions(asOf: d + 40))
        #expect(cut.futureOrderCount == 1)
        #expect(cut.cohortLabels == ["2024-03"])
        #expect(cut.revenueMinorUnits == [1000, -1000])
        let excluded = try CohortAnalysis.run(log, options: CohortOptions(refunds: .exclude, asOf: d + 40))
        #expect(excluded.excludedRefundCount == 1 && excluded.activeReturnOn == [1, 0])
        #expect(throws: CohortError.ordersAfterAsOf(count: 1, asOf: "2024-04-10", firstCustomer: "b", firstDate: "2024-05-10")) {
            try CohortAnalysis.run(log, options: CohortOptions(asOf: d + 40, futureOrders: .error))
        }
        #expect(throws: CohortError.noOrders) { try CohortAnalysis.run(log, options: CohortOptions(asOf: d - 1)) }
    }

    @Test func resultDoesNotDependOnThreads() throws {
        let log = try AnalyticsFixtures.orders(PackageFiles.dataset("orders.csv"))
        let one = try Parallelism.withWorkers(1) { try CohortAnalysis.run(log) }
        let three = try Parallelism.withWorkers(3) { try CohortAnalysis.run(log) }
        #expect(one.activeReturnOn == three.activeReturnOn && one.cappedRevenueMinorUnits == three.cappedRevenueMinorUnits)
    }
}
