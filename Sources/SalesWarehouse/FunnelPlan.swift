/// The event-funnel step in default mode (`EventFunnel` with `FunnelMode.default`): per step k, the
/// users with events e₁…e_k of steps 1…k at t₁ ≤ t₂ ≤ … ≤ t_k and t_k − t₁ ≤ window (inclusive).
///
/// ClickHouse: `windowFunnel(window)(timestamp, event = step₁, …)` per user, then users per level.
/// PostgreSQL and Spark: a sessionised self-join, step by step — for each user and start t₁ the
/// earliest t_k that continues the chain (the earliest one leaves the most room for the next step),
/// so a user reaches step k exactly when some start has a chain to k. Event names are bound
/// (PostgreSQL) or written as escaped literals.
public struct FunnelPlan: QueryPlan, Equatable {
    /// The events relation (`user_id`, `event`, `timestamp`, mapped).
    public var relation: WarehouseRelation
    /// The step event names, in order (1…32).
    public var steps: [String]
    /// The conversion window in seconds (≥ 0).
    public var windowSeconds: Int64

    /// A plan.
    /// - Parameters:
    ///   - relation: The events.
    ///   - steps: Step event names.
    ///   - windowSeconds: The window.
    public init(relation: WarehouseRelation, steps: [String], windowSeconds: Int64) {
        precondition(!steps.isEmpty && steps.count <= 32, "1…32 steps")
        precondition(windowSeconds >= 0, "a non-negative window")
        self.relation = relation
        self.steps = steps
        self.windowSeconds = windowSeconds
    }

    /// One query.
    /// - Parameter dialect: The engine.
    /// - Returns: The step counts query.
    public func queries(for dialect: SQLDialect) -> [WarehouseQuery] { [stepsQuery(dialect)] }

    func events(_ d: SQLDialect) -> String {
        let user = d.text("src." + relation.quoted("user_id", d))
        let event = d.text("src." + relation.quoted("event", d))
        let column = "src." + relation.quoted("timestamp", d)
        let seconds: String
        switch d {
        case .postgres: seconds = "CAST(EXTRACT(EPOCH FROM CAST(\(column) AS TIMESTAMPTZ)) AS BIGINT)"
        case .spark: seconds = "CAST(unix_timestamp(CAST(\(column) AS TIMESTAMP)) AS BIGINT)"
        case .clickhouse: seconds = "toInt64(toUInt32(toDateTime(\(column))))"
        }
        return "SELECT \(user) AS sk_user, \(event) AS sk_event, \(seconds) AS sk_t FROM \(relation.fromItem(d))"
    }

    /// `step, users`: users reaching each step (1-based), one row per step.
    /// - Parameter d: The engine.
    /// - Returns: The query.
    public func stepsQuery(_ d: SQLDialect) -> WarehouseQuery {
        var w = SQLWriter(d)
        let columns = [WarehouseColumn("step", .integer), WarehouseColumn("users", .integer)]
        if d == .clickhouse {
            let conditions = steps.map { "sk_event = " + w.text($0) }.joined(separator: ", ")
            let levels = "(SELECT sk_user, windowFunnel(\(windowSeconds))(toDateTime(toUInt32(sk_t)), \(conditions)) AS level "
                + "FROM (\(events(d))) AS ev GROUP BY sk_user) AS lv"
            let sql = "SELECT toInt64(level) AS step, toInt64(count()) AS users FROM \(levels) WHERE level > 0 GROUP BY level ORDER BY step"
            return w.query(sql, columns: columns, purpose: "funnel levels (windowFunnel)")
        }
        let window = w.integer(windowSeconds)
        var chain = ""
        var parts: [String] = []
        for (k, step) in steps.enumerated() {
            let name = w.text(step)
            if k == 0 {
                chain = "(SELECT DISTINCT sk_user, sk_t AS t1, sk_t AS tk FROM (\(events(d))) AS e0 WHERE sk_event = \(name)) AS f1"
            } else {
                chain = "(SELECT sk_user, t1, min(sk_t) AS tk FROM \(chain) \(d.innerJoin) "
                    + "(SELECT sk_user, sk_t FROM (\(events(d))) AS e\(k) WHERE sk_event = \(name)) AS s\(k) USING (sk_user) "
                    + "WHERE sk_t >= tk AND sk_t - t1 <= \(window) GROUP BY sk_user, t1) AS f\(k + 1)"
            }
            parts.append("SELECT \(d.bigint("\(k + 1)")) AS step, \(d.bigint("count(DISTINCT sk_user)")) AS users FROM \(chain)")
        }
        let sql = "SELECT step, users FROM (" + parts.joined(separator: " UNION ALL ") + ") AS u ORDER BY step"
        return w.query(sql, columns: columns, purpose: "funnel steps (self-join)")
    }

    /// Runs the query.
    /// - Parameter warehouse: A connection.
    /// - Returns: Users reaching each step.
    /// - Throws: `WarehouseError`.
    public func fetch(on warehouse: any Warehouse) async throws -> [Int] {
        let rows = try await warehouse.rows(stepsQuery(warehouse.dialect))
        var users = [Int](repeating: 0, count: steps.count)
        for i in 0..<rows.count {
            let step = Int(rows.integers(0)[i])
            guard step >= 1, step <= steps.count else { continue }
            users[step - 1] = Int(rows.integers(1)[i])
        }
        if warehouse.dialect == .clickhouse {
            // Levels → users reaching each step (level ≥ k).
            for k in stride(from: steps.count - 2, through: 0, by: -1) { users[k] += users[k + 1] }
        }
        return users
    }
}
