import SalesData
import SalesModels
import SalesNumerics

/// One group's revenue forecast, or why it could not be made.
public struct GroupRevenueForecast: Sendable {
    /// The group value (rep, region, product, …).
    public var group: String
    /// The forecast or the group's error (other groups are unaffected).
    public var result: Result<RevenueForecast, SalesForecastError>
}

extension RevenueForecaster {
    /// Forecasts revenue per group (one series per value of the orders' group column), on
    /// ``Parallelism/workers`` threads.
    ///
    /// Every group's series covers the same periods (first order of any group to the last complete
    /// period at `asOf`, as ``forecast(orders:frequency:asOf:options:)``), so the group forecasts
    /// line up with the total's.
    /// - Parameters:
    ///   - orders: Orders read with a group column (the first of ``OrderLog/groups`` is used).
    ///   - frequency: Aggregation period.
    ///   - asOf: Last day of the data, or `nil` for the last order date.
    ///   - options: Forecast options, shared by all groups.
    /// - Returns: One entry per group with orders, in ascending group order.
    /// - Throws: ``SalesForecastError/invalidArgument(name:value:expected:)`` when the orders have no group
    ///   column; aggregation errors. A group that cannot be forecast carries its error in its entry.
    /// - Complexity: groups × (cost of one forecast) / workers.
    public static func forecastByGroup(orders: OrderLog, frequency: TimeSeriesFrequency = .month, asOf: Day? = nil,
                                       options: RevenueForecastOptions) throws -> [GroupRevenueForecast] {
        guard let group = orders.groups.first else {
            throw SalesForecastError.invalidArgument(name: "orders", value: "without a group column", expected: "group codes")
        }
        guard let lastDay = asOf?.rawValue ?? orders.days.max().map(Int.init), let firstDay = orders.days.min().map(Int.init) else {
            throw SalesForecastError.emptyInput(what: "orders")
        }
        let (range, coverage, keptLast, _) = try historyRange(firstDay: firstDay, lastDay: lastDay, frequency: frequency,
                                                              includePartial: options.includePartial)
        let series = try RevenueAggregation.aggregate(days: orders.days, amounts: orders.amounts, groupCodes: group.codes,
                                                      groupLevels: group.levels, frequency: frequency,
                                                      gaps: .fillZero, periods: range)
        let results = Parallel.map(series.count) { i -> Result<RevenueForecast, SalesForecastError> in
            do {
                var labelled = series[i].periodSeries
                labelled.isFirstPartial = coverage.isFirstPartial
                labelled.isLastPartial = keptLast
                return .success(try forecast(labelled, options: options))
            } catch {
                return .failure(SalesForecastError.wrapping(error))
            }
        }
        return series.indices.map { GroupRevenueForecast(group: series[$0].group ?? "", result: results[$0]) }
    }
}
