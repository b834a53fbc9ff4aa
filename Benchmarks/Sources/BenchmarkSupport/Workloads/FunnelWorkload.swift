import SalesKit

/// `funnel` (compare/WORKLOADS.md): `EventFunnel.run` over `visit → signup → trial → purchase`
/// with a 7-day window in ClickHouse `windowFunnel`'s default mode — exactly "events of steps 1…k
/// with t₁ ≤ … ≤ t_k and t_k − t₁ ≤ W", the workload's definition.
public enum FunnelWorkload: Workload {
    public static let id = "funnel"

    /// The funnel of the workload.
    static let definition = FunnelDefinition(steps: ["visit", "signup", "trial", "purchase"],
                                             windowSeconds: 7 * 24 * 3600, mode: .default)

    /// Reads `events.csv` (load), groups the events per user in time order and counts the users per
    /// step (compute; grouping and sorting are compute, as the peers sort in their compute step).
    /// - Parameter inputs: The dataset directory.
    /// - Returns: Timings and `steps` (the step names), `users` (users reaching step 1…4).
    /// - Throws: `CSVError` from the reader; `TableError` or `FunnelError` from the funnel.
    /// - Complexity: O(events + users).
    public static func run(_ inputs: WorkloadInputs) throws -> WorkloadResult {
        let (read, load) = try Stopwatch.time {
            try CSVReader.read(file: inputs.dataFile("events.csv"), schema: ContractFile.events.schema,
                               options: BenchmarkSettings.readOptions)
        }
        let ((log, result), compute) = try Stopwatch.time {
            let log = try EventLog.from(table: read.table)
            return (log, try EventFunnel.run(definition, on: log))
        }
        return WorkloadResult(
            loadSeconds: load, computeSeconds: compute,
            answer: ["steps": definition.steps, "users": result.steps.map(\.users)],
            extra: ["events": log.eventCount, "distinctUsers": log.userCount])
    }
}
