import Foundation
import SalesKit

/// How a table cell writes a value, decided once per command by `--format`: for people
/// (`table`: grouped digits, a currency sign, percents, units, a dash or a reason when missing) or
/// as data (`csv`: the number in full precision — the shortest text that reads back to the same
/// Double —, a ratio as a fraction, a duration in seconds, empty when missing).
struct CellFormat {
    /// Whether cells carry raw values (CSV).
    let isData: Bool

    /// The cell format of an output format (`csv` is data; `table` and `json`'s tables are for people).
    init(_ format: OutputOptions.Format) { isData = format == .csv }

    /// Money: `$1,234.50` for people, `1234.5` as data.
    func money(_ value: Double?, missing: String = "") -> String {
        guard let value, value.isFinite else { return isData ? "" : missing }
        return isData ? csvNumber(value) : Formatting.money(value)
    }

    /// A ratio: `12.3%` for people, `0.12345…` as data.
    func percent(_ ratio: Double?, missing: String = "") -> String {
        guard let ratio, ratio.isFinite else { return isData ? "" : missing }
        return isData ? csvNumber(ratio) : Formatting.percent(ratio)
    }

    /// A count: `10,000` for people, `10000` as data.
    func count(_ value: Int?, missing: String = "") -> String {
        guard let value else { return isData ? "" : missing }
        return isData ? "\(value)" : Formatting.grouped(Double(value), decimals: 0)
    }

    /// A plain number: `decimals` digits and `suffix` for people, full precision as data.
    func number(_ value: Double?, decimals: Int, suffix: String = "", missing: String = "") -> String {
        guard let value, value.isFinite else { return isData ? "" : missing }
        return isData ? csvNumber(value) : Formatting.fixed(value, decimals: decimals) + suffix
    }

    /// A duration: `45s`, `3.5m`, `2.0h`, `4.1d` for people, seconds as data.
    func duration(_ seconds: Double?, missing: String = "–") -> String {
        guard let seconds, seconds.isFinite else { return isData ? "" : missing }
        if isData { return csvNumber(seconds) }
        if seconds < 120 { return "\(Int(seconds.rounded()))s" }
        if seconds < 7_200 { return String(format: "%.1fm", seconds / 60) }
        if seconds < 172_800 { return String(format: "%.1fh", seconds / 3_600) }
        return String(format: "%.1fd", seconds / 86_400)
    }

    /// Text, or `missing` for people and empty as data when there is none.
    func text(_ value: String?, missing: String = "–") -> String {
        value ?? (isData ? "" : missing)
    }
}
