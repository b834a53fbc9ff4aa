import Foundation

/// Exact Gaussian likelihood of a stationary zero-mean ARMA process through the Kalman filter, and
/// the conditional sum of squares (internal support of ``ARIMAModel``).
///
/// State space form (Akaike's Markovian representation): the state at t holds the predictions
/// x_{t|t}, x_{t+1|t}, …, x_{t+r−1|t}, r = max(p, q + 1); the transition shifts the state and
/// completes the last element with Σ φ_k, the disturbance enters through the ψ-weights, and the
/// observation is the first element. The filter starts from the exact stationary covariance,
/// P₀[i][j] = γ(j − i) − Σ_{k<i} ψ_k ψ_{k+j−i} (i ≤ j), built from the autocovariances γ, so the
/// likelihood is exact (not conditional). σ² is concentrated out, as in R's `arima`. Once the
/// predicted covariance has converged to its steady state ψψᵀ (within 1e-12 per element), the
/// filter continues with that fixed gain — the same number to about 1e-12 relative.
struct ARMAKalman {
    let phi: [Double]
    let theta: [Double]
    let r: Int
    let psi: [Double]

    init(phi: [Double], theta: [Double]) {
        self.phi = phi
        self.theta = theta
        r = max(phi.count, theta.count + 1)
        psi = ARMAPolynomial.psiWeights(phi: phi, theta: theta, count: r)
    }

    /// Autocovariances γ(0…count−1) for unit innovation variance; nil if the AR part is (numerically)
    /// not stationary.
    func autocovariances(count: Int) -> [Double]? {
        let p = phi.count
        let q = theta.count
        // c_k = Σ_{j=k}^{q} θ_j ψ_{j−k}, θ₀ = 1.
        let needPsi = q + 1
        let psiLong = ARMAPolynomial.psiWeights(phi: phi, theta: theta, count: max(needPsi, 1))
        func c(_ k: Int) -> Double {
            if k > q { return 0 }
            var s = 0.0
            for j in k...q {
                let t = j == 0 ? 1 : theta[j - 1]
                s += t * psiLong[j - k]
            }
            return s
        }
        let size = p + 1
        var a = [Double](repeating: 0, count: size * size)
        var b = [Double](repeating: 0, count: size)
        for k in 0..<size {
            a[k * size + k] += 1
            for j in 1...max(p, 1) where j <= p {
                a[k * size + abs(k - j)] -= phi[j - 1]
            }
            b[k] = c(k)
        }
        guard let g0 = Self.solve(&a, &b, size) else { return nil }
        var gamma = [Double](repeating: 0, count: max(count, size))
        for k in 0..<size { gamma[k] = g0[k] }
        if count > size {
            for k in size..<count {
                var v = c(k)
                for j in 1...max(p, 1) where j <= p { v += phi[j - 1] * gamma[k - j] }
                gamma[k] = v
            }
        }
        if !(gamma[0] > 0) || gamma.contains(where: { !$0.isFinite }) { return nil }
        return Array(gamma.prefix(count))
    }

    /// Gaussian elimination with partial pivoting on a small dense system (row-major); nil if singular.
    static func solve(_ a: inout [Double], _ b: inout [Double], _ n: Int) -> [Double]? {
        for col in 0..<n {
            var pivot = col
            var best = abs(a[col * n + col])
            for row in (col + 1)..<max(n, col + 1) where abs(a[row * n + col]) > best {
                best = abs(a[row * n + col])
                pivot = row
            }
            if !(best > 1e-300) { return nil }
            if pivot != col {
                for k in 0..<n { a.swapAt(col * n + k, pivot * n + k) }
                b.swapAt(col, pivot)
            }
            let inv = 1 / a[col * n + col]
            for row in (col + 1)..<max(n, col + 1) {
                let f = a[row * n + col] * inv
                if f == 0 { continue }
                for k in col..<n { a[row * n + k] -= f * a[col * n + k] }
                b[row] -= f * b[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        var i = n - 1
        while i >= 0 {
            var s = b[i]
            for k in (i + 1)..<max(n, i + 1) { s -= a[i * n + k] * x[k] }
            x[i] = s / a[i * n + i]
            i -= 1
        }
        return x
    }

    /// The result of one filter pass.
    struct Likelihood {
        /// Σ v_t² / F_t (for unit innovation variance).
        var sumSquares: Double
        /// Σ log F_t.
        var sumLogF: Double
        /// Observations used.
        var count: Int
        /// The filtered state at the last observation (x_{n|n}, x_{n+1|n}, …).
        var finalState: [Double]
        /// One-step standardized-free residuals v_t (prediction errors).
        var residuals: [Double]

        /// R's concentrated objective 0.5 (log σ̂² + Σ log F / n).
        var objective: Double {
            let s2 = sumSquares / Double(count)
            return 0.5 * (log(s2) + sumLogF / Double(count))
        }
    }

    /// Runs the filter over `z` (mean already removed). Nil if the AR part is not stationary or a
    /// prediction variance is not positive.
    func filter(_ z: [Double], keepResiduals: Bool = false) -> Likelihood? {
        let n = z.count
        let p = phi.count
        guard let gamma = autocovariances(count: r) else { return nil }
        var P = [Double](repeating: 0, count: r * r)
        for i in 0..<r {
            for j in i..<r {
                var v = gamma[j - i]
                for k in 0..<i { v -= psi[k] * psi[k + j - i] }
                P[i * r + j] = v
                P[j * r + i] = v
            }
        }
        var a = [Double](repeating: 0, count: r)
        var anew = a
        var M = P
        var ssq = 0.0
        var sumLog = 0.0
        var residuals: [Double] = keepResiduals ? [] : []
        if keepResiduals { residuals.reserveCapacity(n) }
        var steady = false
        var t = 0
        while t < n {
            let v = z[t] - a[0]
            if steady {
                ssq += v * v
                for i in 0..<r { a[i] += psi[i] * v }
            } else {
                let F = P[0]
                if !(F > 1e-300) || !F.isFinite { return nil }
                ssq += v * v / F
                sumLog += log(F)
                // Update: a += P[:,0] v / F; P -= P[:,0] P[0,:] / F.
                let invF = 1 / F
                for i in 0..<r { a[i] += P[i * r] * v * invF }
                var col = [Double](repeating: 0, count: r)
                for i in 0..<r { col[i] = P[i * r] }
                for i in 0..<r {
                    let ci = col[i] * invF
                    if ci == 0 { continue }
                    for j in 0..<r { P[i * r + j] -= ci * col[j] }
                }
            }
            if keepResiduals { residuals.append(v) }
            t += 1
            // Predict: a ← T a.
            for i in 0..<(r - 1) { anew[i] = a[i + 1] }
            var last = 0.0
            for k in 0..<p { last += phi[k] * a[r - 1 - k] }
            anew[r - 1] = last
            swap(&a, &anew)
            if steady || t == n { continue }
            // P ← T P Tᵀ + ψψᵀ. M = T P (rows), then P = M Tᵀ (columns).
            for i in 0..<(r - 1) {
                for j in 0..<r { M[i * r + j] = P[(i + 1) * r + j] }
            }
            for j in 0..<r {
                var s = 0.0
                for k in 0..<p { s += phi[k] * P[(r - 1 - k) * r + j] }
                M[(r - 1) * r + j] = s
            }
            var change = 0.0
            for i in 0..<r {
                for j in 0..<(r - 1) {
                    let value = M[i * r + j + 1] + psi[i] * psi[j]
                    change = max(change, abs(value - psi[i] * psi[j]))
                    P[i * r + j] = value
                }
                var s = 0.0
                for k in 0..<p { s += phi[k] * M[i * r + r - 1 - k] }
                let value = s + psi[i] * psi[r - 1]
                change = max(change, abs(s))
                P[i * r + r - 1] = value
            }
            if change < 1e-12 { steady = true }
        }
        return Likelihood(sumSquares: ssq, sumLogF: sumLog, count: n, finalState: a, residuals: residuals)
    }

    /// Conditional sum of squares: residuals from position `phi.count` on, earlier residuals zero
    /// (R's `armaCSS`). Returns (Σe², number of residuals).
    static func conditionalSumOfSquares(_ z: [Double], phi: [Double], theta: [Double]) -> (Double, Int) {
        let n = z.count
        let p = phi.count
        let q = theta.count
        var e = [Double](repeating: 0, count: n)
        var ssq = 0.0
        var count = 0
        if p >= n { return (.nan, 0) }
        z.withUnsafeBufferPointer { zb in
            e.withUnsafeMutableBufferPointer { eb in
                for t in p..<n {
                    var v = zb[t]
                    for k in 0..<p { v -= phi[k] * zb[t - k - 1] }
                    let upto = min(t - p, q)
                    for k in 0..<upto { v -= theta[k] * eb[t - k - 1] }
                    eb[t] = v
                    ssq += v * v
                    count += 1
                }
            }
        }
        return (ssq, count)
    }
}
