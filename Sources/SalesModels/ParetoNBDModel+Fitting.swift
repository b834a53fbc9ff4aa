import RealModule
import SalesNumerics

extension ParetoNBDModel {
    /// Stopping rules used by `fit` unless the caller passes others. The gradient is a finite
    /// difference, so the gradient tolerance is looser than for BG/NBD's analytic one.
    public static let defaultFitOptions = OptimizationOptions(maxIterations: 500, gradientTolerance: 1e-7)

    /// Fits r, α, s, β by maximum likelihood to customer summaries.
    ///
    /// Same inputs, checks, row merging and time scaling as `BGNBDModel.fit`; the objective (mean
    /// negative log-likelihood over log-parameters, each kept in [1e-8, 1e8]) is minimised by
    /// L-BFGS-B with central finite-difference gradients, from r = 1, α = Σw·T/Σw·x, s = 1,
    /// β = Σw·T/Σw (in units of max(T)/10).
    ///
    /// - Parameters:
    ///   - frequency: x per customer (≥ 0).
    ///   - recency: tₓ per customer (0 when x = 0, > 0 when x > 0, ≤ age).
    ///   - age: T per customer (≥ 0).
    ///   - weights: Optional non-negative weight per row.
    ///   - options: Optimizer stopping rules.
    /// - Returns: The fitted model and the fit's diagnostics.
    /// - Throws: The same `CustomerModelError` cases as `BGNBDModel.fit`.
    /// - Complexity: O(n) to prepare, then O(d·k) per objective evaluation for d distinct rows and
    ///   k ₂F₁ terms, 9 evaluations per gradient; about 100× a BG/NBD fit.
    public static func fit(
        frequency: [Int], recency: [Double], age: [Double], weights: [Double]? = nil,
        options: OptimizationOptions = defaultFitOptions
    ) throws -> ParetoNBDFit {
        let rows = try CustomerSummaryRows(
            frequency: frequency, recency: recency, age: age, weights: weights, model: "Pareto/NBD")
        let alphaStart = min(max(rows.weightedAge / rows.weightedFrequency, 1e-3), 1e3)
        let betaStart = min(max(rows.weightedAge / rows.totalWeight, 1e-3), 1e3)
        let inverseWeight = 1 / rows.totalWeight
        let start = [0, Double.log(alphaStart), 0, Double.log(betaStart)]
        let search = try LogParameterFit(
            model: "Pareto/NBD", parameterNames: parameterNames, start: start,
            scales: [1, rows.timeScale, 1, rows.timeScale]
        ) { lower, upper in
            try LBFGSB.minimize(start: start, lower: lower, upper: upper, options: options) { theta in
                guard let model = try? ParetoNBDModel(
                    r: Double.exp(theta[0]), alpha: Double.exp(theta[1]), s: Double.exp(theta[2]), beta: Double.exp(theta[3]))
                else { return .nan }
                return -model.scaledLogLikelihood(rows) * inverseWeight
            }
        }
        let p = search.parameters
        let model = try ParetoNBDModel(r: p[0], alpha: p[1], s: p[2], beta: p[3])
        return ParetoNBDFit(model: model, search: search, rows: rows, rowCount: frequency.count)
    }

    /// Σ w log L over prepared rows (this model's α, β are in the rows' scaled time).
    func scaledLogLikelihood(_ rows: CustomerSummaryRows) -> Double {
        let lg = CustomerModelMath.logGamma
        let constant = r * Double.log(alpha) + s * Double.log(beta) - lg(r)
        var total = 0.0
        for j in rows.distinctX.indices where rows.groupWeight[j] > 0 {
            total += rows.groupWeight[j] * (lg(r + rows.distinctX[j]) + constant)
        }
        for i in rows.group.indices {
            let x = Int(rows.distinctX[Int(rows.group[i])])
            let terms = logTerms(frequency: x, recency: rows.recency[i], age: rows.age[i])
            total += rows.weight[i] * Self.logAddExp(terms.alive, terms.dead)
        }
        return total
    }
}
