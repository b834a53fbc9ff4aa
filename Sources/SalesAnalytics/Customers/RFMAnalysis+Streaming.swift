import SalesData
extension RFMAnalysis {
    /// RFM over an orders file read block by block (`OrderLog.streamOrders`), for files larger
    /// than memory: each block's orders are aggregated in parallel into per-customer totals, which
    /// are folded into running totals by customer code. Line items are grouped into orders and ids
    /// normalized by the in-memory reader's rules, so the result equals
    /// `run(OrderLog.readOrders(file:...).log, options:)` on the same file (same customers in the
    /// same order, same values, scores and segments) — or the read throws `OrderStreamError` when an
    /// order's lines are apart across a block boundary.
    /// - Parameters:
    ///   - path: The orders CSV.
    ///   - mapping: Contract column name → the file's header.
    ///   - policy: `.strict` or `.skipInvalidRows`.
    ///   - options: RFM options.
    ///   - readOptions: Reader options (`blockBytes` sets the block size); its policy is replaced.
    ///   - ids: `.normalize` (default) or `.verbatim`, as `OrderLog.readOrders`.
    /// - Returns: The RFM result, every skipped row in file order, and what the reader did (line
    ///   items, id normalization).
    /// - Throws: `CSVError` (file, line, column) from the reader, `OrderStreamError`, `RFMError` as
    ///   `run(_:options:)`.
    /// - Complexity: O(file bytes + customers log customers) time; O(blockBytes + customers + 8–16
    ///   bytes per order id) memory.
    public static func run(streamingFile path: String, mapping: [String: String] = [:], policy: CSVErrorPolicy = .strict,
                           options: RFMOptions = RFMOptions(), readOptions: CSVReadOptions = CSVReadOptions(),
                           ids: IDPolicy = .normalize) throws
        -> (result: RFMResult, rejected: [RejectedRow], stream: OrderStreamSummary) {
        try options.scoring.validate()
        guard (0...6).contains(options.currencyDecimals) else { throw RFMError.invalidCurrencyDecimals(options.currencyDecimals) }
        var totals = CustomerTotals(customers: 0)
        var rejected: [RejectedRow] = []
        let stream = try OrderLog.streamOrders(file: path, mapping: mapping, policy: policy, options: readOptions, ids: ids) { block in
            rejected.append(contentsOf: block.rejected)
            let part = try CustomerTotals.aggregate(block.orders, asOf: options.asOf, refunds: options.refunds,
                                                    decimals: options.currencyDecimals)
            let grow = block.orders.customerIDs.count - totals.count.count
            if grow > 0 {
                totals.last.append(contentsOf: repeatElement(.min, count: grow))
                totals.count.append(contentsOf: repeatElement(0, count: grow))
                totals.cents.append(contentsOf: repeatElement(0, count: grow))
            }
            totals.fold(part, codeMap: Array(0..<Int32(truncatingIfNeeded: part.count.count)))
        }
        rejected.sort { $0.line < $1.line }
        // Customers whose ids became equal under normalization are one customer.
        var merged = CustomerTotals(customers: stream.normalizedCustomerIDs.count)
        let grow = stream.customerIDs.count - totals.count.count
        if grow > 0 {
            totals.last.append(contentsOf: repeatElement(.min, count: grow))
            totals.count.append(contentsOf: repeatElement(0, count: grow))
            totals.cents.append(contentsOf: repeatElement(0, count: grow))
        }
        merged.fold(totals, codeMap: stream.customerCodeMap)
        if merged.futureCount > 0, let raw = stream.customerIDs.firstIndex(of: merged.firstFutureCustomer) {
            merged.firstFutureCustomer = stream.normalizedCustomerIDs[Int(stream.customerCodeMap[raw])]
        }
        return (try finish(merged, customerIDs: stream.normalizedCustomerIDs, options: options), rejected, stream)
    }
}
