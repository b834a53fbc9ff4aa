#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Day {
    /// The calendar day of `date` in `timeZone` (default UTC).
    /// - Parameters:
    ///   - date: An instant.
    ///   - timeZone: The zone whose wall-clock date is taken.
    /// - Complexity: O(1).
    public init(_ date: Date, in timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current) {
        let seconds = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        rawValue = Int((seconds / 86_400).rounded(.down))
    }

    /// The day of `components`' year, month and day, or `nil` when one is missing or the date does not exist.
    /// - Parameter components: Date components (other fields are ignored).
    public init?(_ components: DateComponents) {
        guard let y = components.year, let m = components.month, let d = components.day else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Midnight at the start of the day in `timeZone` (default UTC).
    /// - Parameter timeZone: The zone.
    /// - Returns: The instant.
    public func date(in timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current) -> Date {
        let utcMidnight = Date(timeIntervalSince1970: Double(rawValue) * 86_400)
        return utcMidnight.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: utcMidnight)))
    }

    /// Year, month and day as `DateComponents` (Gregorian calendar).
    public var dateComponents: DateComponents {
        let c = civil
        return DateComponents(year: c.year, month: c.month, day: c.day)
    }
}

extension Period {
    /// The period as an interval from midnight of its first day to midnight after its last, in `timeZone`.
    /// - Parameter timeZone: The zone (default UTC).
    public func dateInterval(in timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current) -> DateInterval {
        DateInterval(start: firstDay.date(in: timeZone), end: lastDay.advanced(by: 1).date(in: timeZone))
    }
}
