/// Conversions between proleptic Gregorian calendar dates and days since 1970-01-01.
///
/// SalesKit stores dates as `Int32` days since the Unix epoch (the data contract). These are
/// Howard Hinnant's `days_from_civil` / `civil_from_days` algorithms: exact integer arithmetic,
/// valid for every date whose day count fits `Int32`, no time zones, no Foundation.
public enum CivilDate {
    /// The days-since-epoch value of `year-month-day`.
    ///
    /// - Parameters:
    ///   - year: Proleptic Gregorian year (e.g. 2024).
    ///   - month: 1–12.
    ///   - day: 1–31; must exist in that month (`isValid(year:month:day:)` checks).
    /// - Returns: Days since 1970-01-01 (negative before it).
    /// - Complexity: O(1).
    @inlinable
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The calendar date of a days-since-epoch value.
    ///
    /// - Parameter days: Days since 1970-01-01.
    /// - Returns: `(year, month 1–12, day 1–31)`.
    /// - Complexity: O(1).
    @inlinable
    public static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Whether `year` is a Gregorian leap year.
    @inlinable
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` of `year` (0 for a month outside 1–12).
    @inlinable
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return 0
        }
    }

    /// Whether `year-month-day` is a real calendar date.
    @inlinable
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year: year, month: month)
    }

    /// ISO 8601 text `YYYY-MM-DD` of a days-since-epoch value (years 0–9999 are zero-padded to 4 digits).
    /// - Complexity: O(1).
    public static func isoString(fromDays days: Int) -> String {
        let (y, m, d) = civil(fromDays: days)
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }

    @usableFromInline
    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(abs(value))
        let padded = text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        return value < 0 ? "-" + padded : padded
    }
}
