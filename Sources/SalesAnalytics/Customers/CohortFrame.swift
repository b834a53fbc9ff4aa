import SalesData
/// Each customer's cohort and the dense cohort × period frame, shared by the in-memory and the
/// streaming cohort analysis (`CohortAnalysis`).
struct CohortFrame: Sendable {
    /// Cohort start period per customer code (meaningful where `hasCohort`).
    let cohortOf: [Int32]
    /// Whether the customer has a cohort from orders (at least one used order).
    let hasCohort: [Bool]
    /// Cohort periods of signed-up customers without a used order (signup origin only).
    let signupOnly: [Int32]
    /// The earliest cohort period (row 0 of the dense tables).
    let firstCohort: Int32
    /// The last observable period.
    let lastPeriod: Int32
    /// Period columns and cohort rows of the dense tables.
    let width: Int

    /// Assigns cohorts.
    /// - Parameters:
    ///   - customerIDs: The ids by code.
    ///   - firstDay: Each customer's first used day (`Int32.max`: none).
    ///   - lastDay: The last day of data.
    ///   - options: Grain and origin.
    /// - Throws: `CohortError.missingSignup` for the first customer (by code) with orders and no signup.
    /// - Complexity: O(customers + signups).
    init(customerIDs: [String], firstDay first: [Int32], lastDay: Int32, options: CohortOptions) throws {
        let customers = customerIDs.count
        let grain = options.period
        var cohortOf = [Int32](repeating: 0, count: customers)
        var hasCohort = [Bool](repeating: false, count: customers)
        var signupOnly: [Int32] = []
        switch options.origin {
        case .firstOrder:
            for c in 0..<customers where first[c] != .max {
                cohortOf[c] = Int32(truncatingIfNeeded: grain.index(ofDay: first[c])); hasCohort[c] = true
            }
        case let .signup(signups):
            var dayOf: [String: Int32] = [:]
            dayOf.reserveCapacity(signups.customerIDs.count)
            for (id, day) in zip(signups.customerIDs, signups.days) { dayOf[id] = day }
            var inLog = Set<String>(minimumCapacity: customers)
            for c in 0..<customers {
                let id = customerIDs[c]
                inLog.insert(id)
                guard first[c] != .max else { continue }
                guard let day = dayOf[id] else { throw CohortError.missingSignup(customer: id) }
                cohortOf[c] = Int32(truncatingIfNeeded: grain.index(ofDay: day)); hasCohort[c] = true
            }
            for (id, day) in zip(signups.customerIDs, signups.days) where !inLog.contains(id) {
                signupOnly.append(Int32(truncatingIfNeeded: grain.index(ofDay: day)))
            }
            // Signed-up customers that appear in the log with no used order also have a cohort.
            for c in 0..<customers where first[c] == .max {
                if let day = dayOf[customerIDs[c]] { signupOnly.append(Int32(truncatingIfNeeded: grain.index(ofDay: day))) }
            }
        }
        var firstCohort = Int32.max, lastCohort = Int32.min
        for c in 0..<customers where hasCohort[c] {
            firstCohort = min(firstCohort, cohortOf[c]); lastCohort = max(lastCohort, cohortOf[c])
        }
        for p in signupOnly { firstCohort = min(firstCohort, p); lastCohort = max(lastCohort, p) }
        // A signup after the last order still gets its cohort (observable for one period).
        let lastPeriod = max(Int32(truncatingIfNeeded: grain.index(ofDay: lastDay)), lastCohort)
        firstCohort = min(firstCohort, lastPeriod)
        self.cohortOf = cohortOf
        self.hasCohort = hasCohort
        self.signupOnly = signupOnly
        self.firstCohort = firstCohort
        self.lastPeriod = lastPeriod
        self.width = Int(lastPeriod - firstCohort) + 1
    }
}

/// Dense cohort × period accumulators (row-major, `width × width`) and per-cohort counts.
struct CohortCells: Sendable {
    var active: [Int], lastHistogram: [Int], revenue: [Int64], capped: [Int64]
    var sizes: [Int], repeats: [Int], beforeSignup = 0

    /// Zeroed tables.
    /// - Parameter width: Cohort rows and period columns.
    init(width: Int) {
        let cellCount = width * width
        active = [Int](repeating: 0, count: cellCount)
        lastHistogram = [Int](repeating: 0, count: cellCount)
        revenue = [Int64](repeating: 0, count: cellCount)
        capped = [Int64](repeating: 0, count: cellCount)
        sizes = [Int](repeating: 0, count: width)
        repeats = [Int](repeating: 0, count: width)
    }
}

extension CohortAnalysis {
    /// The result from the accumulated tables: cohorts with customers only, "return on or after"
    /// as the suffix sums of the last-active-period histogram.
    /// - Complexity: O(cohorts × periods).
    static func assemble(_ total: CohortCells, frame: CohortFrame, options: CohortOptions, futureOrderCount: Int,
                         excludedRefundCount: Int, usedOrders: Int, firstDay: Int32, lastDay: Int32) -> CohortResult {
        let width = frame.width, grain = options.period
        var labels: [String] = [], indices: [Int32] = [], sizes: [Int] = [], observable: [Int] = [], repeats: [Int] = []
        var active: [Int] = [], onOrAfter: [Int] = [], revenue: [Int64] = [], capped: [Int64] = []
        for row in 0..<width where total.sizes[row] > 0 {
            let index = frame.firstCohort + Int32(row)
            labels.append(grain.label(ofIndex: Int(index)))
            indices.append(index)
            sizes.append(total.sizes[row])
            repeats.append(total.repeats[row])
            observable.append(Int(frame.lastPeriod - index) + 1)
            let base = row * width
            active.append(contentsOf: total.active[base..<(base + width)])
            revenue.append(contentsOf: total.revenue[base..<(base + width)])
            capped.append(contentsOf: total.capped[base..<(base + width)])
            var suffix = [Int](repeating: 0, count: width)
            var running = 0
            for p in stride(from: width - 1, through: 0, by: -1) {
                running += total.lastHistogram[base + p]
                suffix[p] = running
            }
            onOrAfter.append(contentsOf: suffix)
        }
        return CohortResult(options: options, cohortLabels: labels, cohortIndices: indices, periodCount: width,
                            sizes: sizes, observablePeriods: observable, activeReturnOn: active,
                            activeOnOrAfter: onOrAfter, revenueMinorUnits: revenue, cappedRevenueMinorUnits: capped,
                            repeatCustomers: repeats, futureOrderCount: futureOrderCount,
                            excludedRefundCount: excludedRefundCount,
                            ordersBeforeSignupCount: total.beforeSignup, orderCount: usedOrders - total.beforeSignup,
                            lastDay: lastDay,
                            coverage: PeriodCoverage(unit: grain, firstDay: Int(firstDay), lastDay: Int(lastDay)))
    }
}
