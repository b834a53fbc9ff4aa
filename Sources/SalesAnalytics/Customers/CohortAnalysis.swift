#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SalesData
import SalesNumerics

/// Cohort retention from an order log (see `CohortResult` for every definition).
///
/// Three passes over flat arrays: (1) parallel over row chunks — used rows, day range, each
/// customer's first used day; (2) a stable counting sort of the used rows by customer code,
/// carrying (period index, minor units); (3) parallel over customer ranges — each customer's
/// distinct active periods, per-period revenue, capped revenue and last period, accumulated into
/// per-thread cohort × period tables that are summed at the end. Exact integer arithmetic: the
/// result does not depend on row order or thread count.
public enum CohortAnalysis {
    /// Computes the cohort tables.
    /// - Parameters:
    ///   - log: The orders.
    ///   - options: Grain, origin, refunds, as-of date.
    /// - Returns: Counts, revenue and the derived retention matrices.
    /// - Throws: `CohortError`: `.invalidCurrencyDecimals`, `.ordersAfterAsOf` under
    ///   `FutureOrderPolicy.error`, `.noOrders`, `.amountOutOfRange`, `.missingSignup`.
    /// - Complexity: O(orders + customers + cohorts × periods) time (parallel passes),
    ///   O(orders) extra memory (12 bytes per used order).
    public static func run(_ log: OrderLog, options: CohortOptions = CohortOptions()) throws -> CohortResult {
        guard (0...6).contains(options.currencyDecimals) else { throw CohortError.invalidCurrencyDecimals(options.currencyDecimals) }
        let customers = log.customerIDs.count
        let scale = pow(10, Double(options.currencyDecimals))
        let cutoff = options.asOf ?? .max
        let excludeRefunds = options.refunds != .net
        // One chunk per worker (each holds per-customer arrays), the same cut in passes 1 and 2.
        let threads = Parallelism.workers

        // Pass 1: used rows, first used day per customer, day range, exclusions.
        struct Scan {
            var first: [Int32]
            var perChunkCounts: [Int32]
            var used = 0, future = 0, refunds = 0, firstFuture = Int.max
            var minDay = Int32.max, maxDay = Int32.min
            var badRow: Int?
        }
        let scans = Parallel.mapChunks(count: log.count, minimumPerChunk: 1 << 16, maximumChunks: threads) { _, range -> Scan in
            var s = Scan(first: [Int32](repeating: .max, count: customers),
                         perChunkCounts: [Int32](repeating: 0, count: customers))
            log.customerCodes.withUnsafeBufferPointer { codes in
            log.days.withUnsafeBufferPointer { days in
            log.amounts.withUnsafeBufferPointer { amounts in
            s.first.withUnsafeMutableBufferPointer { first in
            s.perChunkCounts.withUnsafeMutableBufferPointer { counts in
                for i in range {
                    let day = days[i], amount = amounts[i]
                    if excludeRefunds, amount < 0 { s.refunds += 1; continue }
                    if day > cutoff { s.future += 1; s.firstFuture = min(s.firstFuture, i); continue }
                    guard abs(amount * scale) < 9.0e18 else { s.badRow = i; break }
                    let c = Int(codes[i])
                    // Only a purchase (amount ≥ 0) can start a cohort; refunds are sorted in for revenue.
                    if amount >= 0, day < first[c] { first[c] = day }
                    counts[c] += 1
                    if day < s.minDay { s.minDay = day }
                    if day > s.maxDay { s.maxDay = day }
                    s.used += 1
                }
            }}}}}
            return s
        }
        if let row = scans.compactMap(\.badRow).min() { throw CohortError.amountOutOfRange(row: row, value: log.amounts[row]) }
        let future = scans.reduce(0) { $0 + $1.future }
        if options.futureOrders == .error, future > 0 {
            let row = scans.map(\.firstFuture).min() ?? 0
            throw CohortError.ordersAfterAsOf(count: future, asOf: CivilDate.isoString(fromDays: Int(cutoff)),
                                   firstCustomer: log.customerIDs[Int(log.customerCodes[row])],
                                   firstDate: CivilDate.isoString(fromDays: Int(log.days[row])))
        }
        let used = scans.reduce(0) { $0 + $1.used }
        guard used > 0 else { throw CohortError.noOrders }
        var first = scans[0].first
        for s in scans.dropFirst() {
            first.withUnsafeMutableBufferPointer { f in
                s.first.withUnsafeBufferPointer { o in for c in 0..<customers where o[c] < f[c] { f[c] = o[c] } }
            }
        }
        let minDay = scans.map(\.minDay).min() ?? 0
        let lastDay = options.asOf ?? (scans.map(\.maxDay).max() ?? 0)
        let grain = options.period

        let frame = try CohortFrame(customerIDs: log.customerIDs, firstDay: first, lastDay: lastDay, options: options)
        let firstCohort = frame.firstCohort, width = frame.width, signupOnly = frame.signupOnly

        // Period index per day of the used range (a lookup table instead of civil arithmetic per row).
        let dayCount = Int(lastDay) - Int(minDay) + 1
        let periodOfDay = (0..<max(0, dayCount)).map { Int32(truncatingIfNeeded: grain.index(ofDay: minDay + Int32($0))) }

        // Pass 2: stable counting sort of used rows by customer, carrying period and minor units.
        var offsets = [Int](repeating: 0, count: customers + 1)
        var chunkStarts = [[Int]](repeating: [], count: scans.count)
        do {
            var running = 0
            for c in 0..<customers {
                offsets[c] = running
                for s in scans { running += Int(s.perChunkCounts[c]) }
            }
            offsets[customers] = running
            var cursor = offsets
            for (t, s) in scans.enumerated() {
                var starts = [Int](repeating: 0, count: customers)
                for c in 0..<customers { starts[c] = cursor[c]; cursor[c] += Int(s.perChunkCounts[c]) }
                chunkStarts[t] = starts
            }
        }
        var sortedPeriod = [Int32](repeating: 0, count: used)
        var sortedMinor = [Int64](repeating: 0, count: used)
        let starts = chunkStarts
        let rowRanges = Parallel.ranges(count: log.count, parts: Parallel.chunkCount(log.count, minimumPerChunk: 1 << 16, maximumChunks: threads))
        precondition(rowRanges.count == scans.count, "pass 1 and pass 2 use the same chunks")
        sortedPeriod.withUnsafeMutableBufferPointer { periodOut in
        sortedMinor.withUnsafeMutableBufferPointer { minorOut in
            guard let periodBase = periodOut.baseAddress, let minorBase = minorOut.baseAddress else {
                preconditionFailure("used > 0 rows were counted")
            }
            let periodShared = SharedBuffer(periodBase, count: used)
            let minorShared = SharedBuffer(minorBase, count: used)
            _ = Parallel.mapChunks(count: log.count, minimumPerChunk: 1 << 16, maximumChunks: threads) { t, range -> Int in
                let periodSlots = periodShared.base, minorSlots = minorShared.base
                var next = starts[t]
                log.customerCodes.withUnsafeBufferPointer { codes in
                log.days.withUnsafeBufferPointer { days in
                log.amounts.withUnsafeBufferPointer { amounts in
                periodOfDay.withUnsafeBufferPointer { lookup in
                next.withUnsafeMutableBufferPointer { next in
                    for i in range {
                        let day = days[i], amount = amounts[i]
                        if excludeRefunds, amount < 0 { continue }
                        if day > cutoff { continue }
                        let c = Int(codes[i])
                        let slot = next[c]
                        next[c] = slot + 1
                        periodSlots[slot] = lookup[Int(day - minDay)]
                        minorSlots[slot] = Int64((amount * scale).rounded(.toNearestOrAwayFromZero))
                    }
                }}}}}
                return 0
            }
        }}

        // Pass 3: per customer, over customer ranges in parallel.
        let periods = sortedPeriod, minors = sortedMinor, cohortStart = frame.cohortOf, inCohort = frame.hasCohort
        let rowOffsets = offsets, origin = firstCohort
        let cellCount = width * width
        let parts = Parallel.mapChunks(count: customers, minimumPerChunk: 1 << 14, maximumChunks: threads) { _, range -> CohortCells in
            var cells = CohortCells(width: width)
            var perPeriod = [Int64](repeating: 0, count: width)
            var touched = [Bool](repeating: false, count: width)
            var touchedList: [Int] = []
            var refundOnly = [Int64](repeating: 0, count: width)
            var refundOnlyList: [Int] = []
            for c in range where inCohort[c] {
                let cohort = Int(cohortStart[c] - origin)
                let rowBase = cohort * width
                cells.sizes[cohort] += 1
                var orders = 0
                for slot in rowOffsets[c]..<rowOffsets[c + 1] where minors[slot] >= 0 {
                    let p = Int(periods[slot] - cohortStart[c])
                    guard p >= 0 else { cells.beforeSignup += 1; continue }
                    orders += 1
                    if !touched[p] { touched[p] = true; touchedList.append(p) }
                    perPeriod[p] &+= minors[slot]
                }
                // A refund nets into its period's revenue; it never makes the customer active. In a
                // period without a purchase it reduces that period's revenue (and capped revenue)
                // without an active customer; one before the cohort's period returns nothing the
                // cohort bought and is dropped.
                for slot in rowOffsets[c]..<rowOffsets[c + 1] where minors[slot] < 0 {
                    let p = Int(periods[slot] - cohortStart[c])
                    guard p >= 0 else { continue }
                    if touched[p] {
                        perPeriod[p] &+= minors[slot]
                    } else {
                        if refundOnly[p] == 0 { refundOnlyList.append(p) }
                        refundOnly[p] &+= minors[slot]
                    }
                }
                if orders >= 2 { cells.repeats[cohort] += 1 }
                let base = touched[0] ? perPeriod[0] : 0
                for p in refundOnlyList {
                    cells.revenue[rowBase + p] &+= refundOnly[p]
                    cells.capped[rowBase + p] &+= min(refundOnly[p], base)
                    refundOnly[p] = 0
                }
                refundOnlyList.removeAll(keepingCapacity: true)
                guard !touchedList.isEmpty else { continue }
                var last = 0
                for p in touchedList {
                    let amount = perPeriod[p]
                    cells.active[rowBase + p] += 1
                    cells.revenue[rowBase + p] &+= amount
                    cells.capped[rowBase + p] &+= min(amount, base)
                    last = max(last, p)
                    perPeriod[p] = 0
                    touched[p] = false
                }
                touchedList.removeAll(keepingCapacity: true)
                cells.lastHistogram[rowBase + last] += 1
            }
            return cells
        }
        var total = parts[0]
        for part in parts.dropFirst() {
            for i in 0..<cellCount {
                total.active[i] += part.active[i]
                total.lastHistogram[i] += part.lastHistogram[i]
                total.revenue[i] &+= part.revenue[i]
                total.capped[i] &+= part.capped[i]
            }
            for r in 0..<width { total.sizes[r] += part.sizes[r]; total.repeats[r] += part.repeats[r] }
            total.beforeSignup += part.beforeSignup
        }
        for p in signupOnly { total.sizes[Int(p - firstCohort)] += 1 }

        return assemble(total, frame: frame, options: options, futureOrderCount: future,
                        excludedRefundCount: scans.reduce(0) { $0 + $1.refunds }, usedOrders: used, firstDay: minDay,
                        lastDay: lastDay)
    }
}
