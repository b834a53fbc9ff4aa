import Foundation

/// The orders of a seasonal ARIMA model (p,d,q)(P,D,Q)m, as R's `arima` and statsforecast write them.
public struct ARIMAOrder: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Non-seasonal autoregressive order p.
    public var p: Int
    /// Non-seasonal differences d.
    public var d: Int
    /// Non-seasonal moving-average order q.
    public var q: Int
    /// Seasonal autoregressive order P.
    public var seasonalP: Int
    /// Seasonal differences D.
    public var seasonalD: Int
    /// Seasonal moving-average order Q.
    public var seasonalQ: Int
    /// Season length m (1 for none; the seasonal orders are then ignored).
    public var seasonalPeriod: Int

    /// Creates an order.
    /// - Parameters:
    ///   - p: AR order (≥ 0).
    ///   - d: Differences (≥ 0).
    ///   - q: MA order (≥ 0).
    ///   - seasonalP: Seasonal AR order (≥ 0).
    ///   - seasonalD: Seasonal differences (≥ 0).
    ///   - seasonalQ: Seasonal MA order (≥ 0).
    ///   - seasonalPeriod: m (≥ 1).
    /// - Precondition: every order ≥ 0 and `seasonalPeriod` ≥ 1 (programmer errors).
    public init(p: Int, d: Int, q: Int, seasonalP: Int = 0, seasonalD: Int = 0, seasonalQ: Int = 0, seasonalPeriod: Int = 1) {
        precondition(p >= 0 && d >= 0 && q >= 0 && seasonalP >= 0 && seasonalD >= 0 && seasonalQ >= 0,
                     "ARIMA orders must be non-negative")
        precondition(seasonalPeriod >= 1, "seasonal period must be at least 1")
        let seasonal = seasonalPeriod > 1
        self.p = p
        self.d = d
        self.q = q
        self.seasonalP = seasonal ? seasonalP : 0
        self.seasonalD = seasonal ? seasonalD : 0
        self.seasonalQ = seasonal ? seasonalQ : 0
        self.seasonalPeriod = seasonalPeriod
    }

    /// Total differencing lag count d + m·D: the number of observations differencing consumes.
    public var differencingLength: Int { d + seasonalPeriod * seasonalD }

    /// Length of the expanded AR polynomial p + m·P.
    public var expandedAROrder: Int { p + seasonalPeriod * seasonalP }

    /// Length of the expanded MA polynomial q + m·Q.
    public var expandedMAOrder: Int { q + seasonalPeriod * seasonalQ }

    /// Number of ARMA coefficients p + q + P + Q.
    public var coefficientCount: Int { p + q + seasonalP + seasonalQ }

    /// `ARIMA(p,d,q)` or `ARIMA(p,d,q)(P,D,Q)[m]`.
    public var description: String {
        if seasonalPeriod > 1 && (seasonalP + seasonalD + seasonalQ) > 0 {
            return "ARIMA(\(p),\(d),\(q))(\(seasonalP),\(seasonalD),\(seasonalQ))[\(seasonalPeriod)]"
        }
        return "ARIMA(\(p),\(d),\(q))"
    }
}

/// ARMA polynomial arithmetic shared by the ARIMA estimator and forecaster (internal support).
enum ARMAPolynomial {
    /// φ of x_t = Σ φ_k x_{t−k} + …: the product (1 − Σ aᵢBⁱ)(1 − Σ A_j B^{jm}) as coefficients.
    static func expandAR(_ ar: [Double], _ sar: [Double], period m: Int) -> [Double] {
        let n = ar.count + m * sar.count
        var phi = [Double](repeating: 0, count: n)
        for i in ar.indices { phi[i] += ar[i] }
        for j in sar.indices {
            phi[(j + 1) * m - 1] += sar[j]
            for i in ar.indices { phi[(j + 1) * m + i] -= ar[i] * sar[j] }
        }
        return phi
    }

    /// θ of … + ε_t + Σ θ_k ε_{t−k}: the product (1 + Σ bᵢBⁱ)(1 + Σ B_j B^{jm}).
    static func expandMA(_ ma: [Double], _ sma: [Double], period m: Int) -> [Double] {
        let n = ma.count + m * sma.count
        var theta = [Double](repeating: 0, count: n)
        for i in ma.indices { theta[i] += ma[i] }
        for j in sma.indices {
            theta[(j + 1) * m - 1] += sma[j]
            for i in ma.indices { theta[(j + 1) * m + i] += ma[i] * sma[j] }
        }
        return theta
    }

    /// δ of x_t = Σ δ_k x_{t−k} + w_t for the differencing (1 − B)^d (1 − B^m)^D.
    static func differencing(d: Int, seasonalD: Int, period m: Int) -> [Double] {
        // Polynomial in B with constant term first: start from 1 and multiply.
        var poly: [Double] = [1]
        func multiply(lag: Int) {
            var out = [Double](repeating: 0, count: poly.count + lag)
            for i in poly.indices {
                out[i] += poly[i]
                out[i + lag] -= poly[i]
            }
            poly = out
        }
        for _ in 0..<d { multiply(lag: 1) }
        for _ in 0..<seasonalD { multiply(lag: m) }
        return poly.dropFirst().map { -$0 }
    }

    /// Applies the differencing (1 − B)^d (1 − B^m)^D to `x`; the result has `x.count − d − mD` values.
    static func difference(_ x: [Double], d: Int, seasonalD: Int, period m: Int) -> [Double] {
        var w = x
        for _ in 0..<seasonalD {
            if w.count <= m { return [] }
            w = (m..<w.count).map { w[$0] - w[$0 - m] }
        }
        for _ in 0..<d {
            if w.count <= 1 { return [] }
            w = (1..<w.count).map { w[$0] - w[$0 - 1] }
        }
        return w
    }

    /// ψ-weights ψ₀ … ψ_{count−1} of the MA(∞) form of x_t = Σ φ_k x_{t−k} + ε_t + Σ θ_k ε_{t−k}.
    static func psiWeights(phi: [Double], theta: [Double], count: Int) -> [Double] {
        var psi = [Double](repeating: 0, count: max(count, 0))
        if count == 0 { return psi }
        psi[0] = 1
        if count == 1 { return psi }
        for j in 1..<count {
            var v = j - 1 < theta.count ? theta[j - 1] : 0
            for k in stride(from: 1, through: min(j, phi.count), by: 1) { v += phi[k - 1] * psi[j - k] }
            psi[j] = v
        }
        return psi
    }

    /// Whether every root of 1 − Σ φ_k z^k lies outside the circle |z| = `radius`
    /// (Schur–Cohn step-down on the coefficients scaled by radius^k; trailing near-zeros dropped).
    static func rootsOutside(_ phi: [Double], radius: Double = 1) -> Bool {
        var last = phi.count
        while last > 0 && abs(phi[last - 1]) <= 1e-8 { last -= 1 }
        if last == 0 { return true }
        var a = [Double](repeating: 0, count: last)
        var scale = 1.0
        for k in 0..<last {
            scale *= radius
            a[k] = phi[k] * scale
            if !a[k].isFinite { return false }
        }
        var k = last
        while k > 0 {
            let r = a[k - 1]
            if !(abs(r) < 1) { return false }
            let denom = 1 - r * r
            var next = [Double](repeating: 0, count: k - 1)
            for j in 0..<(k - 1) { next[j] = (a[j] + r * a[k - 2 - j]) / denom }
            a = next
            k -= 1
        }
        return true
    }

    /// Maps unconstrained values to the coefficients of a stationary AR polynomial: tanh gives
    /// partial autocorrelations in (−1, 1), the Durbin–Levinson recursion turns them into φ
    /// (R's `partrans`).
    static func stationaryFromUnconstrained(_ raw: ArraySlice<Double>) -> [Double] {
        let p = raw.count
        var phi = raw.map { tanh($0) }
        var work = phi
        if p < 2 { return phi }
        for j in 1..<p {
            let a = phi[j]
            for k in 0..<j { work[k] -= a * phi[j - k - 1] }
            for k in 0..<j { phi[k] = work[k] }
        }
        return phi
    }

    /// The inverse of ``stationaryFromUnconstrained(_:)`` (R's `invpartrans`); nil when φ is not
    /// stationary.
    static func unconstrainedFromStationary(_ phi: [Double]) -> [Double]? {
        let p = phi.count
        var new = phi
        var work = phi
        var j = p - 1
        while j > 0 {
            let a = new[j]
            if !(abs(a) < 1) { return nil }
            for k in 0..<j { work[k] = (new[k] + a * new[j - k - 1]) / (1 - a * a) }
            for k in 0..<j { new[k] = work[k] }
            j -= 1
        }
        var out = [Double](repeating: 0, count: p)
        for i in 0..<p {
            if !(abs(new[i]) < 1) { return nil }
            out[i] = atanh(new[i])
        }
        return out
    }
}
