import Foundation

/// The time zone in which the reader takes calendar dates of timestamps and reads timestamps
/// written without an offset: UTC (default), a fixed offset, or an IANA zone from the system's tz
/// database (`Asia/Shanghai`, `Europe/Berlin`; glibc's `/usr/share/zoneinfo` through Foundation).
///
/// A field with `Z` or an offset names its instant exactly; its calendar date is the date of that
/// instant in this zone (`2024-01-01T23:30:00-05:00` is 2024-01-02 in UTC). A field without an
/// offset is a wall-clock reading in this zone: its date is the written date, and a timestamp
/// column stores the instant the reading means in this zone.
public struct CSVTimeZone: Sendable, Equatable, CustomStringConvertible {
    /// The zone's name as given (`UTC`, `+08:00`, `Asia/Shanghai`).
    public let name: String
    /// The fixed offset in seconds, or `nil` for a zone with transitions.
    let fixedOffset: Int?
    /// Transition instants (ascending) and the offset in force from each; `offsets[0]` holds before
    /// the first transition, so `offsets.count == transitions.count + 1`.
    let transitions: [Int64]
    let offsets: [Int32]

    /// UTC.
    public static let utc = CSVTimeZone(name: "UTC", fixedOffset: 0, transitions: [], offsets: [0])

    private init(name: String, fixedOffset: Int?, transitions: [Int64], offsets: [Int32]) {
        self.name = name
        self.fixedOffset = fixedOffset
        self.transitions = transitions
        self.offsets = offsets
    }

    /// A fixed offset east of UTC.
    /// - Parameter seconds: The offset in seconds (−18 h … +18 h).
    /// - Returns: The zone, or `nil` outside that range.
    public static func fixed(seconds: Int) -> CSVTimeZone? {
        guard abs(seconds) <= 18 * 3600 else { return nil }
        let sign = seconds < 0 ? "-" : "+"
        let h = abs(seconds) / 3600, m = abs(seconds) / 60 % 60
        let name = sign + (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
        return CSVTimeZone(name: name, fixedOffset: seconds, transitions: [], offsets: [Int32(seconds)])
    }

    /// A zone by name: `UTC`/`Z`/`GMT`, a fixed offset (`+08:00`, `-0530`, `+8`, `UTC+08:00`), or an
    /// IANA name known to the system's tz database.
    /// - Parameter text: The name.
    /// - Returns: The zone, or `nil` when the name is neither.
    /// - Complexity: O(transitions between 1900 and 2100) for an IANA zone (a few hundred at most).
    public init?(_ text: String) {
        let upper = text.uppercased()
        if ["UTC", "Z", "GMT", "ETC/UTC", "UTC0"].contains(upper) {
            self = .utc
            return
        }
        var offsetText = Substring(text)
        if upper.hasPrefix("UTC") || upper.hasPrefix("GMT") { offsetText = offsetText.dropFirst(3) }
        if let seconds = Self.parseOffset(offsetText), let zone = Self.fixed(seconds: seconds) {
            self = zone
            return
        }
        guard text.contains("/") || text.count > 3, let zone = TimeZone(identifier: text) else { return nil }
        var transitions: [Int64] = []
        var offsets: [Int32] = []
        var date = Date(timeIntervalSince1970: -2_208_988_800)  // 1900-01-01
        offsets.append(Int32(zone.secondsFromGMT(for: date)))
        let end = 4_102_444_800.0  // 2100-01-01
        while let next = zone.nextDaylightSavingTimeTransition(after: date), next.timeIntervalSince1970 < end,
              next > date {
            transitions.append(Int64(next.timeIntervalSince1970.rounded()))
            offsets.append(Int32(zone.secondsFromGMT(for: next)))
            date = next
        }
        self.init(name: text, fixedOffset: transitions.isEmpty ? Int(offsets[0]) : nil,
                  transitions: transitions, offsets: offsets)
    }

    /// `±hh`, `±hhmm`, `±hh:mm`, `±h` → seconds.
    static func parseOffset(_ text: Substring) -> Int? {
        guard let first = text.first, first == "+" || first == "-" else { return nil }
        let sign = first == "-" ? -1 : 1
        let rest = text.dropFirst()
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        var hours: Int?, minutes = 0
        if parts.count == 2 {
            hours = Int(parts[0]); guard parts[1].count == 2, let m = Int(parts[1]) else { return nil }
            minutes = m
        } else if rest.count == 4, let v = Int(rest) {
            hours = v / 100; minutes = v % 100
        } else if rest.count <= 2 {
            hours = Int(rest)
        }
        guard let hours, rest.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ":") }), hours <= 18, minutes < 60 else {
            return nil
        }
        return sign * (hours * 3600 + minutes * 60)
    }

    /// The offset east of UTC in seconds at an instant.
    /// - Complexity: O(log transitions).
    @inline(__always)
    func offset(atInstant instant: Int64) -> Int {
        if let fixedOffset { return fixedOffset }
        var low = 0, high = transitions.count
        while low < high {
            let mid = (low + high) / 2
            if transitions[mid] <= instant { low = mid + 1 } else { high = mid }
        }
        return Int(offsets[low])
    }

    /// The instant a wall-clock reading in this zone means (in a gap or overlap of a daylight-saving
    /// change, the offset in force just before it).
    @inline(__always)
    func instant(fromWall wall: Int64) -> Int64 {
        if let fixedOffset { return wall - Int64(fixedOffset) }
        let guess = wall - Int64(offset(atInstant: wall))
        return wall - Int64(offset(atInstant: guess))
    }

    /// The zone's name.
    public var description: String { name }

    /// Zones are equal when they have the same name.
    public static func == (a: CSVTimeZone, b: CSVTimeZone) -> Bool { a.name == b.name }
}
