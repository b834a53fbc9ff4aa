import Dispatch
import SalesData
import SalesModels

/// One group's revenue forecast, or why it could not be made.
public struct GroupRevenueForecast: Sendable {
    /// The group value (rep, region, product, …).
    public var group: String
    /// The forecast or the group's error (other groups are unaffected).
    public var result: Result<RevenueForecast, SalesForecastError>
}

extension RevenueForecaster {
    /// Forecasts revenue per group (one series per value of the orders' group column), on all cores.
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
    /// - Complexity: groups × (cost of one forecast) / cores.
    public static func forecastByGroup(orders: OrderLog, frequency: TimeSeriesFrequency = .month, asOf: Int? = nil,
                                       options: RevenueForecastOptions) throws -> [GroupRevenueForecast] {
        guard let group = orders.groups.first else {
            throw SalesForecastError.invalidArgument(name: "orders", value: "without a group column", expected: "group codes")
        }
        guard let lastDay = asOf ?? orders.days.max().map(Int.init), let firstDay = orders.days.min().map(Int.init) else {
            throw SalesForecastError.emptyInput(what: "orders")
        }
        let (range, coverage, keptLast, _) = try historyRange(firstDay: firstDay, lastDay: lastDay, frequency: frequency,
                                                              includePartial: options.includePartial)
        let series = try RevenueAggregation.aggregate(days: orders.days, amounts: orders.amounts, groupCodes: group.codes,
                                                      groupLevels: group.levels, frequency: frequency,
                                                      gaps: .fillZero, periods: range)
        let results = ResultSlots<Result<RevenueForecast, SalesForecastError>>(count: series.count)
        DispatchQueue.concurrentPerform(iterations: series.count) { i in
            do {
                var labelled = series[i].periodSeries
                labelled.isFirstPartial = coverage.isFirstPartial
                labelled.isLastPartial = keptLast
                results.set(i, .success(try forecast(labelled, options: options)))
            } catch {
                results.set(i, .failure(SalesForecastError.wrapping(error)))
            }
        }
        return series.indices.map { GroupRevenueForecast(group: series[$0].group ?? "", result: results.get($0)) }
    }
}

/// Slots written once each by concurrent iterations (disjoint indices), read after they all finish.
/// The storage is a raw buffer, so concurrent writes to different slots involve no exclusive access
/// to a shared array.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T?>
    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }
    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }
    func set(_ i: Int, _ value: T) { buffer[i] = value }
    func get(_ i: Int) -> T {
        guard let v = buffer[i] else { preconditionFailure("slot \(i) was not written") }
        return v
    }
}
