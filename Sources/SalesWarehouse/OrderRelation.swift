import SalesData

/// The orders of a relation as the plans read them — the first rule of the SalesAnalytics article
/// OrdersPurchasesRefunds: when the relation has an `order_id` column, rows sharing a non-empty
/// `order_id` are the line items of one order (amount = Σ lines; date = the earliest line's; customer
/// = the smallest customer id among the lines — the engine has no file order, and an order's lines
/// normally share both), and a row with a null or empty `order_id` is an order of its own; without
/// `order_id` each row is an order.
///
/// A subquery with the columns `sk_customer` (text), `sk_dt` (date), `sk_day` (days since
/// 1970-01-01, integer), `sk_amount` (double), `sk_lines` (rows summed into the order) and
/// `sk_null` (rows of the order with a null customer, date or amount: `sum` and `min` skip nulls,
/// so the plans check this count instead of the order's values), from the contract columns
/// through the relation's mapping. (`sk_`/`l_` names: ClickHouse rejects an alias equal to a
/// column it reads.)
enum OrderRelation {
    /// The contract columns the order plans read.
    static let columns = ["customer_id", "order_date", "amount"]

    /// The condition of an order with a null customer, date or amount in one of its rows.
    static let hasNull = "sk_null > 0"

    /// `(SELECT … FROM src) AS alias`; with `group`, also `sk_group` (text): that contract column
    /// of the row, or the smallest among an order's lines.
    static func subquery(_ relation: WarehouseRelation, _ d: SQLDialect, alias: String = "o", group: String? = nil) -> String {
        "(" + select(relation, d, group: group) + ") AS " + alias
    }

    /// The `SELECT` of the orders: the rows themselves without `order_id`, else the rows without
    /// an id `UNION ALL` the line items summed per id.
    static func select(_ relation: WarehouseRelation, _ d: SQLDialect, group: String? = nil) -> String {
        guard relation.orderID != .absent else { return lines(relation, d, prefix: "sk", orderID: false, group: group) }
        let source = "(" + lines(relation, d, prefix: "l", orderID: true, group: group) + ")"
        let noID = "(l_order IS NULL OR l_order = '')"
        let single = group == nil ? "" : ", l_group AS sk_group"
        let grouped = group == nil ? "" : ", min(l_group) AS sk_group"
        return "SELECT l_customer AS sk_customer, l_dt AS sk_dt, l_day AS sk_day, l_amount AS sk_amount, "
            + "l_lines AS sk_lines, l_null AS sk_null\(single) FROM \(source) AS l1 WHERE \(noID) UNION ALL "
            + "SELECT min(l_customer) AS sk_customer, min(l_dt) AS sk_dt, min(l_day) AS sk_day, sum(l_amount) AS sk_amount, "
            + "\(d.bigint("count(*)")) AS sk_lines, \(d.bigint("sum(l_null)")) AS sk_null\(grouped) FROM \(source) AS l2 "
            + "WHERE NOT \(noID) GROUP BY l_order"
    }

    /// The rows: `<prefix>_customer, _dt, _day, _amount, _lines (1), _null (0 or 1)` and, with
    /// `orderID`, `<prefix>_order` (text).
    static func lines(_ relation: WarehouseRelation, _ d: SQLDialect, prefix p: String, orderID: Bool, group: String? = nil) -> String {
        let customer = d.text("src." + relation.quoted("customer_id", d))
        let date = d.date("src." + relation.quoted("order_date", d))
        let amount = d.double("src." + relation.quoted("amount", d))
        let null = d.bigint("CASE WHEN \(customer) IS NULL OR \(date) IS NULL OR \(amount) IS NULL THEN 1 ELSE 0 END")
        let order = orderID ? ", " + d.text("src." + relation.quoted("order_id", d)) + " AS \(p)_order" : ""
        let groupColumn = group.map { ", " + d.text("src." + relation.quoted($0, d)) + " AS \(p)_group" } ?? ""
        return "SELECT \(customer) AS \(p)_customer, \(date) AS \(p)_dt, \(d.dayNumber(date)) AS \(p)_day, "
            + "\(amount) AS \(p)_amount, \(d.bigint("1")) AS \(p)_lines, \(null) AS \(p)_null\(order)\(groupColumn) FROM \(relation.fromItem(d))"
    }

    /// `SELECT order_id FROM relation WHERE 1 = 0`: fails with a missing column when the relation
    /// has no (mapped) `order_id`.
    static func orderIDProbe(_ relation: WarehouseRelation, _ d: SQLDialect) -> WarehouseQuery {
        SQLWriter(d).query("SELECT \(d.text("src." + relation.quoted("order_id", d))) AS order_id FROM \(relation.fromItem(d)) WHERE 1 = 0",
                           columns: [.init("order_id", .text)], purpose: "order_id probe")
    }

    /// The amount in minor units, rounded half away from zero as the in-memory path rounds
    /// (`(amount × 10^decimals).rounded(.toNearestOrAwayFromZero)`), as a 64-bit integer.
    static func minorUnits(_ amount: String, decimals: Int, _ d: SQLDialect) -> String {
        var scale = 1
        for _ in 0..<max(0, min(decimals, 6)) { scale *= 10 }
        return d.bigint("CASE WHEN \(amount) < 0 THEN -floor(-\(amount) * \(scale) + 0.5) "
                        + "ELSE floor(\(amount) * \(scale) + 0.5) END")
    }

    /// The running period index of a date: weeks (Monday-based, since the week of 1970-01-01),
    /// `year × 12 + month − 1` or `year × 4 + quarter − 1` (the in-memory cohort and KPI indices).
    static func periodIndex(_ grain: WarehousePeriod, date: String, day: String, _ d: SQLDialect) -> String {
        switch grain {
        case .week: return d.bigint("floor((\(day) + 3) / 7.0)")
        case .month: return "(\(d.year(date)) * 12 + \(d.month(date)) - 1)"
        case .quarter: return "(\(d.year(date)) * 4 + \(d.quarter(date)) - 1)"
        }
    }

    /// The first day (day number) of the purchase period holding `day`: the day itself, its
    /// week's Monday, or its month's first day (the in-memory customer summary's periods).
    static func periodStart(_ grouping: WarehouseGrouping, date: String, day: String, _ d: SQLDialect) -> String {
        switch grouping {
        case .day: return day
        case .week: return "(\(day) - ((\(day) + 3) % 7 + 7) % 7)"
        case .month: return "(\(day) - \(d.dayOfMonth(date)) + 1)"
        }
    }
}

/// The calendar grain of cohort and KPI periods, bucketed in the engine.
public enum WarehousePeriod: String, Sendable, CaseIterable, Codable {
    /// Monday-to-Sunday weeks, labelled by their Monday.
    case week
    /// Calendar months, `YYYY-MM`.
    case month
    /// Calendar quarters, `YYYY-Qn`.
    case quarter

    /// The label of the running period index the engine returned (see `OrderRelation.periodIndex`).
    /// - Parameter index: The period index.
    /// - Returns: `2024-01-01` (a week's Monday), `2024-01` or `2024-Q1`.
    public func label(ofIndex index: Int64) -> String {
        switch self {
        case .week:
            return CivilDate.isoString(fromDays: Int(truncatingIfNeeded: 7 * index - 3))
        case .month:
            let year = index >= 0 ? index / 12 : (index - 11) / 12
            return Self.pad(year, 4) + "-" + Self.pad(index - year * 12 + 1, 2)
        case .quarter:
            let year = index >= 0 ? index / 4 : (index - 3) / 4
            return Self.pad(year, 4) + "-Q\(index - year * 4 + 1)"
        }
    }

    /// `value` zero-padded to `width` digits.
    static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value.magnitude)
        let padded = text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        return value < 0 ? "-" + padded : padded
    }
}

/// The purchase periods of the customer summary (BG/NBD input).
public enum WarehouseGrouping: String, Sendable, CaseIterable, Codable {
    /// One purchase per customer and day.
    case day
    /// Monday-to-Sunday weeks.
    case week
    /// Calendar months.
    case month
}

/// Refund orders (net amount < 0) in a warehouse analysis — the `--refunds` option of the
/// in-memory analyses (`RefundPolicy`). Refunds are never purchases under any policy.
public enum WarehouseRefunds: String, Sendable, CaseIterable, Codable {
    /// Refunds stay in revenue and monetary value (netted, as the in-memory analyses' `.net`).
    case net
    /// Refund orders are left out and counted.
    case exclude
    /// Left out as under `.exclude`, and reported on their own (`WarehouseOrderFacts`).
    case separate

    /// Whether refund orders are left out of the analysis (`.exclude`, `.separate`).
    public var leavesRefundsOut: Bool { self != .net }
}

extension OrderRelation {
    /// `.invalidData`: `count` orders of `relation` have a null customer, date or amount.
    static func nullError(_ count: Int, _ relation: WarehouseRelation, _ warehouse: any Warehouse) -> WarehouseError {
        WarehouseError(.invalidData, source: warehouse.source,
                       detail: "\(count) order rows of \(relation.summary) have a null customer_id, order_date or amount",
                       hint: "the column mapping, or filter those rows in --query")
    }
}
