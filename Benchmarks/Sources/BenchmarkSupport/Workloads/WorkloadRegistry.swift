/// Which workloads SalesKit can run today, and why the others cannot run yet.
public enum WorkloadRegistry {
    /// Workloads whose SalesKit capability exists.
    public static var available: [any Workload.Type] { [] }

    /// Workloads whose capability has not landed, with the reason printed in the table. The runner
    /// reports these as "not yet available" — it never substitutes another implementation.
    public static let pending: [String: String] = [
        "csv-orders": "CSV reader + Table not merged yet (issue 3, branch table-csv)",
        "ols": "LinearRegression not merged yet (issue 5, branch linalg)",
        "logistic": "LogisticRegression not merged yet (issue 5)",
        "rfm": "RFM not implemented yet (issue 9)",
        "cohort": "cohort retention not implemented yet (issue 9)",
        "funnel": "event funnel not implemented yet (issue 7)",
        "autoets": "AutoETS not merged yet (issue 6, branch ets)",
        "bgnbd": "BG/NBD + Gamma-Gamma not merged yet (issue 9, branch bgnbd)",
        "scoring": "win-probability scoring not implemented yet (issue 7)",
    ]

    /// Every workload id, in table order.
    public static let allIDs: [String] = [
        "csv-orders", "ols", "logistic", "rfm", "cohort", "funnel", "autoets", "bgnbd", "scoring",
    ]

    /// The runnable workload with this id, if any.
    public static func workload(id: String) -> (any Workload.Type)? {
        available.first { $0.id == id }
    }
}
