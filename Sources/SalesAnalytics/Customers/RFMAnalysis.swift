#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SalesData
import SalesNumerics

/// RFM (recency, frequency, monetary) scoring and segmentation of customers from their orders.
///
/// Definitions (the defaults reproduce the benchmark workload `rfm`):
/// - An order is *used* unless it is a refund under `RefundPolicy.exclude`/`.separate` or dated after
///   the as-of date (those are counted, never used; `FutureOrderPolicy.error` rejects them instead).
///   A *purchase* is a used order with amount ≥ 0, a *refund* one with amount < 0.
/// - The as-of date defaults to the day after the last used order.
/// - Customers are those with at least one purchase; a customer with refunds only is not scored.
/// - recency = as-of − the customer's last purchase date, in days;
///   frequency = the number of purchases (refunds never raise it);
///   monetary = the sum of used amounts, refunds netted (`.total`) or that sum / frequency (`.average`), where every
///   amount is first rounded to `currencyDecimals` decimals (half away from zero) and summed exactly
///   as integers of minor units — the result does not depend on row order or thread count.
/// - Scores: `RFMScoring` (rank-based quantiles by default); segments: `RFMSegmentTable`.
public enum RFMAnalysis {
    /// Scores and segments every customer of `log`.
    /// - Parameters:
    ///   - log: The orders.
    ///   - options: As-of date, measures, policies, scoring and segment table.
    /// - Returns: Per-customer values, scores, segments and the segment summary.
    /// - Throws: `RFMError`: invalid scoring or decimals, `.ordersAfterAsOf` under
    ///   `FutureOrderPolicy.error`, `.noOrders` when nothing is left, `.amountOutOfRange`.
    /// - Complexity: O(orders / workers + customers log customers) time, O(workers × customers) memory
    ///   (`Parallelism.workers`).
    public static func run(_ log: OrderLog, options: RFMOptions = RFMOptions()) throws -> RFMResult {
        try options.scoring.validate()
        guard (0...6).contains(options.currencyDecimals) else { throw RFMError.invalidCurrencyDecimals(options.currencyDecimals) }
        let totals = try CustomerTotals.aggregate(log, asOf: options.asOf, refunds: options.refunds,
                                                  decimals: options.currencyDecimals)
        return try finish(totals, customerIDs: log.customerIDs, options: options)
    }

    /// Scores, segments and summarizes aggregated customer totals (codes index `customerIDs`).
    static func finish(_ totals: CustomerTotals, customerIDs: [String], options: RFMOptions) throws -> RFMResult {
        if options.futureOrders == .error, totals.futureCount > 0 {
            throw RFMError.ordersAfterAsOf(count: totals.futureCount, asOf: (options.asOf ?? Day(rawValue: 0)).description,
                                   firstCustomer: totals.firstFutureCustomer,
                                   firstDate: CivilDate.isoString(fromDays: Int(totals.firstFutureDay)))
        }
        guard totals.usedCount > 0 else { throw RFMError.noOrders }
        let asOf = options.asOf.map(\.clampedInt32) ?? (totals.maxDay + 1)
        let scale = pow(10, Double(options.currencyDecimals))

        // Compact the customers with used orders, in code order.
        var ids: [String] = [], recency: [Int32] = [], frequency: [Int32] = [], cents: [Int64] = []
        totals.count.withUnsafeBufferPointer { count in
            for code in 0..<count.count where count[code] > 0 {
                ids.append(customerIDs[code])
                recency.append(asOf - totals.last[code])
                frequency.append(count[code])
                cents.append(totals.cents[code])
            }
        }
        let n = ids.count
        let revenue = cents.map { Double($0) / scale }
        let monetary: [Double] = options.monetary == .total
            ? revenue
            : (0..<n).map { Double(cents[$0]) / Double(frequency[$0]) / scale }

        let r: [UInt8], f: [UInt8], m: [UInt8]
        switch options.scoring {
        case let .quantiles(bins):
            r = RFMScoring.quantileScores(recency.map { -Int64($0) }, bins: bins)
            f = RFMScoring.quantileScores(frequency.map { Int64($0) }, bins: bins)
            m = options.monetary == .total
                ? RFMScoring.quantileScores(cents, bins: bins)
                : RFMScoring.quantileScores(monetary.map(RFMScoring.orderKey), bins: bins)
        case let .breakpoints(rb, fb, mb):
            r = recency.map { RFMScoring.recencyBreakpointScore(Double($0), rb) }
            f = frequency.map { RFMScoring.ascendingBreakpointScore(Double($0), fb) }
            m = monetary.map { RFMScoring.ascendingBreakpointScore($0, mb) }
        }

        let table = options.segments
        let levels = options.scoring.scoreCounts
        let segments: [UInt16] = (0..<n).map { i in
            let second: Int, secondLevels: Int
            switch table.axis {
            case .f:
                second = Int(f[i]); secondLevels = levels.frequency
            case .fm:
                // Both scores on the table's scale first, then their mean rounded half up.
                let fs = levels.frequency == table.scale ? Int(f[i]) : (2 * Int(f[i]) - 1) * table.scale / (2 * levels.frequency) + 1
                let ms = levels.monetary == table.scale ? Int(m[i]) : (2 * Int(m[i]) - 1) * table.scale / (2 * levels.monetary) + 1
                second = (fs + ms + 1) / 2; secondLevels = table.scale
            }
            return table.segmentIndex(r: Int(r[i]), a: second, recencyLevels: levels.recency, secondLevels: secondLevels)
        }
        let summary = summarize(names: table.segmentNames, segments: segments, recency: recency, frequency: frequency,
                                monetary: monetary, cents: cents, scale: scale)
        return RFMResult(asOf: Day(asOf), options: options, customerIDs: ids, recency: recency, frequency: frequency,
                         monetary: monetary, revenue: revenue, r: r, f: f, m: m, segmentIndex: segments,
                         segmentNames: table.segmentNames, summary: summary, futureOrderCount: totals.futureCount,
                         excludedRefundCount: totals.refundCount, orderCount: totals.usedCount)
    }

    /// The summary rows, one per segment name.
    static func summarize(names: [String], segments: [UInt16], recency: [Int32], frequency: [Int32],
                          monetary: [Double], cents: [Int64], scale: Double) -> [RFMSegmentSummary] {
        let k = names.count
        var customers = [Int](repeating: 0, count: k), revenueCents = [Int64](repeating: 0, count: k)
        var rSum = [Int64](repeating: 0, count: k), fSum = [Int64](repeating: 0, count: k)
        var mSum = [Double](repeating: 0, count: k)
        for i in segments.indices {
            let s = Int(segments[i])
            customers[s] += 1
            revenueCents[s] &+= cents[i]
            rSum[s] += Int64(recency[i])
            fSum[s] += Int64(frequency[i])
            mSum[s] += monetary[i]
        }
        let n = Double(segments.count)
        let totalCents = revenueCents.reduce(0, &+)
        return (0..<k).map { s in
            let c = Double(customers[s])
            return RFMSegmentSummary(
                segment: names[s], customers: customers[s], share: c / n, revenue: Double(revenueCents[s]) / scale,
                revenueShare: totalCents == 0 ? .nan : Double(revenueCents[s]) / Double(totalCents),
                meanRecency: Double(rSum[s]) / c, meanFrequency: Double(fSum[s]) / c, meanMonetary: mSum[s] / c)
        }
    }
}

/// Per-customer-code aggregates of an order log: last used order day, used order count, exact
/// total in minor units; plus the excluded-row counts. Computed over row chunks in parallel, each
/// chunk into its own flat arrays, then merged.
struct CustomerTotals {
    var last: [Int32]
    var count: [Int32]
    var cents: [Int64]
    var maxDay: Int32
    var usedCount: Int
    var futureCount: Int
    var firstFutureRow: Int
    /// Customer id and day of the first future order in file order ("" when none).
    var firstFutureCustomer = ""
    var firstFutureDay: Int32 = 0
    var refundCount: Int

    /// Aggregates `log` (see `RFMAnalysis` for what is used).
    /// - Throws: `RFMError.amountOutOfRange` for an amount whose minor units overflow Int64.
    static func aggregate(_ log: OrderLog, asOf: Day?, refunds: RefundPolicy, decimals: Int) throws -> CustomerTotals {
        let customers = log.customerIDs.count
        let scale = pow(10, Double(decimals))
        let cutoff = asOf.map(\.clampedInt32) ?? Int32.max
        let excludeRefunds = refunds != .net
        // One chunk per worker (each holds per-customer totals); integer sums, so the cut cannot
        // change a result.
        let parts = Parallel.mapChunks(count: log.count, minimumPerChunk: 1 << 16,
                                       maximumChunks: Parallelism.workers) { _, range -> (CustomerTotals, Int?) in
            var t = CustomerTotals(customers: customers)
            var badRow: Int?
            log.customerCodes.withUnsafeBufferPointer { codes in
            log.days.withUnsafeBufferPointer { days in
            log.amounts.withUnsafeBufferPointer { amounts in
            t.last.withUnsafeMutableBufferPointer { last in
            t.count.withUnsafeMutableBufferPointer { count in
            t.cents.withUnsafeMutableBufferPointer { cents in
                var used = 0, future = 0, refundsOut = 0, maxDay = Int32.min, firstFuture = Int.max
                for i in range {
                    let day = days[i], amount = amounts[i]
                    if excludeRefunds, amount < 0 { refundsOut += 1; continue }
                    if day > cutoff {
                        future += 1
                        if firstFuture == .max { firstFuture = i }
                        continue
                    }
                    let minor = (amount * scale).rounded(.toNearestOrAwayFromZero)
                    guard abs(minor) < 9.0e18 else { badRow = i; break }
                    let c = Int(codes[i])
                    // A refund reduces the monetary value; only a purchase counts and dates recency.
                    if amount >= 0 {
                        if day > last[c] { last[c] = day }
                        count[c] &+= 1
                    }
                    cents[c] &+= Int64(minor)
                    if day > maxDay { maxDay = day }
                    used += 1
                }
                t.usedCount = used; t.futureCount = future; t.refundCount = refundsOut
                t.maxDay = maxDay; t.firstFutureRow = firstFuture
            }}}}}}
            return (t, badRow)
        }
        if let row = parts.compactMap(\.1).min() { throw RFMError.amountOutOfRange(row: row, value: log.amounts[row]) }
        var total = parts[0].0
        for (part, _) in parts.dropFirst() {
            total.usedCount += part.usedCount
            total.futureCount += part.futureCount
            total.refundCount += part.refundCount
            total.maxDay = max(total.maxDay, part.maxDay)
            total.firstFutureRow = min(total.firstFutureRow, part.firstFutureRow)
            total.last.withUnsafeMutableBufferPointer { last in
            total.count.withUnsafeMutableBufferPointer { count in
            total.cents.withUnsafeMutableBufferPointer { cents in
            part.last.withUnsafeBufferPointer { pl in
            part.count.withUnsafeBufferPointer { pc in
            part.cents.withUnsafeBufferPointer { pm in
                for c in 0..<customers {
                    if pl[c] > last[c] { last[c] = pl[c] }
                    count[c] &+= pc[c]
                    cents[c] &+= pm[c]
                }
            }}}}}}
        }
        if total.firstFutureRow != .max {
            total.firstFutureCustomer = log.customerIDs[Int(log.customerCodes[total.firstFutureRow])]
            total.firstFutureDay = log.days[total.firstFutureRow]
        }
        return total
    }

    /// Empty totals for `customers` codes.
    init(customers: Int) {
        last = [Int32](repeating: .min, count: customers)
        count = [Int32](repeating: 0, count: customers)
        cents = [Int64](repeating: 0, count: customers)
        maxDay = .min; usedCount = 0; futureCount = 0; firstFutureRow = .max; refundCount = 0
    }

    /// Adds `other`, whose code `c` is this table's code `codeMap[c]` (this table must already have
    /// room for every mapped code). The first future order of `self` stays first.
    mutating func fold(_ other: CustomerTotals, codeMap: [Int32]) {
        usedCount += other.usedCount
        refundCount += other.refundCount
        maxDay = max(maxDay, other.maxDay)
        if futureCount == 0, other.futureCount > 0 {
            firstFutureCustomer = other.firstFutureCustomer
            firstFutureDay = other.firstFutureDay
        }
        futureCount += other.futureCount
        for c in 0..<other.count.count where other.count[c] > 0 || other.cents[c] != 0 {
            let g = Int(codeMap[c])
            last[g] = max(last[g], other.last[c])
            count[g] &+= other.count[c]
            cents[g] &+= other.cents[c]
        }
    }
}
