/// The facts every order analysis reports about its input (the SalesAnalytics article
/// OrdersPurchasesRefunds, `RefundFacts` and `OrderLines` in memory), computed in the engine over
/// the whole relation: rows and orders (line items grouped by `order_id`), purchases (orders with
/// net amount ≥ 0, $0.00 included), refund orders (net amount < 0) and their total, customers
/// (someone with a purchase), repeat customers (≥ 2 purchases) and the customers whose orders are
/// all refunds — counted apart, never segmented, in no cohort.
public struct OrderFactsPlan: QueryPlan, Equatable {
    /// The orders relation.
    public var relation: WarehouseRelation

    /// A plan.
    /// - Parameter relation: The orders.
    public init(relation: WarehouseRelation) { self.relation = relation }

    /// The one facts query.
    /// - Parameter dialect: The engine.
    /// - Returns: One query.
    public func queries(for dialect: SQLDialect) -> [WarehouseQuery] { [factsQuery(dialect)] }

    /// `rows, orders, purchases, refunds, refund_amount, customers, repeat_customers,
    /// customers_without_purchase, null_rows`: one row (an aggregate over one row per customer).
    /// - Parameter d: The engine.
    /// - Returns: The query.
    public func factsQuery(_ d: SQLDialect) -> WarehouseQuery {
        let w = SQLWriter(d)
        let perCustomer = "(SELECT sk_customer, sum(sk_lines) AS fl, count(*) AS fo, "
            + "sum(CASE WHEN sk_amount >= 0 THEN 1 ELSE 0 END) AS fp, "
            + "sum(CASE WHEN sk_amount < 0 THEN sk_amount ELSE 0 END) AS fr, sum(sk_null) AS fn "
            + "FROM \(OrderRelation.subquery(relation, d)) GROUP BY sk_customer) AS fc"
        let sql = "SELECT " + [
            d.bigint("coalesce(sum(fl), 0)") + " AS row_count",
            d.bigint("coalesce(sum(fo), 0)") + " AS order_count",
            d.bigint("coalesce(sum(fp), 0)") + " AS purchases",
            d.bigint("coalesce(sum(fo - fp), 0)") + " AS refunds",
            d.double("coalesce(sum(fr), 0)") + " AS refund_amount",
            d.bigint("coalesce(sum(CASE WHEN fp > 0 THEN 1 ELSE 0 END), 0)") + " AS customers",
            d.bigint("coalesce(sum(CASE WHEN fp > 1 THEN 1 ELSE 0 END), 0)") + " AS repeat_customers",
            d.bigint("coalesce(sum(CASE WHEN fp = 0 THEN 1 ELSE 0 END), 0)") + " AS without_purchase",
            d.bigint("coalesce(sum(fn), 0)") + " AS null_rows",
        ].joined(separator: ", ") + " FROM " + perCustomer
        return w.query(sql, columns: [.init("row_count", .integer), .init("order_count", .integer), .init("purchases", .integer),
                                      .init("refunds", .integer), .init("refund_amount", .double), .init("customers", .integer),
                                      .init("repeat_customers", .integer), .init("without_purchase", .integer),
                                      .init("null_rows", .integer)],
                       purpose: "order facts (line items, purchases, refunds, customers)")
    }

    /// Runs the query (resolving `relation.orderID` first when it is `.detect`).
    /// - Parameter warehouse: A connection in any dialect.
    /// - Returns: The facts.
    /// - Throws: `WarehouseError`.
    public func fetch(on warehouse: any Warehouse) async throws -> WarehouseOrderFacts {
        let resolved = try await relation.resolvingOrderID(on: warehouse)
        let rows = try await warehouse.rows(OrderFactsPlan(relation: resolved).factsQuery(warehouse.dialect), minimumRows: 1)
        func count(_ column: Int) -> Int { Int(clamping: rows.integers(column)[0]) }
        return WarehouseOrderFacts(rows: count(0), orders: count(1), hasOrderID: resolved.orderID == .present,
                                   purchases: count(2), refunds: count(3), refundAmount: rows.doubles(4)[0], customers: count(5),
                                   repeatCustomers: count(6), customersWithoutPurchase: count(7), nullRows: count(8),
                                   bytesReceived: rows.bytesReceived)
    }
}

/// What `OrderFactsPlan` returns: the input facts of the order analyses.
public struct WarehouseOrderFacts: Sendable, Equatable {
    /// Rows of the relation.
    public let rows: Int
    /// Orders (rows sharing a non-empty `order_id` are one order).
    public let orders: Int
    /// Whether the relation has an `order_id` column.
    public let hasOrderID: Bool
    /// Purchases: orders with net amount ≥ 0.
    public let purchases: Int
    /// Refund orders: net amount < 0.
    public let refunds: Int
    /// Σ refund amounts (≤ 0), in the engine's double sum.
    public let refundAmount: Double
    /// Customers with at least one purchase.
    public let customers: Int
    /// Customers with at least two purchases.
    public let repeatCustomers: Int
    /// Customers with rows but no purchase (refunds only).
    public let customersWithoutPurchase: Int
    /// Orders with a null customer, date or amount in a row (the analyses refuse them).
    public let nullRows: Int
    /// Result bytes moved from the engine.
    public let bytesReceived: Int

    /// Whether line items were grouped (some `order_id` repeats).
    public var lineItemsGrouped: Bool { orders < rows }
}
