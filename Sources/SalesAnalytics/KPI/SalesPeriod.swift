/// A calendar period for sales KPIs: months or quarters, keyed by an integer index.
public enum SalesPeriod: String, Sendable, Codable, CaseIterable {
    /// Calendar months (`YYYY-MM`).
    case month
    /// Calendar quarters (`YYYY-Qn`).
    case quarter

    /// The period index of a day: months since 1970-01 (or quarters since 1970-Q1).
    /// - Parameter day: Days since 1970-01-01.
    /// - Returns: The index.
    public func index(ofDay day: Int32) -> Int {
        let civil = CivilDate.civil(fromDays: Int(day))
        let month = (civil.year - 1970) * 12 + civil.month - 1
        return self == .month ? month : Int((Double(month) / 3).rounded(.down))
    }

    /// The label of a period index: `2024-03` or `2024-Q1`.
    /// - Parameter index: The period index.
    /// - Returns: The label.
    public func label(_ index: Int) -> String {
        switch self {
        case .month:
            let year = 1970 + Int((Double(index) / 12).rounded(.down))
            let month = index - (year - 1970) * 12 + 1
            return "\(year)-" + (month < 10 ? "0" : "") + "\(month)"
        case .quarter:
            let year = 1970 + Int((Double(index) / 4).rounded(.down))
            return "\(year)-Q\(index - (year - 1970) * 4 + 1)"
        }
    }

    /// Parses a targets.csv period (`YYYY-MM` or `YYYY-Qn`) into this granularity: a month
    /// label into a quarter index when this is `.quarter`; a quarter label is `nil` for `.month`
    /// (a quarterly quota cannot be split into months without a rule).
    /// - Parameter text: The label.
    /// - Returns: The index, or `nil` when the text is not a period or is coarser than `self`.
    public func parse(_ text: String) -> Int? {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]) else { return nil }
        if parts[1].hasPrefix("Q") {
            guard self == .quarter, let q = Int(parts[1].dropFirst()), (1...4).contains(q) else { return nil }
            return (year - 1970) * 4 + q - 1
        }
        guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return nil }
        let m = (year - 1970) * 12 + month - 1
        return self == .month ? m : Int((Double(m) / 3).rounded(.down))
    }
}
