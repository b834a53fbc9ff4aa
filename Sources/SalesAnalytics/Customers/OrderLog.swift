/// The orders of a customer base as flat columns: one entry per order row, customers as dense
/// `Int32` codes into `customerIDs`, dates as days since 1970-01-01, amounts in currency units.
///
/// This is the input of `RFMAnalysis` and `CohortAnalysis`. Build it from a `Table` read with
/// `OrderLog.schema` (`init(table:)`), from a file (`OrderLog.read(file:mapping:policy:)`), or from
/// arrays. Refunds are rows with a negative amount.
public struct OrderLog: Sendable, Equatable {
    /// The distinct customer ids; `customerCodes[i]` indexes this array.
    public let customerIDs: [String]
    /// One customer code per order, in `0..<customerIDs.count`.
    public let customerCodes: [Int32]
    /// One order date per order, as days since 1970-01-01 (see `CivilDate`).
    public let days: [Int32]
    /// One amount per order (negative for a refund).
    public let amounts: [Double]

    /// The number of order rows.
    public var count: Int { customerCodes.count }

    /// An order log from parallel arrays.
    /// - Parameters:
    ///   - customerIDs: Distinct customer ids (the codes' dictionary).
    ///   - customerCodes: One code per order, each in `0..<customerIDs.count`.
    ///   - days: One date per order (days since 1970-01-01).
    ///   - amounts: One amount per order; must be finite.
    /// - Throws: `OrderLogError.lengthMismatch`, `.invalidCustomerCode` (with the row) or
    ///   `.nonFiniteAmount` (with the row).
    /// - Complexity: O(n).
    public init(customerIDs: [String], customerCodes: [Int32], days: [Int32], amounts: [Double]) throws(OrderLogError) {
        guard days.count == customerCodes.count, amounts.count == customerCodes.count else {
            throw .lengthMismatch(customers: customerCodes.count, days: days.count, amounts: amounts.count)
        }
        let limit = Int32(clamping: customerIDs.count)
        for (row, code) in customerCodes.enumerated() where code < 0 || code >= limit {
            throw .invalidCustomerCode(row: row, code: code, customerCount: customerIDs.count)
        }
        for (row, amount) in amounts.enumerated() where !amount.isFinite {
            throw .nonFiniteAmount(row: row, value: amount)
        }
        self.customerIDs = customerIDs
        self.customerCodes = customerCodes
        self.days = days
        self.amounts = amounts
    }

    /// An order log from rows of `(customer id, date, amount)`, for small inputs and tests.
    /// - Parameter rows: The orders; customer ids are coded in order of first appearance.
    /// - Throws: `OrderLogError.nonFiniteAmount`.
    /// - Complexity: O(n) expected (hashing the ids).
    public init(rows: [(customer: String, day: Int32, amount: Double)]) throws(OrderLogError) {
        var codeOf: [String: Int32] = [:]
        var ids: [String] = []
        var codes: [Int32] = []
        codes.reserveCapacity(rows.count)
        for row in rows {
            if let code = codeOf[row.customer] {
                codes.append(code)
            } else {
                let code = Int32(truncatingIfNeeded: ids.count)
                codeOf[row.customer] = code
                ids.append(row.customer)
                codes.append(code)
            }
        }
        try self.init(customerIDs: ids, customerCodes: codes, days: rows.map(\.day), amounts: rows.map(\.amount))
    }

    /// An order log from a table with the columns of `OrderLog.schema`: `customer_id` (category),
    /// `order_date` (date) and `amount` (double), none missing.
    /// - Parameter table: The orders table (for example `CSVReader.read(...).table`).
    /// - Throws: `OrderLogError.table` when a column is absent or of another type,
    ///   `.missingValue` with the row and column, `.nonFiniteAmount`.
    /// - Complexity: O(n).
    public init(table: Table) throws(OrderLogError) {
        let customers: CategoryColumn
        let dates: TypedColumn<Int32>
        let amounts: TypedColumn<Double>
        do {
            customers = try table.categories("customer_id")
            dates = try table.dates("order_date")
            amounts = try table.doubles("amount")
        } catch {
            throw .table(error)
        }
        for (name, valid) in [("customer_id", customers.valid), ("order_date", dates.valid), ("amount", amounts.valid)] {
            if let row = valid.firstIndex(of: false) { throw .missingValue(row: row, column: name) }
        }
        try self.init(customerIDs: customers.levels, customerCodes: customers.codes, days: dates.values,
                      amounts: amounts.values)
    }

    /// The columns an orders file must have for `init(table:)` (contract names; `order_id` is not needed).
    public static let schema = CSVSchema([
        .init("customer_id", .category, allowsMissing: false),
        .init("order_date", .date, allowsMissing: false),
        .init("amount", .double, allowsMissing: false),
    ])
}

/// Errors building an `OrderLog`.
public enum OrderLogError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The three arrays differ in length.
    case lengthMismatch(customers: Int, days: Int, amounts: Int)
    /// A customer code at `row` is outside `0..<customerCount`.
    case invalidCustomerCode(row: Int, code: Int32, customerCount: Int)
    /// The amount at `row` (0-based data row) is NaN or infinite.
    case nonFiniteAmount(row: Int, value: Double)
    /// The value of `column` at `row` (0-based data row) is missing.
    case missingValue(row: Int, column: String)
    /// The table lacks a column or holds it with another type.
    case table(TableError)

    /// A one-line message with the row and column.
    public var description: String {
        switch self {
        case let .lengthMismatch(customers, days, amounts):
            return "order columns differ in length: \(customers) customer codes, \(days) dates, \(amounts) amounts"
        case let .invalidCustomerCode(row, code, count):
            return "order row \(row): customer code \(code) outside 0..<\(count)"
        case let .nonFiniteAmount(row, value):
            return "order row \(row): amount \(value) is not a finite number"
        case let .missingValue(row, column):
            return "order row \(row): column \"\(column)\" is missing"
        case let .table(error):
            return "orders table: \(error)"
        }
    }
}
