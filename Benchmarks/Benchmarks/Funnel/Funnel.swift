// Funnel (workload `funnel`, compare/WORKLOADS.md): visit → signup → trial → purchase with a 7-day
// window (ClickHouse windowFunnel default mode) over the size's events.csv (small about 22 k events,
// medium about 2 M of 900 k users, large about 20 M; generated on first use by DatasetCache).
//   "Funnel 4 steps, 7-day window …": grouping the events per user and counting the steps, on the
//   events table in memory (the workload's computeSeconds).
//   "Funnel read + 4 steps, 7-day window …": FunnelWorkload.run, reading events.csv as well.
import Benchmark
import BenchmarkSuiteSupport
import BenchmarkSupport
import SalesKit

let benchmarks: @Sendable () -> Void = {
    SuiteDefaults.configure()
    let size = DatasetCache.suiteSize
    guard let inputs = SuiteDefaults.inputs("Funnel", "the benchmark dataset", {
        try SuiteInputs.contractFiles(size: size)
    }) else { return }

    Benchmark("Funnel 4 steps, 7-day window, events.csv (\(size))") { (benchmark: Benchmark, events: Table) in
        for _ in benchmark.scaledIterations {
            do { blackHole(try SuiteSteps.funnel(events).steps.count) } catch { benchmark.error("\(error)"); return }
        }
    } setup: {
        try SuiteSteps.events(inputs)
    }

    Benchmark("Funnel read + 4 steps, 7-day window, events.csv (\(size))") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try FunnelWorkload.run(inputs).computeSeconds)
        }
    }
}
