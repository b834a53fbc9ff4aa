import SalesData
/// An orders file read into orders: the log, the rows the reader skipped, and how rows became orders.
public struct OrderInput: Sendable {
    /// One entry per order (line items summed when `order_id` repeats).
    public var log: OrderLog
    /// Every skipped row in file order (empty under `.strict`).
    public var rejected: [RejectedRow]
    /// Rows, orders, and whether line items were grouped.
    public var lines: OrderLines
    /// The id columns whose ids were normalized (`IDPolicy.normalize`; empty when nothing changed).
    public var ids: [IDNormalization] = []
}

extension OrderLog {
    /// Reads an orders file (`order_id` when present, `customer_id`, `order_date`, `amount`, and any
    /// `groupColumns`; other columns ignored) with the contract's one reader: types, the schema's
    /// value rules (a `NaN` or infinite amount is rejected in the file's own spelling) and each row's
    /// line, in one pass. When `order_id` repeats, the rows are line items and are summed into their
    /// orders (`groupingLineItems(orderCodes:)`); `lines` says what was done.
    /// - Parameters:
    ///   - path: The CSV file.
    ///   - mapping: Contract column name → the file's header (`["customer_id": "客户ID"]`).
    ///   - policy: `.strict` (the first bad row throws) or `.skipInvalidRows`.
    ///   - groupColumns: Category columns to keep as `groups` (rep, region, product, channel).
    ///   - options: Further reader options (delimiter, parallelism); its `policy` is replaced by `policy`.
    ///   - ids: `.normalize` (default: `customer_id` and `order_id` trimmed, float-formatted integer
    ///     columns read as integers) or `.verbatim`.
    ///   - lineItems: Read `order_id` and group line items (default). The ids are first read as
    ///     fingerprints (`IDFingerprint`): when no fingerprint repeats, no id repeats and each row is
    ///     an order, without interning a dictionary of order ids (which costs about as much as the
    ///     rest of the read); otherwise the file is parsed again with the ids (the source is read
    ///     once). `false` skips the column; `lines` then says no `order_id` was read.
    /// - Returns: The orders, every skipped row in file order, the line-item grouping and the id normalization.
    /// - Throws: `CSVError` with file, line, column and text: unreadable file, missing columns, and
    ///   under `.strict` the first bad row; `OrderLogError.nonFiniteAmount` when an order's lines sum
    ///   beyond the range of Double.
    /// - Complexity: O(file bytes), parallel over the reader's threads, plus O(rows) for the
    ///   fingerprints; a file whose order ids repeat is parsed twice, plus O(rows) for the grouping.
    public static func readOrders(file path: String, mapping: [String: String] = [:], policy: CSVErrorPolicy = .strict,
                                  groupColumns: [String] = [], options: CSVReadOptions = CSVReadOptions(),
                                  ids: IDPolicy = .normalize, lineItems: Bool = true) throws -> OrderInput {
        var readOptions = options
        readOptions.policy = policy
        var schema = ContractFile.orders.schema(requiring: [], extraCategories: groupColumns)
        if !lineItems { schema = schema.removing("order_id") }
        schema = schema.mapped(mapping)
        let source = try CSVSource(file: path, options: readOptions)
        if lineItems {
            // First pass: order ids as fingerprints. Only when one may repeat are the ids read.
            let probe = try source.read(schema: schema.fingerprinting("order_id"), options: readOptions)
            let fingerprints = try? probe.table.integers("order_id")
            if fingerprints.map({ !IDFingerprint.containsRepeat($0.values, valid: $0.valid) }) ?? true {
                var input = try orders(fromTable: probe.table, groupColumns: groupColumns, ids: ids)
                input.lines.hasOrderID = fingerprints != nil
                input.rejected = probe.rejected
                return input
            }
        }
        let result = try source.read(schema: schema, options: readOptions)
        var input = try orders(fromTable: result.table, groupColumns: groupColumns, ids: ids)
        input.rejected = result.rejected
        return input
    }

    /// The orders of a table read with the orders schema (`order_id` optional, `customer_id`,
    /// `order_date`, `amount`, and `groupColumns`): ids normalized by `ids`, then line items sharing
    /// an `order_id` summed into their orders — the one path from rows to orders of every reader
    /// (`readOrders`, the forecast reader).
    /// - Parameters:
    ///   - table: The table (for example `CSVReader.read(...).table`, after the contract checks).
    ///   - groupColumns: Category columns to keep as `groups`.
    ///   - ids: `.normalize` or `.verbatim`.
    /// - Returns: The orders, the grouping and the id normalization (`rejected` empty).
    /// - Throws: `OrderLogError` for a column of the wrong type or a missing value;
    ///   `.nonFiniteAmount` when an order's lines sum beyond the range of Double.
    /// - Complexity: O(rows).
    public static func orders(fromTable table: Table, groupColumns: [String] = [], ids: IDPolicy = .normalize) throws -> OrderInput {
        var log = try OrderLog(table: table, groupColumns: groupColumns)
        var notes: [IDNormalization] = []
        if ids == .normalize {
            let (levels, map, report) = IDNormalization.normalize(levels: log.customerIDs, column: "customer_id")
            if report.changed {
                notes.append(report)
                log = try OrderLog(customerIDs: levels, customerCodes: log.customerCodes.map { map[Int($0)] },
                                   days: log.days, amounts: log.amounts, groups: log.groups)
            }
        }
        guard let orderIDs = try? table.categories("order_id") else {
            return OrderInput(log: log, rejected: [],
                              lines: OrderLines(rows: log.count, orders: log.count, hasOrderID: false, grouped: false,
                                                linesWithAnotherCustomer: 0), ids: notes)
        }
        var map = orderIDs.levels.indices.map { Int32(truncatingIfNeeded: $0) }
        if ids == .normalize {
            let normalized = IDNormalization.normalize(levels: orderIDs.levels, column: "order_id")
            if normalized.report.changed { notes.append(normalized.report); map = normalized.codeMap }
        }
        let codes = orderIDs.codes.indices.map { orderIDs.valid[$0] ? map[Int(orderIDs.codes[$0])] : -1 }
        let grouped = try log.groupingLineItems(orderCodes: codes)
        return OrderInput(log: grouped.log, rejected: [], lines: grouped.lines, ids: notes)
    }

    /// Reads an orders file into orders (`readOrders(file:mapping:policy:groupColumns:options:)`
    /// without the grouping facts).
    /// - Parameters:
    ///   - path: The CSV file.
    ///   - mapping: Contract column name → the file's header.
    ///   - policy: `.strict` or `.skipInvalidRows`.
    ///   - groupColumns: Category columns to keep as `groups`.
    ///   - options: Further reader options; its `policy` is replaced by `policy`.
    /// - Returns: The order log (line items summed into orders) and every skipped row in file order.
    /// - Throws: As `readOrders`.
    /// - Complexity: O(file bytes).
    public static func read(file path: String, mapping: [String: String] = [:], policy: CSVErrorPolicy = .strict,
                            groupColumns: [String] = [], options: CSVReadOptions = CSVReadOptions())
        throws -> (log: OrderLog, rejected: [RejectedRow]) {
        let input = try readOrders(file: path, mapping: mapping, policy: policy, groupColumns: groupColumns, options: options)
        return (input.log, input.rejected)
    }
}
