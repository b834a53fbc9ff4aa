import RealModule
import SalesNumerics

/// The BG/NBD log-likelihood and its analytic gradient over a validated, time-scaled customer
/// summary, for the fit. Terms that depend on x only (the Gamma and Beta function ratios) are
/// summed once per distinct x; the per-customer part costs three logarithms and one exponential.
///
/// With Lᵢ = A₁(x) + A₂(x) + log(e^C₃ + 1{x>0} e^C₄),
///   A₁ = log Γ(r+x) − log Γ(r) + r log α,  A₂ = log B(a, b+x) − log B(a, b),
///   C₃ = −(r+x) log(α+T),  C₄ = log a − log(b+x−1) − (r+x) log(α+tₓ),
/// and ω₃, ω₄ the softmax weights of C₃, C₄, the gradient is
///   ∂L/∂r = ψ(r+x) − ψ(r) + log α − ω₃ log(α+T) − ω₄ log(α+tₓ)
///   ∂L/∂α = r/α − (r+x)(ω₃/(α+T) + ω₄/(α+tₓ))
///   ∂L/∂a = ψ(a+b) − ψ(a+b+x) + ω₄/a
///   ∂L/∂b = ψ(a+b) + ψ(b+x) − ψ(b) − ψ(a+b+x) − ω₄/(b+x−1).
struct BGNBDLikelihood: Sendable {
    /// The customer rows the sums run over.
    let rows: CustomerSummaryRows
    /// Rows per chunk of the row sums below which they stay serial.
    static let minimumChunkRows = 10_000
    /// The most chunks the row sums are cut into: two (the sums are cheap; a fixed cut keeps every
    /// fit bit-identical whatever the worker count).
    static let maximumChunks = 2

    /// Validates, merges and scales the rows (see `CustomerSummaryRows`).
    /// - Throws: `CustomerModelError` naming the first bad row.
    init(frequency: [Int], recency: [Double], age: [Double], weights: [Double]?) throws {
        rows = try CustomerSummaryRows(frequency: frequency, recency: recency, age: age, weights: weights, model: "BG/NBD")
    }

    /// Σ w·L at natural parameters (scaled time) and its gradient with respect to (r, α, a, b).
    func logLikelihood(r: Double, alpha: Double, a: Double, b: Double, gradient g: inout [Double]) -> Double {
        var ll = 0.0
        var gr = 0.0, gAlpha = 0.0, ga = 0.0, gb = 0.0
        let lg = CustomerModelMath.logGamma
        let psi = CustomerModelMath.digamma
        let logAlpha = Double.log(alpha)
        let psiR = psi(r), psiB = psi(b), psiAB = psi(a + b)
        let lgR = lg(r), lgB = lg(b), lgAB = lg(a + b)
        let logA = Double.log(a)
        // Per distinct x: the x-only terms, and the tables the row loop reads.
        let k = rows.distinctX.count
        var rPlusX = [Double](repeating: 0, count: k)
        var logC4Const = [Double](repeating: 0, count: k)  // log a − log(b+x−1); unused when x = 0
        var invBXm1 = [Double](repeating: 0, count: k)
        for j in 0..<k {
            let x = rows.distinctX[j]
            let wj = rows.groupWeight[j]
            rPlusX[j] = r + x
            if x > 0 {
                logC4Const[j] = logA - Double.log(b + x - 1)
                invBXm1[j] = 1 / (b + x - 1)
            }
            guard wj > 0 else { continue }
            ll += wj * (lg(r + x) - lgR + r * logAlpha + lgAB + lg(b + x) - lgB - lg(a + b + x))
            gr += wj * (psi(r + x) - psiR + logAlpha)
            gAlpha += wj * r / alpha
            let psiABX = psi(a + b + x)
            ga += wj * (psiAB - psiABX)
            gb += wj * (psiAB + psi(b + x) - psiB - psiABX)
        }
        // Per row: the log-sum-exp of C₃ and C₄.
        let n = rows.group.count
        let chunks = Parallel.chunkCount(n, minimumPerChunk: Self.minimumChunkRows, maximumChunks: Self.maximumChunks)
        var partial = [Double](repeating: 0, count: 6 * chunks)
        partial.withUnsafeMutableBufferPointer { out in
            rows.group.withUnsafeBufferPointer { gp in
            rows.recency.withUnsafeBufferPointer { tp in
            rows.age.withUnsafeBufferPointer { ap in
            rows.weight.withUnsafeBufferPointer { wp in
            rPlusX.withUnsafeBufferPointer { rx in
            logC4Const.withUnsafeBufferPointer { c4 in
            invBXm1.withUnsafeBufferPointer { ib in
                let rows = RowSums(
                    group: SharedBuffer(readOnly: gp), recency: SharedBuffer(readOnly: tp), age: SharedBuffer(readOnly: ap),
                    weight: SharedBuffer(readOnly: wp), rPlusX: SharedBuffer(readOnly: rx),
                    logC4Const: SharedBuffer(readOnly: c4), invBXm1: SharedBuffer(readOnly: ib), out: SharedBuffer(out),
                    alpha: alpha, chunks: chunks)
                if chunks == 1 {
                    rows.sum(chunk: 0)
                } else {
                    Parallel.forEach(chunks) { rows.sum(chunk: $0) }
                }
            }}}}}}}
        }
        for c in 0..<chunks {
            ll += partial[6 * c]
            gr += partial[6 * c + 1]
            gAlpha += partial[6 * c + 2]
            ga += partial[6 * c + 3] / a
            gb += partial[6 * c + 4]
        }
        g[0] = gr; g[1] = gAlpha; g[2] = ga; g[3] = gb
        return ll
    }

    /// The per-row part of the log-likelihood and gradient over one contiguous chunk of rows.
    /// Holds shared views of arrays that outlive the call; each chunk writes its own six
    /// output slots, so concurrent chunks never share memory they write.
    private struct RowSums: Sendable {
        let group: SharedBuffer<Int32>
        let recency: SharedBuffer<Double>
        let age: SharedBuffer<Double>
        let weight: SharedBuffer<Double>
        let rPlusX: SharedBuffer<Double>
        let logC4Const: SharedBuffer<Double>
        let invBXm1: SharedBuffer<Double>
        let out: SharedBuffer<Double>
        let alpha: Double
        let chunks: Int

        func sum(chunk: Int) {
            let group = self.group.buffer, recency = self.recency.buffer, age = self.age.buffer
            let weight = self.weight.buffer, rPlusX = self.rPlusX.buffer, logC4Const = self.logC4Const.buffer
            let invBXm1 = self.invBXm1.buffer, out = self.out.buffer
            let n = group.count
            let lo = n * chunk / chunks, hi = n * (chunk + 1) / chunks
            var sLL = 0.0, sR = 0.0, sAlpha = 0.0, sW4 = 0.0, sB = 0.0
            for i in lo..<hi {
                let j = Int(group[i])
                let w = weight[i]
                let rx = rPlusX[j]
                let aT = alpha + age[i]
                let logAT = Double.log(aT)
                let c3 = -rx * logAT
                let inverse = invBXm1[j]
                if inverse == 0 {  // x = 0: no dropout term (1/(b+x−1) is never 0 for x ≥ 1)
                    sLL += w * c3
                    sR -= w * logAT
                    sAlpha -= w * rx / aT
                    continue
                }
                let aTx = alpha + recency[i]
                let logATx = Double.log(aTx)
                let c4 = logC4Const[j] - rx * logATx
                let d = c4 - c3
                let e = Double.exp(-abs(d))
                let big = 1 / (1 + e)
                let w4 = d > 0 ? big : e * big
                let w3 = 1 - w4
                sLL += w * (max(c3, c4) + Double.log(onePlus: e))
                sR -= w * (w3 * logAT + w4 * logATx)
                sAlpha -= w * rx * (w3 / aT + w4 / aTx)
                sW4 += w * w4
                sB -= w * w4 * inverse
            }
            let o = 6 * chunk
            out[o] = sLL; out[o + 1] = sR; out[o + 2] = sAlpha; out[o + 3] = sW4; out[o + 4] = sB
        }
    }
}
