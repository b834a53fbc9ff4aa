/// A month (`YYYY-MM`) or a quarter (`YYYY-Qn`), as in the `period` column of `targets.csv`.
public enum SalesPeriod: Sendable, Hashable, CustomStringConvertible {
    /// Months since 1970-01 (`2024-03` is `(2024 - 1970) * 12 + 2`).
    case month(Int32)
    /// Quarters since 1970-Q1 (`2024-Q2` is `(2024 - 1970) * 4 + 1`).
    case quarter(Int32)

    /// Parses `YYYY-MM` (month 1–12) or `YYYY-Qn` (n 1–4; `q` accepted); `nil` for anything else.
    /// - Parameter text: The period text.
    public init?(_ text: String) {
        let b = Array(text.utf8)
        guard b.count == 7, b[4] == 45, b[0..<4].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let year = b[0..<4].reduce(0) { $0 * 10 + Int($1 - 48) }
        guard year >= 1 else { return nil }
        if b[5] == 81 || b[5] == 113 {
            guard b[6] >= 49 && b[6] <= 52 else { return nil }
            self = .quarter(Int32((year - 1970) * 4 + Int(b[6] - 49)))
        } else {
            guard b[5] >= 48 && b[5] <= 57 && b[6] >= 48 && b[6] <= 57 else { return nil }
            let month = Int(b[5] - 48) * 10 + Int(b[6] - 48)
            guard month >= 1 && month <= 12 else { return nil }
            self = .month(Int32((year - 1970) * 12 + month - 1))
        }
    }

    /// `YYYY-MM` or `YYYY-Qn`.
    public var description: String {
        switch self {
        case let .month(m): return CSVWriter.isoMonth(m)
        case let .quarter(q):
            let year = 1970 + (q >= 0 ? Int(q) / 4 : (Int(q) - 3) / 4)
            return CivilDate.pad(year, 4) + "-Q" + String(Int(q) - (year - 1970) * 4 + 1)
        }
    }
}
