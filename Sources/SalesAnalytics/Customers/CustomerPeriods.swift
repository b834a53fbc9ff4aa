import SalesData
import SalesModels

/// Calendar periods used to group purchases: a day, an ISO week (Monday to Sunday, pandas' `W-SUN`
/// weeks ending Sunday), or a calendar month — the ``PeriodUnit`` of a ``CustomerTimeUnit``. A
/// period is identified by its first day. (As a *duration*, `CustomerTimeUnit.month` is 30.436875
/// days; as a grouping it is the calendar month.)
enum CustomerPeriods {
    /// The first day (days since 1970-01-01) of the period of `unit` containing `day`.
    @inline(__always)
    static func start(of day: Int32, unit: CustomerTimeUnit) -> Int32 {
        let grain: PeriodUnit
        switch unit {
        case .day: return day
        case .week: grain = .week
        case .month: grain = .month
        }
        return Int32(truncatingIfNeeded: grain.firstDay(ofIndex: grain.index(ofDay: day)))
    }
}
