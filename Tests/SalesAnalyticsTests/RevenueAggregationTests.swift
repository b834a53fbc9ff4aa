import Foundation
import Testing
@testable import SalesAnalytics
import SalesData
import SalesModels
import SalesTestSupport

/// Revenue aggregation of datasets/orders.csv against pandas (Fixtures/revenue_series.py → .json).
@Suite struct RevenueAggregationTests {
    struct Reference: Decodable {
        struct Series: Decodable { var labels: [String]; var cents: [Int64]; var emptyPeriods: [String] }
        struct Groups: Decodable { var labels: [String]; var groups: [String: [Int64]] }
        var orders: Int
        var day: Series, week: Series, month: Series, quarter: Series
        var monthByBucket: Groups
    }

    static let reference: Reference? = {
        guard let data = try? Data(contentsOf: AnalyticsFixtures.files.url("revenue_series.json")) else { return nil }
        return try? JSONDecoder().decode(Reference.self, from: data)
    }()

    static func orders(groupColumn: String? = nil) throws -> OrderLog {
        try ForecastInputs.readOrders(PackageFiles.dataset("orders.csv"), groupColumn: groupColumn).orders
    }

    @Test(arguments: [TimeSeriesFrequency.day, .week, .month, .quarter])
    func matchesPandasToTheCent(frequency: TimeSeriesFrequency) throws {
        let ref = try #require(Self.reference)
        let expected: Reference.Series
        switch frequency {
        case .day: expected = ref.day
        case .week: expected = ref.week
        case .month: expected = ref.month
        case .quarter: expected = ref.quarter
        }
        let orders = try Self.orders()
        #expect(orders.days.count == ref.orders)
        let revenue = try RevenueAggregation.aggregate(days: orders.days, amounts: orders.amounts, frequency: frequency)
        #expect(revenue.labels == expected.labels)
        #expect(revenue.orderCount == ref.orders)
        // Exactness: the Double sums round to pandas' integer-cent sums (the summation error is far
        // below half a cent for these magnitudes).
        let cents = revenue.series.values.map { Int64(($0 * 100).rounded()) }
        #expect(cents == expected.cents)
        #expect(revenue.gapPeriods.map { frequency.periodUnit.label(ofIndex: $0) } == expected.emptyPeriods)
    }

    @Test func keepMissingMarksEmptyDaysAsNaN() throws {
        let ref = try #require(Self.reference)
        let orders = try Self.orders()
        let revenue = try RevenueAggregation.aggregate(days: orders.days, amounts: orders.amounts, frequency: .day, gaps: .keepMissing)
        let nanLabels = revenue.periodSeries.gapLabels
        #expect(nanLabels == ref.day.emptyPeriods)
        #expect(!nanLabels.isEmpty, "the bundled data has empty days, so this test exercises NaN gaps")
    }

    @Test func groupsMatchPandas() throws {
        let ref = try #require(Self.reference)
        let read = try CSVReader.read(file: PackageFiles.dataset("orders.csv"),
                                      schema: CSVSchema([.init("order_id", .string, allowsMissing: false)]))
        let ids = try read.table.strings("order_id")
        var levels = ["b0", "b1", "b2"]
        let codes: [Int32] = (0..<ids.count).map { Int32((Int(ids[$0]?.dropFirst() ?? "") ?? 0) % 3) }
        let orders = try Self.orders()
        let groups = try RevenueAggregation.aggregate(days: orders.days, amounts: orders.amounts, groupCodes: codes,
                                                      groupLevels: levels, frequency: .month)
        levels.sort()
        #expect(groups.map { $0.group ?? "" } == levels)
        for g in groups {
            #expect(g.labels == ref.monthByBucket.labels)
            let expected = try #require(ref.monthByBucket.groups[g.group ?? ""])
            #expect(g.series.values.map { Int64(($0 * 100).rounded()) } == expected)
        }
    }

    @Test func explicitRangeAddsZeroPeriodsAndDropsOutside() throws {
        let days: [Int32] = [Int32(isoDay("2024-02-10")), Int32(isoDay("2024-04-01")), Int32(isoDay("2024-07-01"))]
        let r = try RevenueAggregation.aggregate(days: days, amounts: [10, 5.5, 99], frequency: .month,
                                                 periods: ((2024 - 1970) * 12 + 0)...((2024 - 1970) * 12 + 4))
        #expect(r.labels == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"])
        #expect(r.series.values == [0, 10, 0, 5.5, 0])
        #expect(r.orderCount == 2)
        #expect(r.gapPeriods.count == 3)
    }

    @Test func badInputThrows() {
        #expect(throws: SalesForecastError.emptyInput(what: "orders")) {
            try RevenueAggregation.aggregate(days: [], amounts: [], frequency: .month)
        }
        #expect(throws: SalesForecastError.lengthMismatch(what: "order amounts", expected: 1, actual: 2)) {
            try RevenueAggregation.aggregate(days: [0], amounts: [1, 2], frequency: .month)
        }
        #expect(throws: SalesForecastError.self) {
            try RevenueAggregation.aggregate(days: [0], amounts: [.nan], frequency: .month)
        }
    }

}

/// The forecast reader turns rows into orders by the same path as every other command: ids
/// normalized before line items are grouped, so `5` and `5.0` are lines of one order.
@Suite struct ForecastOrdersReaderTests {
    @Test func orderIDsAreNormalizedBeforeLineItemsAreGrouped() throws {
        let path = try TemporaryFiles.file("order_id,customer_id,order_date,amount\n5,C1,2024-01-02,10\n5.0,C1,2024-01-02,-3\n6,C2,2024-01-03,4\n",
                                           name: "orders.csv")
        let normalized = try ForecastInputs.readOrders(path, refunds: .exclude)
        #expect(normalized.lines.orders == 2 && normalized.lines.grouped)
        #expect(normalized.orders.amounts == [7, 4])  // order 5 nets 7: a purchase, kept
        #expect(normalized.ids.map(\.column) == ["order_id"])
        let verbatim = try ForecastInputs.readOrders(path, refunds: .exclude, ids: .verbatim)
        #expect(verbatim.lines.orders == 3 && verbatim.orders.amounts == [10, 4])  // "5.0" alone is a refund
        let memory = try OrderLog.readOrders(file: path)
        #expect(memory.lines == normalized.lines && memory.ids == normalized.ids)
    }
}
