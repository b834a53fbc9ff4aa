extension CivilDate {
    /// Days since 1970-01-01 of an ISO `YYYY-MM-DD` date (exactly that shape: four-digit year, two-digit
    /// month and day, a real calendar day); `nil` otherwise. The one parser of ISO dates given as
    /// option values or stored in files (the CSV reader has its own byte-level fast path, tested
    /// against this one).
    /// - Complexity: O(1).
    public static func days(fromISO text: String) -> Int? {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == 45, b[7] == 45 else { return nil }
        var fields = [0, 0, 0]
        for (k, range) in [0..<4, 5..<7, 8..<10].enumerated() {
            for i in range {
                let digit = b[i] &- 48
                guard digit < 10 else { return nil }
                fields[k] = fields[k] * 10 + Int(digit)
            }
        }
        guard isValid(year: fields[0], month: fields[1], day: fields[2]) else { return nil }
        return days(year: fields[0], month: fields[1], day: fields[2])
    }
}
