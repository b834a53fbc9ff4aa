/// The KPI sheet's per-period step (`CustomerKPIs` in memory): per period the net revenue, the
/// refunds, the purchases and their amount (for AOV) in exact minor units, the active, new and
/// retained customers and the new customers' net revenue. A purchase is a row with amount ≥ 0, a
/// refund one with amount < 0; a customer is active in a period with a purchase in it, new in the
/// period of their first purchase, retained when active in the period and the one before.
public struct KPIPlan: QueryPlan, Equatable {
    /// The orders relation.
    public var relation: WarehouseRelation
    /// Week, month or quarter.
    public var period: WarehousePeriod
    /// Minor-unit decimals (0…6).
    public var currencyDecimals: Int

    /// A plan.
    /// - Parameters:
    ///   - relation: The orders.
    ///   - period: The grain.
    ///   - currencyDecimals: Minor-unit decimals.
    public init(relation: WarehouseRelation, period: WarehousePeriod = .month, currencyDecimals: Int = 2) {
        self.relation = relation
        self.period = period
        self.currencyDecimals = max(0, min(6, currencyDecimals))
    }

    /// The money query, the customers query and the retention query.
    /// - Parameter dialect: The engine.
    /// - Returns: Three queries.
    public func queries(for dialect: SQLDialect) -> [WarehouseQuery] {
        [moneyQuery(dialect), customersQuery(dialect), retainedQuery(dialect)]
    }

    func rows(_ d: SQLDialect) -> String {
        let index = OrderRelation.periodIndex(period, date: "sk_dt", day: "sk_day", d)
        let minor = OrderRelation.minorUnits("sk_amount", decimals: currencyDecimals, d)
        return "(SELECT sk_customer, sk_amount, \(index) AS pi, \(minor) AS sk_minor FROM \(OrderRelation.subquery(relation, d))) AS k"
    }

    func customerPeriods(_ d: SQLDialect, alias: String) -> String {
        "(SELECT sk_customer, pi, sum(CASE WHEN sk_amount >= 0 THEN 1 ELSE 0 END) AS purchases, sum(sk_minor) AS net "
            + "FROM \(rows(d)) GROUP BY sk_customer, pi) AS \(alias)"
    }

    /// `period, revenue_minor, refunds_minor, orders, purchase_minor` per period with rows.
    /// - Parameter d: The engine.
    /// - Returns: The query.
    public func moneyQuery(_ d: SQLDialect) -> WarehouseQuery {
        let w = SQLWriter(d)
        let sql = "SELECT \(d.bigint("pi")) AS period, \(d.bigint("sum(sk_minor)")) AS revenue_minor, "
            + "\(d.bigint("sum(CASE WHEN sk_amount < 0 THEN sk_minor ELSE 0 END)")) AS refunds_minor, "
            + "\(d.bigint("sum(CASE WHEN sk_amount >= 0 THEN 1 ELSE 0 END)")) AS orders, "
            + "\(d.bigint("sum(CASE WHEN sk_amount >= 0 THEN sk_minor ELSE 0 END)")) AS purchase_minor "
            + "FROM \(rows(d)) GROUP BY pi ORDER BY period"
        return w.query(sql, columns: ["period", "revenue_minor", "refunds_minor", "orders", "purchase_minor"].map { .init($0, .integer) },
                       purpose: "KPI revenue per \(period.rawValue)")
    }

    /// `period, active, new_customers, new_revenue_minor` per period with rows.
    /// - Parameter d: The engine.
    /// - Returns: The query.
    public func customersQuery(_ d: SQLDialect) -> WarehouseQuery {
        let w = SQLWriter(d)
        let first = "(SELECT sk_customer, min(pi) AS first_pi FROM \(rows(d)) WHERE sk_amount >= 0 GROUP BY sk_customer) AS f"
        let sql = "SELECT \(d.bigint("pi")) AS period, \(d.bigint("sum(CASE WHEN purchases > 0 THEN 1 ELSE 0 END)")) AS active, "
            + "\(d.bigint("sum(CASE WHEN pi = first_pi THEN 1 ELSE 0 END)")) AS new_customers, "
            + "\(d.bigint("sum(CASE WHEN pi = first_pi THEN net ELSE 0 END)")) AS new_revenue_minor "
            + "FROM \(customerPeriods(d, alias: "cp")) \(d.leftJoin) \(first) USING (sk_customer) GROUP BY pi ORDER BY period"
        return w.query(sql, columns: ["period", "active", "new_customers", "new_revenue_minor"].map { .init($0, .integer) },
                       purpose: "KPI customers per \(period.rawValue)")
    }

    /// `period, retained`: customers with a purchase in the period and in the one before.
    /// - Parameter d: The engine.
    /// - Returns: The query.
    public func retainedQuery(_ d: SQLDialect) -> WarehouseQuery {
        let w = SQLWriter(d)
        let now = "(SELECT sk_customer, pi AS rp FROM \(customerPeriods(d, alias: "c1")) WHERE purchases > 0) AS a"
        let before = "(SELECT sk_customer, pi + 1 AS rp FROM \(customerPeriods(d, alias: "c2")) WHERE purchases > 0) AS b"
        let sql = "SELECT \(d.bigint("rp")) AS period, \(d.countAll) AS retained FROM \(now) \(d.innerJoin) \(before) "
            + "USING (sk_customer, rp) GROUP BY rp ORDER BY period"
        return w.query(sql, columns: [.init("period", .integer), .init("retained", .integer)],
                       purpose: "KPI retained customers per \(period.rawValue)")
    }

    /// Runs the queries and assembles every period from the first to the last one with rows.
    /// - Parameter warehouse: A connection.
    /// - Returns: One row per period.
    /// - Throws: `WarehouseError`.
    public func fetch(on warehouse: any Warehouse) async throws -> [WarehouseKPIPeriod] {
        guard relation.orderID != .detect else {
            var plan = self
            plan.relation = try await relation.resolvingOrderID(on: warehouse)
            return try await plan.fetch(on: warehouse)
        }
        let d = warehouse.dialect
        let money = try await warehouse.rows(moneyQuery(d))
        let customers = try await warehouse.rows(customersQuery(d))
        let retained = try await warehouse.rows(retainedQuery(d))
        let periods = money.integers(0)
        guard let p0 = periods.first, let p1 = periods.last else { return [] }
        let width = Int(p1 - p0) + 1
        var out = (0..<width).map { WarehouseKPIPeriod(index: p0 + Int64($0), label: period.label(ofIndex: p0 + Int64($0))) }
        for i in 0..<money.count {
            let p = Int(periods[i] - p0)
            out[p].revenueMinorUnits = money.integers(1)[i]
            out[p].refundsMinorUnits = money.integers(2)[i]
            out[p].orders = Int(money.integers(3)[i])
            out[p].purchaseMinorUnits = money.integers(4)[i]
        }
        for i in 0..<customers.count {
            let p = Int(customers.integers(0)[i] - p0)
            guard p >= 0, p < width else { continue }
            out[p].activeCustomers = Int(customers.integers(1)[i])
            out[p].newCustomers = Int(customers.integers(2)[i])
            out[p].newCustomerRevenueMinorUnits = customers.integers(3)[i]
        }
        for i in 0..<retained.count {
            let p = Int(retained.integers(0)[i] - p0)
            guard p >= 0, p < width else { continue }
            out[p].retainedCustomers = Int(retained.integers(1)[i])
        }
        return out
    }
}

/// One KPI period computed in a warehouse (money in minor units).
public struct WarehouseKPIPeriod: Sendable, Equatable {
    /// The running period index.
    public let index: Int64
    /// `YYYY-MM`, `YYYY-Qn` or the week's Monday.
    public let label: String
    /// Net revenue.
    public var revenueMinorUnits: Int64 = 0
    /// Σ refunds (≤ 0).
    public var refundsMinorUnits: Int64 = 0
    /// Purchases.
    public var orders = 0
    /// Σ purchase amounts.
    public var purchaseMinorUnits: Int64 = 0
    /// Customers with a purchase.
    public var activeCustomers = 0
    /// Customers whose first purchase is in this period.
    public var newCustomers = 0
    /// Net revenue of the new customers in the period.
    public var newCustomerRevenueMinorUnits: Int64 = 0
    /// Customers active in this period and the one before.
    public var retainedCustomers = 0

    init(index: Int64, label: String) {
        self.index = index
        self.label = label
    }
}
