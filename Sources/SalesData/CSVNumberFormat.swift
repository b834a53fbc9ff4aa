import Foundation

/// How the numbers of a file are written, when not as plain `1234.5`: the decimal separator, a
/// thousands separator, and (only when asked) currency symbols and accounting negatives `(27.50)`.
///
/// The default reads plain numbers only, so nothing changes meaning silently: `12,50` is an error
/// that names `--decimal-comma`, not 1250. The separator settings apply to every number column;
/// currency symbols and parentheses only to `double` (money) columns.
public struct CSVNumberFormat: Sendable, Equatable {
    /// Which amount notations money columns accept.
    public enum AmountNotation: String, Sendable, Equatable, CaseIterable {
        /// Plain numbers only (default).
        case plain
        /// A currency symbol before or after the number (`$12.50`, `-¥3`, `12,50 €`).
        case currency
        /// Currency symbols, and accounting negatives in parentheses: `(27.50)` is −27.50.
        case accounting
    }

    /// The byte between the integer and the fraction: `.` (default) or `,`.
    public var decimalSeparator: UInt8
    /// The thousands separator as UTF-8 text (`","`, `"."`, `"'"`, `" "`), or `nil` for none. A space
    /// also accepts U+00A0 and U+202F (the no-break spaces spreadsheets write).
    public var thousandsSeparator: String?
    /// Currency symbols and accounting negatives in money columns.
    public var amounts: AmountNotation

    /// A number format.
    /// - Parameters:
    ///   - decimalSeparator: `.` or `,` (as an ASCII byte).
    ///   - thousandsSeparator: The grouping separator, or `nil` (groups of three digits, before the decimal separator only).
    ///   - amounts: The amount notation of money columns.
    public init(decimalSeparator: UInt8 = 46, thousandsSeparator: String? = nil, amounts: AmountNotation = .plain) {
        self.decimalSeparator = decimalSeparator
        self.thousandsSeparator = thousandsSeparator
        self.amounts = amounts
    }

    /// Plain numbers: `.` decimal, no grouping, no symbols.
    public static let plain = CSVNumberFormat()

    /// Whether this is the plain format (the reader's fast path).
    public var isPlain: Bool { self == .plain }

    /// Rewrites `p[0..<n]` into the plain form the number parser reads (`-1234.5`), into `out`.
    /// - Parameter money: Whether currency symbols and parentheses may apply (double columns).
    /// - Returns: `false` when the text is not a number in this format.
    func normalize(_ p0: UnsafePointer<UInt8>, _ n0: Int, money: Bool, into out: inout [UInt8]) -> Bool {
        out.removeAll(keepingCapacity: true)
        var (p, n) = FieldParsers.trimmed(p0, n0)
        var negative = false
        if money, amounts == .accounting, n >= 2, p[0] == 40, p[n - 1] == 41 {
            negative = true
            (p, n) = FieldParsers.trimmed(p + 1, n - 2)
        }
        var i = 0, end = n
        @inline(__always) func sign() {
            if i < end, p[i] == 45 || p[i] == 43 {
                if p[i] == 45 { negative.toggle() }
                i += 1
            }
        }
        sign()
        if money, amounts != .plain {
            let c = FieldParsers.currencyLength(p, i, end)
            if c > 0 {
                i += c
                while i < end, p[i] == 32 { i += 1 }
                sign()
            } else {
                // A trailing symbol: `12,50 €`.
                var k = end - 1
                while k > i, p[k] & 0xC0 == 0x80 { k -= 1 }
                if k > i, FieldParsers.currencyLength(p, k, end) == end - k {
                    end = k
                    while end > i, p[end - 1] == 32 { end -= 1 }
                }
            }
        }
        if negative { out.append(45) }
        let separator = thousandsSeparator.map { Array($0.utf8) } ?? []
        let spaceGrouping = separator == [32]
        var digitsInGroup = 0, digits = 0, sawSeparator = false, sawDecimal = false
        while i < end {
            let b = p[i]
            if FieldParsers.isDigit(b) {
                out.append(b)
                digits += 1
                digitsInGroup += 1
                i += 1
                continue
            }
            if !sawDecimal, !separator.isEmpty {
                var length = 0
                if i + separator.count <= end, (0..<separator.count).allSatisfy({ p[i + $0] == separator[$0] }) {
                    length = separator.count
                } else if spaceGrouping, i + 2 <= end, p[i] == 0xC2, p[i + 1] == 0xA0 {
                    length = 2
                } else if spaceGrouping, i + 3 <= end, p[i] == 0xE2, p[i + 1] == 0x80, p[i + 2] == 0xAF {
                    length = 3
                }
                if length > 0 {
                    guard digits > 0, sawSeparator ? digitsInGroup == 3 : digitsInGroup <= 3 else { return false }
                    sawSeparator = true
                    digitsInGroup = 0
                    i += length
                    continue
                }
            }
            if b == decimalSeparator, !sawDecimal {
                if sawSeparator, digitsInGroup != 3 { return false }
                sawDecimal = true
                out.append(46)
                i += 1
                continue
            }
            if b == 101 || b == 69, digits > 0 {
                // An exponent: copied as it is.
                if sawSeparator, !sawDecimal, digitsInGroup != 3 { return false }
                sawDecimal = true
                sawSeparator = false
                while i < end { out.append(p[i]); i += 1 }
                break
            }
            return false
        }
        if sawSeparator, !sawDecimal, digitsInGroup != 3 { return false }
        return digits > 0
    }
}

/// Which other number formats would read a field that the reader's format does not (for the error).
enum NumberFormatHints {
    /// The hint for `text` in a column of the given kind (`money`: a double column, else integers),
    /// or `nil` when no other format reads it.
    static func hint(_ p: UnsafePointer<UInt8>, _ n: Int, current: CSVNumberFormat, money: Bool) -> String? {
        var candidates: [(String, CSVNumberFormat)] = []
        let amounts = current.amounts
        for (flags, decimal, thousands) in [("--decimal-comma", UInt8(44), nil as String?),
                                            ("--decimal-comma --thousands .", 44, "."),
                                            ("--decimal-comma --thousands space", 44, " "),
                                            ("--thousands ,", 46, ","),
                                            ("--thousands space", 46, " "),
                                            ("--thousands \"'\"", 46, "'")] {
            candidates.append((flags, CSVNumberFormat(decimalSeparator: decimal, thousandsSeparator: thousands, amounts: amounts)))
        }
        if money {
            for notation in [CSVNumberFormat.AmountNotation.currency, .accounting] where notation != amounts {
                let flag = "--amount-format \(notation.rawValue)"
                candidates.append((flag, CSVNumberFormat(decimalSeparator: current.decimalSeparator,
                                                         thousandsSeparator: current.thousandsSeparator, amounts: notation)))
                for (flags, decimal, thousands) in [("--decimal-comma", UInt8(44), nil as String?),
                                                    ("--decimal-comma --thousands .", 44, "."),
                                                    ("--thousands ,", 46, ",")] {
                    candidates.append((flag + " " + flags, CSVNumberFormat(decimalSeparator: decimal,
                                                                           thousandsSeparator: thousands, amounts: notation)))
                }
            }
        }
        var scratch: [UInt8] = []
        var fits: [String] = []
        for (flags, format) in candidates where format != current {
            // A fit that needs more options than an earlier fit adds nothing.
            func optionSet(_ text: String) -> Set<String> {
                Set(text.components(separatedBy: "--").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
            }
            let options = optionSet(flags)
            if fits.contains(where: { optionSet($0).isSubset(of: options) }) { continue }
            guard format.normalize(p, n, money: money, into: &scratch) else { continue }
            let parsed = scratch.withUnsafeBufferPointer { b -> Bool in
                guard let base = b.baseAddress else { return false }
                if money {
                    if case .value = FieldParsers.double(base, b.count, thousands: false, currency: false) { return true }
                } else {
                    if case .value = FieldParsers.int64(base, b.count, thousands: false, currency: false) { return true }
                }
                return false
            }
            if parsed { fits.append(flags) }
        }
        // Accounting reads everything currency reads: name it only where currency would not do.
        let found = fits
        fits.removeAll { flags in
            flags.hasPrefix("--amount-format accounting")
                && found.contains(flags.replacingOccurrences(of: "--amount-format accounting", with: "--amount-format currency"))
        }
        guard !fits.isEmpty else { return nil }
        if fits.count > 1 {
            return "it reads with " + fits.prefix(3).joined(separator: " or with ") + ": give the file's number format"
        }
        return "it reads with " + fits[0]
    }
}
