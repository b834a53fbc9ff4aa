import Foundation
import SalesNumerics

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
    static func chunkCount(_ n: Int) -> Int {
        Parallel.chunkCount(n, minimumPerChunk: minimumChunkRows, maximumChunks: maximumChunks)
    }

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
        /// Per feature column, the class bounds (when asked for).
        var classBounds: [ClassBounds]?
    }

    /// One feature's range within each class, over rows with positive weight (∓∞ for a class
    /// without such rows): what the single-feature separation test needs.
    struct ClassBounds: Sendable, Equatable {
        var maxPositive: Double
        var minPositive: Double
        var maxNegative: Double
        var minNegative: Double
    }

    /// What a pass computes.
    private enum Mode {
        /// Everything in `Evaluation`, at the coefficients given (class bounds when `bounds`).
        case newton([Double], bounds: Bool)
        /// Only `Xᵀdiag(w)X` (rows scaled by `√w`).
        case weightedGram
        /// Only the class bounds.
        case classBounds

        var wantsBounds: Bool {
            switch self {
            case let .newton(_, bounds): return bounds
            case .weightedGram: return false
            case .classBounds: return true
            }
        }
    }

    /// One chunk's partial results.
    private struct Partial {
        var logLikelihood = 0.0
        var score: [Double]
        var information: Matrix
        var maxAbsoluteEta = 0.0
        /// `(maxPositive, −minPositive, maxNegative, −minNegative)` per feature, or empty: all
        /// four kept as maxima so chunks merge with one rule.
        var bounds: [Double] = []
        var failure: Error?
    }

    /// Storage shared with the chunk workers: each writes only its own slot and its own rows of
    /// `probabilities`; the owner keeps everything alive until the workers are done.
    private struct Shared: Sendable {
        let x: SharedBuffer<Double>?
        let y: SharedBuffer<Double>
        let w: SharedBuffer<Double>
        let offset: SharedBuffer<Double>?
        let probabilities: SharedBuffer<Double>?
        let partials: SharedBuffer<Partial>
    }

    /// Log-likelihood, score, information and fitted probabilities at `beta`.
    /// - Parameters:
    ///   - beta: `p` coefficients (intercept first).
    ///   - classBounds: Also collect each feature's class bounds, from the blocks of `X` already in
    ///     cache (the single-feature separation test without a pass of its own).
    /// - Returns: The evaluation.
    /// - Throws: `LinearAlgebraError` only for dimensions beyond BLAS's integer range.
    /// - Complexity: O(n·p²) time (one read of `X`), O(chunks·(blockRows·p + p²)) scratch memory.
    func evaluate(_ beta: [Double], classBounds: Bool = false) throws -> Evaluation {
        precondition(beta.count == columns, "LogisticNewtonPass.evaluate: one coefficient per term")
        let n = rows
        var probabilities = [Double](unsafeUninitializedCapacity: n) { _, initialized in initialized = n }
        let partial = try probabilities.withUnsafeMutableBufferPointer { out in
            try run(.newton(beta, bounds: classBounds), probabilities: out.baseAddress)
        }
        return Evaluation(logLikelihood: partial.logLikelihood, score: partial.score, information: partial.information,
                          maxAbsoluteEta: partial.maxAbsoluteEta, probabilities: probabilities,
                          classBounds: classBounds ? Self.classBounds(partial.bounds) : nil)
    }

    /// Each feature's class bounds alone (one read of `X`, no information matrix).
    /// - Returns: One `ClassBounds` per feature column.
    /// - Complexity: O(n·m).
    func classBounds() -> [ClassBounds] {
        // This mode makes no BLAS call, so it cannot throw.
        Self.classBounds((try? run(.classBounds, probabilities: nil))?.bounds ?? [])
    }

    /// The merged maxima `(maxPositive, −minPositive, maxNegative, −minNegative)` as bounds.
    private static func classBounds(_ maxima: [Double]) -> [ClassBounds] {
        stride(from: 0, to: maxima.count, by: 4).map {
            ClassBounds(maxPositive: maxima[$0], minPositive: -maxima[$0 + 1],
                        maxNegative: maxima[$0 + 2], minNegative: -maxima[$0 + 3])
        }
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
                        let shared = Shared(x: xs.baseAddress.map { SharedBuffer(readOnly: $0, count: xs.count) },
                                            y: SharedBuffer(readOnly: y, count: n), w: SharedBuffer(readOnly: w, count: n),
                                            offset: offsets?.baseAddress.map { SharedBuffer(readOnly: $0, count: n) },
                                            probabilities: probabilities.map { SharedBuffer($0, count: n) },
                                            partials: SharedBuffer(partials, count: chunks))
                        if chunks == 1 {
                            shared.partials[0] = chunk(0..<n, mode: mode, shared: shared)
                        } else {
                            Parallel.forEach(chunks) { c in
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
            if mode.wantsBounds {
                if total.bounds.isEmpty { total.bounds = partials[c].bounds } else {
                    for k in total.bounds.indices { total.bounds[k] = Swift.max(total.bounds[k], partials[c].bounds[k]) }
                }
            }
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
        if case let .newton(coefficients, _) = mode { beta = coefficients }
        let wantsBounds = mode.wantsBounds
        var wantsGram = true
        if case .classBounds = mode { wantsGram = false }
        // Class bounds: per row an additive mask per class, 0 when the row is in the class (with
        // positive weight) and −∞ otherwise; per feature, eight lanes of the four maxima of
        // x + mask(positive), −x + mask(positive), x + mask(negative), −x + mask(negative)
        // (features are finite, validated). `replace(with:where:)` compiles to maxpd
        // (`pointwiseMax` is an out-of-line call per vector).
        let masks = UnsafeMutablePointer<Double>.allocate(capacity: wantsBounds ? 2 * blockRows : 0)
        let lanes = UnsafeMutablePointer<SIMD8<Double>>.allocate(capacity: wantsBounds ? 4 * m : 0)
        var tails = [Double](repeating: -.infinity, count: wantsBounds ? 4 * m : 0)
        if wantsBounds { lanes.initialize(repeating: SIMD8(repeating: -.infinity), count: 4 * m) }
        defer {
            masks.deallocate()
            lanes.deallocate()
        }
        let y = UnsafePointer(shared.y.base), w = UnsafePointer(shared.w.base)
        // A placeholder base when there are no feature columns (then no column is ever read).
        let x = shared.x.map { UnsafePointer($0.base) } ?? y
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
            case .classBounds:
                break
            case .newton:
                // η = offset + β₀ + Σⱼ βⱼ xⱼ, four columns per sweep over η.
                let base = intercept ? beta[0] : 0
                if let offset = shared.offset?.buffer {
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
            if wantsBounds {
                let positive = masks, negative = masks + blockRows
                for i in 0..<count {
                    let inSample = w[start + i] > 0, isPositive = y[start + i] == 1
                    positive[i] = inSample && isPositive ? 0 : -.infinity
                    negative[i] = inSample && !isPositive ? 0 : -.infinity
                }
                for f in 0..<m {
                    let column = x + f * n + start
                    var a = lanes[4 * f], b = lanes[4 * f + 1], c = lanes[4 * f + 2], d = lanes[4 * f + 3]
                    var i = 0
                    while i + 8 <= count {
                        let v = UnsafeRawPointer(column + i).loadUnaligned(as: SIMD8<Double>.self)
                        let pm = UnsafeRawPointer(positive + i).loadUnaligned(as: SIMD8<Double>.self)
                        let nm = UnsafeRawPointer(negative + i).loadUnaligned(as: SIMD8<Double>.self)
                        let hiP = v + pm, loP = pm - v, hiN = v + nm, loN = nm - v
                        a.replace(with: hiP, where: hiP .> a); b.replace(with: loP, where: loP .> b)
                        c.replace(with: hiN, where: hiN .> c); d.replace(with: loN, where: loN .> d)
                        i += 8
                    }
                    lanes[4 * f] = a; lanes[4 * f + 1] = b; lanes[4 * f + 2] = c; lanes[4 * f + 3] = d
                    while i < count {
                        let v = column[i]
                        tails[4 * f] = Swift.max(tails[4 * f], v + positive[i])
                        tails[4 * f + 1] = Swift.max(tails[4 * f + 1], positive[i] - v)
                        tails[4 * f + 2] = Swift.max(tails[4 * f + 2], v + negative[i])
                        tails[4 * f + 3] = Swift.max(tails[4 * f + 3], negative[i] - v)
                        i += 1
                    }
                }
            }
            guard wantsGram else {
                start += count
                continue
            }
            // Score and the scaled block, column by column from the cached block of X.
            block.storage.withUnsafeMutableBufferPointer { b in
                guard let out = b.baseAddress else { return }
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
        if wantsBounds { result.bounds = (0..<(4 * m)).map { Swift.max(lanes[$0].max(), tails[$0]) } }
        return result
    }
}
