import SalesModels
/// A time series whose periods are calendar periods, so that every value (and every forecast step) has a label.
public struct PeriodSeries: Sendable, Hashable {
    /// The values; ``TimeSeries/start`` is a ``CalendarPeriod`` index.
    public var series: TimeSeries
    /// For weekly series, the weekday the weeks start on (days since 1970-01-01 modulo 7; 4 = Monday).
    public var weekStart: Int

    /// Creates a labelled series.
    /// - Parameters:
    ///   - series: The values.
    ///   - weekStart: First weekday of weekly periods (default Monday).
    public init(series: TimeSeries, weekStart: Int = 4) {
        self.series = series
        self.weekStart = weekStart
    }

    /// The label of the period `offset` positions after the first (negative or beyond the end allowed).
    /// - Parameter offset: Position relative to the first value.
    /// - Returns: `YYYY-MM`, `YYYY-Qn` or `YYYY-MM-DD`.
    public func label(at offset: Int) -> String {
        CalendarPeriod.label(of: series.start + offset, frequency: series.frequency, weekStart: weekStart)
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
