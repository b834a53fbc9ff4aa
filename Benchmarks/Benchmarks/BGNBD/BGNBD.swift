// BGNBD (workload `bgnbd`, compare/WORKLOADS.md): the daily customer summary (refunds excluded),
// BG/NBD on every customer, Gamma-Gamma on the repeat customers and the expected purchases in the
// next 30 days — at small on the size's orders.csv (2,500 customers), at medium and large on the
// generator's 100,000 customers (issue 4; 566,857 orders in `bgnbd-100000/`, generated on
// first use into the cache by SuiteInputs.bgnbd, the same bytes run.sh generates).
//   "BGNBD summary + fits …": on the orders in memory (the workload's computeSeconds).
//   "BGNBD read + summary + fits …": BGNBDWorkload.run, reading orders.csv as well.
import Benchmark
import BenchmarkSuiteSupport
import BenchmarkSupport
import SalesKit

let benchmarks: @Sendable () -> Void = {
    SuiteDefaults.configure()
    let size = DatasetCache.suiteSize
    guard let inputs = SuiteDefaults.inputs("BGNBD", "the orders", {
        try SuiteInputs.bgnbd(size: size)
    }) else { return }
    let customers = SuiteInputs.bgnbdCustomers(size: size).map { "\($0) customers" } ?? "orders.csv"
    let label = "\(customers) (\(size))"

    Benchmark("BGNBD summary + fits, \(label)") { (benchmark: Benchmark, orders: OrderLog) in
        for _ in benchmark.scaledIterations {
            do { blackHole(try SuiteSteps.bgnbd(orders)) } catch { benchmark.error("\(error)"); return }
        }
    } setup: {
        try SuiteSteps.orderLog(inputs)
    }

    Benchmark("BGNBD read + summary + fits, \(label)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try BGNBDWorkload.run(inputs).computeSeconds)
        }
    }
}
