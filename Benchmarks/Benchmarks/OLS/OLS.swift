// OLS (workload `ols`, compare/WORKLOADS.md): least squares with an intercept on the deterministic
// N(0, 1) design of run.sh's shape for the size — 20,000 × 50 at small, 1,000,000 × 50 at medium
// and large (one fit is the dsyrk Gram matrix + Cholesky, a few tenths of a second; the 400 MB
// design file is generated on first use into the cache by SuiteInputs.design).
//   "OLS fit …": the fit on the design in memory (the workload's computeSeconds).
//   "OLS read + fit …": OLSWorkload.run, reading the design file and fitting (load + compute).
import Benchmark
import BenchmarkSuiteSupport
import BenchmarkSupport
import SalesKit

let benchmarks: @Sendable () -> Void = {
    SuiteDefaults.configure()
    let size = DatasetCache.suiteSize
    guard let inputs = SuiteDefaults.inputs("OLS", "the design", {
        try SuiteInputs.design(.ols, size: size)
    }) else { return }
    let shape = SuiteInputs.designShape(.ols, size: size)
    let label = "\(shape.rows)×\(shape.features) (\(size))"

    Benchmark("OLS fit \(label)") { (benchmark: Benchmark, design: (x: Matrix, y: [Double])) in
        for _ in benchmark.scaledIterations {
            do { blackHole(try SuiteSteps.ols(design).coefficients) } catch { benchmark.error("\(error)"); return }
        }
    } setup: {
        try SuiteSteps.design(inputs)
    }

    Benchmark("OLS read + fit \(label)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try OLSWorkload.run(inputs).computeSeconds)
        }
    }
}
