import Foundation

/// The negative log-likelihood of ``ETSFilter`` and its exact gradient by reverse-mode
/// differentiation of the recursion (one forward pass storing the states, one backward pass), in
/// place of p + 1 filter passes for a forward finite-difference gradient.
struct ETSGradientWorkspace {
    var level: [Double]
    var trend: [Double]
    var season: [Double]
    var forecast: [Double]
    var error: [Double]
    var seasonRing: [Double]
    var seasonAdjoint: [Double]

    init(count n: Int, seasonalPeriod m: Int) {
        level = .init(repeating: 0, count: n)
        trend = .init(repeating: 0, count: n)
        season = .init(repeating: 0, count: n)
        forecast = .init(repeating: 0, count: n)
        error = .init(repeating: 0, count: n)
        seasonRing = .init(repeating: 0, count: m)
        seasonAdjoint = .init(repeating: 0, count: m)
    }
}

/// Derivatives of −log L with respect to the model quantities (before the optimizer's
/// reparametrisation): smoothing parameters, φ, ℓ₀, b₀ and the m initial seasonal states.
struct ETSGradient {
    var alpha = 0.0, beta = 0.0, gamma = 0.0, phi = 0.0, level = 0.0, trend = 0.0
}

extension ETSFilter {
    /// −log L (the concentrated Gaussian likelihood of ``ETSFilterResult/logLikelihood(count:)``) at
    /// the given parameters and its gradient; `seasonGradient` receives ∂(−log L)/∂s_j for the m
    /// initial seasonal states (chronological). Returns +∞ (gradient unspecified) where the recursion
    /// leaves the model's domain.
    /// - Complexity: O(n) time, O(n) workspace.
    static func negativeLogLikelihood(
        _ spec: ETSSpecification, alpha: Double, beta: Double, gamma: Double, phi: Double,
        level l0: Double, trend b0: Double, initialSeason: [Double], y: UnsafeBufferPointer<Double>,
        workspace w: inout ETSGradientWorkspace, gradient g: inout ETSGradient, seasonGradient: inout [Double]
    ) -> Double {
        let n = y.count
        let m = initialSeason.count
        let hasTrend = spec.hasTrend
        let ph = hasTrend ? (spec.isDamped ? phi : 1) : 0
        let be = hasTrend ? beta : 0
        let multError = spec.error == .multiplicative
        let multSeason = spec.season == .multiplicative
        var l = l0, b = hasTrend ? b0 : 0
        for j in 0..<m { w.seasonRing[j] = initialSeason[j] }
        var sse = 0.0
        var logProduct = LogProduct()
        var j = 0
        // Forward: store ℓ, b, s used, ŷ and E at every t.
        for t in 0..<n {
            let lb = l + ph * b
            let s = m > 0 ? w.seasonRing[j] : (multSeason ? 1 : 0)
            let yhat: Double
            if multSeason {
                if !(lb > 0) || !(s > 0) { return .infinity }
                yhat = lb * s
            } else {
                yhat = lb + s
            }
            if multError && !(yhat > 0) { return .infinity }
            let e = y[t] - yhat
            w.level[t] = l; w.trend[t] = b; w.season[t] = s; w.forecast[t] = yhat; w.error[t] = e
            if multError { let r = e / yhat; sse += r * r; logProduct.multiply(yhat) } else { sse += e * e }
            if multSeason {
                l = lb + alpha * e / s
                b = ph * b + be * e / s
                w.seasonRing[j] = s + gamma * e / lb
            } else {
                l = lb + alpha * e
                b = ph * b + be * e
                if m > 0 { w.seasonRing[j] = s + gamma * e }
            }
            if m > 0 { j += 1; if j == m { j = 0 } }
        }
        guard sse > 0, sse.isFinite, l.isFinite, b.isFinite else { return .infinity }
        let nd = Double(n)
        let value = 0.5 * nd * (log(2 * Double.pi * sse / nd) + 1) + (multError ? logProduct.log : 0)
        // Backward.
        let wS = 0.5 * nd / sse
        var gl = 0.0, gb = 0.0  // adjoints of ℓ_t, b_t (the states after step t − 1)
        for k in 0..<m { w.seasonAdjoint[k] = 0 }
        g = ETSGradient()
        j = m > 0 ? (n - 1) % m : 0
        for t in stride(from: n - 1, through: 0, by: -1) {
            let lt = w.level[t], bt = w.trend[t], s = w.season[t], yhat = w.forecast[t], e = w.error[t]
            let lb = lt + ph * bt
            let gs1 = m > 0 ? w.seasonAdjoint[j] : 0  // adjoint of the updated seasonal state
            var gE = 0.0, gLb = 0.0, gS = 0.0, gYhat = 0.0, gB = 0.0
            if multSeason {
                // s' = s + γE/lb, b' = φb + βE/s, ℓ' = lb + αE/s
                gS += gs1
                gE += gamma / lb * gs1
                g.gamma += e / lb * gs1
                gLb -= gamma * e / (lb * lb) * gs1
                gB += ph * gb
                if spec.isDamped { g.phi += bt * gb }
                gE += be / s * gb
                g.beta += e / s * gb
                gS -= be * e / (s * s) * gb
                gLb += gl
                gE += alpha / s * gl
                g.alpha += e / s * gl
                gS -= alpha * e / (s * s) * gl
            } else {
                gS += gs1
                gE += gamma * gs1
                g.gamma += e * gs1
                gB += ph * gb
                if spec.isDamped { g.phi += bt * gb }
                gE += be * gb
                g.beta += e * gb
                gLb += gl
                gE += alpha * gl
                g.alpha += e * gl
            }
            if multError {
                let r = e / yhat
                gE += 2 * r * wS / yhat
                gYhat += -2 * r * r * wS / yhat + 1 / yhat
            } else {
                gE += 2 * e * wS
            }
            gYhat -= gE  // E = y − ŷ
            if multSeason { gLb += s * gYhat; gS += lb * gYhat } else { gLb += gYhat; gS += gYhat }
            // lb = ℓ + φ b
            gl = gLb
            gB += ph * gLb
            if spec.isDamped { g.phi += bt * gLb }
            gb = gB
            if m > 0 {
                w.seasonAdjoint[j] = gS
                j -= 1; if j < 0 { j = m - 1 }
            }
        }
        g.level = gl
        g.trend = hasTrend ? gb : 0
        for k in 0..<m { seasonGradient[k] = w.seasonAdjoint[k] }
        return value
    }
}
