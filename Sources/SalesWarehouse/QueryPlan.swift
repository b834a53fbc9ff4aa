/// One analysis's per-row step as a value: the input relation, the analysis's options, and the
/// SQL it renders to for each engine. The engine does the per-row aggregation; SalesKit fits and
/// scores the small result locally.
public protocol QueryPlan: Sendable {
    /// The input relation.
    var relation: WarehouseRelation { get }
    /// Every query the plan runs, rendered for `dialect`, in the order they run.
    /// - Parameter dialect: The engine.
    /// - Returns: The queries.
    func queries(for dialect: SQLDialect) -> [WarehouseQuery]
}

extension Warehouse {
    /// Runs `query` and checks that the result has at least `minimumRows` rows.
    func rows(_ query: WarehouseQuery, minimumRows: Int = 0) async throws -> WarehouseRows {
        let rows = try await run(query)
        guard rows.count >= minimumRows else {
            throw WarehouseError(.wrongResultType, source: source,
                                 detail: "\(query.purpose) returned \(rows.count) rows, expected at least \(minimumRows)",
                                 hint: "that the relation is a plain SELECT")
        }
        return rows
    }
}
