import SalesData

/// Reads the contract's `orders.csv` (customer_id, order_date, amount; order_id optional and not
/// used) into `OrderLines`.
public enum OrdersFile {
    /// The columns read: `customer_id` (category), `order_date` (date), `amount` (double), all
    /// required and non-empty.
    public static let schema = CSVSchema([
        .init("customer_id", .category, allowsMissing: false),
        .init("order_date", .date, allowsMissing: false),
        .init("amount", .double, allowsMissing: false),
    ])

    /// Reads an orders file.
    ///
    /// - Parameters:
    ///   - path: The file.
    ///   - mapping: Contract column name → the file's header (`--map`).
    ///   - policy: `.strict` (first bad row throws) or `.skipInvalidRows` (listed in the result).
    /// - Returns: The orders and the rows the reader rejected.
    /// - Throws: `CSVError` (file, line, column) from the reader; `CustomerAnalyticsError.empty`
    ///   when no row could be read.
    /// - Complexity: O(file bytes).
    public static func read(file path: String, mapping: [String: String] = [:],
                            policy: CSVErrorPolicy = .strict) throws -> (orders: OrderLines, rejected: [RejectedRow]) {
        let result = try CSVReader.read(file: path, schema: schema.mapped(mapping),
                                        options: CSVReadOptions(policy: policy))
        return (try OrderLines(table: result.table, source: path), result.rejected)
    }
}
