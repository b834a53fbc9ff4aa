import RealModule
import SalesNumerics

/// A fitted BG/NBD model with the facts of its fit.
public struct BGNBDFit: Sendable {
    /// The maximum-likelihood parameters (α in the time unit of the data).
    public let model: BGNBDModel
    /// Σ wᵢ log Lᵢ at the estimate, in the data's time unit (FHL 2005 report −9582.4 for CDNOW in weeks).
    public let logLikelihood: Double
    /// Number of rows passed.
    public let rows: Int
    /// Rows the likelihood was evaluated over: identical (x, tₓ, T) rows merged, zero weights dropped.
    public let distinctRows: Int
    /// Σ wᵢ (the number of customers when no weights are given).
    public let totalWeight: Double
    /// L-BFGS-B iterations and objective evaluations spent.
    public let iterations: Int
    /// Objective evaluations (value and gradient together).
    public let functionEvaluations: Int
    /// ‖∇‖∞ of the mean negative log-likelihood with respect to the log-parameters at the estimate.
    public let gradientNorm: Double
    /// The optimizer's stop reason (a convergence reason; other reasons throw).
    public let stopReason: OptimizationStopReason
}

extension BGNBDModel {
    /// Stopping rules used by `fit` unless the caller passes others: L-BFGS-B defaults with up to
    /// 500 iterations.
    public static let defaultFitOptions = OptimizationOptions(maxIterations: 500)

    /// Bounds of every log-parameter during the fit: each parameter stays in [1e-8, 1e8] (α in
    /// units of max(T)/10). An estimate on this edge is reported as `degenerateFit`.
    static let logBound = 8 * Double.log(10)

    /// Fits r, α, a, b by maximum likelihood (FHL 2005, eq. 6) to customer summaries.
    ///
    /// The objective is the weighted mean negative log-likelihood, minimised by L-BFGS-B with the
    /// analytic gradient over the logarithms of the parameters (times divided by max(T)/10 inside
    /// the fit, so that α is O(1); the result is reported in the data's unit). The start is
    /// r = 1, α = Σw·T/Σw·x, a = 1, b = 1. Customers with x = 0 and one-order customers are part of
    /// the likelihood; only "every x is 0" makes the model unidentifiable.
    ///
    /// - Parameters:
    ///   - frequency: x per customer: repeat purchases (≥ 0).
    ///   - recency: tₓ per customer: time of the last repeat purchase after the first purchase
    ///     (0 when x = 0, > 0 when x > 0, ≤ age).
    ///   - age: T per customer: time from the first purchase to the end of calibration (≥ 0).
    ///   - weights: Optional non-negative weight per row (e.g. the count of identical customers).
    ///   - options: Optimizer stopping rules.
    /// - Returns: The fitted model and the fit's diagnostics.
    /// - Throws: `CustomerModelError.lengthMismatch`, `.invalidValue` (naming the row),
    ///   `.empty`, `.unidentifiable` (no repeat purchases), `.didNotConverge` (with the optimizer's
    ///   state), `.degenerateFit` (estimate on the parameter box).
    /// - Complexity: O(n) expected to validate and merge identical rows, then O(d) per objective
    ///   evaluation for d distinct rows (three logarithms and one exponential each), typically
    ///   20–60 evaluations.
    public static func fit(
        frequency: [Int], recency: [Double], age: [Double], weights: [Double]? = nil,
        options: OptimizationOptions = defaultFitOptions
    ) throws -> BGNBDFit {
        let data = try BGNBDLikelihood(frequency: frequency, recency: recency, age: age, weights: weights)
        let alphaStart = min(max(data.rows.weightedAge / data.rows.weightedFrequency, 1e-3), 1e3)
        let start = [0, Double.log(alphaStart), 0, 0]
        let bound = logBound
        let inverseWeight = 1 / data.rows.totalWeight
        var natural = [Double](repeating: 0, count: 4)
        let scale = data.rows.timeScale
        let result = try CustomerModelError.optimizing(
            model: "BG/NBD", start: start, natural: { t in [t[0].exp, t[1].exp * scale, t[2].exp, t[3].exp] }
        ) { try LBFGSB.minimize(
            start: start, lower: [Double](repeating: -bound, count: 4), upper: [Double](repeating: bound, count: 4),
            options: options
        ) { theta, gradient in
            for j in 0..<4 { natural[j] = Double.exp(theta[j]) }
            let ll = data.logLikelihood(r: natural[0], alpha: natural[1], a: natural[2], b: natural[3], gradient: &gradient)
            for j in 0..<4 { gradient[j] = -gradient[j] * natural[j] * inverseWeight }
            return -ll * inverseWeight
        } }
        let estimate = result.x.map { Double.exp($0) }
        let reported = [estimate[0], estimate[1] * data.rows.timeScale, estimate[2], estimate[3]]
        guard result.converged else {
            throw CustomerModelError.didNotConverge(
                model: "BG/NBD", reason: result.stopReason.rawValue, iterations: result.iterations,
                functionEvaluations: result.functionEvaluations, gradientNorm: result.gradientNorm,
                lastParameters: reported)
        }
        for (j, theta) in result.x.enumerated() where abs(abs(theta) - bound) < 1e-6 {
            throw CustomerModelError.degenerateFit(
                model: "BG/NBD", parameter: parameterNames[j], value: reported[j], lastParameters: reported)
        }
        let model = try BGNBDModel(r: reported[0], alpha: reported[1], a: reported[2], b: reported[3])
        // −Σw·log L in scaled time differs from the natural-unit value by Σw·x·log(scale).
        let logLikelihood = -result.value * data.rows.totalWeight - data.rows.weightedFrequency * Double.log(data.rows.timeScale)
        return BGNBDFit(
            model: model, logLikelihood: logLikelihood, rows: frequency.count, distinctRows: data.rows.group.count,
            totalWeight: data.rows.totalWeight,
            iterations: result.iterations, functionEvaluations: result.functionEvaluations,
            gradientNorm: result.gradientNorm, stopReason: result.stopReason)
    }

    /// The weighted total log-likelihood Σ wᵢ log Lᵢ of this model on customer summaries, in the
    /// data's time unit, with the same input checks as `fit`.
    ///
    /// - Parameters:
    ///   - frequency: x per customer.
    ///   - recency: tₓ per customer.
    ///   - age: T per customer.
    ///   - weights: Optional non-negative weight per row.
    /// - Returns: Σ wᵢ log Lᵢ.
    /// - Throws: `CustomerModelError` for invalid rows or mismatched lengths.
    /// - Complexity: O(n).
    public func totalLogLikelihood(
        frequency: [Int], recency: [Double], age: [Double], weights: [Double]? = nil
    ) throws -> Double {
        try CustomerSummaryInput.checkLength("recency", recency.count, expected: frequency.count)
        try CustomerSummaryInput.checkLength("age", age.count, expected: frequency.count)
        if let weights { try CustomerSummaryInput.checkLength("weights", weights.count, expected: frequency.count) }
        var total = 0.0
        for i in frequency.indices {
            try CustomerSummaryInput.checkRow(i, frequency: frequency[i], recency: recency[i], age: age[i])
            let w = weights?[i] ?? 1
            try CustomerSummaryInput.checkWeight(i, w)
            if w > 0 { total += w * logLikelihood(frequency: frequency[i], recency: recency[i], age: age[i]) }
        }
        return total
    }
}
