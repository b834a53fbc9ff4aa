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
    ///
    /// The AR polynomial of a seasonal model is sparse (φ(B)Φ(B^m) has (p + 1)(P + 1) − 1 non-zero
    /// lags out of p + mP): the transition products run over the non-zero lags only, and the
    /// covariance step is one pass over P (the transition shifts it; only its last row and column are
    /// sums): O(n · r · (r + nnz(φ))) per pass instead of O(n · r² · p).
    func filter(_ z: [Double], keepResiduals: Bool = false) -> Likelihood? {
        let n = z.count
        let r = self.r
        guard let gamma = autocovariances(count: r) else { return nil }
        let lags = phi.indices.filter { phi[$0] != 0 }
        let weights = lags.map { phi[$0] }
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
        var col = [Double](repeating: 0, count: r)
        var lastRow = [Double](repeating: 0, count: r)
        var ssq = 0.0
        var sumLog = 0.0
        var residuals: [Double] = []
        if keepResiduals { residuals.reserveCapacity(n) }
        var failed = false
        let nl = lags.count
        z.withUnsafeBufferPointer { zb in
        psi.withUnsafeBufferPointer { psi in
        lags.withUnsafeBufferPointer { lag in
        weights.withUnsafeBufferPointer { wt in
        a.withUnsafeMutableBufferPointer { a in
        P.withUnsafeMutableBufferPointer { P in
        lastRow.withUnsafeMutableBufferPointer { L in
        col.withUnsafeMutableBufferPointer { col in
            var steady = false
            for t in 0..<n {
                let v = zb[t] - a[0]
                if steady {
                    ssq += v * v
                    for i in 0..<r { a[i] += psi[i] * v }
                } else {
                    let F = P[0]
                    if !(F > 1e-300) || !F.isFinite { failed = true; return }
                    ssq += v * v / F
                    sumLog += log(F)
                    let invF = 1 / F
                    for i in 0..<r { col[i] = P[i * r] }
                    for i in 0..<r { a[i] += col[i] * v * invF }
                }
                if keepResiduals { residuals.append(v) }
                // Predict the state: a ← T a (shift up; the last element is Σ φ_k a[r − 1 − k]).
                var last = 0.0
                for k in 0..<nl { last += wt[k] * a[r - 1 - lag[k]] }
                for i in 0..<(r - 1) { a[i] = a[i + 1] }
                a[r - 1] = last
                if steady || t == n - 1 { continue }
                // Predict the covariance from the filtered one, P_f = P − c cᵀ / F (c = P[:, 0]), in
                // one pass: T P_f Tᵀ shifts P_f up and left by one, and its last row and column are
                // L = Σ φ_k P_f[r − 1 − k, ·] shifted, corner Σ φ_k L[r − 1 − k]; then + ψψᵀ.
                let invF = 1 / P[0]
                for j in 0..<r { L[j] = 0 }
                for k in 0..<nl {
                    let w = wt[k], row = r - 1 - lag[k], src = row * r
                    let ck = col[row] * invF
                    for j in 0..<r { L[j] += w * (P[src + j] - ck * col[j]) }
                }
                var corner = 0.0
                for k in 0..<nl { corner += wt[k] * L[r - 1 - lag[k]] }
                // Converged when T P_f Tᵀ ≈ 0 (its diagonal bounds every element: it is a covariance).
                var change = abs(corner)
                for i in 0..<(r - 1) {
                    let ci = col[i + 1] * invF, pi = psi[i]
                    let dst = i * r, src = (i + 1) * r + 1
                    for j in 0..<(r - 1) { P[dst + j] = P[src + j] - ci * col[j + 1] + pi * psi[j] }
                    change = max(change, abs(P[dst + i] - pi * pi))
                }
                let pl = psi[r - 1]
                for j in 0..<(r - 1) {
                    let value = L[j + 1] + pl * psi[j]
                    P[(r - 1) * r + j] = value
                    P[j * r + r - 1] = value
                }
                P[r * r - 1] = corner + pl * pl
                if change < 1e-12 { steady = true }
            }
        }}}}}}}}
        if failed { return nil }
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
