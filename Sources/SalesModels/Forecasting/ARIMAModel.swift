import Foundation
import SalesNumerics

/// How an ARIMA model's coefficients are estimated.
public enum ARIMAEstimation: String, Sendable, Hashable, Codable {
    /// Conditional sum of squares only (fast; used inside the AutoARIMA search on long series).
    case conditionalSumOfSquares = "CSS"
    /// Conditional sum of squares for starting values, then exact maximum likelihood (R's default).
    case conditionalThenExact = "CSS-ML"
}

/// A fitted seasonal ARIMA model with an optional constant (a mean when d + D = 0, a drift when
/// d + D = 1).
public struct ARIMAFit: Sendable, Hashable {
    /// The orders.
    public var order: ARIMAOrder
    /// Non-seasonal AR coefficients a₁…a_p (x_t = Σ aᵢ x_{t−i} + …).
    public var ar: [Double]
    /// Non-seasonal MA coefficients b₁…b_q (… + ε_t + Σ bᵢ ε_{t−i}).
    public var ma: [Double]
    /// Seasonal AR coefficients.
    public var seasonalAR: [Double]
    /// Seasonal MA coefficients.
    public var seasonalMA: [Double]
    /// The constant of the differenced series (its mean), or nil for none.
    public var constant: Double?
    /// The estimation method.
    public var estimation: ARIMAEstimation
    /// Innovation variance σ².
    public var sigma2: Double
    /// Gaussian log-likelihood of the differenced series (exact for CSS-ML, conditional for CSS).
    public var logLikelihood: Double
    /// Number of estimated parameters including σ² (R's `npar`).
    public var numberOfParameters: Int
    /// Observations after differencing (R's `nstar`).
    public var usedCount: Int
    /// Akaike's information criterion.
    public var aic: Double
    /// AIC corrected for small samples.
    public var aicc: Double
    /// Bayesian information criterion.
    public var bic: Double
    /// The original series (kept to undifference forecasts).
    public var values: [Double]

    /// Whether the constant is a drift (d + D = 1) rather than a mean (d + D = 0).
    public var constantIsDrift: Bool { order.d + order.seasonalD == 1 }

    /// The drift per period in the units of the series (nil unless a drift is fitted). With
    /// D = 1 and d = 0 the differenced constant is m × drift.
    public var drift: Double? {
        guard let c = constant, constantIsDrift else { return nil }
        return order.d == 1 ? c : c / Double(order.seasonalPeriod)
    }

    /// The model name: order, plus ` with drift` / ` with mean`.
    public var name: String {
        guard constant != nil else { return order.description }
        return order.description + (constantIsDrift ? " with drift" : " with mean")
    }

    /// The named parameters (`ar1`…, `ma1`…, `sar1`…, `sma1`…, `mean` or `drift`, `sigma2`).
    public var parameters: [(name: String, value: Double)] {
        var out: [(String, Double)] = []
        for (i, v) in ar.enumerated() { out.append(("ar\(i + 1)", v)) }
        for (i, v) in ma.enumerated() { out.append(("ma\(i + 1)", v)) }
        for (i, v) in seasonalAR.enumerated() { out.append(("sar\(i + 1)", v)) }
        for (i, v) in seasonalMA.enumerated() { out.append(("sma\(i + 1)", v)) }
        if let c = constant { out.append(constantIsDrift ? ("drift", drift ?? c) : ("mean", c)) }
        out.append(("sigma2", sigma2))
        return out
    }

    public static func == (l: ARIMAFit, r: ARIMAFit) -> Bool {
        l.order == r.order && l.ar == r.ar && l.ma == r.ma && l.seasonalAR == r.seasonalAR
            && l.seasonalMA == r.seasonalMA && l.constant == r.constant && l.sigma2 == r.sigma2
            && l.values == r.values && l.estimation == r.estimation
    }

    public func hash(into h: inout Hasher) {
        h.combine(order); h.combine(ar); h.combine(ma); h.combine(seasonalAR); h.combine(seasonalMA)
        h.combine(constant); h.combine(sigma2)
    }
}

/// Seasonal ARIMA estimation, as R's `stats::arima` (CSS, then exact ML through the Kalman filter).
public enum ARIMAModel {
    /// Fits `order` to `values`.
    ///
    /// The series is differenced by (1 − B)^d (1 − B^m)^D; the differenced series w (length n − d − mD)
    /// minus the constant is a stationary ARMA process. Starting values come from minimizing the
    /// conditional sum of squares; with ``ARIMAEstimation/conditionalThenExact`` the exact
    /// Gaussian likelihood (Kalman filter from the stationary covariance, σ² concentrated out) is
    /// then maximized with the AR polynomials kept stationary through R's partial-autocorrelation
    /// transform. Differencing the data instead of carrying diffuse states gives the likelihood R
    /// approximates with its 10⁶ prior variance; the two agree to about 1e-4 in log-likelihood.
    /// - Parameters:
    ///   - values: The series (finite).
    ///   - order: The orders.
    ///   - includeConstant: Estimate a mean (d + D = 0) or drift (d + D = 1); ignored when d + D ≥ 2.
    ///   - estimation: CSS only or CSS then ML (default).
    /// - Returns: The fit.
    /// - Throws: ``ForecastError/gaps(positions:)``, ``ForecastError/nonFiniteValue(position:value:)``,
    ///   ``ForecastError/seriesTooShort(model:length:minimum:)`` when fewer than
    ///   (parameters + 2) values remain after differencing, ``ForecastError/fitFailed(model:reason:)``
    ///   when the CSS AR part is not stationary or the likelihood is not finite.
    /// - Complexity: O(n · (p + q)) per CSS evaluation, O(n · r²) per likelihood evaluation
    ///   (r = max(p + mP, q + mQ + 1)), tens to hundreds of evaluations.
    public static func fit(
        _ values: [Double], order: ARIMAOrder, includeConstant: Bool = false,
        estimation: ARIMAEstimation = .conditionalThenExact
    ) throws -> ARIMAFit {
        try validateFinite(values)
        let m = order.seasonalPeriod
        let w = ARMAPolynomial.difference(values, d: order.d, seasonalD: order.seasonalD, period: m)
        let constant = includeConstant && order.differencingLength <= 1 && order.d + order.seasonalD <= 1
        let k = order.coefficientCount + (constant ? 1 : 0)
        let minimum = order.differencingLength + max(k + 2, order.expandedAROrder + 1) + 1
        if w.count < max(k + 2, order.expandedAROrder + 2) {
            throw ForecastError.seriesTooShort(model: order.description, length: values.count, minimum: minimum)
        }
        let name = order.description
        let n = w.count
        let wMean = w.reduce(0, +) / Double(n)
        var wVar = 0.0
        for v in w { wVar += (v - wMean) * (v - wMean) }
        wVar /= Double(max(n - 1, 1))
        let scale = wVar > 0 ? wVar.squareRoot() : max(abs(wMean), 1)
        let (p, q, P, Q) = (order.p, order.q, order.seasonalP, order.seasonalQ)

        // Parameter vector: [ar, ma, sar, sma, u] with constant = mean(w) + scale · u / 10.
        func split(_ x: [Double], transformed: Bool) -> (phi: [Double], theta: [Double], mu: Double, ar: [Double], sar: [Double], ma: [Double], sma: [Double]) {
            var ar = Array(x[0..<p])
            var ma = Array(x[p..<(p + q)])
            var sar = Array(x[(p + q)..<(p + q + P)])
            var sma = Array(x[(p + q + P)..<(p + q + P + Q)])
            if transformed {
                ar = ARMAPolynomial.stationaryFromUnconstrained(x[0..<p])
                sar = ARMAPolynomial.stationaryFromUnconstrained(x[(p + q)..<(p + q + P)])
                ma = ARMAPolynomial.stationaryFromUnconstrained(x[p..<(p + q)]).map { -$0 }
                sma = ARMAPolynomial.stationaryFromUnconstrained(x[(p + q + P)..<(p + q + P + Q)]).map { -$0 }
            }
            let mu = constant ? wMean + scale * x[p + q + P + Q] / 10 : 0
            return (ARMAPolynomial.expandAR(ar, sar, period: m), ARMAPolynomial.expandMA(ma, sma, period: m), mu, ar, sar, ma, sma)
        }
        func centered(_ mu: Double) -> [Double] { mu == 0 ? w : w.map { $0 - mu } }

        let cssObjective: ([Double]) -> Double = { x in
            let s = split(x, transformed: false)
            let (ssq, count) = ARMAKalman.conditionalSumOfSquares(centered(s.mu), phi: s.phi, theta: s.theta)
            if count == 0 || !(ssq > 0) || !ssq.isFinite { return .infinity }
            return 0.5 * log(ssq / Double(count))
        }
        let start = [Double](repeating: 0, count: k)
        var cssX = start
        if k > 0 {
            do {
                let r = try LBFGSB.minimize(start: start, options: OptimizationOptions(
                    maxIterations: 100, gradientTolerance: 1e-6, relativeFunctionTolerance: 1e-10), objective: cssObjective)
                cssX = r.x
            } catch {
                throw ForecastError.fitFailed(model: name, reason: "conditional sum of squares: \(error)")
            }
        }
        var x = cssX
        var ll: Double
        var sigma2: Double
        let css = split(cssX, transformed: false)
        if estimation == .conditionalSumOfSquares {
            let (ssq, count) = ARMAKalman.conditionalSumOfSquares(centered(css.mu), phi: css.phi, theta: css.theta)
            sigma2 = ssq / Double(count)
            let value = 2 * Double(n) * 0.5 * log(sigma2) + Double(n) + Double(n) * log(2 * Double.pi)
            ll = -0.5 * value
        } else {
            // R refuses a non-stationary CSS AR part for CSS-ML.
            guard ARMAPolynomial.rootsOutside(css.ar), ARMAPolynomial.rootsOutside(css.sar) else {
                throw ForecastError.fitFailed(model: name, reason: "non-stationary AR part from CSS")
            }
            var raw = cssX
            if p > 0 {
                guard let u = ARMAPolynomial.unconstrainedFromStationary(css.ar) else {
                    throw ForecastError.fitFailed(model: name, reason: "non-stationary AR part from CSS")
                }
                for i in 0..<p { raw[i] = u[i] }
            }
            if P > 0 {
                guard let u = ARMAPolynomial.unconstrainedFromStationary(css.sar) else {
                    throw ForecastError.fitFailed(model: name, reason: "non-stationary seasonal AR part from CSS")
                }
                for i in 0..<P { raw[p + q + i] = u[i] }
            }
            // MA parts: start from the CSS estimate made invertible (shrunk if needed) and optimize in
            // the partial-autocorrelation space, which keeps them invertible throughout; the exact
            // likelihood attains its maximum there (flipping MA roots leaves it unchanged).
            if q > 0 { for (i, v) in Self.unconstrainedInvertible(css.ma).enumerated() { raw[p + i] = v } }
            if Q > 0 { for (i, v) in Self.unconstrainedInvertible(css.sma).enumerated() { raw[p + q + P + i] = v } }
            let mlObjective: ([Double]) -> Double = { x in
                let s = split(x, transformed: true)
                let kf = ARMAKalman(phi: s.phi, theta: s.theta)
                guard let lik = kf.filter(centered(s.mu)) else { return .infinity }
                let o = lik.objective
                return o.isFinite ? o : .infinity
            }
            if !mlObjective(raw).isFinite {
                throw ForecastError.fitFailed(model: name, reason: "likelihood not finite at the CSS estimate")
            }
            if k > 0 {
                do {
                    let r = try LBFGSB.minimize(start: raw, options: OptimizationOptions(
                        maxIterations: 100, gradientTolerance: 1e-6, relativeFunctionTolerance: 1e-10), objective: mlObjective)
                    raw = r.x
                } catch {
                    throw ForecastError.fitFailed(model: name, reason: "maximum likelihood: \(error)")
                }
            }
            let s = split(raw, transformed: true)
            guard let lik = ARMAKalman(phi: s.phi, theta: s.theta).filter(centered(s.mu)) else {
                throw ForecastError.fitFailed(model: name, reason: "likelihood not finite at the estimate")
            }
            sigma2 = lik.sumSquares / Double(n)
            let value = 2 * Double(n) * lik.objective + Double(n) + Double(n) * log(2 * Double.pi)
            ll = -0.5 * value
            x = raw
            for i in 0..<p { x[i] = s.ar[i] }
            for i in 0..<q { x[p + i] = s.ma[i] }
            for i in 0..<P { x[p + q + i] = s.sar[i] }
            for i in 0..<Q { x[p + q + P + i] = s.sma[i] }
        }
        if !ll.isFinite || !(sigma2 > 0) || !sigma2.isFinite {
            throw ForecastError.fitFailed(model: name, reason: "log-likelihood not finite")
        }
        let ar = Array(x[0..<p]), ma = Array(x[p..<(p + q)])
        let sar = Array(x[(p + q)..<(p + q + P)]), sma = Array(x[(p + q + P)..<(p + q + P + Q)])
        let mu: Double? = constant ? wMean + scale * x[p + q + P + Q] / 10 : nil
        let npar = k + 1
        let aic = -2 * ll + 2 * Double(npar)
        let denom = Double(n - npar - 1)
        let aicc = denom > 0 ? aic + 2 * Double(npar * (npar + 1)) / denom : .infinity
        let bic = aic + Double(npar) * (log(Double(n)) - 2)
        return ARIMAFit(order: order, ar: ar, ma: ma, seasonalAR: sar, seasonalMA: sma, constant: mu,
                        estimation: estimation, sigma2: sigma2, logLikelihood: ll, numberOfParameters: npar,
                        usedCount: n, aic: aic, aicc: aicc, bic: bic, values: values)
    }
}

extension ARIMAModel {
    /// Unconstrained values whose transform is an invertible MA polynomial equal to `ma` when `ma` is
    /// invertible; otherwise the coefficients are shrunk by 0.98 until they are (a stand-in for
    /// flipping the roots, which would need a polynomial root finder).
    static func unconstrainedInvertible(_ ma: [Double]) -> [Double] {
        var c = ma
        for _ in 0..<200 {
            if let u = ARMAPolynomial.unconstrainedFromStationary(c.map { -$0 }), u.allSatisfy({ $0.isFinite && abs($0) < 20 }) {
                return u
            }
            for k in c.indices { c[k] *= pow(0.98, Double(k + 1)) }
        }
        return [Double](repeating: 0, count: ma.count)
    }
}

extension ARIMAFit {
    /// The expanded AR polynomial φ (length p + mP).
    var phi: [Double] { ARMAPolynomial.expandAR(ar, seasonalAR, period: order.seasonalPeriod) }
    /// The expanded MA polynomial θ (length q + mQ).
    var theta: [Double] { ARMAPolynomial.expandMA(ma, seasonalMA, period: order.seasonalPeriod) }

    /// Whether every root of the AR and MA polynomials lies outside |z| = `radius` (auto.arima's
    /// admissibility check uses 1.01).
    public func rootsOutside(radius: Double) -> Bool {
        ARMAPolynomial.rootsOutside(phi, radius: radius) && ARMAPolynomial.rootsOutside(theta.map { -$0 }, radius: radius)
    }

    /// Point forecasts and analytic prediction intervals for `horizon` steps.
    ///
    /// The means come from the Kalman filter's final state of the differenced series, integrated
    /// back through the differencing; the variance of the h-step error is σ² Σ_{j<h} ψ_j², the
    /// ψ-weights of the full model φ(B)(1 − B)^d(1 − B^m)^D x_t = θ(B) ε_t (what R's `predict.Arima`
    /// gives once the state is known; the parameter uncertainty is not included, as in R). Step h's
    /// interval depends only on h, never on the horizon asked for.
    /// - Parameters:
    ///   - horizon: Steps ahead (≥ 1).
    ///   - levels: Coverages in percent.
    /// - Returns: The forecast.
    /// - Throws: ``ForecastError/invalidHorizon(_:)``, ``ForecastError/invalidArgument(name:value:expected:)``,
    ///   ``ForecastError/fitFailed(model:reason:)`` if the filter fails at the estimate.
    /// - Complexity: O(n · r² + horizon · (r + d + mD + horizon)).
    public func forecast(horizon: Int, levels: [Double] = [80, 95]) throws -> Forecast {
        try validateHorizon(horizon, levels: levels)
        let m = order.seasonalPeriod
        let w = ARMAPolynomial.difference(values, d: order.d, seasonalD: order.seasonalD, period: m)
        let mu = constant ?? 0
        let phi = self.phi, theta = self.theta
        let kf = ARMAKalman(phi: phi, theta: theta)
        let z = mu == 0 ? w : w.map { $0 - mu }
        var state: [Double]
        if let lik = kf.filter(z) {
            state = lik.finalState
        } else if estimation == .conditionalSumOfSquares {
            // A CSS fit may be non-stationary: forecast from the conditional residuals instead.
            state = Self.conditionalState(z, phi: phi, theta: theta, r: kf.r)
        } else {
            throw ForecastError.fitFailed(model: name, reason: "Kalman filter failed at the estimate")
        }
        let r = kf.r
        var wf = [Double](repeating: 0, count: horizon)
        for h in 0..<horizon {
            wf[h] = state[0] + mu
            var next = [Double](repeating: 0, count: r)
            for i in 0..<(r - 1) { next[i] = state[i + 1] }
            var last = 0.0
            for k in 0..<phi.count { last += phi[k] * state[r - 1 - k] }
            next[r - 1] = last
            state = next
        }
        let delta = ARMAPolynomial.differencing(d: order.d, seasonalD: order.seasonalD, period: m)
        var history = values
        var mean = [Double](repeating: 0, count: horizon)
        for h in 0..<horizon {
            var v = wf[h]
            for k in 0..<delta.count { v += delta[k] * history[history.count - 1 - k] }
            history.append(v)
            mean[h] = v
        }
        // ψ-weights of the integrated model: AR polynomial φ*(B) = φ(B) Δ(B).
        var full = phi
        if !delta.isEmpty {
            // (1 − Σφ B^k)(1 − Σδ B^k) = 1 − Σ φ*_k B^k.
            var a = [Double](repeating: 0, count: phi.count + delta.count + 1)
            var left = [1.0] + phi.map { -$0 }
            let right = [1.0] + delta.map { -$0 }
            for i in left.indices { for j in right.indices { a[i + j] += left[i] * right[j] } }
            left = a
            full = left.dropFirst().map { -$0 }
        }
        let psi = ARMAPolynomial.psiWeights(phi: full, theta: theta, count: horizon)
        var variance = [Double](repeating: 0, count: horizon)
        var acc = 0.0
        for h in 0..<horizon {
            acc += psi[h] * psi[h]
            variance[h] = sigma2 * acc
        }
        var intervals: [PredictionInterval] = []
        for level in levels {
            let zq = Normal.standard.quantile(0.5 + level / 200)
            var lo = mean, hi = mean
            for h in 0..<horizon {
                let s = variance[h].isFinite ? variance[h].squareRoot() : .greatestFiniteMagnitude
                lo[h] = mean[h] - zq * s
                hi[h] = mean[h] + zq * s
            }
            intervals.append(PredictionInterval(level: level, lower: lo, upper: hi))
        }
        if mean.contains(where: { !$0.isFinite }) {
            throw ForecastError.fitFailed(model: name, reason: "forecast not finite")
        }
        return Forecast(model: name, mean: mean, intervals: intervals, intervalMethod: .analytic)
    }

    /// The predicted state from conditional residuals (for CSS fits whose AR part is not stationary).
    static func conditionalState(_ z: [Double], phi: [Double], theta: [Double], r: Int) -> [Double] {
        let n = z.count
        let p = phi.count, q = theta.count
        var e = [Double](repeating: 0, count: n)
        for t in p..<max(n, p) {
            var v = z[t]
            for k in 0..<p { v -= phi[k] * z[t - k - 1] }
            for k in 0..<min(t - p, q) { v -= theta[k] * e[t - k - 1] }
            e[t] = v
        }
        // x_{n+i|n} for i = 1…r: recursion on the extended series with future shocks zero.
        var ext = z
        var eext = e
        var state = [Double](repeating: 0, count: r)
        for i in 0..<r {
            let t = n + i
            var v = 0.0
            for k in 0..<p where t - k - 1 >= 0 { v += phi[k] * ext[t - k - 1] }
            for k in 0..<q where t - k - 1 >= 0 { v += theta[k] * eext[t - k - 1] }
            ext.append(v)
            eext.append(0)
            state[i] = v
        }
        return state
    }
}
