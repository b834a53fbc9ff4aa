import Testing
@testable import SalesAnalytics

/// The row views over columnar results hold the same values as the columns, in the same order.
@Suite("result rows")
struct ResultRowsTests {
    @Test func rfmCustomersMirrorTheColumns() throws {
        let log = try AnalyticsFixtures.orders(AnalyticsFixtures.path("tiny_orders.csv"))
        let result = try RFMAnalysis.run(log)
        let rows = Array(result.customers)
        #expect(rows.count == result.count && result.count > 0)
        for (i, row) in rows.enumerated() {
            #expect(row.customerID == result.customerIDs[i])
            #expect(row.recency == Int(result.recency[i]) && row.frequency == Int(result.frequency[i]))
            #expect(row.monetary == result.monetary[i] && row.revenue == result.revenue[i])
            #expect(row.r == Int(result.r[i]) && row.f == Int(result.f[i]) && row.m == Int(result.m[i]))
            #expect(row.segment == result.segment(i))
        }
    }

    @Test(arguments: RetentionMode.allCases)
    func cohortCellsAreTheObservableCells(mode: RetentionMode) throws {
        let result = try CohortAnalysis.run(try AnalyticsFixtures.orders(AnalyticsFixtures.path("tiny_orders.csv")))
        let cells = result.cells(mode)
        #expect(cells.count == result.observablePeriods.reduce(0, +))
        let retention = result.retention(mode)
        var k = 0
        for row in 0..<result.cohortCount {
            for period in 0..<result.observablePeriods[row] {
                let cell = cells[k]
                #expect(cell.cohort == result.cohortLabels[row] && cell.period == period)
                #expect(cell.customers == result.sizes[row])
                #expect(cell.active == result.active(row, period, mode: mode))
                #expect(cell.retention == retention[row, period])
                #expect(cell.revenue == result.revenue(row, period))
                k += 1
            }
        }
    }
}
