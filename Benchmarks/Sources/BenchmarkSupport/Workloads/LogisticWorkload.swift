import SalesKit

/// `logistic` (compare/WORKLOADS.md): unpenalized maximum likelihood with an intercept on the
/// deterministic design file, by `LogisticRegression.fit` (Newton/IRLS: one fused pass over the
/// rows per iteration — η, score and blockwise dsyrk of the information — and a Cholesky solve,
/// 31 terms). The design is read by `SyntheticInputs.readDesign` (SalesData's `Float64File`: concurrent `pread` into uninitialized storage).
public enum LogisticWorkload: Workload {
    public static let id = "logistic"

    /// Reads the design (load) and fits (compute).
    /// - Parameter inputs: The design file and its shape.
    /// - Returns: Timings and `coefficients` (intercept first), `logLikelihood`.
    /// - Throws: `BenchmarkError` for a missing design; `ModelError` from the fit.
    /// - Complexity: O(n·p²) per Newton iteration.
    public static func run(_ inputs: WorkloadInputs) throws -> WorkloadResult {
        guard let path = inputs.designPath, let shape = inputs.designShape else {
            throw BenchmarkError.usage("logistic needs --design FILE --rows N --features P")
        }
        let (design, load) = try Stopwatch.time {
            try SyntheticInputs.readDesign(path: path, rows: shape.rows, features: shape.features)
        }
        let (model, compute) = try Stopwatch.time {
            try LogisticRegression.fit(features: design.x, labels: design.y, options: .init(intercept: true))
        }
        return WorkloadResult(
            loadSeconds: load, computeSeconds: compute,
            answer: ["coefficients": model.coefficients, "logLikelihood": model.logLikelihood],
            extra: ["iterations": model.iterations, "solver": "\(model.solverUsed)", "converged": model.converged])
    }
}
