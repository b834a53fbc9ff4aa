import SalesKit

/// Reads `orders.csv` into SalesKit's `OrderLog` (customer codes, days, amounts) — the load step
/// of the rfm and cohort workloads.
enum OrdersInput {
    /// Reads the dataset's orders with `BenchmarkSettings.threads` parser threads, strictly.
    /// - Parameter inputs: The dataset directory.
    /// - Returns: The order log.
    /// - Throws: `CSVError` from the reader.
    static func orderLog(_ inputs: WorkloadInputs) throws -> OrderLog {
        try OrderLog.read(file: inputs.dataFile("orders.csv"), options: BenchmarkSettings.readOptions).log
    }
}
