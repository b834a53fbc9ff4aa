import SalesData
import SalesModels

/// How refunds enter the customer summary: `RefundPolicy` (`.net` nets a refund into the purchase
/// period it falls in, or the customer's latest earlier purchase period — it returns goods bought
/// then; a refund before the customer's first purchase is dropped and counted as an orphan; refunds
/// never create a purchase period. `.exclude` and `.separate` ignore refund rows and count them).
public typealias SummaryRefundPolicy = RefundPolicy

/// Options of `CustomerSummary.build`: which orders are calibration and holdout, and in which
/// units periods and times are measured.
public struct CustomerSummaryOptions: Sendable, Equatable {
    /// The last day of the calibration window. Orders dated on or before it are calibration; later
    /// ones are holdout (as `lifetimes.utils.calibration_and_holdout_data`).
    public var calibrationEnd: Day
    /// The unit of recency, T and the holdout duration (day = 1, week = 7, month = 30.436875 days).
    public var unit: CustomerTimeUnit
    /// The purchase periods: purchases in one period count once and their amounts are summed
    /// (day; week = Monday–Sunday; calendar month). Period times are their first days.
    public var grouping: CustomerTimeUnit
    /// Refunds netted, or excluded (`.exclude`, `.separate`).
    public var refunds: SummaryRefundPolicy
    /// The last day of the holdout window; `nil`: the last order date. Orders after it are
    /// counted in the report and not used.
    public var holdoutEnd: Day?

    /// Options for a summary.
    ///
    /// - Parameters:
    ///   - calibrationEnd: Last calibration day.
    ///   - unit: Unit of recency, T and durations.
    ///   - grouping: Purchase period (default `.day`: one purchase per customer and day).
    ///   - refunds: Refund policy (default `.net`).
    ///   - holdoutEnd: Last holdout day (default: the last order date).
    public init(calibrationEnd: Day, unit: CustomerTimeUnit, grouping: CustomerTimeUnit = .day,
                refunds: SummaryRefundPolicy = .net, holdoutEnd: Day? = nil) {
        self.calibrationEnd = calibrationEnd
        self.unit = unit
        self.grouping = grouping
        self.refunds = refunds
        self.holdoutEnd = holdoutEnd
    }
}

/// What building a summary did with the rows: the facts the user should see next to the model.
public struct CustomerSummaryReport: Sendable, Equatable, Codable {
    /// Rows read.
    public var rows = 0
    /// Purchase rows (amount ≥ 0) in the calibration window.
    public var calibrationPurchaseRows = 0
    /// Purchase rows in the holdout window.
    public var holdoutPurchaseRows = 0
    /// Rows dated after the holdout end (not used).
    public var rowsAfterHoldoutEnd = 0
    /// Refund rows (amount < 0) in total.
    public var refundRows = 0
    /// Refund rows ignored (policy `.exclude`, or in the holdout window under `.net`).
    public var refundsIgnored = 0
    /// Refund rows netted into a calibration purchase period.
    public var refundsNetted = 0
    /// Refund rows before the customer's first purchase (dropped).
    public var orphanRefunds = 0
    /// Customers whose first purchase is in the holdout window (not in the summary).
    public var customersFirstSeenInHoldout = 0
    /// Customers with no purchase at all (only refunds).
    public var customersWithoutPurchases = 0
}

/// The per-customer summary of the BG/NBD and Gamma-Gamma models, built from orders:
/// the same quantities as `lifetimes.utils.summary_data_from_transaction_data` (with
/// `freq` = `grouping` and `freq_multiplier` = unit/grouping) and, for the holdout window, the
/// purchases that actually happened.
///
/// Definitions (times are differences of period first days, divided by `unit.days`):
/// - frequency x = distinct purchase periods in calibration − 1 (repeat purchase periods);
/// - recency tₓ = last − first calibration purchase period;
/// - age T = calibration-end period − first purchase period;
/// - monetary = mean amount of the repeat purchase periods (the first period excluded; 0 when x = 0),
///   a period's amount being the sum of its orders (and netted refunds);
/// - holdout purchases = distinct purchase periods among the orders dated after the calibration
///   end and up to the holdout end;
/// - holdout duration = holdout-end period − calibration-end period.
public struct CustomerSummary: Sendable, Equatable {
    /// Customer ids (only customers with a calibration purchase), in order of first appearance code.
    public let customerIDs: [String]
    /// x per customer.
    public let frequency: [Int]
    /// tₓ per customer, in `options.unit`.
    public let recency: [Double]
    /// T per customer, in `options.unit`.
    public let age: [Double]
    /// Mean repeat-period amount per customer (0 when x = 0).
    public let monetary: [Double]
    /// Date of the first purchase (days since 1970-01-01).
    public let firstPurchaseDay: [Int32]
    /// Distinct purchase periods per customer in the holdout window.
    public let holdoutPurchases: [Int]
    /// Holdout length in `options.unit` (0 when the holdout window is empty).
    public let holdoutDuration: Double
    /// The options the summary was built with (with `holdoutEnd` resolved).
    public let options: CustomerSummaryOptions
    /// What happened to the rows.
    public let report: CustomerSummaryReport

    /// The number of customers.
    public var count: Int { frequency.count }

    /// Builds the summary.
    ///
    /// - Parameters:
    ///   - orders: The orders.
    ///   - options: Calibration end, units, grouping, refund policy, holdout end.
    /// - Returns: The summary and its report.
    /// - Throws: `CustomerAnalyticsError.empty` for no rows; `.invalidOption` when the holdout
    ///   end is before the calibration end; `.noCustomersInCalibration` when nobody bought in
    ///   the calibration window.
    /// - Complexity: O(n + k log k) for n rows (k the largest customer's rows).
    public static func build(orders: OrderLog, options: CustomerSummaryOptions) throws -> CustomerSummary {
        guard let last = orders.lastDay else { throw CustomerAnalyticsError.empty(source: "orders", detail: "no order rows") }
        var options = options
        let calibrationEnd = options.calibrationEnd.clampedInt32
        let holdoutEnd = options.holdoutEnd.map(\.clampedInt32) ?? max(last, calibrationEnd)
        guard holdoutEnd >= calibrationEnd else {
            throw CustomerAnalyticsError.invalidOption(name: "holdoutEnd", value: CivilDate.isoString(fromDays: Int(holdoutEnd)),
                                 reason: "before the calibration end \(options.calibrationEnd)")
        }
        options.holdoutEnd = Day(holdoutEnd)
        let grouping = options.grouping
        let unitDays = options.unit.days
        let calibrationPeriod = CustomerPeriods.start(of: calibrationEnd, unit: grouping)
        let holdoutPeriod = CustomerPeriods.start(of: holdoutEnd, unit: grouping)

        var report = CustomerSummaryReport()
        report.rows = orders.count
        var ids: [String] = [], xs: [Int] = [], txs: [Double] = [], ts: [Double] = [], ms: [Double] = []
        var firsts: [Int32] = [], holdouts: [Int] = []
        let (offsets, rows) = orders.rowsByCustomer()
        var periodStarts: [Int32] = [], periodSums: [CompensatedSum] = []
        for c in 0..<orders.customerIDs.count {
            periodStarts.removeAll(keepingCapacity: true)
            periodSums.removeAll(keepingCapacity: true)
            var firstDay: Int32 = 0
            var holdoutCount = 0, lastHoldoutPeriod = Int32.min
            var sawPurchase = false
            // Purchases first (refunds are netted afterwards, so a same-day refund finds its purchase).
            for index in offsets[c]..<offsets[c + 1] {
                let row = rows[index]
                let day = orders.days[row], amount = orders.amounts[row]
                guard amount >= 0, day <= holdoutEnd else { continue }
                sawPurchase = true
                let period = CustomerPeriods.start(of: day, unit: grouping)
                if day <= calibrationEnd {
                    report.calibrationPurchaseRows += 1
                    if periodStarts.last == period {
                        periodSums[periodSums.count - 1].add(amount)
                    } else {
                        if periodStarts.isEmpty { firstDay = day }
                        periodStarts.append(period)
                        periodSums.append(CompensatedSum(amount))
                    }
                } else {
                    report.holdoutPurchaseRows += 1
                    if periodStarts.isEmpty { continue }
                    if period != lastHoldoutPeriod { holdoutCount += 1; lastHoldoutPeriod = period }
                }
            }
            for index in offsets[c]..<offsets[c + 1] {
                let row = rows[index]
                let day = orders.days[row], amount = orders.amounts[row]
                if day > holdoutEnd { report.rowsAfterHoldoutEnd += 1; continue }
                guard amount < 0 else { continue }
                report.refundRows += 1
                if options.refunds != .net || day > calibrationEnd {
                    report.refundsIgnored += 1
                    continue
                }
                // The latest purchase period starting on or before the refund's period.
                let period = CustomerPeriods.start(of: day, unit: grouping)
                guard let k = periodStarts.lastIndex(where: { $0 <= period }) else {
                    report.orphanRefunds += 1
                    continue
                }
                periodSums[k].add(amount)
                report.refundsNetted += 1
            }
            guard let first = periodStarts.first, let lastPeriod = periodStarts.last else {
                if sawPurchase { report.customersFirstSeenInHoldout += 1 } else { report.customersWithoutPurchases += 1 }
                continue
            }
            let x = periodStarts.count - 1
            ids.append(orders.customerIDs[c])
            xs.append(x)
            txs.append(Double(lastPeriod - first) / unitDays)
            ts.append(Double(calibrationPeriod - first) / unitDays)
            if x > 0 {
                var sum = CompensatedSum()
                for k in 1..<periodSums.count { sum.add(periodSums[k].value) }
                ms.append(sum.value / Double(x))
            } else {
                ms.append(0)
            }
            firsts.append(firstDay)
            holdouts.append(holdoutCount)
        }
        guard !ids.isEmpty else {
            throw CustomerAnalyticsError.noCustomersInCalibration(calibrationEnd: options.calibrationEnd.description)
        }
        return CustomerSummary(
            customerIDs: ids, frequency: xs, recency: txs, age: ts, monetary: ms, firstPurchaseDay: firsts,
            holdoutPurchases: holdouts, holdoutDuration: Double(holdoutPeriod - calibrationPeriod) / unitDays,
            options: options, report: report)
    }
}
