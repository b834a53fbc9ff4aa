/// The forecasters' per-row step (`RevenueAggregation` in memory): net revenue (Σ order amounts,
/// refunds included, in exact minor units) and the number of orders per period, for everything or
/// per value of a group column (rep, region, product). Orders are the relation's rows with line
/// items grouped by `order_id` as in every order plan (`OrderRelation`); an order's group is the
/// smallest group value among its lines (normally they share it); orders with a null group are
/// left out, as the in-memory path skips rows without a group.
public struct RevenueSeriesPlan: QueryPlan, Equatable {
    /// The calendar grain of the series.
    public enum Grain: String, Sendable, CaseIterable, Codable {
        /// Days.
        case day
        /// Monday-to-Sunday weeks.
        case week
        /// Calendar months.
        case month
        /// Calendar quarters.
        case quarter
    }

    /// The orders relation.
    public var relation: WarehouseRelation
    /// The grain.
    public var grain: Grain
    /// The group column (a contract name, mapped through the relation), or nil for the total.
    public var group: String?
    /// Minor-unit decimals (0…6).
    public var currencyDecimals: Int

    /// A plan.
    /// - Parameters:
    ///   - relation: The orders.
    ///   - grain: Day, week, month or quarter.
    ///   - group: A group column, or nil for one total series.
    ///   - currencyDecimals: Minor-unit decimals (clamped to 0…6).
    public init(relation: WarehouseRelation, grain: Grain = .month, group: String? = nil, currencyDecimals: Int = 2) {
        self.relation = relation
        self.grain = grain
        self.group = group
        self.currencyDecimals = max(0, min(6, currencyDecimals))
    }

    /// The one series query.
    /// - Parameter dialect: The engine.
    /// - Returns: One query.
    public func queries(for dialect: SQLDialect) -> [WarehouseQuery] { [seriesQuery(dialect)] }

    /// The period index of the grain, as `PeriodUnit` numbers it (index 0 holds 1970-01-01).
    func index(_ d: SQLDialect) -> String {
        switch grain {
        case .day: return d.bigint("sk_day")
        case .week: return OrderRelation.periodIndex(.week, date: "sk_dt", day: "sk_day", d)
        case .month: return "(" + OrderRelation.periodIndex(.month, date: "sk_dt", day: "sk_day", d) + " - 23640)"
        case .quarter: return "(" + OrderRelation.periodIndex(.quarter, date: "sk_dt", day: "sk_day", d) + " - 7880)"
        }
    }

    /// `[grp,] period, revenue_minor, orders, null_rows` per (group and) period with orders.
    /// - Parameter d: The engine.
    /// - Returns: The query.
    public func seriesQuery(_ d: SQLDialect) -> WarehouseQuery {
        let w = SQLWriter(d)
        let minor = OrderRelation.minorUnits("sk_amount", decimals: currencyDecimals, d)
        let groupColumn = group == nil ? "" : "sk_group AS grp, "
        let rows = "(SELECT \(groupColumn)\(index(d)) AS pi, \(minor) AS sk_minor, sk_null FROM "
            + OrderRelation.subquery(relation, d, group: group) + ") AS k"
        let keys = group == nil ? "pi" : "grp, pi"
        let sql = "SELECT " + (group == nil ? "" : "grp, ") + "\(d.bigint("pi")) AS period, "
            + "\(d.bigint("coalesce(sum(sk_minor), 0)")) AS revenue_minor, \(d.countAll) AS orders, "
            + "\(d.bigint("coalesce(sum(sk_null), 0)")) AS null_rows FROM \(rows)"
            + (group == nil ? "" : " WHERE grp IS NOT NULL")
            + " GROUP BY \(keys) ORDER BY \(group == nil ? "period" : "grp, period")"
        var columns: [WarehouseColumn] = group == nil ? [] : [.init("grp", .text)]
        columns += ["period", "revenue_minor", "orders", "null_rows"].map { .init($0, .integer) }
        return w.query(sql, columns: columns, purpose: "revenue per \(grain.rawValue)" + (group.map { " and \($0)" } ?? ""))
    }

    /// Runs the query.
    /// - Parameter warehouse: A connection.
    /// - Returns: One series per group (ascending group; one with a nil group without `group`),
    ///   each over its own periods with orders, and the bytes the engine sent.
    /// - Throws: `WarehouseError` (`.invalidData` for orders with a null customer, date or amount).
    public func fetch(on warehouse: any Warehouse) async throws -> (series: [WarehouseRevenueSeries], bytesReceived: Int) {
        guard relation.orderID != .detect else {
            var plan = self
            plan.relation = try await relation.resolvingOrderID(on: warehouse)
            return try await plan.fetch(on: warehouse)
        }
        let rows = try await warehouse.rows(seriesQuery(warehouse.dialect))
        let offset = group == nil ? 0 : 1
        let groups = group == nil ? [] : rows.texts(0)
        let periods = rows.integers(offset), revenue = rows.integers(offset + 1)
        let orders = rows.integers(offset + 2), nulls = rows.integers(offset + 3)
        let nullCount = nulls.reduce(0, +)
        if nullCount > 0 { throw OrderRelation.nullError(Int(nullCount), relation, warehouse) }
        var byGroup: [String: WarehouseRevenueSeries] = [:]
        var names: [String] = []
        for i in 0..<rows.count {
            let key = group == nil ? "" : groups[i]
            if byGroup[key] == nil {
                byGroup[key] = WarehouseRevenueSeries(group: group == nil ? nil : key)
                names.append(key)
            }
            byGroup[key]?.periods.append(Int(periods[i]))
            byGroup[key]?.revenueMinorUnits.append(revenue[i])
            byGroup[key]?.orders.append(Int(orders[i]))
        }
        let series = names.sorted().compactMap { byGroup[$0] }.map { s -> WarehouseRevenueSeries in
            // (the engine's collation may order differently; periods ascending within a group)
            var sorted = s
            let order = s.periods.indices.sorted { s.periods[$0] < s.periods[$1] }
            sorted.periods = order.map { s.periods[$0] }
            sorted.revenueMinorUnits = order.map { s.revenueMinorUnits[$0] }
            sorted.orders = order.map { s.orders[$0] }
            return sorted
        }
        return (series, rows.bytesReceived)
    }
}

/// One revenue series computed in a warehouse: the periods with orders only (gaps are filled
/// locally), money in minor units.
public struct WarehouseRevenueSeries: Sendable, Equatable {
    /// The group value, or nil for the total.
    public var group: String?
    /// `PeriodUnit` indices of the periods with orders, ascending.
    public var periods: [Int] = []
    /// Net revenue per period.
    public var revenueMinorUnits: [Int64] = []
    /// Orders per period.
    public var orders: [Int] = []

    init(group: String?) { self.group = group }
}
