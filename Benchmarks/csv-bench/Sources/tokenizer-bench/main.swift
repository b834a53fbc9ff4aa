import Dispatch
import Foundation
import SalesData
import SalesNumerics

// The structural (SIMD) tokenizer against the scalar one on one file, in one process, interleaved
// (the order alternates every round), best of ROUNDS per setting; prints MB/s and the ratio.
//   swift run -c release --package-path Benchmarks/csv-bench tokenizer-bench FILE [ROUNDS]
// Settings: "tokenizer" reads with a schema naming no column of the file (records are split and
// every field found, none is parsed: the tokenizer alone), "read" with the orders contract as the
// order log reads it (order_id fingerprints, customer_id category, date, amount), on 1 and on
// 2 worker threads. On a loaded machine the wall time measures the scheduler: the process's CPU
// time (user + system, all threads, getrusage) is reported beside it, and MB/s per CPU second.
/// User + system CPU seconds of this process (all threads).
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: tokenizer-bench FILE [ROUNDS]\n".utf8))
    exit(2)
}
let path = arguments[1]
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3
let bytes = Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0)
let tokenizerOnly = CSVSchema([.init("no_such_column", .string, required: false)])
let orders = ContractFile.orders.schema.fingerprinting("order_id")
let settings: [(name: String, schema: CSVSchema, workers: Int)] = [
    ("tokenizer, 1 thread", tokenizerOnly, 1),
    ("read, 1 thread", orders, 1),
    ("read, 2 threads", orders, 2),
]
for setting in settings {
    var best: [CSVTokenizer: Double] = [.scalar: .infinity, .structural: .infinity]
    var bestCPU: [CSVTokenizer: Double] = [.scalar: .infinity, .structural: .infinity]
    var rows: [CSVTokenizer: Int] = [:]
    for round in 0..<rounds {
        let order: [CSVTokenizer] = round % 2 == 0 ? [.scalar, .structural] : [.structural, .scalar]
        for tokenizer in order {
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = cpuSeconds()
            let result = try Parallelism.withWorkers(setting.workers) {
                try CSVReader.read(file: path, schema: setting.schema, options: CSVReadOptions(tokenizer: tokenizer))
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let cpu = cpuSeconds() - cpuStart
            best[tokenizer] = min(best[tokenizer] ?? .infinity, seconds)
            bestCPU[tokenizer] = min(bestCPU[tokenizer] ?? .infinity, cpu)
            rows[tokenizer] = result.dataRows
            print(String(format: "  %@ round %d %@: %.3f s wall, %.3f s CPU", setting.name, round + 1, "\(tokenizer)", seconds, cpu))
        }
    }
    let scalar = best[.scalar] ?? .nan, structural = best[.structural] ?? .nan
    print(String(format: "%@: scalar %.3f s (%.0f MB/s), structural %.3f s (%.0f MB/s), structural/scalar speed %.2f×  (%d rows)",
                 setting.name, scalar, bytes / scalar / 1e6, structural, bytes / structural / 1e6, scalar / structural,
                 rows[.structural] ?? -1))
    let scalarCPU = bestCPU[.scalar] ?? .nan, structuralCPU = bestCPU[.structural] ?? .nan
    print(String(format: "%@ (CPU): scalar %.3f s (%.0f MB per CPU s), structural %.3f s (%.0f MB per CPU s), structural/scalar speed %.2f×",
                 setting.name, scalarCPU, bytes / scalarCPU / 1e6, structuralCPU, bytes / structuralCPU / 1e6, scalarCPU / structuralCPU))
    if rows[.scalar] != rows[.structural] { print("  ROWS DIFFER: \(rows)") }
}
