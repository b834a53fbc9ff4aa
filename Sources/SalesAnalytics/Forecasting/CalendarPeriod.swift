import SalesData
import SalesModels
/// Calendar periods as consecutive integers, and their labels.
///
/// The integer index of a period is what ``TimeSeries/start`` counts:
/// - day: days since 1970-01-01 (label `YYYY-MM-DD`);
/// - week: 7-day weeks starting on the weekday `weekStart` (days since 1970-01-01 modulo 7 of a week's
///   first day; the default 4 is Monday, as 1970-01-05 was one), index ⌊(days − weekStart) / 7⌋
///   (label: the week's first day, `YYYY-MM-DD`);
/// - month: year·12 + (month − 1) (label `YYYY-MM`);
/// - quarter: year·4 + (quarter − 1) (label `YYYY-Qn`).
public enum CalendarPeriod {
    /// The period containing a day.
    /// - Parameters:
    ///   - day: Days since 1970-01-01.
    ///   - frequency: The period length.
    ///   - weekStart: For weeks, the first weekday (days mod 7; 4 = Monday).
    /// - Returns: The period index.
    /// - Complexity: O(1).
    public static func index(ofDay day: Int, frequency: TimeSeriesFrequency, weekStart: Int = 4) -> Int {
        switch frequency {
        case .day: return day
        case .week: return floorDivide(day - weekStart, 7)
        case .month:
            let c = CivilDate.civil(fromDays: day)
            return c.year * 12 + c.month - 1
        case .quarter:
            let c = CivilDate.civil(fromDays: day)
            return c.year * 4 + (c.month - 1) / 3
        }
    }

    /// The first day of a period.
    /// - Parameters:
    ///   - index: The period index.
    ///   - frequency: The period length.
    ///   - weekStart: For weeks, the first weekday (days mod 7; 4 = Monday).
    /// - Returns: Days since 1970-01-01 of the period's first day.
    /// - Complexity: O(1).
    public static func firstDay(of index: Int, frequency: TimeSeriesFrequency, weekStart: Int = 4) -> Int {
        switch frequency {
        case .day: return index
        case .week: return index * 7 + weekStart
        case .month:
            return CivilDate.days(year: floorDivide(index, 12), month: index - floorDivide(index, 12) * 12 + 1, day: 1)
        case .quarter:
            let year = floorDivide(index, 4)
            return CivilDate.days(year: year, month: (index - year * 4) * 3 + 1, day: 1)
        }
    }

    /// The number of days in a period.
    /// - Parameters:
    ///   - index: The period index.
    ///   - frequency: The period length.
    /// - Returns: 1, 7, 28–31 or 90–92.
    public static func dayCount(of index: Int, frequency: TimeSeriesFrequency) -> Int {
        firstDay(of: index + 1, frequency: frequency) - firstDay(of: index, frequency: frequency)
    }

    /// The label of a period: `YYYY-MM-DD` (day; the Monday for a week), `YYYY-MM`, `YYYY-Qn`.
    /// - Parameters:
    ///   - index: The period index.
    ///   - frequency: The period length.
    ///   - weekStart: For weeks, the first weekday (days mod 7; 4 = Monday).
    /// - Returns: The label.
    public static func label(of index: Int, frequency: TimeSeriesFrequency, weekStart: Int = 4) -> String {
        switch frequency {
        case .day, .week:
            return CivilDate.isoString(fromDays: firstDay(of: index, frequency: frequency, weekStart: weekStart))
        case .month:
            let year = floorDivide(index, 12)
            return pad4(year) + "-" + pad2(index - year * 12 + 1)
        case .quarter:
            let year = floorDivide(index, 4)
            return pad4(year) + "-Q" + String(index - year * 4 + 1)
        }
    }

    /// The shape of a period label.
    public enum LabelKind: Sendable, Hashable {
        /// `YYYY-MM-DD`, with its day number.
        case date(day: Int)
        /// `YYYY-MM`, with its month index.
        case month(index: Int)
        /// `YYYY-Qn`, with its quarter index.
        case quarter(index: Int)
    }

    /// Parses a label (surrounding spaces ignored).
    /// - Parameter text: `YYYY-MM-DD`, `YYYY-MM` or `YYYY-Qn`.
    /// - Returns: The kind and index, or `nil` if the text is none of these or not a real date.
    /// - Complexity: O(length of text).
    public static func parse(_ text: some StringProtocol) -> LabelKind? {
        let bytes = Array(text.utf8.drop { $0 == 32 }.reversed().drop { $0 == 32 }.reversed())
        func digits(_ range: Range<Int>) -> Int? {
            var v = 0
            for i in range {
                let b = bytes[i]
                guard b >= 48 && b <= 57 else { return nil }
                v = v * 10 + Int(b - 48)
            }
            return v
        }
        guard bytes.count >= 7, bytes[4] == UInt8(ascii: "-"), let year = digits(0..<4) else { return nil }
        if bytes.count == 7 {
            if bytes[5] == UInt8(ascii: "Q") || bytes[5] == UInt8(ascii: "q") {
                guard let q = digits(6..<7), q >= 1, q <= 4 else { return nil }
                return .quarter(index: year * 4 + q - 1)
            }
            guard let month = digits(5..<7), month >= 1, month <= 12 else { return nil }
            return .month(index: year * 12 + month - 1)
        }
        guard bytes.count == 10, bytes[7] == UInt8(ascii: "-"), let month = digits(5..<7), let day = digits(8..<10),
              CivilDate.isValid(year: year, month: month, day: day) else { return nil }
        return .date(day: CivilDate.days(year: year, month: month, day: day))
    }

    static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    private static func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    private static func pad4(_ v: Int) -> String {
        let s = String(v)
        return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
    }
}
