/// Number formatting for people: money with thousands separators and a currency symbol,
/// percentages, and fixed decimals. Deterministic (no locale lookups).
public enum Formatting {
    /// `value` with `decimals` digits after the point and `,` thousands separators (`-1,234.50`).
    /// Non-finite values render as `NaN`, `inf`, `-inf`; so the output never lies about them.
    /// - Complexity: O(digits).
    public static func grouped(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
        let fixed = fixed(abs(value), decimals: decimals)
        let parts = fixed.split(separator: ".", maxSplits: 1)
        let integer = Array(parts[0])
        var grouped = ""
        for (i, c) in integer.enumerated() {
            if i > 0 && (integer.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        let sign = value < 0 && fixed.contains(where: { $0 != "0" && $0 != "." }) ? "-" : ""
        return sign + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// Money: `currency` symbol before the grouped amount (`$1,234.50`, `-¥12.00`).
    public static func money(_ value: Double, currency: String = "$", decimals: Int = 2) -> String {
        let text = grouped(value, decimals: decimals)
        return text.hasPrefix("-") ? "-" + currency + text.dropFirst() : currency + text
    }

    /// A ratio as a percentage: `0.1234` → `12.3%`.
    public static func percent(_ ratio: Double, decimals: Int = 1) -> String {
        guard ratio.isFinite else { return ratio.isNaN ? "NaN" : (ratio > 0 ? "inf" : "-inf") }
        return fixed(ratio * 100, decimals: decimals) + "%"
    }

    /// `value` rounded half away from zero to `decimals` digits, without exponent notation.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
        let decimals = max(0, min(decimals, 12))
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e15 else { return String(value) }
        let digits = String(UInt64(scaled))
        let padded = digits.count <= decimals ? String(repeating: "0", count: decimals - digits.count + 1) + digits : digits
        let cut = padded.index(padded.endIndex, offsetBy: -decimals)
        let body = decimals == 0 ? padded : padded[..<cut] + "." + padded[cut...]
        return (value < 0 && scaled > 0 ? "-" : "") + body
    }
}
