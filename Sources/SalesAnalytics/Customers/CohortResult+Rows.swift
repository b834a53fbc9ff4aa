/// One observable cell of a cohort matrix, as a row: a cohort in one period since its first one.
public struct CohortCell: Sendable, Equatable {
    /// The cohort's label (its first period).
    public let cohort: String
    /// Periods since the cohort's first period (0 is the first).
    public let period: Int
    /// Customers in the cohort.
    public let customers: Int
    /// Customers active in the period under the requested retention mode.
    public let active: Int
    /// `active / customers`.
    public let retention: Double
    /// Net revenue of the cohort in the period, currency units.
    public let revenue: Double
    /// Whether the data cover the cell's calendar period only in part (`CohortResult.isPartial(_:_:)`).
    public let partial: Bool
}

extension CohortResult {
    /// The observable cells of every cohort, cohort by cohort and period by period: the rows of
    /// `saleskit cohort --format csv`.
    /// - Parameter mode: Which retention `active` counts (default "return on").
    /// - Returns: One row per observable (cohort, period).
    /// - Complexity: O(cohorts × periods).
    public func cells(_ mode: RetentionMode = .returnOn) -> [CohortCell] {
        var rows: [CohortCell] = []
        rows.reserveCapacity(observablePeriods.reduce(0, +))
        for row in 0..<cohortCount {
            for period in 0..<observablePeriods[row] {
                let active = active(row, period, mode: mode)
                rows.append(CohortCell(cohort: cohortLabels[row], period: period, customers: sizes[row], active: active,
                                       retention: sizes[row] == 0 ? .nan : Double(active) / Double(sizes[row]),
                                       revenue: revenue(row, period), partial: isPartial(row, period)))
            }
        }
        return rows
    }
}
