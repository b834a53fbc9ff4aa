import SalesData

/// The cohort step: per (cohort, periods since the cohort's first period) the customers active
/// and their revenue in exact minor units, and per cohort the histogram of each customer's last
/// active period (for "return on or after" retention) — the definitions of `CohortAnalysis` with
/// the first-order origin and of the SalesAnalytics article OrdersPurchasesRefunds: orders are line
/// items grouped by `order_id`; used orders as in RFM (refunds netted, excluded or separate, nothing
/// after the as-of day); a customer's cohort is the period of their first purchase (amount ≥ 0,
/// $0.00 included); a customer is active in a period with a purchase in it; a refund nets into its
/// period's revenue (also in a period without a purchase) but never starts a cohort or makes a
/// customer active, and one before the customer's cohort period is dropped; customers with refunds
/// only are in no cohort (the facts count them).
public struct CohortPlan: QueryPlan, Equatable {
    /// The orders relation.
    public var relation: WarehouseRelation
    /// Week, month or quarter.
    public var period: WarehousePeriod
    /// Net, exclude or separate refund orders.
    public var refunds: WarehouseRefunds
    /// Last day of data; nil: the last used order's day.
    public var asOf: Int32?
    /// Minor-unit decimals (0…6).
    public var currencyDecimals: Int

    /// A plan.
    /// - Parameters:
    ///   - relation: The orders.
    ///   - period: The grain.
    ///   - refunds: Refund policy.
    ///   - asOf: Last day or nil.
    ///   - currencyDecimals: Minor-unit decimals.
    public init(relation: WarehouseRelation, period: WarehousePeriod = .month, refunds: WarehouseRefunds = .net,
                asOf: Int32? = nil, currencyDecimals: Int = 2) {
        self.relation = relation
        self.period = period
        self.refunds = refunds
        self.asOf = asOf
        self.currencyDecimals = max(0, min(6, currencyDecimals))
    }

    /// The input facts, the totals (as RFM's), the cells, and the last-period histogram.
    /// - Parameter dialect: The engine.
    /// - Returns: Four queries.
    public func queries(for dialect: SQLDialect) -> [WarehouseQuery] {
        [OrderFactsPlan(relation: relation).factsQuery(dialect), totals.totalsQuery(dialect), cellsQuery(dialect),
         lastPeriodQuery(dialect)]
    }

    /// The RFM plan with the same used-order definition (its totals query is reused).
    var totals: RFMPlan { RFMPlan(relation: relation, asOf: asOf, refunds: refunds, currencyDecimals: currencyDecimals) }

    /// `(SELECT sk_customer, pi, np, cp_minor FROM used orders)`: one row per customer and period
    /// with a used order — its purchases `np` and net minor units.
    func customerPeriods(_ d: SQLDialect, _ w: inout SQLWriter) -> String {
        let filter = totals.usedFilter(&w)
        let index = OrderRelation.periodIndex(period, date: "sk_dt", day: "sk_day", d)
        let minor = OrderRelation.minorUnits("sk_amount", decimals: currencyDecimals, d)
        return "(SELECT sk_customer, pi, sum(sk_purchase) AS np, \(d.bigint("sum(sk_minor)")) AS cp_minor FROM "
            + "(SELECT sk_customer, \(index) AS pi, \(minor) AS sk_minor, CASE WHEN sk_amount >= 0 THEN 1 ELSE 0 END AS sk_purchase "
            + "FROM \(OrderRelation.subquery(relation, d))\(filter)) AS u GROUP BY sk_customer, pi) AS cp"
    }

    /// Each customer's cohort (first purchase period) and last purchase period.
    func customerCohorts(_ d: SQLDialect, _ w: inout SQLWriter) -> String {
        "(SELECT sk_customer, min(pi) AS ck, max(pi) AS last_pi FROM \(customerPeriods(d, &w)) WHERE np > 0 GROUP BY sk_customer) AS cc"
    }

    /// `cohort, period, active, revenue_minor`: one row per cell with a used order (a cell with
    /// refunds only has `active` 0).
    /// - Parameter d: The engine.
    /// - Returns: The query.
    public func cellsQuery(_ d: SQLDialect) -> WarehouseQuery {
        var w = SQLWriter(d)
        let periods = customerPeriods(d, &w)
        let cohorts = customerCohorts(d, &w)
        let sql = """
            SELECT \(d.bigint("ck")) AS cohort, \(d.bigint("pi - ck")) AS period, \
            \(d.bigint("sum(CASE WHEN np > 0 THEN 1 ELSE 0 END)")) AS active, \(d.bigint("sum(cp_minor)")) AS revenue_minor \
            FROM \(periods) \(d.innerJoin) \(cohorts) USING (sk_customer) WHERE pi >= ck \
            GROUP BY ck, pi - ck ORDER BY cohort, period
            """
        return w.query(sql, columns: [.init("cohort", .integer), .init("period", .integer), .init("active", .integer),
                                      .init("revenue_minor", .integer)],
                       purpose: "cohort cells (\(period.rawValue))")
    }

    /// `cohort, last_period, customers`: customers by cohort and last active period (since the cohort start).
    /// - Parameter d: The engine.
    /// - Returns: The query.
    public func lastPeriodQuery(_ d: SQLDialect) -> WarehouseQuery {
        var w = SQLWriter(d)
        let cohorts = customerCohorts(d, &w)
        let sql = """
            SELECT \(d.bigint("ck")) AS cohort, \(d.bigint("last_pi - ck")) AS last_period, \(d.countAll) AS customers \
            FROM \(cohorts) GROUP BY ck, last_pi - ck ORDER BY cohort, last_period
            """
        return w.query(sql, columns: [.init("cohort", .integer), .init("last_period", .integer), .init("customers", .integer)],
                       purpose: "cohort sizes by last active period (\(period.rawValue))")
    }

    /// Runs the three queries and assembles the dense matrix.
    /// - Parameter warehouse: A connection.
    /// - Returns: The cohort matrix.
    /// - Throws: `WarehouseError` (`.invalidData` for null values or no used order).
    /// - Complexity: four grouped scans in the engine; O(cohorts × periods) here.
    public func fetch(on warehouse: any Warehouse) async throws -> WarehouseCohortMatrix {
        guard relation.orderID != .detect else {
            var plan = self
            plan.relation = try await relation.resolvingOrderID(on: warehouse)
            return try await plan.fetch(on: warehouse)
        }
        let d = warehouse.dialect
        let facts = try await OrderFactsPlan(relation: relation).fetch(on: warehouse)
        guard facts.nullRows == 0 else { throw OrderRelation.nullError(facts.nullRows, relation, warehouse) }
        let totals = try await warehouse.rows(totals.totalsQuery(d), minimumRows: 1)
        let t = (0..<7).map { totals.integers($0)[0] }
        guard t[4] > 0 else {
            throw WarehouseError(.invalidData, source: warehouse.source, detail: "no used orders in \(relation.summary)",
                                 hint: "the as-of date and the refund policy")
        }
        let cells = try await warehouse.rows(cellsQuery(d))
        let last = try await warehouse.rows(lastPeriodQuery(d))
        let lastDay = asOf ?? Int32(clamping: t[5])
        let lastPeriod = Self.index(of: lastDay, period)
        return WarehouseCohortMatrix(period: period, lastPeriod: lastPeriod,
                                     cells: (cells.integers(0), cells.integers(1), cells.integers(2), cells.integers(3)),
                                     lastActive: (last.integers(0), last.integers(1), last.integers(2)),
                                     usedOrders: Int(t[4]), futureOrders: Int(t[3]), excludedRefunds: Int(t[2]), facts: facts,
                                     bytesReceived: facts.bytesReceived + totals.bytesReceived + cells.bytesReceived
                                         + last.bytesReceived,
                                     coverage: PeriodCoverage(unit: period.unit, firstDay: Int(t[6]), lastDay: Int(lastDay)))
    }

    /// The period index of a day, as the engine computes it (for the last observable period).
    static func index(of day: Int32, _ period: WarehousePeriod) -> Int64 {
        switch period {
        case .week:
            let shifted = Int64(day) + 3
            return shifted >= 0 ? shifted / 7 : (shifted - 6) / 7
        case .month:
            let c = CivilDate.civil(fromDays: Int(day))
            return Int64(c.year * 12 + c.month - 1)
        case .quarter:
            let c = CivilDate.civil(fromDays: Int(day))
            return Int64(c.year * 4 + (c.month - 1) / 3)
        }
    }
}
