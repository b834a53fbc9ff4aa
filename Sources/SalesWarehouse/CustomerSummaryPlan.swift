import SalesData

/// The BG/NBD / Gamma-Gamma per-customer step: for every customer with a purchase in the
/// calibration window, the first and last calibration purchase periods, the number of purchase
/// periods, the repeat-period amount (purchases of later periods plus the refunds that
/// `CustomerSummary` nets into them), the first purchase day, and the distinct purchase periods
/// in the holdout window — the definitions of `CustomerSummary.build` in memory.
///
/// A refund (amount < 0, dated ≤ calibration end) is netted into the latest purchase period on or
/// before its own period: into the first period (not a repeat) when it falls before the second
/// purchase period, into a repeat period from the second purchase period on, and dropped as an
/// orphan before the first. So the repeat amount is Σ purchases in periods after the first +
/// Σ refunds in periods from the second purchase period on — one join per `SELECT`, no window
/// functions.
public struct CustomerSummaryPlan: QueryPlan, Equatable {
    /// The orders relation.
    public var relation: WarehouseRelation
    /// The last calibration day (days since 1970-01-01).
    public var calibrationEnd: Int32
    /// The last holdout day; nil: the last order day (or the calibration end, if later).
    public var holdoutEnd: Int32?
    /// The purchase periods.
    public var grouping: WarehouseGrouping
    /// Net or exclude refunds.
    public var refunds: WarehouseRefunds

    /// A plan.
    /// - Parameters:
    ///   - relation: The orders.
    ///   - calibrationEnd: Last calibration day.
    ///   - holdoutEnd: Last holdout day or nil.
    ///   - grouping: Purchase periods (default day).
    ///   - refunds: Refund policy (default net).
    public init(relation: WarehouseRelation, calibrationEnd: Int32, holdoutEnd: Int32? = nil,
                grouping: WarehouseGrouping = .day, refunds: WarehouseRefunds = .net) {
        self.relation = relation
        self.calibrationEnd = calibrationEnd
        self.holdoutEnd = holdoutEnd
        self.grouping = grouping
        self.refunds = refunds
    }

    /// The profile, then (with the holdout end resolved to `resolvedHoldoutEnd`) the report and
    /// the customers.
    /// - Parameter dialect: The engine.
    /// - Returns: Three queries.
    public func queries(for dialect: SQLDialect) -> [WarehouseQuery] {
        let end = holdoutEnd ?? calibrationEnd
        return [profileQuery(dialect), reportQuery(dialect, holdoutEnd: end), customersQuery(dialect, holdoutEnd: end)]
    }

    /// `row_count, null_rows, max_day`.
    /// - Parameter d: The engine.
    /// - Returns: The query.
    public func profileQuery(_ d: SQLDialect) -> WarehouseQuery {
        let w = SQLWriter(d)
        let sql = "SELECT \(d.countAll) AS row_count, "
            + d.bigint("coalesce(sum(sk_null), 0)")
            + " AS null_rows, " + d.bigint("coalesce(max(sk_day), -2147483648)") + " AS max_day FROM "
            + OrderRelation.subquery(relation, d)
        return w.query(sql, columns: [.init("row_count", .integer), .init("null_rows", .integer), .init("max_day", .integer)],
                       purpose: "customer summary profile")
    }

    /// The row counts of `CustomerSummaryReport`, one row.
    /// - Parameters:
    ///   - d: The engine.
    ///   - holdoutEnd: The resolved holdout end.
    /// - Returns: The query.
    public func reportQuery(_ d: SQLDialect, holdoutEnd: Int32) -> WarehouseQuery {
        var w = SQLWriter(d)
        let cal = w.integer(Int64(calibrationEnd)), hold = w.integer(Int64(holdoutEnd))
        func count(_ condition: String) -> String { d.bigint("coalesce(sum(CASE WHEN \(condition) THEN 1 ELSE 0 END), 0)") }
        let ignored = refunds.leavesRefundsOut ? "sk_amount < 0 AND sk_day <= \(hold)" : "sk_amount < 0 AND sk_day > \(cal) AND sk_day <= \(hold)"
        let sql = """
            SELECT \(count("sk_amount >= 0 AND sk_day <= \(cal)")) AS calibration_purchases, \
            \(count("sk_amount >= 0 AND sk_day > \(cal) AND sk_day <= \(hold)")) AS holdout_purchases, \
            \(count("sk_day > \(hold)")) AS after_holdout, \
            \(count("sk_amount < 0 AND sk_day <= \(hold)")) AS refund_rows, \
            \(count(ignored)) AS refunds_ignored \
            FROM \(OrderRelation.subquery(relation, d))
            """
        return w.query(sql, columns: ["calibration_purchases", "holdout_purchases", "after_holdout", "refund_rows",
                                      "refunds_ignored"].map { .init($0, .integer) },
                       purpose: "customer summary row counts")
    }

    /// Per customer and purchase period in the calibration window: purchases, purchase amount,
    /// refund amount, refund rows, first purchase day.
    func periods(_ d: SQLDialect, _ w: inout SQLWriter) -> String {
        let cal = w.integer(Int64(calibrationEnd))
        let start = OrderRelation.periodStart(grouping, date: "sk_dt", day: "sk_day", d)
        let refund = refunds == .net ? "sk_amount < 0" : "1 = 0"
        return "(SELECT sk_customer, gp, "
            + "sum(CASE WHEN sk_amount >= 0 THEN 1 ELSE 0 END) AS purchases, "
            + "sum(CASE WHEN sk_amount >= 0 THEN sk_amount ELSE 0 END) AS pa, "
            + "sum(CASE WHEN \(refund) THEN sk_amount ELSE 0 END) AS ra, "
            + "sum(CASE WHEN \(refund) THEN 1 ELSE 0 END) AS rn, "
            + "min(CASE WHEN sk_amount >= 0 THEN sk_day ELSE 2147483647 END) AS pday "
            + "FROM (SELECT sk_customer, sk_day, sk_amount, \(start) AS gp FROM \(OrderRelation.subquery(relation, d)) "
            + "WHERE sk_day <= \(cal)) AS cal GROUP BY sk_customer, gp)"
    }

    /// `customer_id, first_period, last_period, periods, repeat_amount, first_day, holdout_periods,
    /// refunds_netted`: one row per customer with a calibration purchase, ordered by id.
    /// - Parameters:
    ///   - d: The engine.
    ///   - holdoutEnd: The resolved holdout end.
    /// - Returns: The query.
    public func customersQuery(_ d: SQLDialect, holdoutEnd: Int32) -> WarehouseQuery {
        var w = SQLWriter(d)
        let p1 = periods(d, &w) + " AS p1"
        let p2 = periods(d, &w) + " AS p2"
        let p3 = periods(d, &w) + " AS p3"
        let first = "(SELECT sk_customer, min(gp) AS first_gp, max(gp) AS last_gp, count(*) AS np, min(pday) AS first_day "
            + "FROM \(p1) WHERE purchases > 0 GROUP BY sk_customer) AS c"
        let second = "(SELECT sk_customer, min(first_gp) AS k_first, min(last_gp) AS k_last, min(np) AS k_np, "
            + "min(first_day) AS k_day, "
            + "min(CASE WHEN purchases > 0 AND gp > first_gp THEN gp ELSE 2147483647 END) AS second_gp, "
            + "sum(CASE WHEN purchases > 0 AND gp > first_gp THEN pa ELSE 0 END) AS repeat_pa, "
            + "sum(CASE WHEN gp >= first_gp THEN rn ELSE 0 END) AS netted "
            + "FROM \(p2) \(d.innerJoin) \(first) USING (sk_customer) GROUP BY sk_customer) AS k"
        let repeats = "(SELECT sk_customer, min(k_first) AS r_first, min(k_last) AS r_last, min(k_np) AS r_np, "
            + "min(k_day) AS r_day, min(repeat_pa) + sum(CASE WHEN gp >= second_gp THEN ra ELSE 0 END) AS r_amount, "
            + "min(netted) AS r_netted "
            + "FROM \(p3) \(d.innerJoin) \(second) USING (sk_customer) GROUP BY sk_customer) AS r"
        let cal = w.integer(Int64(calibrationEnd)), hold = w.integer(Int64(holdoutEnd))
        let start = OrderRelation.periodStart(grouping, date: "sk_dt", day: "sk_day", d)
        let holdout = "(SELECT sk_customer, count(DISTINCT hp) AS h_periods FROM "
            + "(SELECT sk_customer, \(start) AS hp FROM \(OrderRelation.subquery(relation, d)) "
            + "WHERE sk_amount >= 0 AND sk_day > \(cal) AND sk_day <= \(hold)) AS hr GROUP BY sk_customer) AS h"
        let sql = "SELECT sk_customer AS customer_id, \(d.bigint("r_first")) AS first_period, "
            + "\(d.bigint("r_last")) AS last_period, \(d.bigint("r_np")) AS periods, \(d.double("r_amount")) AS repeat_amount, "
            + "\(d.bigint("r_day")) AS first_day, \(d.bigint("coalesce(h_periods, 0)")) AS holdout_periods, "
            + "\(d.bigint("r_netted")) AS refunds_netted "
            + "FROM \(repeats) \(d.leftJoin) \(holdout) USING (sk_customer) ORDER BY customer_id"
        return w.query(sql, columns: [.init("customer_id", .text), .init("first_period", .integer),
                                      .init("last_period", .integer), .init("periods", .integer),
                                      .init("repeat_amount", .double), .init("first_day", .integer),
                                      .init("holdout_periods", .integer), .init("refunds_netted", .integer)],
                       purpose: "customer summary (BG/NBD, Gamma-Gamma) per customer")
    }

    /// `customers_without_calibration_purchase_but_with_purchase, customers_without_purchase`.
    func customerCountsQuery(_ d: SQLDialect, holdoutEnd: Int32) -> WarehouseQuery {
        var w = SQLWriter(d)
        let cal = w.integer(Int64(calibrationEnd)), hold = w.integer(Int64(holdoutEnd))
        let sql = "SELECT " + d.bigint("coalesce(sum(CASE WHEN cal_p = 0 AND any_p > 0 THEN 1 ELSE 0 END), 0)")
            + " AS first_seen_in_holdout, " + d.bigint("coalesce(sum(CASE WHEN any_p = 0 THEN 1 ELSE 0 END), 0)")
            + " AS without_purchases FROM (SELECT sk_customer, "
            + "sum(CASE WHEN sk_amount >= 0 AND sk_day <= \(cal) THEN 1 ELSE 0 END) AS cal_p, "
            + "sum(CASE WHEN sk_amount >= 0 AND sk_day <= \(hold) THEN 1 ELSE 0 END) AS any_p "
            + "FROM \(OrderRelation.subquery(relation, d)) GROUP BY sk_customer) AS cu"
        return w.query(sql, columns: [.init("first_seen_in_holdout", .integer), .init("without_purchases", .integer)],
                       purpose: "customer summary customer counts")
    }

    /// Runs the queries.
    /// - Parameter warehouse: A connection.
    /// - Returns: The per-customer rows and the row counts.
    /// - Throws: `WarehouseError` (`.invalidData` for nulls, no rows, or a holdout end before the
    ///   calibration end).
    public func fetch(on warehouse: any Warehouse) async throws -> CustomerSummaryAggregates {
        guard relation.orderID != .detect else {
            var plan = self
            plan.relation = try await relation.resolvingOrderID(on: warehouse)
            return try await plan.fetch(on: warehouse)
        }
        let d = warehouse.dialect
        let profile = try await warehouse.rows(profileQuery(d), minimumRows: 1)
        let rowCount = profile.integers(0)[0], nulls = profile.integers(1)[0], maxDay = profile.integers(2)[0]
        guard nulls == 0 else {
            throw WarehouseError(.invalidData, source: warehouse.source,
                                 detail: "\(nulls) order rows of \(relation.summary) have a null customer_id, order_date or amount",
                                 hint: "the column mapping, or filter those rows in --query")
        }
        guard rowCount > 0 else {
            throw WarehouseError(.invalidData, source: warehouse.source, detail: "\(relation.summary) has no rows",
                                 hint: "the table name or the query")
        }
        let end = holdoutEnd ?? max(Int32(clamping: maxDay), calibrationEnd)
        guard end >= calibrationEnd else {
            throw WarehouseError(.invalidData, source: warehouse.source,
                                 detail: "holdout end \(CivilDate.isoString(fromDays: Int(end))) is before the calibration end",
                                 hint: "--holdout-end")
        }
        let report = try await warehouse.rows(reportQuery(d, holdoutEnd: end), minimumRows: 1)
        let counts = try await warehouse.rows(customerCountsQuery(d, holdoutEnd: end), minimumRows: 1)
        let rows = try await warehouse.rows(customersQuery(d, holdoutEnd: end))
        let r = (0..<5).map { Int(report.integers($0)[0]) }
        return CustomerSummaryAggregates(
            customerIDs: rows.texts(0), firstPeriod: rows.integers(1), lastPeriod: rows.integers(2),
            periods: rows.integers(3), repeatAmount: rows.doubles(4), firstDay: rows.integers(5),
            holdoutPeriods: rows.integers(6), holdoutEnd: end, rowCount: Int(rowCount),
            calibrationPurchaseRows: r[0], holdoutPurchaseRows: r[1], rowsAfterHoldoutEnd: r[2], refundRows: r[3],
            refundsIgnored: r[4], refundsNetted: Int(rows.integers(7).reduce(0, +)),
            customersFirstSeenInHoldout: Int(counts.integers(0)[0]), customersWithoutPurchases: Int(counts.integers(1)[0]),
            bytesReceived: profile.bytesReceived + report.bytesReceived + counts.bytesReceived + rows.bytesReceived)
    }
}

/// What the customer-summary step returns.
public struct CustomerSummaryAggregates: Sendable, Equatable {
    /// Customers with a calibration purchase, ordered by id.
    public let customerIDs: [String]
    /// First and last calibration purchase period (first day of the period, days since 1970-01-01).
    public let firstPeriod: [Int64], lastPeriod: [Int64]
    /// Distinct calibration purchase periods.
    public let periods: [Int64]
    /// Σ amounts of the repeat periods (netted refunds included).
    public let repeatAmount: [Double]
    /// First calibration purchase day.
    public let firstDay: [Int64]
    /// Distinct holdout purchase periods.
    public let holdoutPeriods: [Int64]
    /// The resolved holdout end.
    public let holdoutEnd: Int32
    /// Row counts, as `CustomerSummaryReport`.
    public let rowCount: Int, calibrationPurchaseRows: Int, holdoutPurchaseRows: Int, rowsAfterHoldoutEnd: Int
    /// Refund counts.
    public let refundRows: Int, refundsIgnored: Int, refundsNetted: Int
    /// Customer counts.
    public let customersFirstSeenInHoldout: Int, customersWithoutPurchases: Int
    /// Result bytes moved from the engine.
    public let bytesReceived: Int
}
