/// The input relation of a warehouse analysis: a table (or view) or the user's own query, and the
/// mapping from the file readers' contract column names (`customer_id`, `order_date`, `amount`, …)
/// to the relation's column names.
///
/// Names are quoted when rendered (`"Kunden ID"`, `` `客户ID` ``), never interpolated raw; a user
/// query is the user's own SQL and is wrapped as a subquery.
public struct WarehouseRelation: Sendable, Equatable {
    /// Where the rows come from.
    public enum Source: Sendable, Equatable {
        /// A table or view name, optionally schema-qualified (`sales.orders`).
        case table(String)
        /// A `SELECT` statement of the engine's dialect.
        case query(String)
    }

    /// The rows.
    public var source: Source
    /// Contract name → the relation's column name (unmapped names are used as they are).
    public var mapping: [String: String]
    /// Whether the orders relation has an `order_id` column (rows sharing an id are line items of
    /// one order). `.detect` renders as `.present`; the order plans' `fetch` resolves it first
    /// (`resolvingOrderID(on:)`).
    public var orderID: OrderIDColumn

    /// Whether an orders relation has an `order_id` column.
    public enum OrderIDColumn: String, Sendable, Equatable, Codable {
        /// Ask the engine (a `WHERE 1 = 0` probe of the mapped column).
        case detect
        /// It has one: line items are grouped into orders.
        case present
        /// It has none: each row is an order.
        case absent
    }

    /// A relation.
    /// - Parameters:
    ///   - source: A table or a query.
    ///   - mapping: Contract name → column name (default: none, the contract names).
    ///   - orderID: Whether the relation has an `order_id` column (default: ask the engine).
    public init(_ source: Source, mapping: [String: String] = [:], orderID: OrderIDColumn = .detect) {
        self.source = source
        self.mapping = mapping
        self.orderID = orderID
    }

    /// This relation with `orderID` resolved: unchanged unless `.detect`, then `.present` when the
    /// engine has the (mapped) `order_id` column and `.absent` when it reports it missing.
    /// - Parameter warehouse: The engine.
    /// - Returns: The relation with `orderID` `.present` or `.absent`.
    /// - Throws: `WarehouseError` other than a missing column (a missing table, unreachable server).
    /// - Complexity: one query that reads no rows.
    public func resolvingOrderID(on warehouse: any Warehouse) async throws -> WarehouseRelation {
        guard orderID == .detect else { return self }
        var resolved = self
        do {
            _ = try await warehouse.run(OrderRelation.orderIDProbe(self, warehouse.dialect))
            resolved.orderID = .present
        } catch let error as WarehouseError where error.kind == .missingColumn {
            resolved.orderID = .absent
        }
        return resolved
    }

    /// A table relation.
    /// - Parameters:
    ///   - name: The table name.
    ///   - mapping: Contract name → column name.
    /// - Returns: The relation.
    ///   - orderID: Whether it has an `order_id` column (default: ask the engine).
    public static func table(_ name: String, mapping: [String: String] = [:], orderID: OrderIDColumn = .detect) -> WarehouseRelation {
        WarehouseRelation(.table(name), mapping: mapping, orderID: orderID)
    }

    /// A query relation.
    /// - Parameters:
    ///   - sql: A `SELECT` statement.
    ///   - mapping: Contract name → column name.
    /// - Returns: The relation.
    ///   - orderID: Whether it has an `order_id` column (default: ask the engine).
    public static func query(_ sql: String, mapping: [String: String] = [:], orderID: OrderIDColumn = .detect) -> WarehouseRelation {
        WarehouseRelation(.query(sql), mapping: mapping, orderID: orderID)
    }

    /// The relation's column for the contract name `name`.
    /// - Parameter name: A contract column name.
    /// - Returns: The mapped name, or `name`.
    public func column(_ name: String) -> String { mapping[name] ?? name }

    /// What the relation is, for messages: `table sales.orders` or `query (select …)`.
    public var summary: String {
        switch source {
        case let .table(name): return "table \(name)"
        case let .query(sql):
            let flat = sql.split(whereSeparator: { $0 == "\n" || $0 == "\t" }).joined(separator: " ")
            return "query (" + (flat.count > 60 ? String(flat.prefix(57)) + "…" : flat) + ")"
        }
    }

    /// The `FROM` item: the quoted table or the parenthesized query, aliased `src`.
    func fromItem(_ dialect: SQLDialect) -> String {
        switch source {
        case let .table(name): return dialect.tableName(name) + " AS src"
        case let .query(sql):
            var body = Substring(sql)
            while let last = body.last, last == ";" || last == " " || last == "\n" { body = body.dropLast() }
            return "(" + body + ") AS src"
        }
    }

    /// A column of the relation, quoted.
    func quoted(_ name: String, _ dialect: SQLDialect) -> String { dialect.identifier(column(name)) }
}
