import SalesData

/// One block of orders handed to the `OrderLog.streamOrders` closure.
public struct OrderBlock: Sendable {
    /// The block's orders (line items summed into their orders, as `OrderLog.readOrders` does).
    /// `customerCodes` index the stream's customer ids *as written* (every id interned so far, in
    /// order of first appearance), so a code means the same customer in every block; `customerIDs`
    /// is that list as of this block. Map codes to normalized ids with `OrderStreamSummary.customerCodeMap`.
    public let orders: OrderLog
    /// Rows of this block skipped under `.skipInvalidRows`, in file order.
    public let rejected: [RejectedRow]
}

/// What a streamed read of an orders file did, over the whole file.
public struct OrderStreamSummary: Sendable {
    /// Customer ids as written, in order of first appearance (the code space of every block).
    public let customerIDs: [String]
    /// The customer ids after `IDPolicy.normalize` (trimmed; float-formatted integers read as
    /// integers), in order of first appearance; equal to `customerIDs` under `.verbatim`.
    public let normalizedCustomerIDs: [String]
    /// For each code of `customerIDs`, its code in `normalizedCustomerIDs`.
    public let customerCodeMap: [Int32]
    /// Rows, orders, and whether line items were grouped (the same facts as `OrderInput.lines`).
    public let lines: OrderLines
    /// The id columns whose ids were normalized (empty when nothing changed). The customer report
    /// is the in-memory reader's; the `order_id` report counts distinct ids block by block (an id
    /// written two ways on both sides of a block boundary counts in both blocks).
    public let ids: [IDNormalization]
    /// The customer interner at the end, for a later read of the same file (`streamOrders(rereading:)`).
    let interner: IDInterner
    /// Rows the reader skipped (under `.skipInvalidRows`).
    let rejectedRows: Int
}

/// Why a streamed orders file cannot be read into the orders the in-memory reader would give.
public enum OrderStreamError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line items of one order are apart in the file: `line` has `orderID`, whose order had
    /// already ended (lines of other orders, across a block boundary, came in between). Streaming
    /// keeps only the order being read; sort the file by `order_id` or read it without `--stream`.
    case orderLinesApart(file: String, orderID: String, line: Int, verified: Bool)
    /// `order_id` mixes float-formatted integers (`5.0`), which one block read as integers, with
    /// ids that are not integers (`example`), which make the whole column be kept as written.
    case inconsistentOrderIDs(file: String, example: String)
    /// A later pass over the file met a customer the first pass did not: the file changed in between.
    case fileChanged(file: String)

    public var description: String {
        switch self {
        case let .orderLinesApart(file, orderID, line, verified):
            let what = "\(file):\(line): order_id \"\(orderID)\": line items of this order also appear earlier, apart from these "
                + "(other orders' lines in between, across a streaming block); --stream keeps only the order being read — "
                + "sort the file by order_id or run without --stream"
            return verified ? what : what + " (standard input cannot be re-read to rule out two ids sharing a 64-bit hash, about 1 in 10¹³ per million orders)"
        case let .fileChanged(file):
            return "\(file): the file changed while it was read (a customer appeared that the first pass did not see)"
        case let .inconsistentOrderIDs(file, example):
            return "\(file): order_id mixes float-formatted integers (5.0) with ids that are not integers (\"\(example)\"): "
                + "in memory the column is kept as written; give --ids verbatim, or run without --stream"
        }
    }
}

extension OrderLog {
    /// Reads an orders file block by block into orders, with the in-memory reader's rules
    /// (`readOrders(file:...)`): the contract schema and value rules, ids normalized by `ids`, and
    /// line items sharing an `order_id` summed into their order (amount = Σ lines; customer and date
    /// of its first line). The blocks' orders are the orders of `readOrders`, once customer codes are
    /// mapped through `customerCodeMap`, and in its order except that an order spanning a block
    /// boundary comes after the orders that ended in the block where it began — which changes no
    /// per-customer aggregate.
    ///
    /// An order whose lines are adjacent may span any number of blocks: the order being read is
    /// carried into the next block. An order id that comes back after its order ended in an earlier
    /// block (its lines apart in the file) throws `OrderStreamError.orderLinesApart` rather than
    /// counting two orders: the ids of ended orders are kept as 64-bit hashes, and a hash seen again
    /// is confirmed by a second pass over the file before it is reported (a file on standard input
    /// cannot be re-read; there a repeated hash is reported as such).
    /// - Parameters:
    ///   - path: The orders CSV (`-` for standard input).
    ///   - mapping: Contract column name → the file's header.
    ///   - policy: `.strict` or `.skipInvalidRows`.
    ///   - options: Reader options (`blockBytes` is the block size); its policy is replaced.
    ///   - ids: `.normalize` (default) or `.verbatim`, as `readOrders`.
    ///   - earlier: The summary of an earlier read of the same file with the same options (a
    ///     multi-pass analysis): its customer codes are reused, so the blocks carry the same codes
    ///     without interning the ids again, and the order-id check is not repeated (nor is
    ///     `order_id` read when the earlier read found no line items).
    ///   - body: Called once per non-empty block of orders, in file order.
    /// - Returns: The customer ids, their normalization, and what was done to the rows.
    /// - Throws: `CSVError` from the reader; `OrderStreamError`; `OrderLogError.nonFiniteAmount`;
    ///   what `body` throws.
    /// - Complexity: O(file bytes) time; memory O(block + customers + 8–16 bytes per order with an id).
    @discardableResult
    public static func streamOrders(file path: String, mapping: [String: String] = [:], policy: CSVErrorPolicy = .strict,
                                    options: CSVReadOptions = CSVReadOptions(), ids: IDPolicy = .normalize,
                                    rereading earlier: OrderStreamSummary? = nil,
                                    _ body: (OrderBlock) throws -> Void) throws -> OrderStreamSummary {
        var reader = options
        reader.policy = policy
        var schema = ContractFile.orders.schema(requiring: [], extraCategories: []).mapped(mapping)
        // A later pass over a file whose rows were all orders of their own need not read order_id.
        // (Only when nothing was skipped: a row rejected for its order_id must stay out.)
        if let earlier, !earlier.lines.grouped, earlier.rejectedRows == 0 { schema = schema.removing("order_id") }
        let name = CSVReader.displayName(ofInput: path)
        var assembler = OrderBlockAssembler(file: name, ids: ids, rereading: earlier)
        _ = try CSVReader.forEachChunk(file: path, schema: schema, options: reader) { chunk in
            if let block = try assembler.add(chunk) { try body(block) }
        }
        if let block = try assembler.finish() { try body(block) }
        if !assembler.suspects.isEmpty {
            guard path != "-" else {
                let first = assembler.firstSuspect ?? ("", 0)
                throw OrderStreamError.orderLinesApart(file: name, orderID: first.id, line: first.line, verified: false)
            }
            // Second pass: the same blocks, the same carries; count how often each suspect id ends an order.
            var check = OrderBlockAssembler(file: name, ids: ids, verifying: assembler.suspects)
            _ = try CSVReader.forEachChunk(file: path, schema: schema, options: reader) { chunk in _ = try check.add(chunk) }
            _ = try check.finish()
            if let repeated = check.confirmedRepeat {
                throw OrderStreamError.orderLinesApart(file: name, orderID: repeated.id, line: repeated.line, verified: true)
            }
        }
        return assembler.summary()
    }
}

/// Turns reader blocks into blocks of orders (see `OrderLog.streamOrders`): interns customer ids,
/// normalizes order ids per block, carries the order being read into the next block, groups the
/// rest with `groupingLineItems`, and remembers the ids of ended orders as hashes.
struct OrderBlockAssembler {
    let file: String
    let ids: IDPolicy
    private var customers: IDInterner
    /// A later pass over a file already read: customers known, order ids already checked.
    private let rereading: Bool
    private var rejectedRows = 0
    private var lines = OrderLines(rows: 0, orders: 0, hasOrderID: false, grouped: false, linesWithAnotherCustomer: 0)
    private var orderIDReport = IDNormalization(column: "order_id", trimmed: 0, floatIntegers: 0, distinctBefore: 0, distinctAfter: 0)
    private var rewroteFloatIDs = false
    private var nonIntegerID: String?
    /// The rows of the order being read when the last block ended (its lines may go on).
    private var carry = CarriedRows()
    private var ended = EndedOrderIDs()
    /// Hashes of ids seen again after their order ended, and the first such id with its line.
    private(set) var suspects: Set<UInt64> = []
    private(set) var firstSuspect: (id: String, line: Int)?
    /// Second pass only: the suspect hashes, and how often each suspect id ended an order.
    private let verifying: Set<UInt64>?
    private var endings: [String: Int] = [:]
    private(set) var confirmedRepeat: (id: String, line: Int)?

    init(file: String, ids: IDPolicy, verifying: Set<UInt64>? = nil, rereading earlier: OrderStreamSummary? = nil) {
        customers = earlier?.interner ?? IDInterner()
        rereading = earlier != nil
        self.file = file
        self.ids = ids
        self.verifying = verifying
    }

    struct CarriedRows {
        var orderID = ""
        var customers: [Int32] = []
        var days: [Int32] = []
        var amounts: [Double] = []
        var lines: [Int] = []
        var isEmpty: Bool { customers.isEmpty }
    }

    /// The orders of `chunk` that have ended (nil when every row belongs to the order still open).
    mutating func add(_ chunk: CSVChunk) throws -> OrderBlock? {
        rejectedRows += chunk.rejected.count
        let log: OrderLog
        do { log = try OrderLog(table: chunk.table) } catch {
            preconditionFailure("the reader's table satisfies the order schema: \(error)")
        }
        let codeMap = rereading ? log.customerIDs.map { customers.code(of: $0) ?? -1 } : customers.intern(log.customerIDs)
        if rereading, codeMap.contains(-1) { throw OrderStreamError.fileChanged(file: file) }
        let customerCodes = log.customerCodes.map { codeMap[Int($0)] }
        guard let orderColumn = try? chunk.table.categories("order_id") else {
            lines.rows += log.count
            lines.orders += log.count
            guard verifying == nil else { return nil }
            return OrderBlock(orders: try OrderLog(customerIDs: customers.levels, customerCodes: customerCodes,
                                                   days: log.days, amounts: log.amounts), rejected: chunk.rejected)
        }
        lines.hasOrderID = true
        // This block's order ids, normalized (per block; the float rule is held to the whole column).
        var levels = orderColumn.levels
        var levelMap = levels.indices.map { Int32(truncatingIfNeeded: $0) }
        if ids == .normalize {
            let normalized = IDNormalization.normalize(levels: levels, column: "order_id")
            if normalized.report.floatIntegers > 0 { rewroteFloatIDs = true }
            if nonIntegerID == nil, IDNormalization.hasNonIntegerID(levels) {
                nonIntegerID = levels.first { IDNormalization.hasNonIntegerID([$0]) }
            }
            if rewroteFloatIDs, let example = nonIntegerID { throw OrderStreamError.inconsistentOrderIDs(file: file, example: example) }
            if normalized.report.changed {
                orderIDReport.trimmed += normalized.report.trimmed
                orderIDReport.floatIntegers += normalized.report.floatIntegers
                orderIDReport.distinctBefore += normalized.report.distinctBefore
                orderIDReport.distinctAfter += normalized.report.distinctAfter
            }
            levels = normalized.levels
            levelMap = normalized.codeMap
        }
        // Rows: the carried order's rows first, then this block's.
        var orderCodes: [Int32] = []
        var rowCustomers: [Int32] = [], days: [Int32] = [], amounts: [Double] = [], rowLines: [Int] = []
        let total = carry.customers.count + log.count
        orderCodes.reserveCapacity(total); rowCustomers.reserveCapacity(total)
        days.reserveCapacity(total); amounts.reserveCapacity(total); rowLines.reserveCapacity(total)
        if !carry.isEmpty {
            let code: Int32
            if let found = levels.firstIndex(of: carry.orderID) {
                code = Int32(truncatingIfNeeded: found)
            } else {
                code = Int32(truncatingIfNeeded: levels.count)
                levels.append(carry.orderID)
            }
            orderCodes.append(contentsOf: repeatElement(code, count: carry.customers.count))
            rowCustomers += carry.customers; days += carry.days; amounts += carry.amounts; rowLines += carry.lines
        }
        for row in 0..<log.count {
            orderCodes.append(orderColumn.valid[row] ? levelMap[Int(orderColumn.codes[row])] : -1)
            rowLines.append(chunk.rowLines[row])
        }
        rowCustomers += customerCodes; days += log.days; amounts += log.amounts
        carry = CarriedRows()
        // The order of the last row may go on in the next block: carry all of its rows.
        var keep = [Bool](repeating: true, count: orderCodes.count)
        if let last = orderCodes.last, last >= 0 {
            carry.orderID = levels[Int(last)]
            for row in orderCodes.indices where orderCodes[row] == last {
                keep[row] = false
                carry.customers.append(rowCustomers[row]); carry.days.append(days[row])
                carry.amounts.append(amounts[row]); carry.lines.append(rowLines[row])
            }
        }
        return try endOrders(levels: levels, orderCodes: orderCodes, customers: rowCustomers, days: days,
                             amounts: amounts, rowLines: rowLines, keep: keep, rejected: chunk.rejected)
    }

    /// The carried order, at the end of the file.
    mutating func finish() throws -> OrderBlock? {
        guard !carry.isEmpty else { return nil }
        let rows = carry
        carry = CarriedRows()
        return try endOrders(levels: [rows.orderID], orderCodes: [Int32](repeating: 0, count: rows.customers.count),
                             customers: rows.customers, days: rows.days, amounts: rows.amounts, rowLines: rows.lines,
                             keep: [Bool](repeating: true, count: rows.customers.count), rejected: [])
    }

    /// Groups the kept rows into orders, records their ids as ended, and returns the block.
    private mutating func endOrders(levels: [String], orderCodes: [Int32], customers rowCustomers: [Int32], days: [Int32],
                                    amounts: [Double], rowLines: [Int], keep: [Bool], rejected: [RejectedRow]) throws -> OrderBlock? {
        var codes: [Int32] = [], c: [Int32] = [], d: [Int32] = [], a: [Double] = []
        var firstLine = [Int](repeating: 0, count: levels.count)
        var used = [Bool](repeating: false, count: levels.count)
        for row in keep.indices where keep[row] {
            let code = orderCodes[row]
            if code >= 0, !used[Int(code)] { used[Int(code)] = true; firstLine[Int(code)] = rowLines[row] }
            codes.append(code); c.append(rowCustomers[row]); d.append(days[row]); a.append(amounts[row])
        }
        guard !codes.isEmpty else { return nil }
        for code in levels.indices where used[code] {
            let id = levels[code]
            if let verifying {
                if verifying.contains(HashSet64.hash(id)) {
                    endings[id, default: 0] += 1
                    if endings[id] == 2, confirmedRepeat == nil { confirmedRepeat = (id, firstLine[code]) }
                }
            } else if !rereading, !ended.insert(id, hash: { HashSet64.hash(id) }) {
                suspects.insert(HashSet64.hash(id))
                if firstSuspect == nil { firstSuspect = (id, firstLine[code]) }
            }
        }
        let rows = try OrderLog(customerIDs: customers.levels, customerCodes: c, days: d, amounts: a)
        let grouped = try rows.groupingLineItems(orderCodes: codes)
        lines.rows += grouped.lines.rows
        lines.orders += grouped.lines.orders
        lines.grouped = lines.grouped || grouped.lines.grouped
        lines.linesWithAnotherCustomer += grouped.lines.linesWithAnotherCustomer
        guard verifying == nil else { return nil }
        return OrderBlock(orders: grouped.log, rejected: rejected)
    }

    /// The summary after the last block.
    func summary() -> OrderStreamSummary {
        var notes: [IDNormalization] = []
        var normalized = customers.levels
        var map = normalized.indices.map { Int32(truncatingIfNeeded: $0) }
        if ids == .normalize {
            let result = IDNormalization.normalize(levels: customers.levels, column: "customer_id")
            if result.report.changed { notes.append(result.report); normalized = result.levels; map = result.codeMap }
            if orderIDReport.changed { notes.append(orderIDReport) }
        }
        return OrderStreamSummary(customerIDs: customers.levels, normalizedCustomerIDs: normalized, customerCodeMap: map,
                                  lines: lines, ids: notes, interner: customers,
                                  rejectedRows: rejectedRows)
    }
}
