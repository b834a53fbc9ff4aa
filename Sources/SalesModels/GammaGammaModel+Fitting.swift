import RealModule
import SalesNumerics

/// A fitted Gamma-Gamma model with the facts of its fit.
public struct GammaGammaFit: Sendable {
    /// The maximum-likelihood parameters (γ in the currency of the data).
    public let model: GammaGammaModel
    /// Σ wᵢ log f(m̄ᵢ | xᵢ) at the estimate over the customers used, in the data's currency.
    public let logLikelihood: Double
    /// Rows used: those with frequency ≥ 1 (and weight > 0 counted in `totalWeight`).
    public let rowsUsed: Int
    /// Rows skipped because their frequency is 0.
    public let rowsSkipped: Int
    /// Σ wᵢ over the rows used.
    public let totalWeight: Double
    /// L-BFGS-B iterations.
    public let iterations: Int
    /// Objective evaluations (value and gradient together).
    public let functionEvaluations: Int
    /// ‖∇‖∞ of the mean negative log-likelihood with respect to the log-parameters at the estimate.
    public let gradientNorm: Double
    /// The optimizer's stop reason (a convergence reason; other reasons throw).
    public let stopReason: OptimizationStopReason
}

extension GammaGammaModel {
    /// Stopping rules used by `fit` unless the caller passes others: L-BFGS-B defaults with up to
    /// 500 iterations.
    public static let defaultFitOptions = OptimizationOptions(maxIterations: 500)

    /// Fits p, q, γ by maximum likelihood to the customers with at least one repeat purchase.
    ///
    /// Rows with frequency 0 are skipped (their monetary value is not read), so the same arrays
    /// as for `BGNBDModel.fit` can be passed. The objective is the weighted mean negative
    /// log-likelihood, minimised by L-BFGS-B with the analytic gradient over log p, log q, log γ
    /// (monetary values divided by their weighted mean inside the fit), from p = 1, q = 2, γ = mean;
    /// each log-parameter is kept in [−8 log 10, 8 log 10] around that scale.
    ///
    /// - Parameters:
    ///   - frequency: x per customer (≥ 0).
    ///   - monetary: m̄ per customer: the mean value of the repeat transactions (> 0 when x ≥ 1).
    ///   - weights: Optional non-negative weight per row.
    ///   - options: Optimizer stopping rules.
    /// - Returns: The fitted model and the fit's diagnostics.
    /// - Throws: `CustomerModelError.lengthMismatch`; `.invalidValue` for a negative frequency, a
    ///   non-finite monetary value or a bad weight (naming the row); `.nonPositiveMonetary` (naming
    ///   the row); `.unidentifiable` when no row has frequency ≥ 1 and weight > 0, or all such
    ///   rows have the same spend (the spread that identifies p and q is missing);
    ///   `.didNotConverge` (with the optimizer's state); `.degenerateFit`.
    /// - Complexity: O(n) per objective evaluation (one logarithm per customer).
    public static func fit(
        frequency: [Int], monetary: [Double], weights: [Double]? = nil,
        options: OptimizationOptions = defaultFitOptions
    ) throws -> GammaGammaFit {
        let n = frequency.count
        try CustomerSummaryInput.checkLength("monetary", monetary.count, expected: n)
        guard n <= Int(Int32.max) else {
            throw CustomerModelError.invalidParameter(
                name: "rows", value: Double(n), reason: "at most \(Int32.max) customers (Int32 row indices)")
        }
        if let weights { try CustomerSummaryInput.checkLength("weights", weights.count, expected: n) }
        var xs: [Double] = [], ms: [Double] = [], ws: [Double] = []
        xs.reserveCapacity(n); ms.reserveCapacity(n); ws.reserveCapacity(n)
        var total = 0.0, weightedSpend = 0.0
        var minSpend = Double.infinity, maxSpend = -Double.infinity
        for i in 0..<n {
            let x = frequency[i]
            guard x >= 0 else {
                throw CustomerModelError.invalidValue(row: i, field: "frequency", value: Double(x), reason: "must be >= 0")
            }
            let w = weights?[i] ?? 1
            try CustomerSummaryInput.checkWeight(i, w)
            guard x > 0 else { continue }
            let m = monetary[i]
            guard m.isFinite else {
                throw CustomerModelError.invalidValue(row: i, field: "monetary", value: m, reason: "must be finite")
            }
            guard m > 0 else { throw CustomerModelError.nonPositiveMonetary(row: i, value: m) }
            guard w > 0 else { continue }
            xs.append(Double(x)); ms.append(m); ws.append(w)
            total += w
            weightedSpend += w * m
            minSpend = min(minSpend, m); maxSpend = max(maxSpend, m)
        }
        guard !xs.isEmpty else {
            throw CustomerModelError.unidentifiable(
                model: "Gamma-Gamma", detail: "no customer with frequency >= 1 (and weight > 0)")
        }
        guard minSpend < maxSpend else {
            throw CustomerModelError.unidentifiable(
                model: "Gamma-Gamma", detail: "every customer has the same mean spend \(minSpend)")
        }
        let scale = weightedSpend / total
        let scaled = ms.map { $0 / scale }
        let logScaled = scaled.map { Double.log($0) }
        let logX = xs.map { Double.log($0) }
        var groupOf: [Double: Int32] = [:]
        var distinctX: [Double] = []
        let group: [Int32] = xs.map { x in
            if let g = groupOf[x] { return g }
            let g = Int32(truncatingIfNeeded: distinctX.count)  // ≤ number of rows, checked below
            groupOf[x] = g
            distinctX.append(x)
            return g
        }
        let inverseWeight = 1 / total
        let start = [0, Double.log(2), 0]
        let search = try LogParameterFit(
            model: "Gamma-Gamma", parameterNames: parameterNames, start: start, scales: [1, 1, scale]
        ) { lower, upper in
            try LBFGSB.minimize(start: start, lower: lower, upper: upper, options: options) { theta, gradient in
                let p = Double.exp(theta[0]), q = Double.exp(theta[1]), g = Double.exp(theta[2])
                let value = Self.scaledLogLikelihood(
                    p: p, q: q, gamma: g, distinctX: distinctX, group: group, x: xs, logX: logX, m: scaled, logM: logScaled, w: ws, gradient: &gradient)
                gradient[0] *= -p * inverseWeight
                gradient[1] *= -q * inverseWeight
                gradient[2] *= -g * inverseWeight
                return -value * inverseWeight
            }
        }
        let result = search.result, reported = search.parameters
        let model = try GammaGammaModel(p: reported[0], q: reported[1], gamma: reported[2])
        // The density of m̄ scales by 1/scale when m̄ is divided by scale.
        let logLikelihood = -result.value * total - total * Double.log(scale)
        return GammaGammaFit(
            model: model, logLikelihood: logLikelihood, rowsUsed: xs.count, rowsSkipped: n - xs.count,
            totalWeight: total, iterations: result.iterations, functionEvaluations: result.functionEvaluations,
            gradientNorm: result.gradientNorm, stopReason: result.stopReason)
    }

    /// Σ w log f and its gradient in (p, q, γ):
    ///   ∂/∂p = x[ψ(px+q) − ψ(px) + log x + log m̄ − log(γ + x m̄)],
    ///   ∂/∂q = ψ(px+q) − ψ(q) + log γ − log(γ + x m̄),
    ///   ∂/∂γ = q/γ − (px+q)/(γ + x m̄).
    private static func scaledLogLikelihood(
        p: Double, q: Double, gamma: Double, distinctX: [Double], group: [Int32], x: [Double], logX: [Double], m: [Double], logM: [Double],
        w: [Double], gradient: inout [Double]
    ) -> Double {
        let lg = CustomerModelMath.logGamma, psi = CustomerModelMath.digamma
        let lgQ = lg(q), psiQ = psi(q), logG = Double.log(gamma)
        var ll = 0.0, gp = 0.0, gq = 0.0, gg = 0.0
        // The x-only special-function terms, once per distinct x.
        let lgTerm = distinctX.map { lg(p * $0 + q) - lg(p * $0) }
        let psiSum = distinctX.map { psi(p * $0 + q) }
        let psiPX = distinctX.map { psi(p * $0) }
        x.withUnsafeBufferPointer { xp in
        group.withUnsafeBufferPointer { gp0 in
        logX.withUnsafeBufferPointer { lxp in
        m.withUnsafeBufferPointer { mp in
        logM.withUnsafeBufferPointer { lmp in
        w.withUnsafeBufferPointer { wp in
            for i in 0..<xp.count {
                let xi = xp[i], px = p * xi, j = Int(gp0[i])
                let wi = wp[i]
                let denominator = gamma + xi * mp[i]
                let logDen = Double.log(denominator)
                ll += wi * (lgTerm[j] - lgQ + q * logG + px * lxp[i] + (px - 1) * lmp[i] - (px + q) * logDen)
                gp += wi * xi * (psiSum[j] - psiPX[j] + lxp[i] + lmp[i] - logDen)
                gq += wi * (psiSum[j] - psiQ + logG - logDen)
                gg += wi * (q / gamma - (px + q) / denominator)
            }
        }}}}}}
        gradient[0] = gp; gradient[1] = gq; gradient[2] = gg
        return ll
    }
}
