import SalesData
extension OrderLog {
    /// Reads an orders file (`customer_id`, `order_date`, `amount`, and any `groupColumns`; other
    /// columns ignored) with the contract's one reader: types, the schema's value rules (a `NaN`
    /// or infinite amount is rejected in the file's own spelling) and each row's line, in one pass.
    /// - Parameters:
    ///   - path: The CSV file.
    ///   - mapping: Contract column name → the file's header (`["customer_id": "客户ID"]`).
    ///   - policy: `.strict` (the first bad row throws) or `.skipInvalidRows`.
    ///   - groupColumns: Category columns to keep as `groups` (rep, region, product, channel).
    ///   - options: Further reader options (delimiter, parallelism); its `policy` is replaced by `policy`.
    /// - Returns: The order log and every skipped row in file order (empty under `.strict`).
    /// - Throws: `CSVError` with file, line, column and text: unreadable file, missing columns, and
    ///   under `.strict` the first bad row.
    /// - Complexity: O(file bytes), parallel over the reader's threads.
    public static func read(file path: String, mapping: [String: String] = [:], policy: CSVErrorPolicy = .strict,
                            groupColumns: [String] = [], options: CSVReadOptions = CSVReadOptions())
        throws(CSVError) -> (log: OrderLog, rejected: [RejectedRow]) {
        var readOptions = options
        readOptions.policy = policy
        let result = try CSVReader.read(file: path, schema: schema(groupColumns: groupColumns).mapped(mapping),
                                        options: readOptions)
        do {
            return (try OrderLog(table: result.table, groupColumns: groupColumns), result.rejected)
        } catch {
            preconditionFailure("the reader's table satisfies the order schema: \(error)")
        }
    }
}
