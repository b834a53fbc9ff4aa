// Logistic (workload `logistic`, compare/WORKLOADS.md): unpenalized maximum likelihood with an
// intercept (Newton/IRLS) on the deterministic design of run.sh's shape for the size — 40,000 × 30
// at small, 2,000,000 × 30 at medium and large (a handful of Newton steps of O(n·p²) each, about
// a second; the 480 MB design file is generated on first use into the cache by SuiteInputs.design).
//   "Logistic fit …": the fit on the design in memory (the workload's computeSeconds).
//   "Logistic read + fit …": LogisticWorkload.run, reading the design file and fitting.
import Benchmark
import BenchmarkSuiteSupport
import BenchmarkSupport
import SalesKit

let benchmarks: @Sendable () -> Void = {
    SuiteDefaults.configure()
    let size = DatasetCache.suiteSize
    guard let inputs = SuiteDefaults.inputs("Logistic", "the design", {
        try SuiteInputs.design(.logistic, size: size)
    }) else { return }
    let shape = SuiteInputs.designShape(.logistic, size: size)
    let label = "\(shape.rows)×\(shape.features) (\(size))"

    Benchmark("Logistic fit \(label)") { (benchmark: Benchmark, design: (x: Matrix, y: [Double])) in
        for _ in benchmark.scaledIterations {
            do { blackHole(try SuiteSteps.logistic(design).coefficients) } catch { benchmark.error("\(error)"); return }
        }
    } setup: {
        try SuiteSteps.design(inputs)
    }

    Benchmark("Logistic read + fit \(label)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try LogisticWorkload.run(inputs).computeSeconds)
        }
    }
}
