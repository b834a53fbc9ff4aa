/// The L-BFGS inverse-Hessian approximation: the last `capacity` correction pairs `(s, y)` and the
/// two-loop recursion (Nocedal & Wright, *Numerical Optimization*, 2nd ed., Algorithm 7.4),
/// optionally restricted to a subset of coordinates (the free variables under bounds).
struct LimitedMemoryInverseHessian {
    let capacity: Int
    private(set) var s: [[Double]] = []
    private(set) var y: [[Double]] = []

    init(capacity: Int) { self.capacity = capacity }

    var isEmpty: Bool { s.isEmpty }

    mutating func reset() {
        s.removeAll(keepingCapacity: true)
        y.removeAll(keepingCapacity: true)
    }

    /// Stores a pair when its curvature `sᵀy` is safely positive; returns whether it was stored.
    @discardableResult
    mutating func append(s newS: [Double], y newY: [Double]) -> Bool {
        var sy = 0.0, yy = 0.0
        for i in newS.indices { sy += newS[i] * newY[i]; yy += newY[i] * newY[i] }
        guard sy.isFinite, yy.isFinite, sy > Double.ulpOfOne * yy, yy > 0 else { return false }
        if s.count == capacity { s.removeFirst(); y.removeFirst() }
        s.append(newS)
        y.append(newY)
        return true
    }

    /// Computes `−H_F g_F` on the free coordinates (zero elsewhere) by the two-loop recursion over
    /// the pairs restricted to the free set; pairs whose restricted curvature is not positive are
    /// skipped, so the restricted operator stays positive definite.
    ///
    /// - Returns: The direction and the initial scaling `γ = sᵀy / yᵀy` used (nil when no pair applied).
    /// - Complexity: O(capacity × n).
    func direction(gradient g: [Double], free: [Bool]) -> (direction: [Double], gamma: Double?) {
        let n = g.count
        let k = s.count
        var q = [Double](repeating: 0, count: n)
        for i in 0..<n where free[i] { q[i] = g[i] }
        var rho = [Double](repeating: 0, count: k)
        var alpha = [Double](repeating: 0, count: k)
        var valid = [Bool](repeating: false, count: k)
        var gamma: Double? = nil
        q.withUnsafeMutableBufferPointer { q in
            free.withUnsafeBufferPointer { free in
                for j in stride(from: k - 1, through: 0, by: -1) {
                    s[j].withUnsafeBufferPointer { sj in
                        y[j].withUnsafeBufferPointer { yj in
                            var sy = 0.0, yy = 0.0, sq = 0.0
                            for i in 0..<n where free[i] {
                                sy += sj[i] * yj[i]; yy += yj[i] * yj[i]; sq += sj[i] * q[i]
                            }
                            guard sy > Double.ulpOfOne * yy, yy > 0 else { return }
                            valid[j] = true
                            rho[j] = 1 / sy
                            if gamma == nil { gamma = sy / yy }
                            alpha[j] = rho[j] * sq
                            for i in 0..<n where free[i] { q[i] -= alpha[j] * yj[i] }
                        }
                    }
                }
                let scale = gamma ?? 1
                for i in 0..<n { q[i] *= scale }
                for j in 0..<k where valid[j] {
                    s[j].withUnsafeBufferPointer { sj in
                        y[j].withUnsafeBufferPointer { yj in
                            var yr = 0.0
                            for i in 0..<n where free[i] { yr += yj[i] * q[i] }
                            let beta = rho[j] * yr
                            for i in 0..<n where free[i] { q[i] += (alpha[j] - beta) * sj[i] }
                        }
                    }
                }
                for i in 0..<n { q[i] = -q[i] }
            }
        }
        return (q, gamma)
    }
}
