import SalesData
/// An orders file read into orders: the log, the rows the reader skipped, and how rows became orders.
public struct OrderInput: Sendable {
    /// One entry per order (line items summed when `order_id` repeats).
    public var log: OrderLog
    /// Every skipped row in file order (empty under `.strict`).
    public var rejected: [RejectedRow]
    /// Rows, orders, and whether line items were grouped.
    public var lines: OrderLines
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
    /// - Returns: The orders, every skipped row in file order, and the line-item grouping.
    /// - Throws: `CSVError` with file, line, column and text: unreadable file, missing columns, and
    ///   under `.strict` the first bad row; `OrderLogError.nonFiniteAmount` when an order's lines sum
    ///   beyond the range of Double.
    /// - Complexity: O(file bytes), parallel over the reader's threads, plus O(rows) for the grouping.
    public static func readOrders(file path: String, mapping: [String: String] = [:], policy: CSVErrorPolicy = .strict,
                                  groupColumns: [String] = [], options: CSVReadOptions = CSVReadOptions()) throws -> OrderInput {
        var readOptions = options
        readOptions.policy = policy
        let schema = ContractFile.orders.schema(requiring: [], extraCategories: groupColumns).mapped(mapping)
        let result = try CSVReader.read(file: path, schema: schema, options: readOptions)
        let log: OrderLog
        do {
            log = try OrderLog(table: result.table, groupColumns: groupColumns)
        } catch {
            preconditionFailure("the reader's table satisfies the order schema: \(error)")
        }
        guard let ids = try? result.table.categories("order_id") else {
            return OrderInput(log: log, rejected: result.rejected,
                              lines: OrderLines(rows: log.count, orders: log.count, hasOrderID: false, grouped: false,
                                                linesWithAnotherCustomer: 0))
        }
        let codes = ids.codes.indices.map { ids.valid[$0] ? ids.codes[$0] : -1 }
        let grouped = try log.groupingLineItems(orderCodes: codes)
        return OrderInput(log: grouped.log, rejected: result.rejected, lines: grouped.lines)
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
