import SalesData

/// The order rows of a relation as the plans read them: a subquery with the columns
/// `sk_customer` (text), `sk_dt` (date), `sk_day` (days since 1970-01-01, integer) and `sk_amount`
/// (double), from the contract columns `customer_id`, `order_date` and `amount` through the
/// relation's mapping. (`sk_` names: ClickHouse rejects an alias equal to a column it reads.)
enum OrderRelation {
    /// The contract columns the order plans read.
    static let columns = ["customer_id", "order_date", "amount"]

    /// `(SELECT … FROM src) AS alias`.
    static func subquery(_ relation: WarehouseRelation, _ d: SQLDialect, alias: String = "o") -> String {
        "(" + select(relation, d) + ") AS " + alias
    }

    /// The `SELECT` of the order columns.
    static func select(_ relation: WarehouseRelation, _ d: SQLDialect) -> String {
        let customer = "src." + relation.quoted("customer_id", d)
        let date = d.date("src." + relation.quoted("order_date", d))
        let amount = d.double("src." + relation.quoted("amount", d))
        return "SELECT \(d.text(customer)) AS sk_customer, \(date) AS sk_dt, \(d.dayNumber(date)) AS sk_day, "
            + "\(amount) AS sk_amount FROM \(relation.fromItem(d))"
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

/// Refund rows (negative amounts) in a warehouse analysis.
public enum WarehouseRefunds: String, Sendable, CaseIterable, Codable {
    /// Refunds stay in (netted, as the in-memory analyses' `.net`).
    case net
    /// Refund rows are left out and counted.
    case exclude
}
