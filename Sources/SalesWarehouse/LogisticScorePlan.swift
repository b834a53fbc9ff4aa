/// Scoring with a fitted logistic regression in the engine: each row's win probability
/// `1 / (1 + exp(-(β₀ + β₁·x₁ + …)))` as a SQL expression with the coefficients as literals
/// (`LogisticStepPlan.scoringExpression`), so the rows never leave the engine unscored; the
/// result is one (key, probability) per row, or only its summary (`summaryQuery`).
public struct LogisticScorePlan: QueryPlan, Equatable {
    /// The rows to score.
    public var relation: WarehouseRelation
    /// The numeric feature columns (contract names, mapped), in the coefficients' order.
    public var features: [String]
    /// Intercept, then one per feature (finite).
    public var coefficients: [Double]
    /// A column returned with each probability (an opportunity id), or nil.
    public var key: String?

    /// A plan.
    /// - Parameters:
    ///   - relation: The rows.
    ///   - features: Numeric feature columns.
    ///   - coefficients: `features.count + 1` finite values (intercept first).
    ///   - key: An id column returned with each probability, or nil.
    public init(relation: WarehouseRelation, features: [String], coefficients: [Double], key: String? = nil) {
        precondition(coefficients.count == features.count + 1, "one coefficient per feature plus the intercept")
        precondition(coefficients.allSatisfy(\.isFinite), "finite coefficients")
        self.relation = relation
        self.features = features
        self.coefficients = coefficients
        self.key = key
    }

    var step: LogisticStepPlan {
        LogisticStepPlan(relation: relation, label: features.first ?? "", features: features, coefficients: coefficients)
    }

    /// The scoring query.
    /// - Parameter dialect: The engine.
    /// - Returns: One query.
    public func queries(for dialect: SQLDialect) -> [WarehouseQuery] { [scoreQuery(dialect)] }

    /// `[key,] probability` per row (ordered by the key when there is one).
    /// - Parameter d: The engine.
    /// - Returns: The query.
    public func scoreQuery(_ d: SQLDialect) -> WarehouseQuery {
        let w = SQLWriter(d)
        let probability = step.scoringExpression(d)
        let keyColumn = key.map { d.text("src." + relation.quoted($0, d)) + " AS sk_key, " } ?? ""
        let sql = "SELECT \(keyColumn)\(probability) AS probability FROM \(relation.fromItem(d))"
            + (key == nil ? "" : " ORDER BY sk_key")
        var columns: [WarehouseColumn] = key == nil ? [] : [.init("sk_key", .text)]
        columns.append(.init("probability", .double))
        return w.query(sql, columns: columns, purpose: "logistic regression scoring")
    }

    /// `n, sum_p, min_p, max_p`: the scores summarised in the engine (one row).
    /// - Parameter d: The engine.
    /// - Returns: The query.
    public func summaryQuery(_ d: SQLDialect) -> WarehouseQuery {
        let w = SQLWriter(d)
        let sql = "SELECT \(d.countAll) AS n, \(d.double("sum(p)")) AS sum_p, \(d.double("min(p)")) AS min_p, \(d.double("max(p)")) AS max_p "
            + "FROM (SELECT \(step.scoringExpression(d)) AS p FROM \(relation.fromItem(d))) AS s"
        return w.query(sql, columns: [.init("n", .integer), .init("sum_p", .double), .init("min_p", .double), .init("max_p", .double)],
                       purpose: "logistic regression scoring summary")
    }

    /// Runs the scoring query.
    /// - Parameter warehouse: A connection.
    /// - Returns: The keys (empty without `key`), the probabilities in the same order, and the bytes sent.
    /// - Throws: `WarehouseError` (`.invalidData` when a feature is null: the expression is null).
    public func fetch(on warehouse: any Warehouse) async throws -> (keys: [String], probabilities: [Double], bytesReceived: Int) {
        let rows = try await warehouse.rows(scoreQuery(warehouse.dialect))
        return (key == nil ? [] : rows.texts(0), rows.doubles(key == nil ? 0 : 1), rows.bytesReceived)
    }
}
