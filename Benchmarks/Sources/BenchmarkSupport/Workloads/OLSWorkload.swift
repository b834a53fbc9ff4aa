import SalesKit

/// `ols` (compare/WORKLOADS.md): least squares with an intercept on the deterministic design file,
/// by `LinearRegression.fit` with `LeastSquares.Method.automatic` (normal equations by dsyrk +
/// Cholesky when they keep at least half the digits, pivoted QR otherwise — N(0,1) features are
/// well conditioned, so the BLAS-bound route is taken; `extra.method` says which).
public enum OLSWorkload: Workload {
    public static let id = "ols"

    /// Reads the design (load) and fits (compute).
    /// - Parameter inputs: The design file and its shape.
    /// - Returns: Timings and `coefficients` (intercept first), `rss`.
    /// - Throws: `BenchmarkError` for a missing design; `ModelError` from the fit.
    /// - Complexity: O(n·p²).
    public static func run(_ inputs: WorkloadInputs) throws -> WorkloadResult {
        guard let path = inputs.designPath, let shape = inputs.designShape else {
            throw BenchmarkError.usage("ols needs --design FILE --rows N --features P")
        }
        let (design, load) = try Stopwatch.time {
            try SyntheticInputs.readDesign(path: path, rows: shape.rows, features: shape.features)
        }
        let (model, compute) = try Stopwatch.time {
            try LinearRegression.fit(features: design.x, response: design.y,
                                     options: .init(intercept: true, method: .automatic))
        }
        return WorkloadResult(
            loadSeconds: load, computeSeconds: compute,
            answer: ["coefficients": model.coefficients, "rss": model.residualSumOfSquares],
            extra: ["method": "\(model.methodUsed)", "rows": shape.rows, "features": shape.features])
    }
}
