/// The periods a span of data touches, and which of them it covers only in part.
///
/// Data from `firstDay` to `lastDay` (inclusive) touch the periods `first…last` of a unit. The
/// first period is *partial* when the data start after its first day, the last when they end
/// before its last day: a week of which the file holds only the Monday, a month that ends on the
/// 15th. Analyses flag those periods and do not compute growth against them (a partial period
/// looks like a collapse in revenue); the revenue forecaster leaves a partial last period out.
public struct PeriodCoverage: Sendable, Hashable {
    /// The grain.
    public let unit: PeriodUnit
    /// The first day of data (days since 1970-01-01).
    public let firstDay: Int
    /// The last day of data.
    public let lastDay: Int
    /// The index of the first period touched.
    public let first: Int
    /// The index of the last period touched.
    public let last: Int

    /// The coverage of data from `firstDay` through `lastDay`.
    /// - Parameters:
    ///   - unit: The grain.
    ///   - firstDay: First day of data (days since 1970-01-01).
    ///   - lastDay: Last day of data (≥ `firstDay`; a smaller one is taken as `firstDay`).
    public init(unit: PeriodUnit, firstDay: Int, lastDay: Int) {
        self.unit = unit
        self.firstDay = firstDay
        self.lastDay = max(firstDay, lastDay)
        first = unit.index(ofDay: firstDay)
        last = unit.index(ofDay: self.lastDay)
    }

    /// Whether the data start after the first day of the first period.
    public var isFirstPartial: Bool { firstDay > unit.firstDay(ofIndex: first) }

    /// Whether the data end before the last day of the last period.
    public var isLastPartial: Bool { lastDay < unit.lastDay(ofIndex: last) }

    /// The number of periods touched.
    public var count: Int { last - first + 1 }

    /// Whether period `index` is touched only in part (the first or the last one, per the rules
    /// above); periods outside `first…last` are not partial (they have no data at all).
    /// - Parameter index: A period index of ``unit``.
    @inlinable
    public func isPartial(_ index: Int) -> Bool {
        (index == first && isFirstPartial) || (index == last && isLastPartial)
    }

    /// The labels of the partial periods, first before last.
    public var partialLabels: [String] {
        var out: [String] = []
        if isFirstPartial { out.append(unit.label(ofIndex: first)) }
        if isLastPartial, last != first || !isFirstPartial { out.append(unit.label(ofIndex: last)) }
        return out
    }
}
