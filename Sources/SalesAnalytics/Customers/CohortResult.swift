import SalesData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cohort retention tables: counts per cohort × period since start, and the rates derived from them.
///
/// Definitions (cohort `c`, period `N` = periods since the cohort's start period; cells after
/// the data's last period are not observable and are NaN in every matrix):
/// - size(c): customers in the cohort.
/// - a cohort is the period of a customer's first purchase (or signup); a purchase is a used order
///   with amount ≥ 0, a refund (amount < 0) is never a purchase (the OrdersPurchasesRefunds article);
/// - active(c, N) ("return on"): customers with a purchase in period N.
/// - activeOnOrAfter(c, N) ("return on or after"): customers with a purchase in period N or later.
/// - retention(c, N) = active / size, in the chosen `RetentionMode`.
/// - revenue(c, N): net revenue of the cohort's orders in period N (currency units); a refund dated
///   before the customer's cohort period is dropped.
/// - NRR(c, N) = revenue(c, N) / revenue(c, 0): net revenue retention, expansion included (can exceed 1).
/// - GRR(c, N) = Σᵢ min(revᵢ(N), revᵢ(0)) / revenue(c, 0) over the cohort's customers i: each
///   customer's period-N revenue is capped at their own period-0 revenue, so expansion never counts
///   (GRR ≤ 1 when revenues are non-negative).
/// - cumulative revenue per customer(c, N) = Σ_{n ≤ N} revenue(c, n) / size(c) (the LTV curve).
/// - churn(c, N) for N ≥ 1 = (activeOnOrAfter(c, N − 1) − activeOnOrAfter(c, N)) / activeOnOrAfter(c, N − 1):
///   the share of the customers still buying at N − 1 or later who never buy from N on. Near the
///   end of the data this overstates churn (customers who will come back later cannot be seen).
/// - repeat purchase rate(c) = customers with at least two purchases / size(c).
public struct CohortResult: Sendable {
    /// The options used.
    public let options: CohortOptions
    /// Cohort labels (`PeriodUnit.label(ofIndex:weeks:)`), oldest first; only cohorts with customers.
    public let cohortLabels: [String]
    /// The running period index of each cohort.
    public let cohortIndices: [Int32]
    /// Period columns: 0 … (last data period − first cohort period).
    public let periodCount: Int
    /// Customers per cohort.
    public let sizes: [Int]
    /// Observable periods per cohort (last data period − cohort period + 1).
    public let observablePeriods: [Int]
    /// Row-major `cohorts × periodCount` counts of customers active in period N.
    public let activeReturnOn: [Int]
    /// Row-major counts of customers active in period N or later.
    public let activeOnOrAfter: [Int]
    /// Row-major net revenue in minor units (exact).
    public let revenueMinorUnits: [Int64]
    /// Row-major Σ min(customer revenue in N, customer revenue in 0), minor units.
    public let cappedRevenueMinorUnits: [Int64]
    /// Customers with ≥ 2 used orders per cohort.
    public let repeatCustomers: [Int]
    /// Orders after the as-of date, left out.
    public let futureOrderCount: Int
    /// Refund rows left out under `RefundPolicy.exclude` or `.separate`.
    public let excludedRefundCount: Int
    /// Orders before the customer's signup period, left out (cohorts by signup only).
    public let ordersBeforeSignupCount: Int
    /// Orders used.
    public let orderCount: Int
    /// The last day of data used.
    public let lastDay: Int32
    /// The periods the used orders touch, from the first used order's day to ``lastDay``: its
    /// partial first and last periods are flagged by ``isPartialCohort(_:)`` and ``isPartial(_:_:)``.
    public let coverage: PeriodCoverage

    /// The number of cohorts.
    public var cohortCount: Int { cohortLabels.count }

    var minorUnitScale: Double { pow(10, Double(options.currencyDecimals)) }

    /// Whether cohort `row` starts in a period the data cover only in part (the first data period,
    /// when the first used order is after its first day): the cohort holds only the customers
    /// whose first order fell in the covered days.
    /// - Parameter row: A cohort row.
    public func isPartialCohort(_ row: Int) -> Bool { coverage.isPartial(Int(cohortIndices[row])) }

    /// Whether cell (`row`, `period`) lies in a calendar period the data cover only in part: the
    /// last observable cell of a cohort when the data end before the last day of that period (its
    /// activity is not complete yet), or period 0 of a partial first cohort.
    /// - Parameters:
    ///   - row: A cohort row.
    ///   - period: Periods since the cohort's start.
    public func isPartial(_ row: Int, _ period: Int) -> Bool { coverage.isPartial(Int(cohortIndices[row]) + period) }

    /// Whether cohort `row` can be observed at `period`.
    public func isObservable(_ row: Int, _ period: Int) -> Bool { period < observablePeriods[row] }

    /// Active customers of cohort `row` in `period` under `mode`.
    public func active(_ row: Int, _ period: Int, mode: RetentionMode) -> Int {
        let i = row * periodCount + period
        return mode == .returnOn ? activeReturnOn[i] : activeOnOrAfter[i]
    }

    /// Net revenue of cohort `row` in `period`, in currency units.
    public func revenue(_ row: Int, _ period: Int) -> Double {
        Double(revenueMinorUnits[row * periodCount + period]) / minorUnitScale
    }

    private func matrix(_ value: (Int, Int) -> Double) -> CohortMatrix {
        var values = [Double](repeating: .nan, count: cohortCount * periodCount)
        for row in 0..<cohortCount {
            for period in 0..<observablePeriods[row] { values[row * periodCount + period] = value(row, period) }
        }
        return CohortMatrix(rowLabels: cohortLabels, columns: periodCount, values: values)
    }

    /// Retention rates active / size.
    /// - Parameter mode: "Return on" or "return on or after".
    /// - Complexity: O(cohorts × periods).
    public func retention(_ mode: RetentionMode) -> CohortMatrix {
        matrix { row, period in
            sizes[row] == 0 ? .nan : Double(active(row, period, mode: mode)) / Double(sizes[row])
        }
    }

    /// Active customer counts as a matrix.
    /// - Parameter mode: "Return on" or "return on or after".
    public func activeCounts(_ mode: RetentionMode) -> CohortMatrix {
        matrix { row, period in Double(active(row, period, mode: mode)) }
    }

    /// Net revenue per cell, in currency units.
    public var revenue: CohortMatrix { matrix { revenue($0, $1) } }

    /// Net revenue retention revenue(N) / revenue(0) (NaN when revenue(0) is 0).
    public var netRevenueRetention: CohortMatrix {
        matrix { row, period in
            let base = revenueMinorUnits[row * periodCount]
            return base == 0 ? .nan : Double(revenueMinorUnits[row * periodCount + period]) / Double(base)
        }
    }

    /// Gross revenue retention Σ min(revᵢ(N), revᵢ(0)) / revenue(0) (NaN when revenue(0) is 0).
    public var grossRevenueRetention: CohortMatrix {
        matrix { row, period in
            let base = revenueMinorUnits[row * periodCount]
            return base == 0 ? .nan : Double(cappedRevenueMinorUnits[row * periodCount + period]) / Double(base)
        }
    }

    /// Cumulative net revenue per cohort customer through period N (currency units).
    public var cumulativeRevenuePerCustomer: CohortMatrix {
        var running = [Int64](repeating: 0, count: cohortCount)
        return matrix { row, period in
            running[row] = period == 0 ? revenueMinorUnits[row * periodCount]
                : running[row] &+ revenueMinorUnits[row * periodCount + period]
            return Double(running[row]) / minorUnitScale / Double(sizes[row])
        }
    }

    /// Churn per period N ≥ 1 (NaN in column 0 and where nobody was left to churn).
    public var churn: CohortMatrix {
        matrix { row, period in
            guard period > 0 else { return .nan }
            let before = activeOnOrAfter[row * periodCount + period - 1]
            let now = activeOnOrAfter[row * periodCount + period]
            return before == 0 ? .nan : Double(before - now) / Double(before)
        }
    }

    /// Repeat purchase rate per cohort.
    public var repeatPurchaseRates: [Double] {
        (0..<cohortCount).map { sizes[$0] == 0 ? .nan : Double(repeatCustomers[$0]) / Double(sizes[$0]) }
    }

    /// Repeat purchase rate over all cohorts.
    public var overallRepeatPurchaseRate: Double {
        let total = sizes.reduce(0, +)
        return total == 0 ? .nan : Double(repeatCustomers.reduce(0, +)) / Double(total)
    }
}
