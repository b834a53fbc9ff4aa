import Dispatch
import Foundation

/// Everything one Newton/IRLS iteration of the logistic fit needs, from ONE pass over the rows
/// (internal support for `LogisticRegression`).
///
/// The rows are cut into `chunkCount(n)` contiguous chunks (a number that depends on `n` only),
/// run concurrently; each chunk walks its rows in blocks of `blockRows`. Per block: `η = offset +
/// Xβ` (the block of `X` comes from memory once and stays in cache), then per row `p = σ(η)`,
/// `w·p(1 − p)`, the log-likelihood term and the residual `w(y − p)`; then per column the score
/// `Xᵀw(y − p)` and the `√(w·p(1 − p))`-scaled block, whose Gram matrix (`dsyrk`, single-threaded
/// inside BLAS at this size) is added to the chunk's information matrix. Chunk results are summed
/// in chunk order, so results are reproducible whatever the core count.
///
/// The design is the caller's `n × m` feature matrix plus an implicit leading column of ones when
/// `intercept`: no `n × p` copy is made.
struct LogisticNewtonPass: Sendable {
    /// The `n × m` features (no intercept column).
    let features: Matrix
    /// Whether the design has a leading intercept column (term 0).
    let intercept: Bool
    /// Labels 0/1.
    let labels: [Double]
    /// Combined observation × class weights (≥ 0).
    let weights: [Double]
    /// The offset, when any.
    let offset: [Double]?

    var rows: Int { features.rows }
    /// Terms `p` (intercept included).
    var columns: Int { features.columns + (intercept ? 1 : 0) }

    /// Rows per block: the block of `X` (2048 × m doubles, 480 KB at m = 30) and its scaled copy
    /// stay in the 1–2 MB per-core L2 cache between the three sweeps over them.
    static let blockRows = 2048
    /// Rows per chunk below which the pass stays serial.
    static let minimumChunkRows = 65_536
    /// The most chunks a pass is cut into (more than the cores, so a slow core delays less).
    static let maximumChunks = 8

    /// The chunk count for `n` rows: 1 below `2·minimumChunkRows`, at most `maximumChunks`.
    static func chunkCount(_ n: Int) -> Int { Swift.max(1, Swift.min(maximumChunks, n / minimumChunkRows)) }

    /// The quantities at one `β`.
    struct Evaluation: Sendable {
        /// `Σ wᵢ[yᵢηᵢ − log(1 + e^ηᵢ)]` (unpenalized).
        var logLikelihood: Double
        /// The unpenalized score `Xᵀw(y − p)`.
        var score: [Double]
        /// The unpenalized Fisher information `XᵀWX`, `W = diag(w·p(1 − p))`, full and symmetric.
        var information: Matrix
        /// `max |ηᵢ|` over all rows.
        var maxAbsoluteEta: Double
        /// `σ(ηᵢ)` per row.
        var probabilities: [Double]
    }

    /// What a pass computes.
    private enum Mode {
        /// Everything in `Evaluation`, at the coefficients given.
        case newton([Double])
        /// Only `Xᵀdiag(w)X` (rows scaled by `√w`).
        case weightedGram
    }

    /// One chunk's partial results.
    private struct Partial {
        var logLikelihood = 0.0
        var score: [Double]
        var information: Matrix
        var maxAbsoluteEta = 0.0
        var failure: Error?
    }

    /// Storage shared with the chunk workers: each writes only its own slot and its own rows of
    /// `probabilities`; the owner keeps everything alive until the workers are done.
    private struct Shared: @unchecked Sendable {
        let x: UnsafePointer<Double>?
        let y: UnsafePointer<Double>
        let w: UnsafePointer<Double>
        let offset: UnsafePointer<Double>?
        let probabilities: UnsafeMutablePointer<Double>?
        let partials: UnsafeMutablePointer<Partial>
    }

    /// Log-likelihood, score, information and fitted probabilities at `beta`.
    /// - Parameter beta: `p` coefficients (intercept first).
    /// - Returns: The evaluation.
    /// - Throws: `LinearAlgebraError` only for dimensions beyond BLAS's integer range.
    /// - Complexity: O(n·p²) time (one read of `X`), O(chunks·(blockRows·p + p²)) scratch memory.
    func evaluate(_ beta: [Double]) throws -> Evaluation {
        precondition(beta.count == columns, "LogisticNewtonPass.evaluate: one coefficient per term")
        let n = rows
        var probabilities = [Double](unsafeUninitializedCapacity: n) { _, initialized in initialized = n }
        let partial = try probabilities.withUnsafeMutableBufferPointer { out in
            try run(.newton(beta), probabilities: out.baseAddress)
        }
        return Evaluation(logLikelihood: partial.logLikelihood, score: partial.score, information: partial.information,
                          maxAbsoluteEta: partial.maxAbsoluteEta, probabilities: probabilities)
    }

    /// `Xᵀdiag(w)X`, the Gram matrix whose rank and conditioning decide whether terms are collinear.
    /// - Throws: `LinearAlgebraError` only for dimensions beyond BLAS's integer range.
    /// - Complexity: O(n·p²) time, one read of `X`.
    func weightedGram() throws -> Matrix {
        try run(.weightedGram, probabilities: nil).information
    }

    /// Runs the chunks and sums their partial results in chunk order.
    private func run(_ mode: Mode, probabilities: UnsafeMutablePointer<Double>?) throws -> Partial {
        let n = rows, p = columns, chunks = Self.chunkCount(n)
        let partials = UnsafeMutablePointer<Partial>.allocate(capacity: chunks)
        partials.initialize(repeating: Partial(score: [], information: Matrix(rows: 0, columns: 0)), count: chunks)
        defer {
            partials.deinitialize(count: chunks)
            partials.deallocate()
        }
        features.storage.withUnsafeBufferPointer { xs in
            labels.withUnsafeBufferPointer { ys in
                weights.withUnsafeBufferPointer { ws in
                    // n ≥ 1 (validated by the caller), so the label and weight buffers have storage;
                    // the features have none only when m = 0, and are then never read.
                    guard let y = ys.baseAddress, let w = ws.baseAddress else { return }
                    let run = { (offsets: UnsafeBufferPointer<Double>?) in
                        let shared = Shared(x: xs.baseAddress, y: y, w: w, offset: offsets?.baseAddress,
                                            probabilities: probabilities, partials: partials)
                        if chunks == 1 {
                            shared.partials[0] = chunk(0..<n, mode: mode, shared: shared)
                        } else {
                            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                                shared.partials[c] = chunk((c * n / chunks)..<((c + 1) * n / chunks), mode: mode, shared: shared)
                            }
                        }
                    }
                    if let offset { offset.withUnsafeBufferPointer { run($0) } } else { run(nil) }
                }
            }
        }
        var total = Partial(score: [Double](repeating: 0, count: p), information: Matrix(rows: p, columns: p))
        for c in 0..<chunks {
            if let failure = partials[c].failure { throw failure }
            total.logLikelihood += partials[c].logLikelihood
            total.maxAbsoluteEta = Swift.max(total.maxAbsoluteEta, partials[c].maxAbsoluteEta)
            for j in 0..<p { total.score[j] += partials[c].score[j] }
            total.information.storage.withUnsafeMutableBufferPointer { t in
                partials[c].information.storage.withUnsafeBufferPointer { s in
                    for k in 0..<(p * p) { t[k] += s[k] }
                }
            }
        }
        total.information.symmetrizeFromUpper()
        return total
    }

    /// One chunk of rows, block by block (see the type's discussion).
    private func chunk(_ range: Range<Int>, mode: Mode, shared: Shared) -> Partial {
        let n = rows, m = features.columns, p = columns, first = intercept ? 1 : 0
        let blockRows = Swift.min(Self.blockRows, Swift.max(1, range.count))
        var result = Partial(score: [Double](repeating: 0, count: p), information: Matrix(rows: p, columns: p))
        var block = Matrix(rows: blockRows, columns: p)
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: 3 * blockRows)
        defer { scratch.deallocate() }
        let eta = scratch, residual = scratch + blockRows, root = scratch + 2 * blockRows
        var beta: [Double] = []
        if case let .newton(coefficients) = mode { beta = coefficients }
        let y = shared.y, w = shared.w
        // A placeholder base when there are no feature columns (then no column is ever read).
        let x = shared.x ?? UnsafePointer(y)
        var logLikelihood = 0.0, maxAbsoluteEta = 0.0
        var start = range.lowerBound
        while start < range.upperBound {
            let count = Swift.min(blockRows, range.upperBound - start)
            switch mode {
            case .weightedGram:
                for i in 0..<count {
                    residual[i] = 0
                    root[i] = w[start + i].squareRoot()
                }
            case .newton:
                // η = offset + β₀ + Σⱼ βⱼ xⱼ, four columns per sweep over η.
                let base = intercept ? beta[0] : 0
                if let offset = shared.offset {
                    for i in 0..<count { eta[i] = offset[start + i] + base }
                } else {
                    for i in 0..<count { eta[i] = base }
                }
                var j = 0
                while j + 4 <= m {
                    let c0 = x + j * n + start, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n
                    let b0 = beta[first + j], b1 = beta[first + j + 1], b2 = beta[first + j + 2], b3 = beta[first + j + 3]
                    for i in 0..<count { eta[i] += ((b0 * c0[i] + b1 * c1[i]) + (b2 * c2[i] + b3 * c3[i])) }
                    j += 4
                }
                while j < m {
                    let c0 = x + j * n + start, b0 = beta[first + j]
                    for i in 0..<count { eta[i] += b0 * c0[i] }
                    j += 1
                }
                // Per row one exp, one log, one division, one square root: with z = e^{−|η|} ∈ (0, 1]
                // and r = 1/(1 + z), σ(η) = r or z·r, p(1 − p) = z·r² (no cancellation near 0 or 1),
                // log(1 + e^η) = max(η, 0) + log(1 + z). `log(1 + z)` rather than `log1p(z)` (twice
                // the cost): the rounding of 1 + z costs at most ε/2 absolute per row, ~1e-16 of |ℓ|.
                for i in 0..<count {
                    let t = eta[i], weight = w[start + i], label = y[start + i]
                    let z = exp(-abs(t)), onePlus = 1 + z, r = 1 / onePlus
                    let probability = t >= 0 ? r : z * r
                    logLikelihood += weight * (label * t - (Swift.max(t, 0) + log(onePlus)))
                    maxAbsoluteEta = Swift.max(maxAbsoluteEta, abs(t))
                    shared.probabilities?[start + i] = probability
                    residual[i] = weight * (label - probability)
                    root[i] = (weight * z).squareRoot() * r
                }
            }
            // Score and the scaled block, column by column from the cached block of X.
            block.storage.withUnsafeMutableBufferPointer { b in
                let out = b.baseAddress!
                if intercept {
                    var sum = 0.0
                    for i in 0..<count {
                        out[i] = root[i]
                        sum += residual[i]
                    }
                    result.score[0] += sum
                }
                for f in 0..<m {
                    let column = x + f * n + start, target = out + (f + first) * blockRows
                    var lanes = SIMD8<Double>()
                    var i = 0
                    while i + 8 <= count {
                        let value = UnsafeRawPointer(column + i).loadUnaligned(as: SIMD8<Double>.self)
                        let r = UnsafeRawPointer(residual + i).loadUnaligned(as: SIMD8<Double>.self)
                        let s = UnsafeRawPointer(root + i).loadUnaligned(as: SIMD8<Double>.self)
                        UnsafeMutableRawPointer(target + i).storeBytes(of: value * s, as: SIMD8<Double>.self)
                        lanes += value * r
                        i += 8
                    }
                    var tail = 0.0
                    while i < count {
                        target[i] = column[i] * root[i]
                        tail += column[i] * residual[i]
                        i += 1
                    }
                    result.score[f + first] += lanes.sum() + tail
                }
            }
            do {
                try result.information.addGramUpper(of: block, rows: count)
            } catch {
                result.failure = error
                return result
            }
            start += count
        }
        result.logLikelihood = logLikelihood
        result.maxAbsoluteEta = maxAbsoluteEta
        return result
    }
}
