/// The RFM per-customer step: each customer's last used order day, used orders and the sum of
/// their amounts in exact minor units — the same definitions as `RFMAnalysis` in memory:
/// an order is used unless it is a refund under `.exclude` or dated after the as-of date (those
/// are counted); each amount is rounded to `currencyDecimals` half away from zero and summed as
/// an integer.
public struct RFMPlan: QueryPlan, Equatable {
    /// The orders relation (`customer_id`, `order_date`, `amount`).
    public var relation: WarehouseRelation
    /// The last day (days since 1970-01-01) of used orders; nil: every order is used.
    public var asOf: Int32?
    /// Net or exclude refund rows.
    public var refunds: WarehouseRefunds
    /// Minor-unit decimals (0…6).
    public var currencyDecimals: Int

    /// A plan.
    /// - Parameters:
    ///   - relation: The orders.
    ///   - asOf: Last used day or nil.
    ///   - refunds: Refund policy.
    ///   - currencyDecimals: Minor-unit decimals (clamped to 0…6).
    public init(relation: WarehouseRelation, asOf: Int32? = nil, refunds: WarehouseRefunds = .net, currencyDecimals: Int = 2) {
        self.relation = relation
        self.asOf = asOf
        self.refunds = refunds
        self.currencyDecimals = max(0, min(6, currencyDecimals))
    }

    /// The totals query, then the per-customer query.
    /// - Parameter dialect: The engine.
    /// - Returns: Two queries.
    public func queries(for dialect: SQLDialect) -> [WarehouseQuery] { [totalsQuery(dialect), customersQuery(dialect)] }

    /// `rows, null_rows, refunds_excluded, future, used, max_used_day`: one row.
    /// - Parameter d: The engine.
    /// - Returns: The query.
    public func totalsQuery(_ d: SQLDialect) -> WarehouseQuery {
        var w = SQLWriter(d)
        let excluded = refunds == .exclude ? "sk_amount < 0" : "1 = 0"
        let future = asOf.map { "sk_day > " + w.integer(Int64($0)) } ?? "1 = 0"
        let used = "NOT (\(excluded)) AND NOT (\(future))"
        let sql = """
            SELECT \(d.countAll) AS row_count, \
            \(d.bigint("coalesce(sum(CASE WHEN sk_customer IS NULL OR sk_day IS NULL OR sk_amount IS NULL THEN 1 ELSE 0 END), 0)")) AS null_rows, \
            \(d.bigint("coalesce(sum(CASE WHEN \(excluded) THEN 1 ELSE 0 END), 0)")) AS refunds_excluded, \
            \(d.bigint("coalesce(sum(CASE WHEN NOT (\(excluded)) AND \(future) THEN 1 ELSE 0 END), 0)")) AS future_rows, \
            \(d.bigint("coalesce(sum(CASE WHEN \(used) THEN 1 ELSE 0 END), 0)")) AS used_rows, \
            \(d.bigint("coalesce(max(CASE WHEN \(used) THEN sk_day ELSE -2147483648 END), -2147483648)")) AS max_used_day \
            FROM \(OrderRelation.subquery(relation, d))
            """
        return w.query(sql, columns: [.init("row_count", .integer), .init("null_rows", .integer),
                                      .init("refunds_excluded", .integer), .init("future_rows", .integer),
                                      .init("used_rows", .integer), .init("max_used_day", .integer)],
                       purpose: "RFM totals")
    }

    /// `customer_id, last_day, orders, minor_units`: one row per customer with a used order,
    /// ordered by customer id.
    /// - Parameter d: The engine.
    /// - Returns: The query.
    public func customersQuery(_ d: SQLDialect) -> WarehouseQuery {
        var w = SQLWriter(d)
        var conditions: [String] = []
        if refunds == .exclude { conditions.append("sk_amount >= 0") }
        if let asOf { conditions.append("sk_day <= " + w.integer(Int64(asOf))) }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let minor = OrderRelation.minorUnits("sk_amount", decimals: currencyDecimals, d)
        let sql = """
            SELECT sk_customer AS customer_id, \(d.bigint("max(sk_day)")) AS last_day, \(d.countAll) AS orders, \
            \(d.bigint("sum(\(minor))")) AS minor_units \
            FROM \(OrderRelation.subquery(relation, d))\(filter) \
            GROUP BY sk_customer ORDER BY sk_customer
            """
        return w.query(sql, columns: [.init("customer_id", .text), .init("last_day", .integer),
                                      .init("orders", .integer), .init("minor_units", .integer)],
                       purpose: "RFM per-customer aggregate")
    }

    /// Runs both queries.
    /// - Parameter warehouse: A connection in any dialect.
    /// - Returns: The per-customer aggregates and the counts.
    /// - Throws: `WarehouseError` (`.invalidData` when a customer, date or amount is null).
    public func fetch(on warehouse: any Warehouse) async throws -> RFMCustomerAggregates {
        let totals = try await warehouse.rows(totalsQuery(warehouse.dialect), minimumRows: 1)
        let t = (0..<6).map { totals.integers($0)[0] }
        guard t[1] == 0 else {
            throw WarehouseError(.invalidData, source: warehouse.source,
                                 detail: "\(t[1]) order rows of \(relation.summary) have a null customer_id, order_date or amount",
                                 hint: "the column mapping, or filter those rows in --query")
        }
        let rows = try await warehouse.rows(customersQuery(warehouse.dialect))
        return RFMCustomerAggregates(customerIDs: rows.texts(0), lastDay: rows.integers(1).map { Int32(clamping: $0) },
                                     orders: rows.integers(2), minorUnits: rows.integers(3), rowCount: Int(t[0]),
                                     excludedRefunds: Int(t[2]), futureOrders: Int(t[3]), usedOrders: Int(t[4]),
                                     maxUsedDay: Int32(clamping: t[5]), bytesReceived: totals.bytesReceived + rows.bytesReceived)
    }
}

/// What the RFM step returns: per customer with a used order, and the row counts.
public struct RFMCustomerAggregates: Sendable, Equatable {
    /// Customer ids (ordered by id).
    public let customerIDs: [String]
    /// Last used order day per customer (days since 1970-01-01).
    public let lastDay: [Int32]
    /// Used orders per customer.
    public let orders: [Int64]
    /// Σ minor units per customer.
    public let minorUnits: [Int64]
    /// Rows of the relation.
    public let rowCount: Int
    /// Refund rows left out (`.exclude`).
    public let excludedRefunds: Int
    /// Rows dated after the as-of day (left out).
    public let futureOrders: Int
    /// Used rows.
    public let usedOrders: Int
    /// The last used day (`Int32.min` when none).
    public let maxUsedDay: Int32
    /// Result bytes moved from the engine.
    public let bytesReceived: Int
}
