import SalesData
import SalesModels

/// Calendar periods used to group purchases: a day, a week starting on Monday (pandas' `W`,
/// weeks ending Sunday), or a calendar month. A period is identified by its first day.
enum CustomerPeriods {
    /// The first day (days since 1970-01-01) of the period of `unit` containing `day`.
    @inline(__always)
    static func start(of day: Int32, unit: CustomerTimeUnit) -> Int32 {
        switch unit {
        case .day:
            return day
        case .week:
            // 1970-01-05 (day 4) was a Monday.
            let offset = (Int(day) + 3) % 7
            return day - Int32(offset < 0 ? offset + 7 : offset)
        case .month:
            let c = CivilDate.civil(fromDays: Int(day))
            return Int32(CivilDate.days(year: c.year, month: c.month, day: 1))
        }
    }
}
