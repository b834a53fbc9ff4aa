import Foundation
import SalesNumerics

/// The weighted logistic log-likelihood and its derivatives on one design (internal support for
/// `LogisticRegression`). Rows with zero weight contribute nothing.
struct LogisticLikelihood: Sendable {
    /// The `n × p` design (intercept column included).
    let x: Matrix
    /// Labels 0/1.
    let y: [Double]
    /// Combined observation × class weights (≥ 0).
    let w: [Double]
    /// The offset (zeros when none).
    let offset: [Double]
    /// The L2 penalty per coefficient (0 for the intercept and for unpenalized fits).
    let penalty: [Double]

    var rows: Int { x.rows }
    var columns: Int { x.columns }

    /// `η = Xβ + offset`.
    func linearPredictor(_ beta: [Double]) throws -> [Double] {
        var eta = offset
        try Matrix.gemv(x, beta, beta: 1, into: &eta)
        return eta
    }

    /// `σ(η)`, computed without overflow.
    static func sigmoid(_ t: Double) -> Double {
        t >= 0 ? 1 / (1 + exp(-t)) : exp(t) / (1 + exp(t))
    }

    /// `log(1 + eᵗ)` without overflow or cancellation.
    static func softplus(_ t: Double) -> Double {
        t > 0 ? t + log1p(exp(-t)) : log1p(exp(t))
    }

    /// `Σ wᵢ[yᵢηᵢ − log(1 + e^ηᵢ)]`.
    /// - Complexity: O(n), in `RowChunks` chunks run concurrently.
    func logLikelihood(eta: [Double]) -> Double {
        w.withUnsafeBufferPointer { ws in
            y.withUnsafeBufferPointer { ys in
                eta.withUnsafeBufferPointer { es in
                    let (ws, ys, es) = (SharedBuffer(readOnly: ws), SharedBuffer(readOnly: ys), SharedBuffer(readOnly: es))
                    return RowChunks.sum(rows: es.count) { range in
                        let w = ws.buffer, y = ys.buffer, eta = es.buffer
                        var sum = 0.0
                        for i in range where w[i] > 0 {
                            sum += w[i] * (y[i] * eta[i] - Self.softplus(eta[i]))
                        }
                        return sum
                    }
                }
            }
        }
    }

    /// `(λ/2)Σ penaltyⱼ βⱼ²` as `½Σ penaltyⱼ βⱼ²`.
    func penaltyValue(_ beta: [Double]) -> Double {
        var sum = 0.0
        for j in 0..<columns { sum += 0.5 * penalty[j] * beta[j] * beta[j] }
        return sum
    }

    /// The score of the penalized log-likelihood, `Xᵀ(w(y − p)) − Λβ` (plus `extra` inside the
    /// parentheses, for Firth's `h(½ − p)`).
    func score(beta: [Double], probabilities p: [Double], extra: [Double]? = nil) throws -> [Double] {
        var r = [Double](repeating: 0, count: rows)
        for i in 0..<rows { r[i] = w[i] * (y[i] - p[i]) + (extra?[i] ?? 0) }
        var g = try x.multiplied(by: r, transposed: true)
        for j in 0..<columns { g[j] -= penalty[j] * beta[j] }
        return g
    }

    /// The rows of `X` scaled by `√(wᵢpᵢ(1 − pᵢ))`: `XᵀWX` is their Gram matrix.
    func whitenedDesign(probabilities p: [Double]) -> Matrix {
        var scaled = x
        let n = rows
        var root = [Double](repeating: 0, count: n)
        for i in 0..<n { root[i] = (w[i] * p[i] * (1 - p[i])).squareRoot() }
        scaled.storage.withUnsafeMutableBufferPointer { s in
            for j in 0..<columns {
                let base = j * n
                for i in 0..<n { s[base + i] *= root[i] }
            }
        }
        return scaled
    }

    /// Rows per block of the √w-scaled design in `information(probabilities:penalized:)`: 8192 × p
    /// doubles (2 MB at p = 31) stay cache resident, and no n × p copy is allocated per iteration.
    static let informationBlockRows = 8192

    /// The Fisher information `XᵀWX`, plus `Λ` when `penalized`: the Gram matrices (`dsyrk`) of
    /// consecutive blocks of `informationBlockRows` rows of `diag(√w)X`, summed. One pass over X and
    /// a fixed block buffer instead of an n × p scaled copy (which cost a fresh allocation, its page
    /// faults and a second pass per Newton iteration).
    /// - Complexity: O(n·p²) time, O(informationBlockRows · p) extra memory.
    func information(probabilities p: [Double], penalized: Bool) throws -> Matrix {
        var roots = [Double](repeating: 0, count: rows)
        roots.withUnsafeMutableBufferPointer { r in
            w.withUnsafeBufferPointer { ws in
                p.withUnsafeBufferPointer { ps in
                    for i in 0..<r.count { r[i] = (ws[i] * ps[i] * (1 - ps[i])).squareRoot() }
                }
            }
        }
        var info = try blockGram(roots: roots)
        if penalized { for j in 0..<columns { info[j, j] += penalty[j] } }
        return info
    }

    /// `XᵀWX` with the observation weights alone (no probabilities): the Gram matrix whose rank
    /// and conditioning decide whether the terms are collinear.
    /// - Complexity: O(n·p²) time, O(informationBlockRows · p) extra memory.
    func weightedGram() throws -> Matrix {
        try blockGram(roots: w.map { $0.squareRoot() })
    }

    /// `Σ_blocks (diag(r)X)ᵀ(diag(r)X)` with `r = roots` (length n), by `dsyrk` on row blocks (see
    /// `information(probabilities:penalized:)`).
    private func blockGram(roots: [Double]) throws -> Matrix {
        let n = rows, k = columns, blockRows = Self.informationBlockRows
        var info = Matrix(rows: k, columns: k)
        var block = Matrix(rows: Swift.min(n, blockRows), columns: k)
        var start = 0
        while start < n {
            let m = Swift.min(blockRows, n - start)
            if m != block.rows { block = Matrix(rows: m, columns: k) }
            x.storage.withUnsafeBufferPointer { xs in
                roots.withUnsafeBufferPointer { r in
                    block.storage.withUnsafeMutableBufferPointer { b in
                        for j in 0..<k {
                            let source = j * n + start, target = j * m
                            for i in 0..<m { b[target + i] = xs[source + i] * r[start + i] }
                        }
                    }
                }
            }
            let gram = try block.gram()
            info.storage.withUnsafeMutableBufferPointer { c in
                gram.storage.withUnsafeBufferPointer { g in
                    for index in 0..<(k * k) { c[index] += g[index] }
                }
            }
            start += m
        }
        return info
    }
}
