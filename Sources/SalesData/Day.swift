/// A calendar day: the number of days since 1970-01-01 in the proleptic Gregorian calendar.
///
/// SalesKit's one day type. There are no time zones and no times of day here: a timestamp becomes
/// a `Day` when it is read (in the reader's time zone), and everything after that is integer
/// arithmetic. Columns store days as `[Int32]` (the data contract: 4 bytes per row); hot loops
/// work on those raw values with ``PeriodUnit/index(ofDay:)``, and `Day` wraps one value at the
/// API edge (`Day(_:)` of an `Int32`, ``rawValue``, ``int32``).
///
/// `Date`/`DateComponents` conversions are in `Day+Foundation.swift`.
public struct Day: RawRepresentable, Hashable, Comparable, Strideable, Sendable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public var rawValue: Int

    /// The day `rawValue` days after 1970-01-01.
    /// - Parameter rawValue: Days since 1970-01-01.
    @inlinable
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The day of a stored `Int32` day column value.
    /// - Parameter days: Days since 1970-01-01.
    @inlinable
    public init(_ days: Int32) { rawValue = Int(days) }

    /// The calendar date `year-month-day`, or `nil` when it does not exist (2023-02-29, month 13).
    /// - Parameters:
    ///   - year: Proleptic Gregorian year.
    ///   - month: 1–12.
    ///   - day: 1–31.
    @inlinable
    public init?(year: Int, month: Int, day: Int) {
        guard CivilDate.isValid(year: year, month: month, day: day) else { return nil }
        rawValue = CivilDate.days(year: year, month: month, day: day)
    }

    /// The UTC calendar day of a timestamp column value.
    /// - Parameter seconds: Seconds since 1970-01-01T00:00:00Z (negative before it).
    @inlinable
    public init(secondsSince1970 seconds: Int64) {
        rawValue = PeriodUnit.floorDivide(Int(truncatingIfNeeded: seconds), 86_400)
    }

    /// Parses an ISO 8601 calendar date `YYYY-MM-DD` (surrounding spaces ignored).
    /// - Parameter text: The date text.
    /// - Returns: `nil` for any other text or a date that does not exist.
    /// - Complexity: O(length of text).
    public init?(iso text: some StringProtocol) {
        guard let period = Period(label: text), period.unit == .day else { return nil }
        rawValue = period.index
    }

    /// The stored form: the day as `Int32`, or `nil` when it does not fit (beyond ±5.8 million years).
    @inlinable
    public var int32: Int32? { Int32(exactly: rawValue) }

    /// The day as a stored column value, clamped to the `Int32` range: a cutoff beyond ±5.8 million
    /// years compares like the nearest representable day against every stored day.
    @inlinable
    public var clampedInt32: Int32 { Int32(clamping: rawValue) }

    /// `(year, month 1–12, day 1–31)`.
    @inlinable
    public var civil: (year: Int, month: Int, day: Int) { CivilDate.civil(fromDays: rawValue) }

    /// The ISO weekday: Monday = 1 … Sunday = 7.
    @inlinable
    public var isoWeekday: Int { PeriodUnit.floorModulo(rawValue + 3, 7) + 1 }

    /// The period of `unit` that contains this day.
    /// - Parameter unit: Day, week, month, quarter or year.
    /// - Complexity: O(1).
    @inlinable
    public func period(_ unit: PeriodUnit) -> Period { Period(unit: unit, index: unit.index(ofDay: rawValue)) }

    /// `YYYY-MM-DD`.
    public var description: String { CivilDate.isoString(fromDays: rawValue) }

    @inlinable
    public static func == (a: Day, b: Day) -> Bool { a.rawValue == b.rawValue }

    @inlinable
    public static func < (a: Day, b: Day) -> Bool { a.rawValue < b.rawValue }

    @inlinable
    public func distance(to other: Day) -> Int { other.rawValue - rawValue }

    @inlinable
    public func advanced(by n: Int) -> Day { Day(rawValue: rawValue + n) }
}
