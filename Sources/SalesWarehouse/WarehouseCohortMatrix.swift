import SalesData

/// A cohort matrix computed in a warehouse (`CohortPlan`): counts and revenue per cohort and
/// period since the cohort's first period, densified locally over the observable periods.
public struct WarehouseCohortMatrix: Sendable, Equatable {
    /// One observable cell, as the rows of `saleskit cohort --format csv`.
    public struct Cell: Sendable, Equatable {
        /// The cohort's label (its first period).
        public let cohort: String
        /// Periods since the cohort's first period.
        public let period: Int
        /// Customers in the cohort.
        public let customers: Int
        /// Customers active in the period (mode "return on").
        public let active: Int
        /// Customers active in the period or later (mode "return on or after").
        public let activeOnOrAfter: Int
        /// Net revenue of the cohort in the period, in minor units.
        public let revenueMinorUnits: Int64
        /// Whether the data cover the cell's calendar period only in part (``WarehouseCohortMatrix/coverage``):
        /// the data start after the period's first day or end before its last day, as
        /// `CohortResult.isPartial(_:_:)` in memory.
        public let partial: Bool
    }

    /// The grain.
    public let period: WarehousePeriod
    /// Cohort period indices, ascending (cohorts with customers only).
    public let cohortIndices: [Int64]
    /// Customers per cohort.
    public let sizes: [Int]
    /// The last observable period index (the as-of day's period).
    public let lastPeriod: Int64
    /// Used orders, orders after the as-of day, refunds left out.
    public let usedOrders: Int, futureOrders: Int, excludedRefunds: Int
    /// The input facts over the whole relation (customers without a purchase among them).
    public let facts: WarehouseOrderFacts
    /// Result bytes moved from the engine.
    public let bytesReceived: Int
    /// The periods the used orders touch, from the first used order's day to the last day of data
    /// (the as-of day, or the last used order's day), in `PeriodUnit` indices: its partial first
    /// and last periods flag the cells (``Cell/partial``).
    public let coverage: PeriodCoverage
    /// Active customers, active-or-later customers and minor units per cohort row × period.
    private let active: [[Int]], onOrAfter: [[Int]], revenue: [[Int64]]

    /// Assembles the matrix from the engine's sparse cells and last-period histogram.
    init(period: WarehousePeriod, lastPeriod: Int64, cells: ([Int64], [Int64], [Int64], [Int64]),
         lastActive: ([Int64], [Int64], [Int64]), usedOrders: Int, futureOrders: Int, excludedRefunds: Int,
         facts: WarehouseOrderFacts, bytesReceived: Int, coverage: PeriodCoverage) {
        let cohorts = Array(Set(lastActive.0)).sorted()
        var row: [Int64: Int] = [:]
        for (i, c) in cohorts.enumerated() { row[c] = i }
        let widths = cohorts.map { Int(max(0, lastPeriod - $0 + 1)) }
        var active = widths.map { [Int](repeating: 0, count: $0) }
        var revenue = widths.map { [Int64](repeating: 0, count: $0) }
        var histogram = widths.map { [Int](repeating: 0, count: $0) }
        var sizes = [Int](repeating: 0, count: cohorts.count)
        for i in cells.0.indices {
            guard let r = row[cells.0[i]], let p = Int(exactly: cells.1[i]), p >= 0, p < widths[r] else { continue }
            active[r][p] += Int(cells.2[i])
            revenue[r][p] &+= cells.3[i]
        }
        for i in lastActive.0.indices {
            guard let r = row[lastActive.0[i]], let p = Int(exactly: lastActive.1[i]) else { continue }
            sizes[r] += Int(lastActive.2[i])
            if p >= 0, p < widths[r] { histogram[r][p] += Int(lastActive.2[i]) }
        }
        self.onOrAfter = histogram.map { h in
            var suffix = h
            var running = 0
            for p in stride(from: h.count - 1, through: 0, by: -1) { running += h[p]; suffix[p] = running }
            return suffix
        }
        self.period = period
        self.cohortIndices = cohorts
        self.sizes = sizes
        self.lastPeriod = lastPeriod
        self.active = active
        self.revenue = revenue
        self.usedOrders = usedOrders
        self.futureOrders = futureOrders
        self.excludedRefunds = excludedRefunds
        self.facts = facts
        self.bytesReceived = bytesReceived
        self.coverage = coverage
    }

    /// Whether the engine's period `index` (see `OrderRelation.periodIndex`) is partial in ``coverage``.
    /// - Parameter index: A running period index as the engine computes it.
    public func isPartial(engineIndex index: Int64) -> Bool {
        coverage.isPartial(Int(truncatingIfNeeded: index - period.engineIndexOffset))
    }

    /// The observable cells, cohort by cohort and period by period.
    /// - Complexity: O(cohorts × periods).
    public var cells: [Cell] {
        var out: [Cell] = []
        for r in cohortIndices.indices {
            let label = period.label(ofIndex: cohortIndices[r])
            for p in active[r].indices {
                out.append(Cell(cohort: label, period: p, customers: sizes[r], active: active[r][p],
                                activeOnOrAfter: onOrAfter[r][p], revenueMinorUnits: revenue[r][p],
                                partial: isPartial(engineIndex: cohortIndices[r] + Int64(p))))
            }
        }
        return out
    }
}

extension WarehousePeriod {
    /// The calendar grain of SalesData with the same periods.
    public var unit: PeriodUnit {
        switch self {
        case .week: return .week
        case .month: return .month
        case .quarter: return .quarter
        }
    }

    /// The engine's running index minus `PeriodUnit`'s for the same period: the engine counts
    /// months and quarters from year 0 (`year * 12 + month - 1`), `PeriodUnit` from 1970; weeks
    /// agree (`floor((day + 3) / 7)` in both).
    var engineIndexOffset: Int64 {
        switch self {
        case .week: return 0
        case .month: return 1970 * 12
        case .quarter: return 1970 * 4
        }
    }
}
