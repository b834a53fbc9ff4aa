import SalesData
import SalesModels

extension TimeSeriesFrequency {
    /// The calendar grain of the frequency: the ``TimeSeries/start`` of a SalesKit series is a
    /// `PeriodUnit` index of it (weeks: ISO weeks, or weeks on another weekday, see ``PeriodSeries/weekStart``).
    public var periodUnit: PeriodUnit {
        switch self {
        case .day: return .day
        case .week: return .week
        case .month: return .month
        case .quarter: return .quarter
        }
    }
}

extension PeriodUnit {
    /// The time-series frequency of the grain, or `nil` for years (no forecaster takes yearly series).
    public var frequency: TimeSeriesFrequency? {
        switch self {
        case .day: return .day
        case .week: return .week
        case .month: return .month
        case .quarter: return .quarter
        case .year: return nil
        }
    }
}
