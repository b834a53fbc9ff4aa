/// The event-funnel step (`EventFunnel` in memory) in the default and the strict-order mode.
///
/// Default mode (`FunnelMode.default`): per step k, the users with events e₁…e_k of steps 1…k at
/// t₁ ≤ t₂ ≤ … ≤ t_k and t_k − t₁ ≤ window (inclusive) — the semantics of a modern ClickHouse's
/// `windowFunnel`. ClickHouse 18.16's `windowFunnel` differs from it on events at the same second
/// and on a step named twice (measured on the seeded events of the equality tests: 565 vs 577
/// users at step 2 of a 1-hour funnel), so every engine, ClickHouse included, runs a sessionised
/// self-join, step by step — for each user and start t₁ the earliest t_k
/// that continues the chain (the earliest one leaves the most room for the next step), so a user
/// reaches step k exactly when some start has a chain to k.
///
/// Strict order (`FunnelMode.strictOrder`, ClickHouse's `strict_order`, which ClickHouse 18.16's
/// `windowFunnel` does not have): the user's events are entries (t, step) sorted by time and step,
/// events of no step being step 0. From the user's first step-1 entry s on, the in-memory scan stops
/// at the first entry that is step 0, or step j ≥ 2 before any chain has reached step j − 1; the
/// level is the default-mode level of the entries before the stop. With m_k the earliest time a
/// chain reaches step k (the chains above; m₁ = t_s), that stop is the least (t, j) among the
/// entries (t, 0) with t > t_s and (t, j ≥ 2) with t ≥ t_s and no m_{j−1} ≤ t, and the level is the
/// largest k with (m_k, k) before the stop — the same joins on every engine (no window functions,
/// one join per `SELECT`), so it also runs on ClickHouse 18.16.
///
/// Event names are bound (PostgreSQL) or written as escaped literals.
public struct FunnelPlan: QueryPlan, Equatable {
    /// The matching modes the engines compute.
    public enum Mode: String, Sendable, Equatable, CaseIterable {
        /// Other events in between are ignored.
        case `default`
        /// After step 1, any event that is not the next step of the chain (or a repeat of a reached
        /// step) ends the search.
        case strictOrder = "strict-order"
    }

    /// The events relation (`user_id`, `event`, `timestamp`, mapped).
    public var relation: WarehouseRelation
    /// The step event names, in order (1…32).
    public var steps: [String]
    /// The conversion window in seconds (≥ 0).
    public var windowSeconds: Int64
    /// Default or strict order.
    public var mode: Mode

    /// A plan.
    /// - Parameters:
    ///   - relation: The events.
    ///   - steps: Step event names.
    ///   - windowSeconds: The window.
    ///   - mode: Default (the default) or strict order.
    public init(relation: WarehouseRelation, steps: [String], windowSeconds: Int64, mode: Mode = .default) {
        precondition(!steps.isEmpty && steps.count <= 32, "1…32 steps")
        precondition(windowSeconds >= 0, "a non-negative window")
        self.relation = relation
        self.steps = steps
        self.windowSeconds = windowSeconds
        self.mode = mode
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

    /// `step, users`: users reaching each step (1-based), one row per step — or, where
    /// `returnsLevels`, users per level (the highest step reached).
    /// - Parameter d: The engine.
    /// - Returns: The query.
    public func stepsQuery(_ d: SQLDialect) -> WarehouseQuery {
        var w = SQLWriter(d)
        let columns = [WarehouseColumn("step", .integer), WarehouseColumn("users", .integer)]
        if mode == .strictOrder { return strictOrderQuery(d, &w, columns) }
        let parts = chains(d, &w).enumerated().map { k, chain in
            "SELECT \(d.bigint("\(k + 1)")) AS step, \(d.bigint("count(DISTINCT sk_user)")) AS users FROM \(chain)"
        }
        let sql = "SELECT step, users FROM (" + parts.joined(separator: " UNION ALL ") + ") AS u ORDER BY step"
        return w.query(sql, columns: columns, purpose: "funnel steps (self-join)")
    }

    /// Whether `stepsQuery` returns users per level rather than per step reached.
    func returnsLevels(_ d: SQLDialect) -> Bool { mode == .strictOrder }

    /// The chains `f_k(sk_user, t1, e_k)`, k = 1…steps: for each user and start t₁ (a step-1 event)
    /// the earliest time e_k at which a chain from t₁ reaches step k inside the window.
    func chains(_ d: SQLDialect, _ w: inout SQLWriter) -> [String] {
        let window = w.integer(windowSeconds)
        var chain = ""
        var out: [String] = []
        for (k, step) in steps.enumerated() {
            let name = w.text(step)
            // The end column is named per step (e1, e2, …): ClickHouse resolves a name to the
            // SELECT's own alias first, so `min(sk_t) AS tk … WHERE sk_t >= tk` would not read
            // the previous chain's column.
            if k == 0 {
                chain = "(SELECT DISTINCT sk_user, sk_t AS t1, sk_t AS e1 FROM (\(events(d))) AS e0 WHERE sk_event = \(name)) AS f1"
            } else {
                chain = "(SELECT sk_user, t1, min(sk_t) AS e\(k + 1) FROM \(chain) \(d.innerJoin) "
                    + "(SELECT sk_user, sk_t FROM (\(events(d))) AS e\(k) WHERE sk_event = \(name)) AS s\(k) USING (sk_user) "
                    + "WHERE sk_t >= e\(k) AND sk_t - t1 <= \(window) GROUP BY sk_user, t1) AS f\(k + 1)"
            }
            out.append(chain)
        }
        return out
    }

    /// Strict order (see the type's documentation): users per level.
    func strictOrderQuery(_ d: SQLDialect, _ w: inout SQLWriter, _ columns: [WarehouseColumn]) -> WarehouseQuery {
        // m_k per user and k (sk_n: a marker, 0 where a left join found nothing on ClickHouse).
        let earliest = chains(d, &w).enumerated().map { k, chain in
            "SELECT sk_user, \(d.bigint("\(k + 1)")) AS sk_k, min(e\(k + 1)) AS sk_m, \(d.countAll) AS sk_n FROM \(chain) GROUP BY sk_user"
        }.joined(separator: " UNION ALL ")
        let names = steps.map { w.text($0) }
        // Entries that can stop the scan: steps j ≥ 2 (looking up m_{j−1}) and events of no step.
        var entries = names.enumerated().dropFirst().map { k, name in
            "SELECT sk_user, sk_t, \(d.bigint("\(k + 1)")) AS sk_j, \(d.bigint("\(k)")) AS sk_k FROM (\(events(d))) AS x\(k) "
                + "WHERE sk_event = \(name)"
        }
        entries.append("SELECT sk_user, sk_t, \(d.bigint("0")) AS sk_j, \(d.bigint("-1")) AS sk_k FROM (\(events(d))) AS x0 "
                       + "WHERE sk_event NOT IN (\(steps.map { w.text($0) }.joined(separator: ", ")))")
        let start = "(SELECT sk_user, min(sk_t) AS ts FROM (\(events(d))) AS xs WHERE sk_event = \(names[0]) GROUP BY sk_user) AS st"
        let after = "(SELECT sk_user, sk_t, sk_j, sk_k FROM (\(entries.joined(separator: " UNION ALL "))) AS en "
            + "\(d.innerJoin) \(start) USING (sk_user) WHERE sk_t > ts OR (sk_t = ts AND sk_j > 0)) AS af"
        let stops = "(SELECT sk_user, min(sk_t * 64 + sk_j) AS stop_key, \(d.countAll) AS stop_n FROM \(after) "
            + "\(d.leftJoin) (\(earliest)) AS mk USING (sk_user, sk_k) "
            + "WHERE sk_j = 0 OR coalesce(sk_n, 0) = 0 OR sk_m > sk_t GROUP BY sk_user) AS sp"
        let levels = "(SELECT sk_user, max(sk_k) AS level FROM (\(earliest)) AS ml \(d.leftJoin) \(stops) USING (sk_user) "
            + "WHERE coalesce(stop_n, 0) = 0 OR sk_m * 64 + sk_k < stop_key GROUP BY sk_user) AS lv"
        let sql = "SELECT \(d.bigint("level")) AS step, \(d.countAll) AS users FROM \(levels) GROUP BY level ORDER BY step"
        return w.query(sql, columns: columns, purpose: "funnel levels (strict order)")
    }

    /// Runs the query.
    /// - Parameter warehouse: A connection.
    /// - Returns: Users reaching each step.
    /// - Throws: `WarehouseError`.
    public func fetch(on warehouse: any Warehouse) async throws -> [Int] { try await fetchWithBytes(on: warehouse).users }

    /// Runs the query.
    /// - Parameter warehouse: A connection.
    /// - Returns: Users reaching each step and the result bytes the engine sent.
    /// - Throws: `WarehouseError`.
    public func fetchWithBytes(on warehouse: any Warehouse) async throws -> (users: [Int], bytesReceived: Int) {
        let rows = try await warehouse.rows(stepsQuery(warehouse.dialect))
        var users = [Int](repeating: 0, count: steps.count)
        for i in 0..<rows.count {
            let step = Int(rows.integers(0)[i])
            guard step >= 1, step <= steps.count else { continue }
            users[step - 1] = Int(rows.integers(1)[i])
        }
        if returnsLevels(warehouse.dialect) {
            // Levels → users reaching each step (level ≥ k).
            for k in stride(from: steps.count - 2, through: 0, by: -1) { users[k] += users[k + 1] }
        }
        return (users, rows.bytesReceived)
    }
}
