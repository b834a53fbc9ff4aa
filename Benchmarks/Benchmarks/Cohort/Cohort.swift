// Cohort (workload `cohort`, compare/WORKLOADS.md): monthly first-order cohorts with "return on"
// activity and revenue cents per (cohort, months since) cell, over the size's orders.csv (small
// about 15 k orders, medium about 0.7 M, large about 10 M; generated on first use by DatasetCache).
//   "Cohort monthly retention …": CohortAnalysis on the orders in memory (the workload's computeSeconds).
//   "Cohort read + monthly retention …": CohortWorkload.run, reading orders.csv as well.
import Benchmark
import BenchmarkSuiteSupport
import BenchmarkSupport
import SalesKit

let benchmarks: @Sendable () -> Void = {
    SuiteDefaults.configure()
    let size = DatasetCache.suiteSize
    guard let inputs = SuiteDefaults.inputs("Cohort", "the benchmark dataset", {
        try SuiteInputs.contractFiles(size: size)
    }) else { return }

    Benchmark("Cohort monthly retention, orders.csv (\(size))") { (benchmark: Benchmark, log: OrderLog) in
        for _ in benchmark.scaledIterations {
            do { blackHole(try SuiteSteps.cohort(log).cohortCount) } catch { benchmark.error("\(error)"); return }
        }
    } setup: {
        try SuiteSteps.orderLog(inputs)
    }

    Benchmark("Cohort read + monthly retention, orders.csv (\(size))") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try CohortWorkload.run(inputs).computeSeconds)
        }
    }
}
