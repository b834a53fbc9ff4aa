import SalesKit

/// `csv-orders` (compare/WORKLOADS.md): `orders.csv` into typed columns with SalesKit's parallel
/// `CSVReader` — order_id as strings, customer_id as a category, order_date as a date, amount as
/// Double, as the peers read every column — then rows, distinct customers, Σ cents, date range.
public enum CSVOrdersWorkload: Workload {
    public static let id = "csv-orders"

    /// Every column of the orders file, typed.
    static let schema = CSVSchema([
        .init("order_id", .string, allowsMissing: false),
        .init("customer_id", .category, allowsMissing: false),
        .init("order_date", .date, allowsMissing: false),
        .init("amount", .double, allowsMissing: false),
    ])

    /// Reads `orders.csv` (load) and summarizes it (compute).
    /// - Parameter inputs: The dataset directory.
    /// - Returns: Timings and `rows`, `customers`, `amountCents`, `minDate`, `maxDate`.
    /// - Throws: `CSVError` or `TableError` from SalesKit; `BenchmarkError.malformedInput` for an empty file.
    /// - Complexity: O(file bytes).
    public static func run(_ inputs: WorkloadInputs) throws -> WorkloadResult {
        let path = inputs.dataFile("orders.csv")
        let (read, load) = try Stopwatch.time {
            try CSVReader.read(file: path, schema: schema, options: BenchmarkSettings.readOptions)
        }
        let ((rows, customers, cents, minDay, maxDay), compute) = try Stopwatch.time {
            let table = read.table
            let customers = try table.categories("customer_id").levels.count
            let days = try table.dates("order_date").values
            let amounts = try table.doubles("amount").values
            var cents: Int64 = 0
            var minDay = Int32.max, maxDay = Int32.min
            days.withUnsafeBufferPointer { d in
                amounts.withUnsafeBufferPointer { a in
                    for i in 0..<d.count {
                        cents &+= BenchmarkSettings.cents(a[i])
                        minDay = min(minDay, d[i])
                        maxDay = max(maxDay, d[i])
                    }
                }
            }
            return (table.rowCount, customers, cents, minDay, maxDay)
        }
        guard rows > 0 else { throw BenchmarkError.malformedInput(path: path, reason: "no rows") }
        let bytes = BenchmarkSettings.fileSize(path)
        return WorkloadResult(
            loadSeconds: load, computeSeconds: compute,
            answer: ["rows": rows, "customers": customers, "amountCents": cents,
                     "minDate": BenchmarkSettings.isoDate(minDay), "maxDate": BenchmarkSettings.isoDate(maxDay)],
            extra: ["bytes": bytes, "loadMBps": Double(bytes) / load / 1e6, "rowsPerSecond": Double(rows) / load,
                    "threads": BenchmarkSettings.threads])
    }
}
