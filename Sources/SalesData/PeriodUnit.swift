/// The calendar grains every analysis groups by — day, ISO week, month, quarter, year — and the
/// one period arithmetic of SalesKit.
///
/// A period of a unit is a running integer **index**, and index 0 is always the period that
/// contains 1970-01-01; consecutive periods differ by 1, so "periods between" is a subtraction:
///
/// | unit | index of day `d` (days since 1970-01-01) | first day of index `i` | label |
/// |---|---|---|---|
/// | day | `d` | `i` | `2024-03-05` |
/// | week | ⌊(d + 3) / 7⌋ | 7·i − 3 (a Monday) | the Monday `2024-02-26` (``WeekLabel/firstDay``), or ISO `2024-W09` |
/// | month | (year − 1970)·12 + month − 1 | the 1st | `2024-03` |
/// | quarter | (year − 1970)·4 + (month − 1) / 3 | Jan 1, Apr 1, Jul 1, Oct 1 | `2024-Q1` |
/// | year | year − 1970 | Jan 1 | `2024` |
///
/// **Weeks** are ISO 8601 weeks: Monday to Sunday (1970-01-01 was a Thursday, so week 0 runs
/// from Monday 1969-12-29). Their ISO label `YYYY-Www` uses the ISO week-year, the year of the
/// week's Thursday: Monday 2024-12-30 is in `2025-W01`, Sunday 2021-01-03 in `2020-W53`. The
/// command-line outputs label a week by its Monday (`YYYY-MM-DD`), which sorts and reads back as
/// a date; both forms parse (``Period/init(label:)``).
///
/// A *duration* unit is something else: `CustomerTimeUnit.month` (SalesModels) is 365.2425 / 12 =
/// 30.436875 days, the length BG/NBD measures recency and age in; the calendar month here is
/// 28–31 days and is what periods are grouped by.
public enum PeriodUnit: String, Sendable, Hashable, CaseIterable, Codable {
    /// Calendar days.
    case day
    /// ISO weeks, Monday to Sunday.
    case week
    /// Calendar months.
    case month
    /// Calendar quarters (January–March is Q1).
    case quarter
    /// Calendar years.
    case year

    /// How a week is labelled.
    public enum WeekLabel: Sendable, Hashable {
        /// Its Monday, `YYYY-MM-DD` (the labels of `saleskit` outputs).
        case firstDay
        /// ISO 8601 week date `YYYY-Www`, with the ISO week-year.
        case iso
    }

    /// The index of the period that contains `day` (see the table above).
    /// - Parameter day: Days since 1970-01-01, as `Int` or as a stored `Int32` (specialized for
    ///   both; an `Int32` day's index always fits `Int32` again).
    /// - Returns: The period index.
    /// - Complexity: O(1): one division for weeks, one civil-date conversion for months, quarters, years.
    @inlinable
    public func index<T: BinaryInteger>(ofDay day: T) -> Int {
        let d = Int(truncatingIfNeeded: day)
        switch self {
        case .day: return d
        case .week: return Self.floorDivide(d + 3, 7)
        case .month:
            let c = CivilDate.civil(fromDays: d)
            return (c.year - 1970) * 12 + c.month - 1
        case .quarter:
            let c = CivilDate.civil(fromDays: d)
            return (c.year - 1970) * 4 + (c.month - 1) / 3
        case .year:
            return CivilDate.civil(fromDays: d).year - 1970
        }
    }

    /// The first day of period `index`.
    /// - Parameter index: A period index.
    /// - Returns: Days since 1970-01-01.
    /// - Complexity: O(1).
    @inlinable
    public func firstDay(ofIndex index: Int) -> Int {
        switch self {
        case .day: return index
        case .week: return 7 * index - 3
        case .month:
            let y = Self.floorDivide(index, 12)
            return CivilDate.days(year: 1970 + y, month: index - 12 * y + 1, day: 1)
        case .quarter:
            let y = Self.floorDivide(index, 4)
            return CivilDate.days(year: 1970 + y, month: 3 * (index - 4 * y) + 1, day: 1)
        case .year:
            return CivilDate.days(year: 1970 + index, month: 1, day: 1)
        }
    }

    /// The last day of period `index`.
    /// - Parameter index: A period index.
    /// - Returns: Days since 1970-01-01.
    /// - Complexity: O(1).
    @inlinable
    public func lastDay(ofIndex index: Int) -> Int { firstDay(ofIndex: index + 1) - 1 }

    /// The number of days in period `index`: 1, 7, 28–31, 90–92 or 365–366.
    /// - Parameter index: A period index.
    @inlinable
    public func dayCount(ofIndex index: Int) -> Int { firstDay(ofIndex: index + 1) - firstDay(ofIndex: index) }

    /// Periods per calendar year, for year-over-year comparisons: 365 days, 52 weeks, 12 months,
    /// 4 quarters, 1 year (weeks and days are approximate: a year is 52 weeks and 1–2 days).
    public var periodsPerYear: Int {
        switch self {
        case .day: return 365
        case .week: return 52
        case .month: return 12
        case .quarter: return 4
        case .year: return 1
        }
    }

    /// The label of period `index`: `2024-03-05`, the Monday `2024-02-26` or `2024-W09`,
    /// `2024-03`, `2024-Q1`, `2024` (years zero-padded to four digits, a sign before negative ones).
    /// - Parameters:
    ///   - index: A period index.
    ///   - weeks: How weeks are labelled (default: by their Monday, as the CLI prints them).
    /// - Returns: The label; ``Period/init(label:)`` reads it back.
    /// - Complexity: O(1).
    public func label(ofIndex index: Int, weeks: WeekLabel = .firstDay) -> String {
        switch self {
        case .day: return CivilDate.isoString(fromDays: index)
        case .week:
            guard weeks == .iso else { return CivilDate.isoString(fromDays: firstDay(ofIndex: index)) }
            let (year, week) = Self.isoWeekDate(ofWeek: index)
            return CivilDate.pad(year, 4) + "-W" + CivilDate.pad(week, 2)
        case .month:
            let y = Self.floorDivide(index, 12)
            return CivilDate.pad(1970 + y, 4) + "-" + CivilDate.pad(index - 12 * y + 1, 2)
        case .quarter:
            let y = Self.floorDivide(index, 4)
            return CivilDate.pad(1970 + y, 4) + "-Q" + String(index - 4 * y + 1)
        case .year:
            return CivilDate.pad(1970 + index, 4)
        }
    }

    // MARK: - Weeks that start on another weekday

    /// The index of a 7-day week that starts on `isoWeekday` (1 = Monday … 7 = Sunday) containing
    /// `day`: week `i` starts `isoWeekday − 1` days after the Monday of ISO week `i` (so weeks
    /// starting Monday are the ISO weeks). For `period,value` files whose weekly dates are not Mondays.
    /// - Parameters:
    ///   - day: Days since 1970-01-01.
    ///   - isoWeekday: The first weekday of every week, 1…7.
    /// - Returns: The week index.
    @inlinable
    public static func weekIndex(ofDay day: Int, startingOn isoWeekday: Int) -> Int {
        floorDivide(day + 3 - (isoWeekday - 1), 7)
    }

    /// The first day of week `index` of weeks starting on `isoWeekday` (see ``weekIndex(ofDay:startingOn:)``).
    /// - Parameters:
    ///   - index: The week index.
    ///   - isoWeekday: The first weekday of every week, 1…7.
    /// - Returns: Days since 1970-01-01.
    @inlinable
    public static func firstDayOfWeek(_ index: Int, startingOn isoWeekday: Int) -> Int {
        7 * index - 3 + (isoWeekday - 1)
    }

    // MARK: - ISO week dates

    /// The ISO week-year and week number (1…53) of ISO week `index` (its Thursday's year).
    static func isoWeekDate(ofWeek index: Int) -> (year: Int, week: Int) {
        let thursday = 7 * index
        let year = CivilDate.civil(fromDays: thursday).year
        let jan1 = CivilDate.days(year: year, month: 1, day: 1)
        return (year, (thursday - jan1) / 7 + 1)
    }

    /// The ISO week index of week `week` of ISO week-year `year`, or `nil` when the year has no such week.
    static func isoWeekIndex(year: Int, week: Int) -> Int? {
        // Week 1 is the week of January 4.
        let first = PeriodUnit.week.index(ofDay: CivilDate.days(year: year, month: 1, day: 4))
        let last = PeriodUnit.week.index(ofDay: CivilDate.days(year: year, month: 12, day: 28))
        guard week >= 1, week <= last - first + 1 else { return nil }
        return first + week - 1
    }

    /// Finer units first: day 0 … year 4.
    @inlinable
    var rank: Int {
        switch self {
        case .day: return 0
        case .week: return 1
        case .month: return 2
        case .quarter: return 3
        case .year: return 4
        }
    }

    // MARK: - Integer helpers

    /// ⌊a / b⌋ for b > 0 (Swift's `/` truncates toward zero).
    @inlinable
    static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return a % b < 0 ? q - 1 : q
    }

    /// a mod b in 0..<b for b > 0.
    @inlinable
    static func floorModulo(_ a: Int, _ b: Int) -> Int {
        let r = a % b
        return r < 0 ? r + b : r
    }
}
