/// One calendar period: a day, an ISO week, a month, a quarter or a year (``PeriodUnit``), as its
/// unit and running index.
///
/// Periods of one unit are ordered and strideable (`p.advanced(by: 1)` is the next one,
/// `p.distance(to: q)` the number of periods between). Comparing periods of different units
/// orders them by unit first; that order means nothing more.
public struct Period: Hashable, Comparable, Strideable, Sendable, CustomStringConvertible {
    /// The grain.
    public var unit: PeriodUnit
    /// The running index (0 = the period containing 1970-01-01; see ``PeriodUnit``).
    public var index: Int

    /// The period `index` of `unit`.
    /// - Parameters:
    ///   - unit: The grain.
    ///   - index: The running index.
    @inlinable
    public init(unit: PeriodUnit, index: Int) {
        self.unit = unit
        self.index = index
    }

    /// The period of `unit` that contains `day`.
    /// - Parameters:
    ///   - day: A day.
    ///   - unit: The grain.
    @inlinable
    public init(containing day: Day, unit: PeriodUnit) {
        self.init(unit: unit, index: unit.index(ofDay: day.rawValue))
    }

    /// The first day.
    @inlinable
    public var firstDay: Day { Day(rawValue: unit.firstDay(ofIndex: index)) }

    /// The last day.
    @inlinable
    public var lastDay: Day { Day(rawValue: unit.lastDay(ofIndex: index)) }

    /// The number of days: 1, 7, 28–31, 90–92, 365–366.
    @inlinable
    public var dayCount: Int { unit.dayCount(ofIndex: index) }

    /// Whether `day` falls in the period.
    /// - Parameter day: A day.
    @inlinable
    public func contains(_ day: Day) -> Bool { unit.index(ofDay: day.rawValue) == index }

    /// The label as `saleskit` prints it: `2024-03-05`, a week's Monday `2024-02-26`, `2024-03`,
    /// `2024-Q1`, `2024` (``PeriodUnit/label(ofIndex:weeks:)``).
    public var label: String { unit.label(ofIndex: index) }

    /// The label with ISO week dates for weeks (`2024-W09`); the same as ``label`` for other units.
    public var isoLabel: String { unit.label(ofIndex: index, weeks: .iso) }

    /// ``label``.
    public var description: String { label }

    /// Parses a period label: `YYYY-MM-DD` (a day), `YYYY-Www` (an ISO week, `w` accepted),
    /// `YYYY-MM` (a month), `YYYY-Qn` (a quarter, `q` accepted) or `YYYY` (a year); surrounding
    /// spaces are ignored. Years have four digits.
    /// - Parameter text: The label.
    /// - Returns: `nil` for any other text, a date that does not exist (`2023-02-29`), month 13,
    ///   quarter 5 or week 54 (or week 53 of a year with 52).
    /// - Complexity: O(length of text).
    public init?(label text: some StringProtocol) {
        var bytes = Array(text.utf8)
        while bytes.last == 32 { bytes.removeLast() }
        let start = bytes.firstIndex { $0 != 32 } ?? bytes.count
        if start > 0 { bytes.removeFirst(start) }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var v = 0
            for i in range {
                let b = bytes[i]
                guard b >= 48 && b <= 57 else { return nil }
                v = v * 10 + Int(b - 48)
            }
            return v
        }
        guard let year = number(0..<4) else { return nil }
        if bytes.count == 4 { self.init(unit: .year, index: year - 1970); return }
        guard bytes.count >= 7, bytes[4] == 45 else { return nil }
        switch bytes[5] {
        case 81, 113: // Q q
            guard bytes.count == 7, let q = number(6..<7), (1...4).contains(q) else { return nil }
            self.init(unit: .quarter, index: (year - 1970) * 4 + q - 1)
        case 87, 119: // W w
            guard bytes.count == 8, let w = number(6..<8), let index = PeriodUnit.isoWeekIndex(year: year, week: w) else { return nil }
            self.init(unit: .week, index: index)
        default:
            guard let month = number(5..<7), (1...12).contains(month) else { return nil }
            if bytes.count == 7 { self.init(unit: .month, index: (year - 1970) * 12 + month - 1); return }
            guard bytes.count == 10, bytes[7] == 45, let day = number(8..<10),
                  CivilDate.isValid(year: year, month: month, day: day) else { return nil }
            self.init(unit: .day, index: CivilDate.days(year: year, month: month, day: day))
        }
    }

    /// Parses a label as a period of `unit`: a label of that unit, or, for weeks, also the
    /// date of a Monday (the form `saleskit` prints).
    /// - Parameters:
    ///   - text: The label.
    ///   - unit: The grain expected.
    /// - Returns: `nil` for text that is not a period of `unit`.
    public init?(label text: some StringProtocol, unit: PeriodUnit) {
        guard let p = Period(label: text) else { return nil }
        if p.unit == unit { self = p; return }
        guard unit == .week, p.unit == .day, Day(rawValue: p.index).isoWeekday == 1 else { return nil }
        self.init(unit: .week, index: PeriodUnit.week.index(ofDay: p.index))
    }

    /// The period of `unit` that contains this whole period, or `nil` when it spans two of them
    /// (a month in weeks, a week across a month's end).
    /// - Parameter unit: A grain at least as coarse as this one.
    public func within(_ unit: PeriodUnit) -> Period? {
        let a = unit.index(ofDay: self.unit.firstDay(ofIndex: index))
        let b = unit.index(ofDay: self.unit.lastDay(ofIndex: index))
        return a == b ? Period(unit: unit, index: a) : nil
    }

    @inlinable
    public static func == (a: Period, b: Period) -> Bool { a.unit == b.unit && a.index == b.index }

    @inlinable
    public static func < (a: Period, b: Period) -> Bool {
        a.unit == b.unit ? a.index < b.index : a.unit.rank < b.unit.rank
    }

    /// Periods from this one to `other` (same unit; `precondition`).
    @inlinable
    public func distance(to other: Period) -> Int {
        precondition(unit == other.unit, "distance between a \(unit) and a \(other.unit) period")
        return other.index - index
    }

    @inlinable
    public func advanced(by n: Int) -> Period { Period(unit: unit, index: index + n) }
}
