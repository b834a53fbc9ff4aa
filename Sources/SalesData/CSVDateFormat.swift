/// An explicit date or timestamp format in strftime notation (`%m/%d/%Y`, `%d.%m.%Y`, `%Y%m%d`,
/// `%d/%m/%Y %H:%M`), for exports that do not write ISO 8601.
///
/// Directives: `%Y` 4-digit year, `%y` 2-digit year (00–68 → 20xx, 69–99 → 19xx), `%m` month 1–12
/// (1 or 2 digits), `%d`/`%e` day (1 or 2 digits, `%e` may be space-padded), `%b`/`%h`/`%B` English month
/// name or its 3-letter abbreviation (any case), `%H` hour 0–23, `%I` hour 1–12 with `%p` (AM/PM),
/// `%M` minute, `%S` second, `%f` fractional-second digits (truncated), `%z` `Z` or `±hh[:]mm`,
/// `%F` = `%Y-%m-%d`, `%T` = `%H:%M:%S`, `%%` a percent sign. Other characters match themselves; a
/// space matches one or more spaces. The whole field must match.
///
/// Day/month order is never guessed: the reader uses this format (and unambiguous ISO 8601) only.
public struct CSVDateFormat: Sendable, Equatable, CustomStringConvertible {
    enum Token: Sendable, Equatable {
        case literal(UInt8)
        case space
        case year4, year2, month, day, monthName, hour24, hour12, minute, second, fraction, offset, ampm
    }

    /// The pattern as given.
    public let pattern: String
    let tokens: [Token]

    /// Why a pattern is not a usable format.
    public struct PatternError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The pattern.
        public let pattern: String
        /// What is wrong.
        public let reason: String
        /// `date format "…": reason`.
        public var description: String { "date format \"\(pattern)\": \(reason)" }
    }

    /// Compiles a strftime-style pattern.
    /// - Parameter pattern: The format, e.g. `%d.%m.%Y`.
    /// - Throws: `CSVDateFormat.PatternError` for an unknown directive or a pattern without a year,
    ///   month and day (or with `%I` but no `%p`).
    public init(_ pattern: String) throws {
        self.pattern = pattern
        var tokens: [Token] = []
        let bytes = Array(pattern.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 32 {
                if tokens.last != .space { tokens.append(.space) }
                i += 1
                continue
            }
            guard b == 37 else { tokens.append(.literal(b)); i += 1; continue }
            guard i + 1 < bytes.count else {
                throw PatternError(pattern: pattern, reason: "ends with a lone %")
            }
            switch bytes[i + 1] {
            case UInt8(ascii: "Y"): tokens.append(.year4)
            case UInt8(ascii: "y"): tokens.append(.year2)
            case UInt8(ascii: "m"): tokens.append(.month)
            case UInt8(ascii: "d"), UInt8(ascii: "e"): tokens.append(.day)
            case UInt8(ascii: "b"), UInt8(ascii: "h"), UInt8(ascii: "B"): tokens.append(.monthName)
            case UInt8(ascii: "H"): tokens.append(.hour24)
            case UInt8(ascii: "I"): tokens.append(.hour12)
            case UInt8(ascii: "M"): tokens.append(.minute)
            case UInt8(ascii: "S"): tokens.append(.second)
            case UInt8(ascii: "f"): tokens.append(.fraction)
            case UInt8(ascii: "z"): tokens.append(.offset)
            case UInt8(ascii: "p"): tokens.append(.ampm)
            case UInt8(ascii: "F"): tokens += [.year4, .literal(45), .month, .literal(45), .day]
            case UInt8(ascii: "T"): tokens += [.hour24, .literal(58), .minute, .literal(58), .second]
            case UInt8(ascii: "%"): tokens.append(.literal(37))
            default:
                throw PatternError(pattern: pattern, reason: "unknown directive %\(Character(Unicode.Scalar(bytes[i + 1])))"
                                   + " (known: %Y %y %m %d %e %b %B %H %I %M %S %f %z %p %F %T %%)")
            }
            i += 2
        }
        let has = { (t: Token) in tokens.contains(t) }
        guard has(.year4) || has(.year2), has(.month) || has(.monthName), has(.day) else {
            throw PatternError(pattern: pattern, reason: "needs a year (%Y or %y), a month (%m or %b) and a day (%d)")
        }
        if has(.hour12) != has(.ampm) {
            throw PatternError(pattern: pattern, reason: "%I (12-hour clock) and %p (AM/PM) go together")
        }
        self.tokens = tokens
    }

    /// The pattern.
    public var description: String { pattern }

    /// Whether the format has a time of day.
    var hasTime: Bool { tokens.contains(.hour24) || tokens.contains(.hour12) }

    private static let monthNames: [[UInt8]] = ["january", "february", "march", "april", "may", "june", "july",
                                                "august", "september", "october", "november", "december"].map { Array($0.utf8) }

    /// Parses `p[0..<n]` (already trimmed); `nil` when the field does not match or names a date or
    /// time that does not exist.
    func parse(_ p: UnsafePointer<UInt8>, _ n: Int) -> WallTime? {
        var i = 0
        var year = -1, month = -1, day = -1, hour = 0, minute = 0, second = 0
        var pm: Bool?, offset: Int?
        @inline(__always) func number(_ min: Int, _ max: Int) -> Int? { FieldParsers.digits(p, &i, n, min: min, max: max) }
        for token in tokens {
            switch token {
            case let .literal(b):
                guard i < n, p[i] == b else { return nil }
                i += 1
            case .space:
                guard i < n, p[i] == 32 else { return nil }
                while i < n, p[i] == 32 { i += 1 }
            case .year4: guard let v = number(4, 4) else { return nil }; year = v
            case .year2: guard let v = number(2, 2) else { return nil }; year = v < 69 ? 2000 + v : 1900 + v
            case .month: guard let v = number(1, 2) else { return nil }; month = v
            case .day:
                while i < n, p[i] == 32 { i += 1 }
                guard let v = number(1, 2) else { return nil }
                day = v
            case .monthName:
                var matched = false
                for (index, name) in Self.monthNames.enumerated() {
                    for length in [name.count, 3] where i + length <= n {
                        var same = true
                        for k in 0..<length where p[i + k] | 0x20 != name[k] { same = false; break }
                        if same {
                            month = index + 1
                            i += length
                            matched = true
                            break
                        }
                    }
                    if matched { break }
                }
                guard matched else { return nil }
            case .hour24: guard let v = number(1, 2), v <= 23 else { return nil }; hour = v
            case .hour12: guard let v = number(1, 2), v >= 1, v <= 12 else { return nil }; hour = v
            case .minute: guard let v = number(2, 2), v <= 59 else { return nil }; minute = v
            case .second: guard let v = number(2, 2), v <= 59 else { return nil }; second = v
            case .fraction:
                guard i < n, FieldParsers.isDigit(p[i]) else { return nil }
                while i < n, FieldParsers.isDigit(p[i]) { i += 1 }
            case .ampm:
                guard i + 2 <= n, p[i + 1] | 0x20 == 109 else { return nil }
                switch p[i] | 0x20 {
                case 97: pm = false
                case 112: pm = true
                default: return nil
                }
                i += 2
            case .offset:
                guard i < n else { return nil }
                if p[i] == 90 || p[i] == 122 { offset = 0; i += 1; break }
                guard p[i] == 43 || p[i] == 45 else { return nil }
                let sign = p[i] == 45 ? -1 : 1
                i += 1
                guard let h = number(2, 2) else { return nil }
                var m = 0
                if i < n, p[i] == 58 { i += 1 }
                if i < n, FieldParsers.isDigit(p[i]) { guard let v = number(2, 2) else { return nil }; m = v }
                guard h <= 23, m <= 59 else { return nil }
                offset = sign * (h * 3600 + m * 60)
            }
        }
        guard i == n else { return nil }
        if let pm { hour = hour % 12 + (pm ? 12 : 0) }
        guard year >= 1, CivilDate.isValid(year: year, month: month, day: day) else { return nil }
        return WallTime(days: Int32(truncatingIfNeeded: CivilDate.days(year: year, month: month, day: day)),
                        secondOfDay: hour * 3600 + minute * 60 + second, offset: offset)
    }
}
