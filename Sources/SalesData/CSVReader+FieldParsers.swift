#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The outcome of parsing one field: a value or the reason it is not one.
enum FieldParse<Value> {
    case value(Value)
    case failure(CSVFieldProblem)
}

/// Byte-level parsers for the typed CSV fields. They read a field's bytes in place (no `String`),
/// reject anything they do not fully consume, and check ranges (dates that do not exist, integers
/// beyond Int64, times beyond 23:59:59).
enum FieldParsers {
    /// Exact powers of ten representable in binary64 (10^0 … 10^22), for the Clinger fast path.
    static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }

    /// Trims ASCII spaces and tabs (fields such as ` 12` are numbers).
    @inline(__always)
    static func trimmed(_ p: UnsafePointer<UInt8>, _ n: Int) -> (UnsafePointer<UInt8>, Int) {
        var start = 0, end = n
        while start < end, p[start] == 32 || p[start] == 9 { start += 1 }
        while end > start, p[end - 1] == 32 || p[end - 1] == 9 { end -= 1 }
        return (p + start, end - start)
    }

    /// The length of a currency symbol starting at `p[i]` (`$`, `¥`, `￥`, `€`, `£`), or 0.
    @inline(__always)
    static func currencyLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        let b = p[i]
        if b == 0x24 { return 1 }
        if b == 0xC2, i + 1 < n, p[i + 1] == 0xA5 || p[i + 1] == 0xA3 { return 2 }
        if b == 0xE2, i + 2 < n, p[i + 1] == 0x82, p[i + 2] == 0xAC { return 3 }
        if b == 0xEF, i + 2 < n, p[i + 1] == 0xBF, p[i + 2] == 0xA5 { return 3 }
        return 0
    }

    /// Skips an optional sign and, when allowed, a currency symbol (either order).
    /// - Returns: The index after them and whether the number is negative.
    @inline(__always)
    static func prefix(_ p: UnsafePointer<UInt8>, _ n: Int, currency: Bool) -> (Int, Bool) {
        var i = 0, negative = false, signed = false
        if i < n, p[i] == 45 || p[i] == 43 { negative = p[i] == 45; signed = true; i += 1 }
        if currency, i < n {
            let c = currencyLength(p, i, n)
            if c > 0 {
                i += c
                if !signed, i < n, p[i] == 45 || p[i] == 43 { negative = p[i] == 45; i += 1 }
            }
        }
        return (i, negative)
    }

    /// An Int64: optional sign, digits (with `,` groups of three when `thousands`), optional
    /// currency symbol when `currency`. Overflow is an error, never a wrap.
    static func int64(_ p0: UnsafePointer<UInt8>, _ n0: Int, thousands: Bool, currency: Bool) -> FieldParse<Int64> {
        let (p, n) = trimmed(p0, n0)
        var (i, negative) = prefix(p, n, currency: currency)
        guard i < n else { return .failure(.notAnInteger) }
        // Accumulate as a negative number so Int64.min is representable.
        var value: Int64 = 0
        var digitsInGroup = 0, sawSeparator = false, digits = 0
        while i < n {
            let b = p[i]
            if isDigit(b) {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.subtractingReportingOverflow(Int64(b &- 48))
                if o1 || o2 { return .failure(.integerOverflow) }
                value = s
                digitsInGroup += 1
                digits += 1
            } else if b == 44, thousands, digits > 0, (!sawSeparator ? digitsInGroup <= 3 : digitsInGroup == 3) {
                sawSeparator = true
                digitsInGroup = 0
            } else {
                return .failure(.notAnInteger)
            }
            i += 1
        }
        if digits == 0 || (sawSeparator && digitsInGroup != 3) { return .failure(.notAnInteger) }
        if negative { return .value(value) }
        if value == .min { return .failure(.integerOverflow) }
        return .value(-value)
    }

    /// A Double: optional sign, digits with optional `.` fraction, optional exponent; `inf`,
    /// `infinity` and `nan` (any case); `,` groups and a currency symbol when allowed.
    /// Correctly rounded: ≤ 15 significant digits with a power of ten in 10^±22 use the exact
    /// Clinger fast path (one correctly rounded multiply or divide); everything else goes to `strtod`.
    static func double(_ p0: UnsafePointer<UInt8>, _ n0: Int, thousands: Bool, currency: Bool) -> FieldParse<Double> {
        let (p, n) = trimmed(p0, n0)
        let (start, negative) = prefix(p, n, currency: currency)
        var i = start
        guard i < n else { return .failure(.notANumber) }
        if !isDigit(p[i]) && p[i] != 46 {
            return special(p + i, n - i, negative: negative)
        }
        // The common amount (`35.79`, `-120`, `0.5`): digits, an optional dot and digits, at most
        // 15 digits in all — the general loop's value (an exact mantissa over an exact power of
        // ten, one correctly rounded division) with fewer steps per digit.
        if n - i <= 16 {
            var m: UInt64 = 0, j = i
            while j < n, isDigit(p[j]) { m = m &* 10 &+ UInt64(p[j] &- 48); j += 1 }
            var fractionDigits = 0
            let integerDigits = j - i
            if j < n, p[j] == 46 {
                j += 1
                let fractionStart = j
                while j < n, isDigit(p[j]) { m = m &* 10 &+ UInt64(p[j] &- 48); j += 1 }
                fractionDigits = j - fractionStart
            }
            let allDigits = integerDigits + fractionDigits
            if j == n, allDigits >= 1, allDigits <= 15 {
                let value = fractionDigits == 0 ? Double(m) : Double(m) / exactPowersOfTen[fractionDigits]
                return .value(negative ? -value : value)
            }
        }
        var mantissa: UInt64 = 0
        var significant = 0, digits = 0, exponent = 0
        var digitsInGroup = 0, sawSeparator = false
        while i < n {
            let b = p[i]
            if isDigit(b) {
                if significant < 19 {
                    if mantissa != 0 || b != 48 {
                        mantissa = mantissa &* 10 &+ UInt64(b &- 48)
                        significant += 1
                    }
                } else {
                    significant += 1
                    exponent += 1
                }
                digits += 1
                digitsInGroup += 1
            } else if b == 44, thousands, digits > 0, (!sawSeparator ? digitsInGroup <= 3 : digitsInGroup == 3) {
                sawSeparator = true
                digitsInGroup = 0
            } else {
                break
            }
            i += 1
        }
        if sawSeparator && digitsInGroup != 3 { return .failure(.notANumber) }
        if i < n, p[i] == 46 {
            i += 1
            while i < n, isDigit(p[i]) {
                if significant < 19 {
                    if mantissa != 0 || p[i] != 48 {
                        mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48)
                        significant += 1
                    }
                    exponent -= 1
                } else {
                    significant += 1
                }
                digits += 1
                i += 1
            }
        }
        guard digits > 0 else { return .failure(.notANumber) }
        if i < n, p[i] == 101 || p[i] == 69 {
            i += 1
            var expNegative = false
            if i < n, p[i] == 45 || p[i] == 43 { expNegative = p[i] == 45; i += 1 }
            guard i < n, isDigit(p[i]) else { return .failure(.notANumber) }
            var e = 0
            while i < n, isDigit(p[i]) {
                if e < 100_000 { e = e * 10 + Int(p[i] &- 48) }
                i += 1
            }
            exponent += expNegative ? -e : e
        }
        guard i == n else { return .failure(.notANumber) }
        if significant <= 15 && exponent >= -22 && exponent <= 22 {
            var value = Double(mantissa)
            if exponent >= 0 { value *= exactPowersOfTen[exponent] } else { value /= exactPowersOfTen[-exponent] }
            return .value(negative ? -value : value)
        }
        return slowDouble(p + start, n - start, negative: negative)
    }

    /// `inf`, `infinity`, `nan` in any case.
    static func special(_ p: UnsafePointer<UInt8>, _ n: Int, negative: Bool) -> FieldParse<Double> {
        func matches(_ word: StaticString) -> Bool {
            guard n == word.utf8CodeUnitCount else { return false }
            let w = word.utf8Start
            for k in 0..<n where p[k] | 0x20 != w[k] { return false }
            return true
        }
        if matches("inf") || matches("infinity") { return .value(negative ? -.infinity : .infinity) }
        if matches("nan") { return .value(.nan) }
        return .failure(.notANumber)
    }

    /// `strtod` on the number's digits with separators and currency removed (already validated).
    static func slowDouble(_ p: UnsafePointer<UInt8>, _ n: Int, negative: Bool) -> FieldParse<Double> {
        var buffer = [CChar]()
        buffer.reserveCapacity(n + 2)
        if negative { buffer.append(45) }
        for k in 0..<n where isDigit(p[k]) || p[k] == 46 || p[k] == 101 || p[k] == 69 || p[k] == 45 || p[k] == 43 {
            buffer.append(CChar(bitPattern: p[k]))
        }
        buffer.append(0)
        let value: Double? = buffer.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return nil }
            var end: UnsafeMutablePointer<CChar>?
            let v = strtod(base, &end)
            guard let end, end == UnsafeMutablePointer(mutating: base) + (b.count - 1) else { return nil }
            return v
        }
        guard let value else { return .failure(.notANumber) }
        return .value(value)
    }

    /// A boolean: `1`/`0`, `true`/`false`, `yes`/`no`, `t`/`f`, `y`/`n` (letters in any case).
    static func boolean(_ p0: UnsafePointer<UInt8>, _ n0: Int) -> FieldParse<Bool> {
        let (p, n) = trimmed(p0, n0)
        if n == 1 {
            switch p[0] | (p[0] >= 65 ? 0x20 : 0) {
            case 49, 116, 121: return .value(true)   // 1 t y
            case 48, 102, 110: return .value(false)  // 0 f n
            default: return .failure(.notABoolean)
            }
        }
        var lower: UInt64 = 0
        if n > 5 { return .failure(.notABoolean) }
        for k in 0..<n { lower = lower << 8 | UInt64(p[k] | 0x20) }
        switch lower {
        case 0x74_72_75_65, 0x79_65_73: return .value(true)       // true, yes
        case 0x66_61_6C_73_65, 0x6E_6F: return .value(false)      // false, no
        default: return .failure(.notABoolean)
        }
    }

    /// Reads 1…`maxDigits` ASCII digits at `p[i]`.
    @inline(__always)
    static func digits(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ n: Int, min: Int, max: Int) -> Int? {
        var value = 0, count = 0
        while i < n, count < max, isDigit(p[i]) {
            value = value * 10 + Int(p[i] &- 48)
            i += 1
            count += 1
        }
        return count >= min ? value : nil
    }

    /// Whether the bytes at `p[i]` are the three-byte UTF-8 character `c0 c1 c2`; advances past it.
    @inline(__always)
    static func eat3(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ n: Int, _ c0: UInt8, _ c1: UInt8, _ c2: UInt8) -> Bool {
        guard i + 2 < n, p[i] == c0, p[i + 1] == c1, p[i + 2] == c2 else { return false }
        i += 3
        return true
    }

    /// Parses `YYYY-MM-DD`, `YYYY/MM/DD` (month and day 1–2 digits) or `YYYY年M月D日` at the start of
    /// `p`, leaving `i` after it. Year 1–9999.
    static func datePrefix(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ n: Int) -> FieldParse<Int32> {
        guard let year = digits(p, &i, n, min: 4, max: 4), i < n else { return .failure(.notADate) }
        let month: Int, day: Int
        if p[i] == 45 || p[i] == 47 {
            let separator = p[i]
            i += 1
            guard let m = digits(p, &i, n, min: 1, max: 2), i < n, p[i] == separator else { return .failure(.notADate) }
            i += 1
            guard let d = digits(p, &i, n, min: 1, max: 2) else { return .failure(.notADate) }
            month = m; day = d
        } else if eat3(p, &i, n, 0xE5, 0xB9, 0xB4) {  // 年
            guard let m = digits(p, &i, n, min: 1, max: 2), eat3(p, &i, n, 0xE6, 0x9C, 0x88),  // 月
                  let d = digits(p, &i, n, min: 1, max: 2), eat3(p, &i, n, 0xE6, 0x97, 0xA5)  // 日
            else { return .failure(.notADate) }
            month = m; day = d
        } else {
            return .failure(.notADate)
        }
        guard year >= 1, CivilDate.isValid(year: year, month: month, day: day) else { return .failure(.dateOutOfRange) }
        return .value(Int32(truncatingIfNeeded: CivilDate.days(year: year, month: month, day: day)))
    }

    /// A date (see `datePrefix`), nothing after it.
    static func date(_ p0: UnsafePointer<UInt8>, _ n0: Int) -> FieldParse<Int32> {
        let (p, n) = trimmed(p0, n0)
        var i = 0
        let result = datePrefix(p, &i, n)
        if case .value = result, i != n { return .failure(.notADate) }
        return result
    }

    /// `YYYY-MM` (or `YYYY/MM`, `YYYY年M月`) as months since 1970-01.
    static func month(_ p0: UnsafePointer<UInt8>, _ n0: Int) -> FieldParse<Int32> {
        let (p, n) = trimmed(p0, n0)
        var i = 0
        guard let year = digits(p, &i, n, min: 4, max: 4), i < n else { return .failure(.notAMonth) }
        let month: Int
        if p[i] == 45 || p[i] == 47 {
            i += 1
            guard let m = digits(p, &i, n, min: 1, max: 2), i == n else { return .failure(.notAMonth) }
            month = m
        } else if eat3(p, &i, n, 0xE5, 0xB9, 0xB4) {
            guard let m = digits(p, &i, n, min: 1, max: 2), eat3(p, &i, n, 0xE6, 0x9C, 0x88), i == n else {
                return .failure(.notAMonth)
            }
            month = m
        } else {
            return .failure(.notAMonth)
        }
        guard year >= 1, month >= 1, month <= 12 else { return .failure(.notAMonth) }
        return .value(Int32((year - 1970) * 12 + month - 1))
    }

    /// An ISO 8601 timestamp: a date, then `T`/`t`/space and `HH:MM[:SS[.fff]]`, then optional `Z` or
    /// `±hh:mm`/`±hhmm`/`±hh`; a date alone is midnight. Converted to UTC whole seconds
    /// (fractions are truncated toward the past); a reading without an offset is taken as UTC.
    static func timestamp(_ p0: UnsafePointer<UInt8>, _ n0: Int) -> FieldParse<Int64> {
        switch wallTime(p0, n0) {
        case let .value(w): return .value(w.instant(in: .utc))
        case let .failure(problem): return .failure(problem)
        }
    }

    /// The date, clock time and written offset of an ISO 8601 timestamp (see `timestamp`).
    static func wallTime(_ p0: UnsafePointer<UInt8>, _ n0: Int) -> FieldParse<WallTime> {
        let (p, n) = trimmed(p0, n0)
        var i = 0
        let days: Int32
        switch datePrefix(p, &i, n) {
        case let .value(d): days = d
        case let .failure(problem): return .failure(problem == .dateOutOfRange ? .dateOutOfRange : .notATimestamp)
        }
        if i == n { return .value(WallTime(days: days, secondOfDay: 0, offset: nil)) }
        guard p[i] == 84 || p[i] == 116 || p[i] == 32 else { return .failure(.notATimestamp) }
        i += 1
        guard let hour = digits(p, &i, n, min: 2, max: 2), i < n, p[i] == 58,
              ({ i += 1; return true }()), let minute = digits(p, &i, n, min: 2, max: 2)
        else { return .failure(.notATimestamp) }
        var second = 0
        if i < n, p[i] == 58 {
            i += 1
            guard let s = digits(p, &i, n, min: 2, max: 2) else { return .failure(.notATimestamp) }
            second = s
            if i < n, p[i] == 46 || p[i] == 44 {
                i += 1
                guard i < n, isDigit(p[i]) else { return .failure(.notATimestamp) }
                while i < n, isDigit(p[i]) { i += 1 }
            }
        }
        guard hour <= 23, minute <= 59, second <= 59 else { return .failure(.notATimestamp) }
        let clock = hour * 3600 + minute * 60 + second
        if i == n { return .value(WallTime(days: days, secondOfDay: clock, offset: nil)) }
        if p[i] == 90 || p[i] == 122 {
            return i + 1 == n ? .value(WallTime(days: days, secondOfDay: clock, offset: 0)) : .failure(.notATimestamp)
        }
        guard p[i] == 43 || p[i] == 45 else { return .failure(.notATimestamp) }
        let sign = p[i] == 45 ? -1 : 1
        i += 1
        guard let offsetHours = digits(p, &i, n, min: 2, max: 2) else { return .failure(.notATimestamp) }
        var offsetMinutes = 0
        if i < n {
            if p[i] == 58 { i += 1 }
            guard let m = digits(p, &i, n, min: 2, max: 2) else { return .failure(.notATimestamp) }
            offsetMinutes = m
        }
        guard i == n, offsetHours <= 23, offsetMinutes <= 59 else { return .failure(.notATimestamp) }
        return .value(WallTime(days: days, secondOfDay: clock, offset: sign * (offsetHours * 3600 + offsetMinutes * 60)))
    }

    /// Whether `p[0..<n]` is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
    static func isValidUTF8(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        while i < n {
            let b = p[i]
            if b < 0x80 { i += 1; continue }
            let length: Int, lower: UInt8, upper: UInt8
            switch b {
            case 0xC2...0xDF: length = 2; lower = 0x80; upper = 0xBF
            case 0xE0: length = 3; lower = 0xA0; upper = 0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3; lower = 0x80; upper = 0xBF
            case 0xED: length = 3; lower = 0x80; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90; upper = 0xBF
            case 0xF1...0xF3: length = 4; lower = 0x80; upper = 0xBF
            case 0xF4: length = 4; lower = 0x80; upper = 0x8F
            default: return false
            }
            guard i + length <= n, p[i + 1] >= lower, p[i + 1] <= upper else { return false }
            for k in 2..<max(2, length) where p[i + k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }
}
