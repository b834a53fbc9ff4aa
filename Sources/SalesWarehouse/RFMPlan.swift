/// The RFM per-customer step: each customer's last purchase day, purchases and the sum of their
/// used orders' amounts in exact minor units — the definitions of `RFMAnalysis` in memory and of
/// the SalesAnalytics article OrdersPurchasesRefunds: orders are line items grouped by `order_id`
/// (`OrderRelation`); an order is used unless it is a refund under `.exclude`/`.separate` or dated
/// after the as-of date (those are counted); a purchase is a used order with amount ≥ 0 ($0.00
/// included), a refund one with amount < 0; refunds reduce the monetary value under `.net` but never
/// count as purchases or date the recency; a customer is someone with a purchase (others are
/// counted in the facts, not returned); each order's amount is rounded to `currencyDecimals` half
/// away from zero and summed as an integer.
public struct RFMPlan: QueryPlan, Equatable {
    /// The orders relation (`order_id` when present, `customer_id`, `order_date`, `amount`).
    public var relation: WarehouseRelation
    /// The last day (days since 1970-01-01) of used orders; nil: every order is used.
    public var asOf: Int32?
    /// Net, exclude or separate refund orders.
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

    /// The input facts, the totals query, then the per-customer query.
    /// - Parameter dialect: The engine.
    /// - Returns: Three queries.
    public func queries(for dialect: SQLDialect) -> [WarehouseQuery] {
        [OrderFactsPlan(relation: relation).factsQuery(dialect), totalsQuery(dialect), customersQuery(dialect)]
    }

    /// `row_count, null_rows, refunds_excluded, future_rows, used_rows, max_used_day, min_used_day`: one row, over
    /// orders (`max_used_day` counts refunds too: the default as-of date is the day after the last
    /// used order, as in memory; `min_used_day` is the first day of the data a cohort matrix covers).
    /// - Parameter d: The engine.
    /// - Returns: The query.
    public func totalsQuery(_ d: SQLDialect) -> WarehouseQuery {
        var w = SQLWriter(d)
        let excluded = refunds.leavesRefundsOut ? "sk_amount < 0" : "1 = 0"
        let future = asOf.map { "sk_day > " + w.integer(Int64($0)) } ?? "1 = 0"
        let used = "NOT (\(excluded)) AND NOT (\(future))"
        let sql = """
            SELECT \(d.countAll) AS row_count, \
            \(d.bigint("coalesce(sum(sk_null), 0)")) AS null_rows, \
            \(d.bigint("coalesce(sum(CASE WHEN \(excluded) THEN 1 ELSE 0 END), 0)")) AS refunds_excluded, \
            \(d.bigint("coalesce(sum(CASE WHEN NOT (\(excluded)) AND \(future) THEN 1 ELSE 0 END), 0)")) AS future_rows, \
            \(d.bigint("coalesce(sum(CASE WHEN \(used) THEN 1 ELSE 0 END), 0)")) AS used_rows, \
            \(d.bigint("coalesce(max(CASE WHEN \(used) THEN sk_day ELSE -2147483648 END), -2147483648)")) AS max_used_day, \
            \(d.bigint("coalesce(min(CASE WHEN \(used) THEN sk_day ELSE 2147483647 END), 2147483647)")) AS min_used_day \
            FROM \(OrderRelation.subquery(relation, d))
            """
        return w.query(sql, columns: [.init("row_count", .integer), .init("null_rows", .integer),
                                      .init("refunds_excluded", .integer), .init("future_rows", .integer),
                                      .init("used_rows", .integer), .init("max_used_day", .integer),
                                      .init("min_used_day", .integer)],
                       purpose: "RFM totals")
    }

    /// The filter of used orders (`WHERE …` or empty).
    func usedFilter(_ w: inout SQLWriter) -> String {
        var conditions: [String] = []
        if refunds.leavesRefundsOut { conditions.append("sk_amount >= 0") }
        if let asOf { conditions.append("sk_day <= " + w.integer(Int64(asOf))) }
        return conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    }

    /// `customer_id, last_day, orders, minor_units`: one row per customer with a used purchase
    /// (`orders` = purchases, `last_day` = the last purchase's day, `minor_units` = purchases plus
    /// netted refunds), ordered by customer id.
    /// - Parameter d: The engine.
    /// - Returns: The query.
    public func customersQuery(_ d: SQLDialect) -> WarehouseQuery {
        var w = SQLWriter(d)
        let filter = usedFilter(&w)
        let minor = OrderRelation.minorUnits("sk_amount", decimals: currencyDecimals, d)
        let purchases = "sum(CASE WHEN sk_amount >= 0 THEN 1 ELSE 0 END)"
        let sql = """
            SELECT sk_customer AS customer_id, \(d.bigint("max(CASE WHEN sk_amount >= 0 THEN sk_day ELSE -2147483648 END)")) AS last_day, \
            \(d.bigint(purchases)) AS orders, \(d.bigint("sum(\(minor))")) AS minor_units \
            FROM \(OrderRelation.subquery(relation, d))\(filter) \
            GROUP BY sk_customer HAVING \(purchases) > 0 ORDER BY sk_customer
            """
        return w.query(sql, columns: [.init("customer_id", .text), .init("last_day", .integer),
                                      .init("orders", .integer), .init("minor_units", .integer)],
                       purpose: "RFM per-customer aggregate")
    }

    /// Runs the queries (resolving `relation.orderID` first when it is `.detect`).
    /// - Parameter warehouse: A connection in any dialect.
    /// - Returns: The per-customer aggregates, the counts and the input facts.
    /// - Throws: `WarehouseError` (`.invalidData` when a customer, date or amount is null).
    public func fetch(on warehouse: any Warehouse) async throws -> RFMCustomerAggregates {
        guard relation.orderID != .detect else {
            var plan = self
            plan.relation = try await relation.resolvingOrderID(on: warehouse)
            return try await plan.fetch(on: warehouse)
        }
        let facts = try await OrderFactsPlan(relation: relation).fetch(on: warehouse)
        guard facts.nullRows == 0 else { throw OrderRelation.nullError(facts.nullRows, relation, warehouse) }
        let totals = try await warehouse.rows(totalsQuery(warehouse.dialect), minimumRows: 1)
        let t = (0..<6).map { totals.integers($0)[0] }
        let rows = try await warehouse.rows(customersQuery(warehouse.dialect))
        return RFMCustomerAggregates(customerIDs: rows.texts(0), lastDay: rows.integers(1).map { Int32(clamping: $0) },
                                     orders: rows.integers(2), minorUnits: rows.integers(3), rowCount: Int(t[0]),
                                     excludedRefunds: Int(t[2]), futureOrders: Int(t[3]), usedOrders: Int(t[4]),
                                     maxUsedDay: Int32(clamping: t[5]), facts: facts,
                                     bytesReceived: facts.bytesReceived + totals.bytesReceived + rows.bytesReceived)
    }
}

/// What the RFM step returns: per customer with a used purchase, the order counts and the input facts.
public struct RFMCustomerAggregates: Sendable, Equatable {
    /// Customer ids (ordered by id).
    public let customerIDs: [String]
    /// Last used purchase day per customer (days since 1970-01-01).
    public let lastDay: [Int32]
    /// Used purchases per customer (refunds never count).
    public let orders: [Int64]
    /// Σ minor units per customer (purchases, and refunds under `.net`).
    public let minorUnits: [Int64]
    /// Orders of the relation (line items grouped).
    public let rowCount: Int
    /// Refund orders left out (`.exclude`, `.separate`).
    public let excludedRefunds: Int
    /// Orders dated after the as-of day (left out).
    public let futureOrders: Int
    /// Used orders (purchases and netted refunds).
    public let usedOrders: Int
    /// The last used day (`Int32.min` when none).
    public let maxUsedDay: Int32
    /// The input facts over the whole relation (customers without a purchase among them).
    public let facts: WarehouseOrderFacts
    /// Result bytes moved from the engine.
    public let bytesReceived: Int
}
