import SalesData
import SalesModels
import SalesWarehouse

extension RevenueAggregation {
    /// Revenue series over a warehouse relation: the sums per period (and group) run in the engine
    /// (`RevenueSeriesPlan`), the gap filling here — the same series as
    /// `aggregate(days:amounts:groupCodes:groupLevels:frequency:gaps:periods:)` over the same
    /// orders, except that the engine sums exact minor units (the in-memory path sums doubles).
    ///
    /// - Parameters:
    ///   - relation: The orders relation (`customer_id`, `order_date`, `amount`, and `group`, mapped).
    ///   - warehouse: The engine.
    ///   - frequency: Day, week (Monday start), month or quarter.
    ///   - group: A group column, or nil for one total series.
    ///   - gaps: Zero-fill or keep missing periods as NaN (default zero).
    ///   - periods: The period range to cover (`PeriodUnit` indexes); nil = first to last order over
    ///     all groups. Orders outside the range are ignored.
    ///   - currencyDecimals: Minor-unit decimals (default 2).
    /// - Returns: One series per group with orders (ascending group), or the total; the bytes the
    ///   engine sent.
    /// - Throws: `WarehouseError` from the engine; ``SalesForecastError/emptyInput(what:)`` without orders.
    /// - Complexity: one grouped scan in the engine; O(groups × periods) here.
    public static func aggregate(_ relation: WarehouseRelation, on warehouse: any Warehouse, frequency: TimeSeriesFrequency,
                                 group: String? = nil, gaps: GapPolicy = .fillZero, periods: ClosedRange<Int>? = nil,
                                 currencyDecimals: Int = 2) async throws -> (series: [RevenueSeries], bytesReceived: Int) {
        let grain: RevenueSeriesPlan.Grain
        switch frequency {
        case .day: grain = .day
        case .week: grain = .week
        case .month: grain = .month
        case .quarter: grain = .quarter
        }
        let plan = RevenueSeriesPlan(relation: relation, grain: grain, group: group, currencyDecimals: currencyDecimals)
        let fetched = try await plan.fetch(on: warehouse)
        var scale = 1.0
        for _ in 0..<plan.currencyDecimals { scale *= 10 }
        let all = fetched.series.flatMap(\.periods)
        guard let first = all.min(), let last = all.max() else { throw SalesForecastError.emptyInput(what: "orders") }
        let lo = periods?.lowerBound ?? first, hi = periods?.upperBound ?? last
        guard hi >= lo else { throw SalesForecastError.emptyInput(what: "orders in the period range") }
        let length = hi - lo + 1
        var result: [RevenueSeries] = []
        for s in fetched.series {
            var values = [Double](repeating: 0, count: length)
            var has = [Bool](repeating: false, count: length)
            var orders = 0
            for (k, p) in s.periods.enumerated() where p >= lo && p <= hi {
                values[p - lo] = Double(s.revenueMinorUnits[k]) / scale
                has[p - lo] = true
                orders += s.orders[k]
            }
            guard orders > 0 else { continue }
            var gapPeriods: [Int] = []
            for p in 0..<length where !has[p] {
                gapPeriods.append(lo + p)
                if gaps == .keepMissing { values[p] = .nan }
            }
            result.append(RevenueSeries(group: s.group, series: TimeSeries(values: values, frequency: frequency, start: lo),
                                        gapPeriods: gapPeriods, orderCount: orders))
        }
        if result.isEmpty { throw SalesForecastError.emptyInput(what: "orders in the period range") }
        return (result.sorted { ($0.group ?? "") < ($1.group ?? "") }, fetched.bytesReceived)
    }
}
