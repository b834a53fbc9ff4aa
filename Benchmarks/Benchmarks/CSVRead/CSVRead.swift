// CSV reading: orders.csv of the cached dataset (size from SALESKIT_BENCH_SIZE, default medium,
// generated on first use) into typed columns by SalesKit's parallel reader — every column as in
// the csv-orders workload, and the three columns the customer analyses read.
import Benchmark
import BenchmarkSupport
import SalesKit

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .peakMemoryResident],
        timeUnits: .milliseconds,
        maxDuration: .seconds(10),
        maxIterations: 10
    )
    let path: String
    do {
        path = try DatasetCache.directory(size: DatasetCache.suiteSize) + "/orders.csv"
    } catch {
        print("CSVRead: cannot generate the benchmark dataset, no benchmarks registered: \(error)")
        return
    }
    let everyColumn = CSVSchema([
        .init("order_id", .string, allowsMissing: false),
        .init("customer_id", .category, allowsMissing: false),
        .init("order_date", .date, allowsMissing: false),
        .init("amount", .double, allowsMissing: false),
    ])

    Benchmark("orders.csv, all 4 columns (\(DatasetCache.suiteSize))") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try CSVReader.read(file: path, schema: everyColumn, options: BenchmarkSettings.readOptions).table.rowCount)
        }
    }

    Benchmark("orders.csv, customer_id/order_date/amount (\(DatasetCache.suiteSize))") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try CSVReader.read(file: path, schema: OrderLog.schema, options: BenchmarkSettings.readOptions)
                .table.rowCount)
        }
    }
}
