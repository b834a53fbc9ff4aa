import SalesKit

/// The footnote under tables that mark partial periods with `*`.
enum PartialPeriodNote {
    /// `* partial week: 2024-12-30 (data 2024-01-03 to 2024-12-30)`, or `nil` when no period is partial.
    /// - Parameter coverage: The periods the data touch.
    static func text(_ coverage: PeriodCoverage) -> String? {
        let partial = coverage.partialLabels
        guard !partial.isEmpty else { return nil }
        return "* partial \(coverage.unit.rawValue)\(partial.count > 1 ? "s" : ""): " + partial.joined(separator: ", ")
            + " (data \(CivilDate.isoString(fromDays: coverage.firstDay)) to \(CivilDate.isoString(fromDays: coverage.lastDay)))"
    }
}
