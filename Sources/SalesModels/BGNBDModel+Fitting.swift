import RealModule
import SalesNumerics

extension BGNBDModel {
    /// Stopping rules used by `fit` unless the caller passes others: L-BFGS-B defaults with up to
    /// 500 iterations.
    public static let defaultFitOptions = OptimizationOptions(maxIterations: 500)

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
        let inverseWeight = 1 / data.rows.totalWeight
        var natural = [Double](repeating: 0, count: 4)
        let search = try LogParameterFit(
            model: "BG/NBD", parameterNames: parameterNames, start: start, scales: [1, data.rows.timeScale, 1, 1]
        ) { lower, upper in
            try LBFGSB.minimize(start: start, lower: lower, upper: upper, options: options) { theta, gradient in
                for j in 0..<4 { natural[j] = Double.exp(theta[j]) }
                let ll = data.logLikelihood(r: natural[0], alpha: natural[1], a: natural[2], b: natural[3], gradient: &gradient)
                for j in 0..<4 { gradient[j] = -gradient[j] * natural[j] * inverseWeight }
                return -ll * inverseWeight
            }
        }
        let p = search.parameters
        let model = try BGNBDModel(r: p[0], alpha: p[1], a: p[2], b: p[3])
        return BGNBDFit(model: model, search: search, rows: data.rows, rowCount: frequency.count)
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
