import Foundation

/// The ETS recursions of Hyndman et al. (2008, tables 2.2–2.3) written with the absolute one-step
/// error `E = y − ŷ`, in which form the state updates of the additive- and the multiplicative-error
/// model coincide (with `lb = ℓ + φb`):
///
///     season N/A:  ℓ' = lb + αE        b' = φb + βE        s' = s + γE
///     season M:    ℓ' = lb + αE/s      b' = φb + βE/s      s' = s + γE/lb
///
/// Only the likelihood differs: additive errors score `E`, multiplicative errors `E/ŷ` plus the
/// Jacobian term `Σ log|ŷ|`.
struct ETSFilterResult {
    /// Σ e² with e = E (additive error) or E/ŷ (multiplicative error).
    var sse: Double
    /// Σ log|ŷ_t| (multiplicative error only, else 0).
    var sumLogForecast: Double
    /// Level and trend after the last observation.
    var level: Double
    var trend: Double
    /// False when the recursion left the model's domain (ŷ ≤ 0 with multiplicative error, a
    /// non-positive level or season with multiplicative season, or a non-finite value).
    var admissible: Bool

    /// Concentrated Gaussian log-likelihood (σ² = sse/n), as statsmodels `ETSModel.loglike`
    /// and Hyndman et al. (2008, eq. 5.3) define it.
    func logLikelihood(count n: Int) -> Double {
        guard admissible, sse > 0 else { return -.infinity }
        let nd = Double(n)
        return -0.5 * nd * (log(2 * Double.pi * sse / nd) + 1) - sumLogForecast
    }
}

enum ETSFilter {
    /// Runs the recursion over `y`.
    /// - Parameters:
    ///   - season: On entry the m initial seasonal states in chronological order (ignored if the
    ///     model has none; pass an empty buffer); updated in place as a ring buffer, so that on return
    ///     `season[(n + j) % m]` is the state for forecast step `j + 1`.
    ///   - fitted: If not nil, receives the n one-step forecasts ŷ.
    static func run(
        _ spec: ETSSpecification, alpha: Double, beta: Double, gamma: Double, phi: Double,
        level l0: Double, trend b0: Double,
        y: UnsafeBufferPointer<Double>, season: UnsafeMutableBufferPointer<Double>,
        fitted: UnsafeMutablePointer<Double>?
    ) -> ETSFilterResult {
        var l = l0
        var b = spec.hasTrend ? b0 : 0
        let ph = spec.hasTrend ? (spec.isDamped ? phi : 1) : 0
        let be = spec.hasTrend ? beta : 0
        let m = season.count
        let multError = spec.error == .multiplicative
        var sse = 0.0
        var logProduct = LogProduct()
        var j = 0
        for t in 0..<y.count {
            let lb = l + ph * b
            let yt = y[t]
            switch spec.season {
            case .none, .additive:
                // Without a season the buffer is empty (m = 0) and the seasonal state is 0.
                let s = m > 0 ? season[j] : 0
                let yhat = lb + s
                if multError && !(yhat > 0) { return .init(sse: .infinity, sumLogForecast: 0, level: l, trend: b, admissible: false) }
                let e = yt - yhat
                fitted?[t] = yhat
                if multError { let r = e / yhat; sse += r * r; logProduct.multiply(yhat) } else { sse += e * e }
                l = lb + alpha * e
                b = ph * b + be * e
                if m > 0 { season[j] = s + gamma * e }
            case .multiplicative:
                let s = season[j]
                if !(lb > 0) || !(s > 0) { return .init(sse: .infinity, sumLogForecast: 0, level: l, trend: b, admissible: false) }
                let yhat = lb * s
                let e = yt - yhat
                fitted?[t] = yhat
                if multError { let r = e / yhat; sse += r * r; logProduct.multiply(yhat) } else { sse += e * e }
                l = lb + alpha * e / s
                b = ph * b + be * e / s
                season[j] = s + gamma * e / lb
            }
            if m > 0 { j += 1; if j == m { j = 0 } }
        }
        let ok = sse.isFinite && l.isFinite && b.isFinite
        return .init(sse: sse, sumLogForecast: multError ? logProduct.log : 0, level: l, trend: b, admissible: ok)
    }
}

/// Σ log xᵢ for positive xᵢ as the log of a running product kept in range by `frexp`: one
/// multiplication per term instead of one `log` (which dominated the fit's profile).
struct LogProduct {
    var mantissa = 1.0
    var exponent = 0

    @inline(__always)
    mutating func multiply(_ x: Double) {
        mantissa *= x
        if !(mantissa < 0x1p500 && mantissa > 0x1p-500) {
            let (m, e) = frexp(mantissa)
            mantissa = m
            exponent += e
        }
    }

    var log: Double { Foundation.log(mantissa) + Double(exponent) * M_LN2 }
}
