// RFM (workload `rfm`, compare/WORKLOADS.md): quintile scores and the standard 11 segments of every
// customer in the size's orders.csv (small about 15 k orders, medium about 0.7 M orders of 120 k
// customers, large about 10 M; the contract files are generated on first use by DatasetCache).
//   "RFM scores + segments …": RFMAnalysis on the orders in memory (the workload's computeSeconds).
//   "RFM read + scores + segments …": RFMWorkload.run, reading orders.csv as well.
import Benchmark
import BenchmarkSuiteSupport
import BenchmarkSupport
import SalesKit

let benchmarks: @Sendable () -> Void = {
    SuiteDefaults.configure()
    let size = DatasetCache.suiteSize
    guard let inputs = SuiteDefaults.inputs("RFM", "the benchmark dataset", {
        try SuiteInputs.contractFiles(size: size)
    }) else { return }

    Benchmark("RFM scores + segments, orders.csv (\(size))") { (benchmark: Benchmark, log: OrderLog) in
        for _ in benchmark.scaledIterations {
            do { blackHole(try SuiteSteps.rfm(log).count) } catch { benchmark.error("\(error)"); return }
        }
    } setup: {
        try SuiteSteps.orderLog(inputs)
    }

    Benchmark("RFM read + scores + segments, orders.csv (\(size))") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try RFMWorkload.run(inputs).computeSeconds)
        }
    }
}
