import SalesData
import SalesModels
import SalesWarehouse

extension CustomerSummary {
    /// The customer summary over a warehouse relation: the per-customer step
    /// (`CustomerSummaryPlan`) runs in the engine, the unit conversion here — the same summary as
    /// `build(orders:options:)` over the same orders (customers ordered by id; monetary values
    /// summed by the engine in double precision instead of compensated sums).
    ///
    /// - Parameters:
    ///   - relation: The orders relation.
    ///   - warehouse: The engine.
    ///   - options: As for the in-memory path.
    /// - Returns: The summary and the bytes the engine sent.
    /// - Throws: `WarehouseError` from the engine (`.invalidData` for no rows or a holdout end
    ///   before the calibration end); `CustomerAnalyticsError.noCustomersInCalibration`.
    public static func build(_ relation: WarehouseRelation, on warehouse: any Warehouse,
                             options: CustomerSummaryOptions) async throws -> (summary: CustomerSummary, bytesReceived: Int) {
        let grouping: WarehouseGrouping
        switch options.grouping {
        case .day: grouping = .day
        case .week: grouping = .week
        case .month: grouping = .month
        }
        let plan = CustomerSummaryPlan(relation: relation, calibrationEnd: options.calibrationEnd.clampedInt32,
                                       holdoutEnd: options.holdoutEnd.map(\.clampedInt32),
                                       grouping: grouping, refunds: options.refunds == .exclude ? .exclude : .net)
        let a = try await plan.fetch(on: warehouse)
        var resolved = options
        resolved.holdoutEnd = Day(a.holdoutEnd)
        let unitDays = options.unit.days
        let calibrationPeriod = CustomerPeriods.start(of: options.calibrationEnd.clampedInt32, unit: options.grouping)
        let holdoutPeriod = CustomerPeriods.start(of: a.holdoutEnd, unit: options.grouping)
        let n = a.customerIDs.count
        guard n > 0 else {
            throw CustomerAnalyticsError.noCustomersInCalibration(calibrationEnd: options.calibrationEnd.description)
        }
        var xs = [Int](repeating: 0, count: n), txs = [Double](repeating: 0, count: n), ts = [Double](repeating: 0, count: n)
        var ms = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let x = Int(a.periods[i]) - 1
            xs[i] = x
            txs[i] = Double(a.lastPeriod[i] - a.firstPeriod[i]) / unitDays
            ts[i] = Double(Int64(calibrationPeriod) - a.firstPeriod[i]) / unitDays
            ms[i] = x > 0 ? a.repeatAmount[i] / Double(x) : 0
        }
        var report = CustomerSummaryReport()
        report.rows = a.rowCount
        report.calibrationPurchaseRows = a.calibrationPurchaseRows
        report.holdoutPurchaseRows = a.holdoutPurchaseRows
        report.rowsAfterHoldoutEnd = a.rowsAfterHoldoutEnd
        report.refundRows = a.refundRows
        report.refundsIgnored = a.refundsIgnored
        report.refundsNetted = a.refundsNetted
        report.orphanRefunds = a.refundRows - a.refundsIgnored - a.refundsNetted
        report.customersFirstSeenInHoldout = a.customersFirstSeenInHoldout
        report.customersWithoutPurchases = a.customersWithoutPurchases
        let summary = CustomerSummary(
            customerIDs: a.customerIDs, frequency: xs, recency: txs, age: ts, monetary: ms,
            firstPurchaseDay: a.firstDay.map { Int32(clamping: $0) }, holdoutPurchases: a.holdoutPeriods.map { Int($0) },
            holdoutDuration: Double(holdoutPeriod - calibrationPeriod) / unitDays, options: resolved, report: report)
        return (summary, a.bytesReceived)
    }
}
