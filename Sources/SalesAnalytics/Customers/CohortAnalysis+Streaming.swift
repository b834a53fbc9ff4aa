#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SalesData

extension CohortAnalysis {
    /// Cohort retention over an orders file read block by block (`OrderLog.streamOrders`: line
    /// items grouped into orders and ids normalized by the in-memory reader's rules), for files
    /// larger than memory.
    ///
    /// Pass 1 maps customer ids to global codes (first appearance in the file) and finds each
    /// customer's first used day, the day range and the excluded rows; the cohort of every customer
    /// follows (first order or signup). Then one or more passes accumulate, per customer, the
    /// minor-unit revenue of each period since the cohort start for a band of periods (as many
    /// periods as fit in `workingBytes`; usually all of them, so two passes in total), and fold the
    /// band into the cohort × period tables: a customer counts once per period with an order, the
    /// capped revenue is `min(period revenue, period-0 revenue)`, and "return on or after" comes
    /// from each customer's last active period. Exact integer arithmetic throughout.
    ///
    /// The result equals `run(OrderLog.read(file:...).log, options:)` on the same file: the same
    /// counts, the same minor-unit revenue, the same errors (rows numbered among the kept rows) —
    /// or the read throws `OrderStreamError` when an order's lines are apart across a block boundary.
    /// - Parameters:
    ///   - path: The orders CSV.
    ///   - mapping: Contract column name → the file's header.
    ///   - policy: `.strict` or `.skipInvalidRows`.
    ///   - options: Cohort options (as `run(_:options:)`; `parallelism` is not used here, the
    ///     reader's threads parse each block in parallel).
    ///   - readOptions: Reader options (`blockBytes` sets the block size); its policy is replaced.
    ///   - ids: `.normalize` (default) or `.verbatim`, as `OrderLog.readOrders`.
    ///   - workingBytes: Memory for the per-customer period accumulators (17 bytes per customer ×
    ///     period); fewer bytes mean more passes over the file. At least one period per pass.
    /// - Returns: The cohort result, every skipped row in file order, and what the reader did.
    /// - Throws: `CSVError` (file, line, column) from the reader; `OrderStreamError`; `CohortError`
    ///   as `run(_:options:)`.
    /// - Complexity: O(passes × file bytes + customers × periods) time, passes = 1 +
    ///   ⌈periods / ⌊workingBytes / (17 × customers)⌋⌉; O(blockBytes + customers + workingBytes +
    ///   cohorts × periods) memory, independent of the number of orders.
    public static func run(streamingFile path: String, mapping: [String: String] = [:], policy: CSVErrorPolicy = .strict,
                           options: CohortOptions = CohortOptions(), readOptions: CSVReadOptions = CSVReadOptions(),
                           ids idPolicy: IDPolicy = .normalize, workingBytes: Int = 256 << 20) throws
        -> (result: CohortResult, rejected: [RejectedRow], stream: OrderStreamSummary) {
        guard (0...6).contains(options.currencyDecimals) else { throw CohortError.invalidCurrencyDecimals(options.currencyDecimals) }
        let scale = pow(10, Double(options.currencyDecimals))
        let cutoff = options.asOf ?? .max
        let excludeRefunds = options.refunds != .net
        var reader = readOptions
        reader.policy = policy
        func streamOrders(rereading earlier: OrderStreamSummary? = nil, _ body: (OrderBlock) throws -> Void) throws -> OrderStreamSummary {
            try OrderLog.streamOrders(file: path, mapping: mapping, policy: policy, options: reader, ids: idPolicy,
                                      rereading: earlier, body)
        }

        // Pass 1: first used day per customer (by the stream's codes, ids as written), day range, exclusions.
        var first: [Int32] = []
        var rejected: [RejectedRow] = []
        var logRows = 0, used = 0, future = 0, refunds = 0
        var firstFuture: (customer: String, day: Int32)?
        var badRow: (row: Int, value: Double)?
        var minDay = Int32.max, maxDay = Int32.min
        let stream = try streamOrders { block in
            rejected.append(contentsOf: block.rejected)
            let log = block.orders
            if first.count < log.customerIDs.count {
                first.append(contentsOf: repeatElement(.max, count: log.customerIDs.count - first.count))
            }
            log.days.withUnsafeBufferPointer { days in
            log.amounts.withUnsafeBufferPointer { amounts in
            log.customerCodes.withUnsafeBufferPointer { codes in
            first.withUnsafeMutableBufferPointer { first in
                for i in 0..<days.count {
                    let day = days[i], amount = amounts[i]
                    if excludeRefunds, amount < 0 { refunds += 1; continue }
                    if day > cutoff {
                        future += 1
                        if firstFuture == nil { firstFuture = (log.customerIDs[Int(codes[i])], day) }
                        continue
                    }
                    guard abs(amount * scale) < 9.0e18 else {
                        if badRow == nil { badRow = (logRows + i, amount) }
                        continue
                    }
                    let c = Int(codes[i])
                    if amount >= 0, day < first[c] { first[c] = day }
                    if day < minDay { minDay = day }
                    if day > maxDay { maxDay = day }
                    used += 1
                }
            }}}}
            logRows += log.count
        }
        rejected.sort { $0.line < $1.line }
        // Customers whose ids became equal under normalization are one customer (codes from here on).
        let customerOf = stream.customerCodeMap
        var firstDay = [Int32](repeating: .max, count: stream.normalizedCustomerIDs.count)
        for (raw, day) in first.enumerated() where day < firstDay[Int(customerOf[raw])] { firstDay[Int(customerOf[raw])] = day }
        if let future = firstFuture, let raw = stream.customerIDs.firstIndex(of: future.customer) {
            firstFuture = (stream.normalizedCustomerIDs[Int(customerOf[raw])], future.day)
        }
        if let badRow { throw CohortError.amountOutOfRange(row: badRow.row, value: badRow.value) }
        if options.futureOrders == .error, future > 0, let firstFuture {
            throw CohortError.ordersAfterAsOf(count: future, asOf: CivilDate.isoString(fromDays: Int(cutoff)),
                                              firstCustomer: firstFuture.customer,
                                              firstDate: CivilDate.isoString(fromDays: Int(firstFuture.day)))
        }
        guard used > 0 else { throw CohortError.noOrders }
        let lastDay = options.asOf ?? maxDay
        let frame = try CohortFrame(customerIDs: stream.normalizedCustomerIDs, firstDay: firstDay, lastDay: lastDay, options: options)
        let customers = stream.normalizedCustomerIDs.count, width = frame.width
        let periodOfDay = (0..<max(0, Int(lastDay) - Int(minDay) + 1)).map { Int32(truncatingIfNeeded: options.period.index(ofDay: minDay + Int32($0))) }

        // Passes 2…: per-customer period revenue for a band of periods, folded into the tables.
        var tables = CohortCells(width: width)
        var orders = [UInt8](repeating: 0, count: customers)        // saturates at 2 (repeat customers)
        var lastActive = [Int32](repeating: -1, count: customers)
        var base = [Int64](repeating: 0, count: customers)          // period-0 revenue
        let band = max(1, min(width, workingBytes / (17 * max(1, customers))))
        for bandStart in stride(from: 0, to: width, by: band) {
            let firstBand = bandStart == 0
            var sums = [Int64](repeating: 0, count: customers * band)
            var touched = [Bool](repeating: false, count: customers * band)
            var refundSums = [Int64](repeating: 0, count: customers * band)
            _ = try streamOrders(rereading: stream) { block in
                let log = block.orders
                precondition(log.customerIDs.count <= customerOf.count, "pass 1 coded every customer of the file")
                let codeMap = customerOf
                log.days.withUnsafeBufferPointer { days in
                log.amounts.withUnsafeBufferPointer { amounts in
                log.customerCodes.withUnsafeBufferPointer { codes in
                periodOfDay.withUnsafeBufferPointer { lookup in
                frame.hasCohort.withUnsafeBufferPointer { hasCohort in
                frame.cohortOf.withUnsafeBufferPointer { cohortOf in
                sums.withUnsafeMutableBufferPointer { sums in
                refundSums.withUnsafeMutableBufferPointer { refundSums in
                touched.withUnsafeMutableBufferPointer { touched in
                orders.withUnsafeMutableBufferPointer { orders in
                lastActive.withUnsafeMutableBufferPointer { lastActive in
                    for i in 0..<days.count {
                        let day = days[i], amount = amounts[i]
                        if excludeRefunds, amount < 0 { continue }
                        if day > cutoff { continue }
                        let c = Int(codeMap[Int(codes[i])])
                        guard hasCohort[c] else { continue }
                        let p = Int(lookup[Int(day - minDay)] - cohortOf[c])
                        if amount < 0 {
                            // A refund reduces its period's revenue (counted in the band holding the
                            // period); it never makes the customer active.
                            if p >= bandStart, p < bandStart + band {
                                refundSums[c * band + p - bandStart] &+= Int64((amount * scale).rounded(.toNearestOrAwayFromZero))
                            }
                            continue
                        }
                        if firstBand {
                            guard p >= 0 else { tables.beforeSignup += 1; continue }
                            if orders[c] < 2 { orders[c] += 1 }
                            if Int32(p) > lastActive[c] { lastActive[c] = Int32(p) }
                        }
                        let k = p - bandStart
                        guard k >= 0, k < band else { continue }
                        sums[c * band + k] &+= Int64((amount * scale).rounded(.toNearestOrAwayFromZero))
                        touched[c * band + k] = true
                    }
                }}}}}}}}}}}
            }
            // Refunds net into their period when it has a purchase; in a period without one they
            // reduce its revenue and capped revenue without an active customer.
            for i in 0..<(customers * band) where touched[i] { sums[i] &+= refundSums[i] }
            if firstBand {
                for c in 0..<customers where touched[c * band] { base[c] = sums[c * band] }
            }
            for c in 0..<customers where frame.hasCohort[c] {
                let rowBase = Int(frame.cohortOf[c] - frame.firstCohort) * width
                for k in 0..<band where !touched[c * band + k] && refundSums[c * band + k] != 0 {
                    tables.revenue[rowBase + bandStart + k] &+= refundSums[c * band + k]
                    tables.capped[rowBase + bandStart + k] &+= min(refundSums[c * band + k], base[c])
                }
            }
            for c in 0..<customers where frame.hasCohort[c] {
                let rowBase = Int(frame.cohortOf[c] - frame.firstCohort) * width
                for k in 0..<band where touched[c * band + k] {
                    let amount = sums[c * band + k], cell = rowBase + bandStart + k
                    tables.active[cell] += 1
                    tables.revenue[cell] &+= amount
                    tables.capped[cell] &+= min(amount, base[c])
                }
            }
        }
        for c in 0..<customers where frame.hasCohort[c] {
            let row = Int(frame.cohortOf[c] - frame.firstCohort)
            tables.sizes[row] += 1
            if orders[c] >= 2 { tables.repeats[row] += 1 }
            if lastActive[c] >= 0 { tables.lastHistogram[row * width + Int(lastActive[c])] += 1 }
        }
        for p in frame.signupOnly { tables.sizes[Int(p - frame.firstCohort)] += 1 }
        let result = assemble(tables, frame: frame, options: options, futureOrderCount: future,
                              excludedRefundCount: refunds, usedOrders: used, firstDay: minDay, lastDay: lastDay)
        return (result, rejected, stream)
    }
}
