import SalesData
import SalesModels
/// What to do with periods that have no orders.
public enum GapPolicy: String, Sendable, Hashable, CaseIterable {
    /// A period without orders has revenue 0 (right for sales: no order, no revenue).
    case fillZero = "zero"
    /// A period without orders stays missing (NaN) and is listed in ``RevenueSeries/gapPeriods``.
    case keepMissing = "missing"
}

/// A revenue series: the sum of order amounts per calendar period, for everything or for one group.
public struct RevenueSeries: Sendable, Hashable {
    /// The group value (rep, region, product, …), or `nil` for the total.
    public var group: String?
    /// One value per period from the first to the last period; ``TimeSeries/start`` is a
    /// `PeriodUnit` index of the frequency (``TimeSeriesFrequency/periodUnit``).
    public var series: TimeSeries
    /// Period indexes without any order (zero or NaN in ``series`` according to the ``GapPolicy``).
    public var gapPeriods: [Int]
    /// Number of orders aggregated.
    public var orderCount: Int

    /// The label of every period (`YYYY-MM`, `YYYY-Qn`, or the first day `YYYY-MM-DD`).
    public var labels: [String] {
        (0..<series.count).map { series.frequency.periodUnit.label(ofIndex: series.start + $0) }
    }
}

/// Aggregation of orders into revenue series.
public enum RevenueAggregation {
    /// Sums amounts per period into one series.
    ///
    /// Refunds (negative amounts) are summed like any order, so a period's value is net revenue.
    /// Sums are accumulated in `Double` in row order; exact for amounts with two decimals up to
    /// about 2^53 cents per period apart from the rounding of each addition (< 1 ulp per order).
    /// - Parameters:
    ///   - days: Order dates, days since 1970-01-01.
    ///   - amounts: Order amounts, one per date.
    ///   - frequency: Day, week (Monday start), month or quarter.
    ///   - gaps: Zero-fill or keep missing periods as NaN (default zero).
    ///   - periods: The period range to cover (`PeriodUnit` indexes); `nil` = first to last order.
    ///     Orders outside the range are ignored.
    /// - Returns: The series.
    /// - Throws: ``SalesForecastError/emptyInput(what:)`` without orders (in range),
    ///   ``SalesForecastError/lengthMismatch(what:expected:actual:)``,
    ///   ``SalesForecastError/invalidArgument(name:value:expected:)`` for a non-finite amount.
    /// - Complexity: O(orders + periods).
    public static func aggregate(
        days: [Int32], amounts: [Double], frequency: TimeSeriesFrequency, gaps: GapPolicy = .fillZero,
        periods: ClosedRange<Int>? = nil
    ) throws -> RevenueSeries {
        let all = try aggregate(days: days, amounts: amounts, groupCodes: nil, groupLevels: [],
                                frequency: frequency, gaps: gaps, periods: periods)
        guard let total = all.first else { throw SalesForecastError.emptyInput(what: "orders") }
        return total
    }

    /// Sums amounts per period and group: one series per group value, all over the same period range.
    /// - Parameters:
    ///   - days: Order dates, days since 1970-01-01.
    ///   - amounts: Order amounts.
    ///   - groupCodes: Per order, an index into `groupLevels` (negative = no group; such orders are skipped).
    ///   - groupLevels: The group names.
    ///   - frequency: The period length.
    ///   - gaps: Gap policy.
    ///   - periods: Range to cover; `nil` = first to last order over all groups.
    /// - Returns: One series per group that has at least one order, in ascending order of the group name.
    /// - Throws: As ``aggregate(days:amounts:frequency:gaps:periods:)``.
    /// - Complexity: O(orders + groups × periods).
    public static func aggregate(
        days: [Int32], amounts: [Double], groupCodes: [Int32], groupLevels: [String],
        frequency: TimeSeriesFrequency, gaps: GapPolicy = .fillZero, periods: ClosedRange<Int>? = nil
    ) throws -> [RevenueSeries] {
        try aggregate(days: days, amounts: amounts, groupCodes: Optional(groupCodes), groupLevels: groupLevels,
                      frequency: frequency, gaps: gaps, periods: periods)
    }

    private static func aggregate(
        days: [Int32], amounts: [Double], groupCodes: [Int32]?, groupLevels: [String],
        frequency: TimeSeriesFrequency, gaps: GapPolicy, periods: ClosedRange<Int>?
    ) throws -> [RevenueSeries] {
        let n = days.count
        if amounts.count != n { throw SalesForecastError.lengthMismatch(what: "order amounts", expected: n, actual: amounts.count) }
        if let groupCodes, groupCodes.count != n {
            throw SalesForecastError.lengthMismatch(what: "order groups", expected: n, actual: groupCodes.count)
        }
        if n == 0 { throw SalesForecastError.emptyInput(what: "orders") }
        var periodOf = [Int](repeating: 0, count: n)
        var lo = Int.max, hi = Int.min
        for i in 0..<n {
            guard amounts[i].isFinite else {
                throw SalesForecastError.invalidArgument(name: "amount in data row \(i + 1)", value: "\(amounts[i])", expected: "a finite number")
            }
            let p = frequency.periodUnit.index(ofDay: days[i])
            periodOf[i] = p
            lo = min(lo, p); hi = max(hi, p)
        }
        if let periods { lo = periods.lowerBound; hi = periods.upperBound }
        let length = hi - lo + 1
        let groupCount = groupCodes == nil ? 1 : groupLevels.count
        var sums = [Double](repeating: 0, count: groupCount * length)
        var counts = [Int](repeating: 0, count: groupCount * length)
        var orders = [Int](repeating: 0, count: groupCount)
        sums.withUnsafeMutableBufferPointer { s in
            counts.withUnsafeMutableBufferPointer { c in
                for i in 0..<n {
                    let p = periodOf[i] - lo
                    guard p >= 0 && p < length else { continue }
                    var g = 0
                    if let groupCodes {
                        g = Int(groupCodes[i])
                        guard g >= 0 && g < groupCount else { continue }
                    }
                    s[g * length + p] += amounts[i]
                    c[g * length + p] += 1
                    orders[g] += 1
                }
            }
        }
        var result: [RevenueSeries] = []
        for g in 0..<groupCount where orders[g] > 0 {
            var values = Array(sums[(g * length)..<((g + 1) * length)])
            var gapPeriods: [Int] = []
            for p in 0..<length where counts[g * length + p] == 0 {
                gapPeriods.append(lo + p)
                if gaps == .keepMissing { values[p] = .nan }
            }
            result.append(RevenueSeries(group: groupCodes == nil ? nil : groupLevels[g],
                                        series: TimeSeries(values: values, frequency: frequency, start: lo),
                                        gapPeriods: gapPeriods, orderCount: orders[g]))
        }
        if result.isEmpty { throw SalesForecastError.emptyInput(what: "orders in the period range") }
        return result.sorted { ($0.group ?? "") < ($1.group ?? "") }
    }
}
