// AutoETS (workload `autoets`, compare/WORKLOADS.md): AutoETS (season 12, AICc over the admissible
// family) with 12-step point forecasts on every series of a deterministic monthly batch — 100
// series at small, 200 at medium (run.sh uses 1,000: one pass over those takes about 20 s here),
// 10,000 at large, 60 points each (generated on first use into the cache by SuiteInputs.series).
// Fewer iterations than the other suites: one pass over 200 series takes a few seconds.
//   "AutoETS forecast …": BatchForecast on the series in memory (the workload's computeSeconds).
//   "AutoETS read + forecast …": AutoETSWorkload.run, reading and grouping the series file as well.
import Benchmark
import BenchmarkSuiteSupport
import BenchmarkSupport
import SalesKit

let benchmarks: @Sendable () -> Void = {
    SuiteDefaults.configure(maxIterations: 5)
    let size = DatasetCache.suiteSize
    guard let inputs = SuiteDefaults.inputs("AutoETS", "the series batch", {
        try SuiteInputs.series(size: size)
    }) else { return }
    let label = "\(SuiteInputs.seriesCount(size: size))×\(SuiteInputs.seriesLength) (\(size))"

    Benchmark("AutoETS forecast \(label)") { (benchmark: Benchmark, series: [[Double]]) in
        for _ in benchmark.scaledIterations {
            blackHole(SuiteSteps.autoETS(series).count)
        }
    } setup: {
        try SuiteSteps.series(inputs)
    }

    Benchmark("AutoETS read + forecast \(label)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try AutoETSWorkload.run(inputs).computeSeconds)
        }
    }
}
