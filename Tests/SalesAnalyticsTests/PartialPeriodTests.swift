import Foundation
import Testing
@testable import SalesAnalytics
import SalesData
import SalesModels
import SalesTestSupport

/// Partial first and last periods (issue 13, item 8): flagged in the KPI sheet, the cohorts and
/// the revenue forecast, no growth against them, the forecaster leaves a partial last period out
/// unless asked. Expected values are counted by hand from the rows written here.
@Suite struct PartialPeriodTests {
    /// Orders from Wednesday 2024-01-03 to Monday 2024-01-29 (the file ends on a Monday).
    static let weekly = """
        customer_id,order_date,amount
        A,2024-01-03,100
        A,2024-01-10,100
        B,2024-01-08,50
        B,2024-01-15,60
        C,2024-01-22,80
        A,2024-01-24,120
        B,2024-01-29,10
        """

    static func log(_ csv: String) throws -> OrderLog {
        try OrderLog.read(file: try TemporaryFiles.file(csv + "\n", name: "orders.csv")).log
    }

    @Test func kpiWeeksEndingOnAMonday() throws {
        let kpis = try CustomerKPIs.run(orders: try Self.log(Self.weekly), period: .week)
        // Weeks (Monday labels): 01-01 (data from Wed 01-03: partial), 01-08, 01-15, 01-22, 01-29 (Monday only: partial).
        #expect(kpis.periods.map(\.period) == ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29"])
        #expect(kpis.periods.map(\.partial) == [true, false, false, false, true])
        #expect(kpis.periods.map(\.revenue) == [100, 150, 60, 200, 10])
        // Growth: not against the partial first week, not of the partial last week.
        #expect(kpis.periods[1].growth == nil)
        #expect(kpis.periods[2].growth == 60.0 / 150 - 1)
        #expect(kpis.periods[3].growth == 200.0 / 60 - 1)
        #expect(kpis.periods[4].growth == nil)
    }

    @Test func kpiMonthsEndingMidMonth() throws {
        let csv = """
            customer_id,order_date,amount
            A,2024-01-01,100
            B,2024-02-10,120
            A,2024-03-05,90
            B,2024-03-15,30
            """
        let kpis = try CustomerKPIs.run(orders: try Self.log(csv), period: .month)
        #expect(kpis.periods.map(\.partial) == [false, false, true])  // data start on the 1st; end 03-15
        #expect(kpis.periods[1].growth == 120.0 / 100 - 1)
        #expect(kpis.periods[2].growth == nil)
        let quarters = try CustomerKPIs.run(orders: try Self.log(csv), period: .quarter)
        #expect(quarters.periods.map(\.partial) == [true])
    }

    @Test func cohortCellsInPartialWeeks() throws {
        let result = try CohortAnalysis.run(try Self.log(Self.weekly), options: CohortOptions(period: .week))
        // Cohorts: A (week 01-01, partial), B (01-08), C (01-22); the last week 01-29 is partial.
        #expect(result.cohortLabels == ["2024-01-01", "2024-01-08", "2024-01-22"])
        #expect((0..<3).map(result.isPartialCohort) == [true, false, false])
        #expect(result.coverage.partialLabels == ["2024-01-01", "2024-01-29"])
        let cells = result.cells()
        let partialCells = cells.filter(\.partial).map { "\($0.cohort)+\($0.period)" }
        // Cohort 01-01: period 0 (partial first week) and period 4 (= 01-29); 01-08: period 3; 01-22: period 1.
        #expect(partialCells == ["2024-01-01+0", "2024-01-01+4", "2024-01-08+3", "2024-01-22+1"])
    }

    @Test func forecastLeavesAPartialLastPeriodOut() throws {
        // 14 complete months 2023-01 … 2024-02, then 2024-03 up to the 10th.
        var rows = ["customer_id,order_date,amount"]
        for m in 0..<14 {
            let label = PeriodUnit.month.label(ofIndex: (2023 - 1970) * 12 + m)
            rows.append("A,\(label)-01,\(100 + m)")
            rows.append("B,\(label)-20,\(50 + m)")
        }
        rows.append("A,2024-03-10,5")
        let log = try Self.log(rows.joined(separator: "\n"))
        let options = RevenueForecastOptions(horizon: 2, model: .baseline(.naive))
        let dropped = try RevenueForecaster.forecast(orders: log, frequency: .month, options: options)
        #expect(dropped.history.labels.last == "2024-02")
        #expect(dropped.periods == ["2024-03", "2024-04"])
        #expect(dropped.excludedPartialPeriod == "2024-03")
        #expect(!dropped.history.isLastPartial && !dropped.history.isFirstPartial)
        #expect(dropped.notes.contains { $0.contains("partial period 2024-03") && $0.contains("left out") })
        var keep = options
        keep.includePartial = true
        let kept = try RevenueForecaster.forecast(orders: log, frequency: .month, options: keep)
        #expect(kept.history.labels.last == "2024-03")
        #expect(kept.history.isLastPartial && kept.history.isPartial(at: kept.history.series.count - 1))
        #expect(kept.excludedPartialPeriod == nil)
        #expect(kept.forecast.mean == [5, 5])  // naive: the partial month's 5
        // Weekly, ending on a Monday: the one-day week is left out; the partial first week is flagged.
        let weekly = try RevenueForecaster.forecast(orders: try Self.log(Self.weekly), frequency: .week, options: options)
        #expect(weekly.history.labels == ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22"])
        #expect(weekly.history.isFirstPartial && !weekly.history.isLastPartial)
        #expect(weekly.periods == ["2024-01-29", "2024-02-05"])
    }
}
