import Dispatch
import Foundation
import SalesData
import SalesNumerics

// Times `CSVReader.read` of an orders file (order_id,customer_id,order_date,amount) with the given
// thread counts; prints the best of three runs per setting.
/// User + system CPU seconds of this process (all threads).
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: csv-bench FILE [THREADS...]\n".utf8))
    exit(2)
}
let path = arguments[1]
let threads = arguments.count > 2 ? arguments.dropFirst(2).compactMap { Int($0) } : [1, 2]
let schema = CSVSchema([
    .init("order_id", .integer, required: false),
    // CSV_BENCH_IDS=string reads customer_id as strings (the peers' default) instead of a category.
    .init("customer_id", ProcessInfo.processInfo.environment["CSV_BENCH_IDS"] == "string" ? .string : .category),
    .init("order_date", .date),
    .init("amount", .double),
])
let bytes = Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0)
for t in threads {
    var best = Double.infinity, bestCPU = Double.infinity
    var rows = 0, levels = 0
    for _ in 0..<3 {
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = cpuSeconds()
        let result = try Parallelism.withWorkers(t) { try CSVReader.read(file: path, schema: schema) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        bestCPU = min(bestCPU, cpuSeconds() - cpuStart)
        best = min(best, seconds)
        rows = result.table.rowCount
        levels = (try? result.table.categories("customer_id").levels.count) ?? -1
    }
    print(String(format: "threads %d: %.3f s wall (%.3f s CPU)  %.0f MB/s  %.2f M rows/s  (%d rows, %d customers)",
                 t, best, bestCPU, bytes / best / 1e6, Double(rows) / best / 1e6, rows, levels))
}
