/// Which workloads SalesKit can run today, and why the others cannot run yet.
public enum WorkloadRegistry {
    /// Workloads whose SalesKit capability exists.
    public static var available: [any Workload.Type] {
        [CSVOrdersWorkload.self, OLSWorkload.self, LogisticWorkload.self, RFMWorkload.self, CohortWorkload.self,
         FunnelWorkload.self, AutoETSWorkload.self, AutoARIMAWorkload.self, BGNBDWorkload.self, ScoringWorkload.self]
    }

    /// Workloads whose capability has not landed, with the reason printed in the table. The runner
    /// reports these as "not yet available" — it never substitutes another implementation.
    public static let pending: [String: String] = [:]

    /// Every workload id, in table order.
    public static let allIDs: [String] = [
        "csv-orders", "ols", "logistic", "rfm", "cohort", "funnel", "autoets", "autoarima", "bgnbd", "scoring",
    ]

    /// The runnable workload with this id, if any.
    public static func workload(id: String) -> (any Workload.Type)? {
        available.first { $0.id == id }
    }
}
