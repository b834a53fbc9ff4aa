/// A time unit for customer summaries and CLV horizons. The models themselves are unit-agnostic
/// (their times are plain numbers); this type states the unit and converts period lengths
/// explicitly.
///
/// Lengths in days: day = 1, week = 7, month = 365.2425 / 12 = 30.436875 (the mean Gregorian
/// month). The `lifetimes` package instead uses 4.345 weeks (30.415 days) per month in its CLV;
/// pass that length directly to `CLVHorizon(periods:periodLength:discountRatePerPeriod:)` to
/// reproduce it.
///
/// These are *durations*. Grouping purchases into calendar periods is a different thing: there a
/// week is an ISO week (Monday to Sunday) and a month a calendar month of 28–31 days, as SalesData's
/// `PeriodUnit` defines them (SalesAnalytics' customer summaries group that way).
public enum CustomerTimeUnit: String, Sendable, CaseIterable, Codable {
    /// One day.
    case day
    /// Seven days.
    case week
    /// 365.2425 / 12 days.
    case month

    /// The unit's length in days.
    public var days: Double {
        switch self {
        case .day: return 1
        case .week: return 7
        case .month: return 365.2425 / 12
        }
    }

    /// This unit's length expressed in `unit` (e.g. `CustomerTimeUnit.month.length(in: .week)`
    /// = 4.348125).
    ///
    /// - Parameter unit: The unit to express the length in.
    /// - Returns: `days / unit.days`.
    public func length(in unit: CustomerTimeUnit) -> Double { days / unit.days }
}
