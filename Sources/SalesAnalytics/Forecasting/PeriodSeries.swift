import SalesData
import SalesModels
/// A time series whose periods are calendar periods, so that every value (and every forecast step) has a label.
public struct PeriodSeries: Sendable, Hashable {
    /// The values; ``TimeSeries/start`` is a `PeriodUnit` index of the series' frequency
    /// (``TimeSeriesFrequency/periodUnit``).
    public var series: TimeSeries
    /// For weekly series, the ISO weekday the weeks start on (1 = Monday, the ISO weeks of
    /// `PeriodUnit.week`, … 7 = Sunday); see `PeriodUnit.weekIndex(ofDay:startingOn:)`.
    public var weekStart: Int
    /// How weeks starting on Monday are labelled: by their Monday (default) or as ISO weeks `YYYY-Www`
    /// (a series file written with ISO week labels is forecast with them).
    public var weekLabels: PeriodUnit.WeekLabel = .firstDay
    /// Whether the first period is covered by the data only in part (see `PeriodCoverage`).
    public var isFirstPartial: Bool
    /// Whether the last period is covered by the data only in part.
    public var isLastPartial: Bool

    /// Creates a labelled series.
    /// - Parameters:
    ///   - series: The values.
    ///   - weekStart: First ISO weekday of weekly periods (default 1, Monday).
    ///   - isFirstPartial: Whether the first period is partial (default false).
    ///   - isLastPartial: Whether the last period is partial (default false).
    public init(series: TimeSeries, weekStart: Int = 1, isFirstPartial: Bool = false, isLastPartial: Bool = false) {
        self.series = series
        self.weekStart = weekStart
        self.isFirstPartial = isFirstPartial
        self.isLastPartial = isLastPartial
    }

    /// The first day (days since 1970-01-01) of the period `offset` positions after the first.
    /// - Parameter offset: Position relative to the first value.
    public func firstDay(at offset: Int) -> Int {
        let index = series.start + offset
        if series.frequency == .week { return PeriodUnit.firstDayOfWeek(index, startingOn: weekStart) }
        return series.frequency.periodUnit.firstDay(ofIndex: index)
    }

    /// The label of the period `offset` positions after the first (negative or beyond the end allowed).
    /// - Parameter offset: Position relative to the first value.
    /// - Returns: `YYYY-MM`, `YYYY-Qn` or `YYYY-MM-DD` (a day, or a week's first day).
    public func label(at offset: Int) -> String {
        switch series.frequency {
        case .week where weekStart == 1 && weekLabels == .iso:
            return PeriodUnit.week.label(ofIndex: series.start + offset, weeks: .iso)
        case .day, .week: return CivilDate.isoString(fromDays: firstDay(at: offset))
        case .month, .quarter: return series.frequency.periodUnit.label(ofIndex: series.start + offset)
        }
    }

    /// Whether the period at `offset` is partial (only the first and the last can be).
    /// - Parameter offset: Position relative to the first value.
    public func isPartial(at offset: Int) -> Bool {
        (offset == 0 && isFirstPartial) || (offset == series.count - 1 && isLastPartial)
    }

    /// Labels of the observed periods.
    /// - Complexity: O(n).
    public var labels: [String] { (0..<series.count).map(label(at:)) }

    /// Labels of the `horizon` periods after the last value.
    /// - Parameter horizon: Number of future periods.
    /// - Returns: The labels.
    public func futureLabels(_ horizon: Int) -> [String] {
        (0..<max(horizon, 0)).map { label(at: series.count + $0) }
    }

    /// Labels of the missing (NaN) periods.
    /// - Complexity: O(n).
    public var gapLabels: [String] { series.gapPositions.map(label(at:)) }
}

extension RevenueSeries {
    /// The series with its calendar labels.
    public var periodSeries: PeriodSeries { PeriodSeries(series: series) }
}
