import SalesData
/// The orders of a customer base as flat columns: one entry per order row, customers as dense
/// `Int32` codes into `customerIDs`, dates as days since 1970-01-01, amounts in currency units,
/// and optional group columns (rep, region, product, channel, …) for split revenue.
///
/// The one order type: the input of `RFMAnalysis`, `CohortAnalysis`, `CustomerSummary` (CLV),
/// `CustomerKPIs`, `PurchasePropensity` and `RevenueForecaster`. Build it from a file
/// (`OrderLog.read(file:mapping:policy:groupColumns:options:)`, the orders entry point of the one
/// reader), from a `Table` read with `OrderLog.schema(groupColumns:)` (`init(table:groupColumns:)`),
/// or from arrays. Refunds are rows with a negative amount.
public struct OrderLog: Sendable, Equatable {
    /// One optional group column of the orders (`rep_id`, `region`, `product`, `channel`, …).
    public struct Group: Sendable, Equatable {
        /// The contract (column) name.
        public let name: String
        /// The distinct values; `codes[i]` indexes this array.
        public let levels: [String]
        /// One code per order, `-1` where the field is empty.
        public let codes: [Int32]

        /// A group column.
        /// - Parameters:
        ///   - name: The column name.
        ///   - levels: The distinct values.
        ///   - codes: One code per order in `-1..<levels.count`.
        public init(name: String, levels: [String], codes: [Int32]) {
            self.name = name
            self.levels = levels
            self.codes = codes
        }
    }

    /// The distinct customer ids; `customerCodes[i]` indexes this array.
    public let customerIDs: [String]
    /// One customer code per order, in `0..<customerIDs.count`.
    public let customerCodes: [Int32]
    /// One order date per order, as days since 1970-01-01 (see `CivilDate`).
    public let days: [Int32]
    /// One amount per order (negative for a refund).
    public let amounts: [Double]
    /// The group columns read with the orders (empty unless asked for).
    public let groups: [Group]

    /// The group column `name`, if it was read.
    /// - Parameter name: The column name.
    /// - Returns: The group column.
    public func group(_ name: String) -> Group? { groups.first { $0.name == name } }

    /// The number of order rows.
    public var count: Int { customerCodes.count }

    /// An order log from parallel arrays.
    /// - Parameters:
    ///   - customerIDs: Distinct customer ids (the codes' dictionary).
    ///   - customerCodes: One code per order, each in `0..<customerIDs.count`.
    ///   - days: One date per order (days since 1970-01-01).
    ///   - amounts: One amount per order; must be finite.
    ///   - groups: Group columns, one code per order each (default none).
    /// - Throws: `OrderLogError.lengthMismatch`, `.invalidCustomerCode` (with the row) or
    ///   `.nonFiniteAmount` (with the row).
    /// - Complexity: O(n).
    public init(customerIDs: [String], customerCodes: [Int32], days: [Int32], amounts: [Double],
                groups: [Group] = []) throws(OrderLogError) {
        guard days.count == customerCodes.count, amounts.count == customerCodes.count,
              groups.allSatisfy({ $0.codes.count == customerCodes.count }) else {
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
        self.groups = groups
    }

    /// An order log from rows of `(customer id, date, amount)`, for small inputs and tests.
    /// - Parameter rows: The orders; customer ids are coded in order of first appearance.
    /// - Throws: `OrderLogError.nonFiniteAmount`.
    /// - Complexity: O(n) expected (hashing the ids).
    public init(rows: [(customer: String, day: Int32, amount: Double)]) throws(OrderLogError) {
        var ids = IDInterner()
        let codes = rows.map { ids.intern($0.customer) }
        try self.init(customerIDs: ids.levels, customerCodes: codes, days: rows.map(\.day), amounts: rows.map(\.amount))
    }

    /// An order log from a table with the columns of `OrderLog.schema(groupColumns:)`:
    /// `customer_id` (category), `order_date` (date) and `amount` (double), none missing, and the
    /// group columns (categories).
    /// - Parameters:
    ///   - table: The orders table (for example `CSVReader.read(...).table`).
    ///   - groupColumns: Category columns of `table` to keep as groups (default none).
    /// - Throws: `OrderLogError.table` when a column is absent or of another type,
    ///   `.missingValue` with the row and column, `.nonFiniteAmount`.
    /// - Complexity: O(n).
    public init(table: Table, groupColumns: [String] = []) throws(OrderLogError) {
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
        var groups: [Group] = []
        for name in groupColumns {
            let column: CategoryColumn
            do { column = try table.categories(name) } catch { throw .table(error) }
            groups.append(Group(name: name, levels: column.levels,
                                codes: column.codes.indices.map { column.valid[$0] ? column.codes[$0] : -1 }))
        }
        try self.init(customerIDs: customers.levels, customerCodes: customers.codes, days: dates.values,
                      amounts: amounts.values, groups: groups)
    }

    /// The columns an orders file must have for `init(table:)`: the contract's orders schema
    /// (`ContractFile.orders.schema`, with its value rules) without `order_id`, which no order
    /// analysis uses (reading it would dictionary-encode one level per order; `saleskit validate`
    /// checks its uniqueness).
    public static let schema = ContractFile.orders.schema.removing("order_id")

    /// `schema` plus group columns (categories, required in the file, empty fields allowed).
    /// - Parameter groupColumns: The group column names (contract names; map them like the others).
    /// - Returns: The schema.
    public static func schema(groupColumns: [String]) -> CSVSchema {
        ContractFile.orders.schema(requiring: [], extraCategories: groupColumns).removing("order_id")
    }
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
