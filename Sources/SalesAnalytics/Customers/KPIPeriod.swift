import SalesData

/// The reporting period of the KPI sheet: ISO-style weeks (Monday–Sunday, labelled by their
/// Monday `YYYY-MM-DD`), calendar months (`YYYY-MM`) or quarters (`YYYY-Qn`).
public enum KPIPeriod: String, Sendable, CaseIterable, Codable {
    /// Monday–Sunday weeks.
    case week
    /// Calendar months.
    case month
    /// Calendar quarters.
    case quarter

    /// Periods per year used for year-over-year growth: 52 weeks, 12 months, 4 quarters.
    public var periodsPerYear: Int {
        switch self {
        case .week: return 52
        case .month: return 12
        case .quarter: return 4
        }
    }

    /// A dense index of the period containing `day` (consecutive periods differ by 1).
    /// - Parameter day: Days since 1970-01-01.
    /// - Returns: Weeks since the Monday 1970-01-05, months since 1970-01, or quarters since 1970-Q1.
    public func index(ofDay day: Int32) -> Int {
        switch self {
        case .week:
            let shifted = Int(day) - 4
            return shifted >= 0 ? shifted / 7 : -((-shifted + 6) / 7)
        case .month:
            let c = CivilDate.civil(fromDays: Int(day))
            return (c.year - 1970) * 12 + c.month - 1
        case .quarter:
            let c = CivilDate.civil(fromDays: Int(day))
            return (c.year - 1970) * 4 + (c.month - 1) / 3
        }
    }

    /// The index of a calendar month (months since 1970-01, as the `month` column type stores it).
    /// - Parameter month: Months since 1970-01.
    /// - Returns: The month's index for `.month`, its quarter for `.quarter`, nil for `.week`
    ///   (a month does not fall into one week).
    public func index(ofMonth month: Int32) -> Int? {
        switch self {
        case .week: return nil
        case .month: return Int(month)
        case .quarter: return Int(month) >= 0 ? Int(month) / 3 : -((-Int(month) + 2) / 3)
        }
    }

    /// The label of a period index: `YYYY-MM-DD` (the Monday), `YYYY-MM` or `YYYY-Qn`.
    /// - Parameter index: A period index from `index(ofDay:)`.
    /// - Returns: The label.
    public func label(_ index: Int) -> String {
        switch self {
        case .week:
            return CivilDate.isoString(fromDays: 4 + index * 7)
        case .month:
            let y = 1970 + Int((Double(index) / 12).rounded(.down)), m = index - (y - 1970) * 12 + 1
            return "\(y)-\(m < 10 ? "0" : "")\(m)"
        case .quarter:
            let y = 1970 + Int((Double(index) / 4).rounded(.down)), q = index - (y - 1970) * 4 + 1
            return "\(y)-Q\(q)"
        }
    }
}
