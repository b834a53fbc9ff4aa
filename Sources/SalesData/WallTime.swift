/// A calendar date and clock time as written in a field, with the UTC offset when the field gives
/// one: what the date and timestamp parsers produce before the reader's time zone is applied.
struct WallTime: Equatable {
    /// Days since 1970-01-01 of the written date.
    var days: Int32
    /// Seconds since the written date's midnight (0 for a date alone; fractions truncated).
    var secondOfDay: Int
    /// The written UTC offset in seconds (`Z` is 0), or `nil` when the field names none.
    var offset: Int?

    /// Seconds since the epoch of the wall clock reading itself (as if it were UTC).
    var wallSeconds: Int64 { Int64(days) * 86_400 + Int64(secondOfDay) }

    /// The instant (seconds since 1970-01-01T00:00:00Z): the written offset, else `zone`'s.
    @inline(__always)
    func instant(in zone: CSVTimeZone) -> Int64 {
        if let offset { return wallSeconds - Int64(offset) }
        return zone.instant(fromWall: wallSeconds)
    }

    /// The calendar date in `zone`: the written date when the field names no offset (a local
    /// reading is already in the zone), else the date of the instant in `zone`.
    @inline(__always)
    func date(in zone: CSVTimeZone) -> Int32 {
        guard let offset else { return days }
        let instant = wallSeconds - Int64(offset)
        let local = instant + Int64(zone.offset(atInstant: instant))
        return Int32(truncatingIfNeeded: local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
    }
}
