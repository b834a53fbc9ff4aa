import SalesData
/// The calendar grain of cohorts and of the periods since the cohort started.
public enum CohortPeriod: String, Sendable, Equatable, CaseIterable, Codable {
    /// ISO weeks, Monday to Sunday; labelled by their Monday (`2024-01-01`).
    case week
    /// Calendar months, labelled `YYYY-MM`.
    case month
    /// Calendar quarters, labelled `YYYY-Qn`.
    case quarter

    /// The period holding `day`, as a running index (weeks since the week of 1970-01-01,
    /// `year × 12 + month − 1`, or `year × 4 + quarter − 1`); consecutive periods differ by 1.
    /// - Parameter day: Days since 1970-01-01.
    /// - Complexity: O(1).
    public func index(ofDay day: Int32) -> Int32 {
        switch self {
        case .week:
            // 1970-01-01 was a Thursday: shifting by 3 makes Mondays start the weeks.
            let shifted = Int64(day) + 3
            return Int32(truncatingIfNeeded: shifted >= 0 ? shifted / 7 : (shifted - 6) / 7)
        case .month:
            let (y, m, _) = CivilDate.civil(fromDays: Int(day))
            return Int32(truncatingIfNeeded: y * 12 + m - 1)
        case .quarter:
            let (y, m, _) = CivilDate.civil(fromDays: Int(day))
            return Int32(truncatingIfNeeded: y * 4 + (m - 1) / 3)
        }
    }

    /// The label of the period with running index `index` (see `index(ofDay:)`).
    /// - Parameter index: A period index.
    /// - Returns: `2024-01-01` (the Monday of a week), `2024-01`, or `2024-Q1`.
    public func label(ofIndex index: Int32) -> String {
        let i = Int(index)
        switch self {
        case .week:
            return CivilDate.isoString(fromDays: 7 * i - 3)
        case .month:
            let year = i >= 0 ? i / 12 : (i - 11) / 12
            let month = i - year * 12 + 1
            return Self.pad(year, 4) + "-" + Self.pad(month, 2)
        case .quarter:
            let year = i >= 0 ? i / 4 : (i - 3) / 4
            return Self.pad(year, 4) + "-Q\(i - year * 4 + 1)"
        }
    }

    /// `value` zero-padded to `width` digits (sign in front).
    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(abs(value))
        let padded = text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        return value < 0 ? "-" + padded : padded
    }
}

/// Which customers count as retained in period N of their cohort.
public enum RetentionMode: String, Sendable, Equatable, CaseIterable, Codable {
    /// "N-period" retention: customers with an order in period N itself.
    case returnOn = "return-on"
    /// "Unbounded" retention: customers with an order in period N or any later period.
    case returnOnOrAfter = "return-on-or-after"
}
