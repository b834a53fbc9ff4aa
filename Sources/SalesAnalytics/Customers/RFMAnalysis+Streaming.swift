import SalesData
extension RFMAnalysis {
    /// RFM over an orders file read block by block (`CSVReader.forEachChunk`), for files larger
    /// than memory: each block is aggregated in parallel into per-customer totals, which are folded
    /// into running totals keyed by customer id. Memory is O(block + customers), not O(orders).
    ///
    /// The result equals `run(OrderLog.read(file:...).log, options:)` on the same file (same
    /// customers in the same order, same values, scores and segments).
    /// - Parameters:
    ///   - path: The orders CSV.
    ///   - mapping: Contract column name → the file's header.
    ///   - policy: `.strict` or `.skipInvalidRows`.
    ///   - options: RFM options.
    ///   - readOptions: Reader options (`blockBytes` sets the block size); its policy is replaced.
    /// - Returns: The RFM result and every skipped row in file order.
    /// - Throws: `CSVError` (file, line, column) from the reader, `RFMError` as `run(_:options:)`.
    /// - Complexity: O(file bytes + customers log customers) time; O(blockBytes + customers) memory.
    public static func run(streamingFile path: String, mapping: [String: String] = [:], policy: CSVErrorPolicy = .strict,
                           options: RFMOptions = RFMOptions(),
                           readOptions: CSVReadOptions = CSVReadOptions()) throws -> (result: RFMResult, rejected: [RejectedRow]) {
        try options.scoring.validate()
        guard (0...6).contains(options.currencyDecimals) else { throw RFMError.invalidCurrencyDecimals(options.currencyDecimals) }
        var reader = readOptions
        reader.policy = policy
        var ids = IDInterner()
        var totals = CustomerTotals(customers: 0)
        var rejected: [RejectedRow] = []
        _ = try CSVReader.forEachChunk(file: path, schema: OrderLog.schema.mapped(mapping), options: reader) { chunk in
            rejected.append(contentsOf: chunk.rejected)
            let log = try OrderLog(table: chunk.table)
            let part = try CustomerTotals.aggregate(log, asOf: options.asOf, refunds: options.refunds,
                                                    decimals: options.currencyDecimals)
            let codeMap = ids.intern(log.customerIDs)
            let grow = ids.count - totals.count.count
            if grow > 0 {
                totals.last.append(contentsOf: repeatElement(.min, count: grow))
                totals.count.append(contentsOf: repeatElement(0, count: grow))
                totals.cents.append(contentsOf: repeatElement(0, count: grow))
            }
            totals.fold(part, codeMap: codeMap)
        }
        rejected.sort { $0.line < $1.line }
        return (try finish(totals, customerIDs: ids.levels, options: options), rejected)
    }
}
