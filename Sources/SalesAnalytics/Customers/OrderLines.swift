import SalesData

/// Orders in columnar form for the customer analyses: one row per order or refund, customers as
/// dense codes into `customerIDs`, dates as days since 1970-01-01, amounts in the currency of the
/// file (refunds negative, as in the data contract).
public struct OrderLines: Sendable, Equatable {
    /// The distinct customer ids; `customer[i]` indexes this array.
    public let customerIDs: [String]
    /// Customer code of each row (0 ..< customerIDs.count).
    public let customer: [Int32]
    /// Order date of each row, days since 1970-01-01.
    public let day: [Int32]
    /// Amount of each row (negative for a refund).
    public let amount: [Double]

    /// The number of rows.
    public var count: Int { customer.count }

    /// Orders from parallel arrays.
    ///
    /// - Parameters:
    ///   - customerIDs: Distinct customer ids.
    ///   - customer: Code per row into `customerIDs`.
    ///   - day: Date per row (days since 1970-01-01).
    ///   - amount: Amount per row (finite).
    ///   - source: Name used in error messages.
    /// - Throws: `CustomerAnalyticsError.invalidOption` when the arrays differ in length,
    ///   `.invalidValue` for a code out of range or a non-finite amount (naming the row).
    /// - Complexity: O(n).
    public init(customerIDs: [String], customer: [Int32], day: [Int32], amount: [Double],
                source: String = "orders") throws(CustomerAnalyticsError) {
        guard customer.count == day.count, day.count == amount.count else {
            throw .invalidOption(name: "orders", value: "\(customer.count)/\(day.count)/\(amount.count) rows",
                                 reason: "customer, day and amount arrays must have the same length")
        }
        for i in 0..<customer.count {
            guard customer[i] >= 0, Int(customer[i]) < customerIDs.count else {
                throw .invalidValue(source: source, row: i, column: "customer_id", value: "\(customer[i])",
                                    reason: "customer code out of range 0..<\(customerIDs.count)")
            }
            guard amount[i].isFinite else {
                throw .invalidValue(source: source, row: i, column: "amount", value: "\(amount[i])",
                                    reason: "amount must be finite")
            }
        }
        self.customerIDs = customerIDs
        self.customer = customer
        self.day = day
        self.amount = amount
    }

    /// Orders from a table with the contract columns `customer_id` (category), `order_date`
    /// (date) and `amount` (double), as `OrdersFile` reads them. Rows with a missing value throw.
    ///
    /// - Parameters:
    ///   - table: The table.
    ///   - source: Name used in error messages (the file).
    /// - Throws: `CustomerAnalyticsError.column` for an absent or mistyped column,
    ///   `.missingValue` naming the row, `.empty` for a table without rows.
    /// - Complexity: O(n).
    public init(table: Table, source: String = "orders") throws(CustomerAnalyticsError) {
        guard table.rowCount > 0 else { throw .empty(source: source, detail: "no order rows") }
        let ids: CategoryColumn
        let dates: TypedColumn<Int32>
        let amounts: TypedColumn<Double>
        do {
            ids = try table.categories("customer_id")
            dates = try table.dates("order_date")
            amounts = try table.numbers("amount")
        } catch {
            throw .column(source: source, error)
        }
        for i in 0..<table.rowCount {
            if !ids.valid[i] { throw .missingValue(source: source, row: i, column: "customer_id") }
            if !dates.valid[i] { throw .missingValue(source: source, row: i, column: "order_date") }
            if !amounts.valid[i] { throw .missingValue(source: source, row: i, column: "amount") }
        }
        try self.init(customerIDs: ids.levels, customer: ids.codes, day: dates.values, amount: amounts.values,
                      source: source)
    }

    /// The last order date, or nil when there are no rows.
    /// - Complexity: O(n).
    public var lastDay: Int32? { day.max() }

    /// The first order date, or nil when there are no rows.
    /// - Complexity: O(n).
    public var firstDay: Int32? { day.min() }

    /// Row indices grouped by customer and sorted by date, then amount, within a customer (the
    /// order pandas' `sort_values([customer, date, amount])` gives, so sums agree to the last bit): `rows[offsets[c] ..< offsets[c + 1]]` are customer c's rows.
    /// - Complexity: O(n + k log k) with k the largest customer's row count.
    func rowsByCustomer() -> (offsets: [Int], rows: [Int]) {
        let k = customerIDs.count
        var offsets = [Int](repeating: 0, count: k + 1)
        for c in customer { offsets[Int(c) + 1] += 1 }
        for c in 0..<k { offsets[c + 1] += offsets[c] }
        var next = offsets
        var rows = [Int](repeating: 0, count: customer.count)
        for i in 0..<customer.count {
            let c = Int(customer[i])
            rows[next[c]] = i
            next[c] += 1
        }
        day.withUnsafeBufferPointer { d in
            amount.withUnsafeBufferPointer { a in
                for c in 0..<k where offsets[c + 1] - offsets[c] > 1 {
                    rows[offsets[c]..<offsets[c + 1]].sort { (d[$0], a[$0], $0) < (d[$1], a[$1], $1) }
                }
            }
        }
        return (offsets, rows)
    }
}
