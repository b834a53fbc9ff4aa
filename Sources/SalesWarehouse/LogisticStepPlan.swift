/// One Newton (IRLS) step of a logistic regression as ONE aggregate over the relation (MADlib
/// style): for coefficients β (intercept first), the engine returns the upper triangle of XᵀWX,
/// Xᵀ(y − p), the log-likelihood and the row count, where x = (1, x₁, …, xₖ),
/// η = β·x, p = 1 / (1 + e^(−η)), W = diag(p(1 − p)). Only O(k²) numbers leave the engine; the
/// fit loop (`WarehouseLogisticFit`) runs locally.
///
/// η is clamped to ±700 before `exp` (PostgreSQL raises on overflow and underflow); the
/// log-likelihood uses log(1 + e^η) = max(η, 0) + log(1 + e^(−|η|)).
public struct LogisticStepPlan: QueryPlan, Equatable {
    /// The relation (for example opportunities).
    public var relation: WarehouseRelation
    /// The label column (0/1; the contract name, mapped through the relation).
    public var label: String
    /// The numeric feature columns (contract names, mapped).
    public var features: [String]
    /// The current coefficients: intercept, then one per feature.
    public var coefficients: [Double]

    /// A plan.
    /// - Parameters:
    ///   - relation: The relation.
    ///   - label: The 0/1 label column.
    ///   - features: Numeric feature columns.
    ///   - coefficients: `features.count + 1` finite values (intercept first).
    public init(relation: WarehouseRelation, label: String, features: [String], coefficients: [Double]) {
        precondition(coefficients.count == features.count + 1, "one coefficient per feature plus the intercept")
        precondition(coefficients.allSatisfy(\.isFinite), "finite coefficients")
        self.relation = relation
        self.label = label
        self.features = features
        self.coefficients = coefficients
    }

    /// The number of terms (features + intercept).
    public var terms: Int { features.count + 1 }

    /// The one step query.
    /// - Parameter dialect: The engine.
    /// - Returns: One query.
    public func queries(for dialect: SQLDialect) -> [WarehouseQuery] { [stepQuery(dialect)] }

    /// The row count (for null checks): `row_count, null_rows, non_binary_labels`.
    /// - Parameter d: The engine.
    /// - Returns: The query.
    public func profileQuery(_ d: SQLDialect) -> WarehouseQuery {
        let w = SQLWriter(d)
        let columns = [label] + features
        let nullTest = columns.map { "src.\(relation.quoted($0, d)) IS NULL" }.joined(separator: " OR ")
        let y = d.double("src." + relation.quoted(label, d))
        let sql = "SELECT \(d.countAll) AS row_count, "
            + d.bigint("coalesce(sum(CASE WHEN \(nullTest) THEN 1 ELSE 0 END), 0)") + " AS null_rows, "
            + d.bigint("coalesce(sum(CASE WHEN \(y) = 0 OR \(y) = 1 THEN 0 ELSE 1 END), 0)") + " AS bad_labels FROM "
            + relation.fromItem(d)
        return w.query(sql, columns: [.init("row_count", .integer), .init("null_rows", .integer), .init("bad_labels", .integer)],
                       purpose: "logistic regression profile")
    }

    /// `n, ll, g0…g(k), h(i)(j) for i ≤ j` in one row.
    /// - Parameter d: The engine.
    /// - Returns: The query.
    public func stepQuery(_ d: SQLDialect) -> WarehouseQuery {
        var w = SQLWriter(d)
        let k = features.count
        var select = ["\(d.double("src." + relation.quoted(label, d))) AS sk_y"]
        for (j, name) in features.enumerated() { select.append("\(d.double("src." + relation.quoted(name, d))) AS sk_x\(j + 1)") }
        var eta = w.double(coefficients[0])
        for j in 0..<k { eta += " + " + w.double(coefficients[j + 1]) + " * sk_x\(j + 1)" }
        let rows = "(SELECT \(select.joined(separator: ", ")) FROM \(relation.fromItem(d))) AS r"
        let xs = (0..<k).map { "sk_x\($0 + 1), " }.joined()
        let clamped = "(SELECT sk_y, \(xs)"
            + "greatest(least(\(eta), 700.0), -700.0) AS sk_eta FROM \(rows)) AS e"
        let withP = "(SELECT sk_y, \(xs)sk_eta, "
            + "1.0 / (1.0 + exp(-sk_eta)) AS sk_p FROM \(clamped)) AS q"
        func x(_ i: Int) -> String? { i == 0 ? nil : "sk_x\(i)" }
        var aggregates = ["\(d.countAll) AS n",
                          "\(d.double("sum(sk_y * sk_eta - (greatest(sk_eta, 0.0) + \(d.ln)(1.0 + exp(-abs(sk_eta)))))")) AS ll"]
        var columns: [WarehouseColumn] = [.init("n", .integer), .init("ll", .double)]
        for i in 0...k {
            let term = x(i).map { "(sk_y - sk_p) * \($0)" } ?? "(sk_y - sk_p)"
            aggregates.append("\(d.double("sum(\(term))")) AS g\(i)")
            columns.append(.init("g\(i)", .double))
        }
        for i in 0...k {
            for j in i...k {
                let factors = ["sk_p * (1.0 - sk_p)", x(i), x(j)].compactMap { $0 }.joined(separator: " * ")
                aggregates.append("\(d.double("sum(\(factors))")) AS h\(i)_\(j)")
                columns.append(.init("h\(i)_\(j)", .double))
            }
        }
        let sql = "SELECT " + aggregates.joined(separator: ", ") + " FROM " + withP
        return w.query(sql, columns: columns, purpose: "logistic regression Newton step (XᵀWX, Xᵀ(y−p), log-likelihood)")
    }

    /// The scoring expression `1 / (1 + exp(-(β₀ + β₁·x₁ + …)))` over the relation's columns,
    /// with the coefficients as literals (for a `SELECT … , <expression> AS probability FROM …`).
    /// - Parameter d: The engine.
    /// - Returns: The SQL expression.
    public func scoringExpression(_ d: SQLDialect) -> String {
        var eta = literal(coefficients[0], d)
        for (j, name) in features.enumerated() {
            eta += " + " + literal(coefficients[j + 1], d) + " * " + d.double(relation.quoted(name, d))
        }
        return "1.0 / (1.0 + exp(-greatest(least(\(eta), 700.0), -700.0)))"
    }

    /// A double literal the engine reads exactly (the shortest round-trip decimal).
    func literal(_ value: Double, _ d: SQLDialect) -> String {
        switch d {
        case .postgres: return "CAST('\(value)' AS DOUBLE PRECISION)"
        case .spark: return "CAST('\(value)' AS DOUBLE)"
        case .clickhouse: return "toFloat64('\(value)')"
        }
    }
}
