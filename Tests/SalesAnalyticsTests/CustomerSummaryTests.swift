import Testing
import SalesData
import SalesModels
@testable import SalesAnalytics
import SalesTestSupport

@Suite("Customer summary from orders")
struct CustomerSummaryTests {
    /// Every customer of every case in customer_summary.json (lifetimes 0.11.3
    /// calibration_and_holdout_data, see customer_summary.py) must match exactly: the summary is
    /// counting and one division of whole days by the unit's length, as in lifetimes.
    @Test(arguments: ["cdnow_day_in_weeks", "cdnow_weekly", "datasets_daily_purchases"])
    func matchesLifetimesExactly(caseName: String) throws {
        let fixture = try AnalyticsFixtures.summaries.get()
        let reference = try #require(fixture.cases.first { $0.name == caseName })
        let orders = caseName.hasPrefix("cdnow")
            ? try AnalyticsFixtures.cdnowOrders()
            : try OrderLog.read(file: PackageFiles.dataset("orders.csv")).log
        let options = CustomerSummaryOptions(
            calibrationEnd: Day(rawValue: isoDay(reference.calibrationEnd)),
            unit: try #require(CustomerTimeUnit(rawValue: reference.unit)),
            grouping: try #require(CustomerTimeUnit(rawValue: reference.grouping)),
            refunds: .exclude, holdoutEnd: Day(rawValue: isoDay(reference.holdoutEnd)))
        let summary = try CustomerSummary.build(orders: orders, options: options)
        #expect(summary.count == reference.customers.count)
        #expect(summary.holdoutDuration == reference.durationHoldout)
        var index: [String: Int] = [:]
        for (i, id) in summary.customerIDs.enumerated() { index[id] = i }
        var mismatches = 0
        for c in reference.customers {
            guard let i = index[c.id] else { mismatches += 1; continue }
            let same = summary.frequency[i] == c.frequency && summary.recency[i] == c.recency
                && summary.age[i] == c.T && summary.monetary[i] == c.monetary
                && summary.holdoutPurchases[i] == c.holdout
            if !same {
                mismatches += 1
                if mismatches <= 3 {
                    Issue.record("\(c.id): ours x=\(summary.frequency[i]) tx=\(summary.recency[i]) T=\(summary.age[i]) m=\(summary.monetary[i]) h=\(summary.holdoutPurchases[i]); lifetimes \(c)")
                }
            }
        }
        #expect(mismatches == 0)
    }

    /// Hand-made: one customer, refunds in a purchase period, in a later empty period and before
    /// the first purchase; one order after the holdout end.
    @Test func refundPolicies() throws {
        // Days: 0 = 1970-01-01. Customer A: refund day 0 (orphan), buys day 1 (10), day 8 (20, refund −5 same day),
        // refund −4 on day 10 (no purchase that day → nets into day 8), buys day 15 (30); holdout end 20,
        // calibration end 16; buys day 18 (holdout) and day 30 (after holdout end).
        let orders = try OrderLog(
            customerIDs: ["A"], customerCodes: [0, 0, 0, 0, 0, 0, 0, 0],
            days: [0, 1, 8, 8, 10, 15, 18, 30], amounts: [-3, 10, 20, -5, -4, 30, 7, 9])
        let net = try CustomerSummary.build(
            orders: orders, options: CustomerSummaryOptions(calibrationEnd: Day(rawValue: 16), unit: .day, refunds: .net, holdoutEnd: Day(rawValue: 20)))
        #expect(net.frequency == [2] && net.recency == [14] && net.age == [15])
        let netMean: Double = (20 - 5 - 4 + 30) / 2
        #expect(net.monetary == [netMean])
        #expect(net.holdoutPurchases == [1] && net.holdoutDuration == 4)
        #expect(net.report.orphanRefunds == 1 && net.report.refundsNetted == 2 && net.report.refundRows == 3)
        #expect(net.report.rowsAfterHoldoutEnd == 1)
        let excluded = try CustomerSummary.build(
            orders: orders, options: CustomerSummaryOptions(calibrationEnd: Day(rawValue: 16), unit: .day, refunds: .exclude, holdoutEnd: Day(rawValue: 20)))
        #expect(excluded.monetary == [25] && excluded.report.refundsIgnored == 3)
    }

    @Test func weeksAndMonthsAreExplicit() throws {
        // 1997-01-01 (Wednesday) and 1997-03-15; calibration end 1997-03-31.
        let d = { (text: String) in Int32(isoDay(text)) }
        let orders = try OrderLog(customerIDs: ["A"], customerCodes: [0, 0], days: [d("1997-01-01"), d("1997-03-15")], amounts: [1, 2])
        let weeks = try CustomerSummary.build(orders: orders, options: .init(calibrationEnd: Day(d("1997-03-31")), unit: .week, grouping: .week))
        // Weeks start on Monday: 1996-12-30, 1997-03-10, 1997-03-31 → 10 and 13 weeks.
        #expect(weeks.recency == [10] && weeks.age == [13])
        let months = try CustomerSummary.build(orders: orders, options: .init(calibrationEnd: Day(d("1997-03-31")), unit: .month, grouping: .month))
        // Month starts 1997-01-01, 1997-03-01: 59 days; / 30.436875 days per month.
        #expect(months.recency == [59 / 30.436875] && months.age == [59 / 30.436875])
    }

    @Test func badInput() throws {
        let d = { (text: String) in Int32(isoDay(text)) }
        let orders = try OrderLog(customerIDs: ["A", "B"], customerCodes: [0, 1], days: [d("2024-01-05"), d("2024-02-01")], amounts: [5, -5])
        #expect(throws: CustomerAnalyticsError.noCustomersInCalibration(calibrationEnd: "2024-01-01")) {
            try CustomerSummary.build(orders: orders, options: .init(calibrationEnd: Day(d("2024-01-01")), unit: .day))
        }
        #expect(throws: CustomerAnalyticsError.self) {
            try CustomerSummary.build(orders: orders, options: .init(calibrationEnd: Day(d("2024-03-01")), unit: .day, holdoutEnd: Day(d("2024-02-01"))))
        }
        let summary = try CustomerSummary.build(orders: orders, options: .init(calibrationEnd: Day(d("2024-01-31")), unit: .day))
        #expect(summary.customerIDs == ["A"] && summary.report.customersWithoutPurchases == 1)
        #expect(throws: OrderLogError.self) {
            try OrderLog(customerIDs: ["A"], customerCodes: [1], days: [0], amounts: [1])
        }
        #expect(throws: OrderLogError.self) {
            try OrderLog(customerIDs: ["A"], customerCodes: [0], days: [0], amounts: [.nan])
        }
        #expect(throws: CustomerAnalyticsError.empty(source: "orders", detail: "no order rows")) {
            try CustomerSummary.build(orders: try OrderLog(rows: []), options: .init(calibrationEnd: Day(rawValue: 0), unit: .day))
        }
    }
}
