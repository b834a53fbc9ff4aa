import SalesNumerics
/// The outcome of choosing k by silhouette.
public struct KMeansSelection: Sendable, Equatable {
    /// The chosen number of clusters (the highest mean silhouette; the smaller k on a tie).
    public let k: Int
    /// The fit for the chosen k.
    public let best: KMeansResult
    /// The mean silhouette of every k tried, in order of k.
    public let silhouettes: [(k: Int, score: Double)]

    /// Equal when k, fits and every (k, score) pair are equal.
    public static func == (lhs: KMeansSelection, rhs: KMeansSelection) -> Bool {
        lhs.k == rhs.k && lhs.best == rhs.best && lhs.silhouettes.count == rhs.silhouettes.count
            && zip(lhs.silhouettes, rhs.silhouettes).allSatisfy { $0.k == $1.k && $0.score == $1.score }
    }
}

extension KMeans {
    /// The mean silhouette coefficient (Rousseeuw 1987) of a partition, over all points or over a
    /// seeded random sample of them.
    ///
    /// For a scored point i in cluster A: a(i) = mean Euclidean distance to the other scored points
    /// of A, b(i) = the least mean distance to the scored points of another cluster,
    /// s(i) = (b − a) / max(a, b), and s(i) = 0 when i is alone in A among the scored points (the
    /// scikit-learn convention; with a sample this equals `silhouette_score(..., sample_size=m)`
    /// on the same sample). Pairwise distances come from `dgemm` blocks.
    /// - Parameters:
    ///   - data: `n × p` points.
    ///   - assignments: Cluster of every point, in `0..<k`.
    ///   - k: The number of clusters.
    ///   - sampleSize: Score at most this many points (default 4 000); `nil` scores all points
    ///     (O(n²) time).
    ///   - generator: The random source for the sample (unused when all points are scored).
    /// - Returns: The mean silhouette in [−1, 1].
    /// - Throws: `KMeansError.emptyData`, `.nonFinite`, `.invalidOption` (assignment outside 0..<k,
    ///   wrong length, sample size < 2), `.silhouetteUndefined` (fewer than 2 clusters among the scored points).
    /// - Complexity: O(m² × p) for m scored points, O(blockRows × m) memory.
    public static func silhouette<G: RandomNumberGenerator>(_ data: Matrix, assignments: [Int32], k: Int,
                                                            sampleSize: Int? = 4_000,
                                                            using generator: inout G) throws -> Double {
        try validate(data)
        let n = data.rows
        guard assignments.count == n else { throw KMeansError.invalidOption(name: "assignments.count", value: "\(assignments.count)") }
        if let bad = assignments.first(where: { $0 < 0 || Int($0) >= k }) {
            throw KMeansError.invalidOption(name: "assignment", value: "\(bad)")
        }
        let sample = try sampleIndices(n: n, size: sampleSize, using: &generator)
        return try silhouette(data, assignments: assignments, k: k, rows: sample)
    }

    /// Chooses k in `ks` by the mean silhouette of each fit (all fits scored on the same sample).
    /// - Parameters:
    ///   - data: `n × p` points.
    ///   - ks: Candidate k, within 2…n − 1.
    ///   - options: Fit options.
    ///   - sampleSize: Silhouette sample size (`nil`: all points).
    ///   - generator: Random source for seeding and sampling.
    /// - Returns: The best k, its fit, and every k's silhouette.
    /// - Throws: `KMeansError` as `fit` and `silhouette`, `.invalidKRange`.
    /// - Complexity: Σₖ fit cost + |ks| × O(m² p).
    public static func selectK<G: RandomNumberGenerator>(_ data: Matrix, ks: ClosedRange<Int>,
                                                         options: KMeansOptions = KMeansOptions(),
                                                         sampleSize: Int? = 4_000,
                                                         using generator: inout G) throws -> KMeansSelection {
        try validate(data)
        guard ks.lowerBound >= 2, ks.upperBound <= data.rows - 1 else {
            throw KMeansError.invalidKRange(lower: ks.lowerBound, upper: ks.upperBound, points: data.rows)
        }
        let sample = try sampleIndices(n: data.rows, size: sampleSize, using: &generator)
        var scores: [(k: Int, score: Double)] = []
        var best: (k: Int, fit: KMeansResult, score: Double)?
        for k in ks {
            let fit = try fit(data, k: k, options: options, using: &generator)
            let score: Double
            do {
                score = try silhouette(data, assignments: fit.assignments, k: k, rows: sample)
            } catch KMeansError.silhouetteUndefined {
                score = -.infinity
            }
            scores.append((k, score))
            if best == nil || score > (best?.score ?? -.infinity) { best = (k, fit, score) }
        }
        guard let best else { preconditionFailure("ks is not empty") }
        return KMeansSelection(k: best.k, best: best.fit, silhouettes: scores)
    }

    /// The rows to score: all (ascending) when `size` is nil or ≥ n, else a seeded sample without
    /// replacement (partial Fisher–Yates), sorted.
    static func sampleIndices<G: RandomNumberGenerator>(n: Int, size: Int?, using generator: inout G) throws -> [Int] {
        if let size, size < 2 { throw KMeansError.invalidOption(name: "sampleSize", value: "\(size)") }
        guard let size, size < n else { return Array(0..<n) }
        var indices = Array(0..<n)
        for i in 0..<size {
            let j = i + Int(generator.next(upperBound: UInt64(n - i)))
            indices.swapAt(i, j)
        }
        return indices[0..<size].sorted()
    }

    /// The mean silhouette over the points `rows` (distances among those points only).
    static func silhouette(_ data: Matrix, assignments: [Int32], k: Int, rows: [Int]) throws -> Double {
        let m = rows.count, p = data.columns
        var points = Matrix(rows: m, columns: p)
        for (r, i) in rows.enumerated() { for j in 0..<p { points[r, j] = data[i, j] } }
        let labels = rows.map { Int(assignments[$0]) }
        var members = [Int](repeating: 0, count: k)
        for l in labels { members[l] += 1 }
        let present = members.filter { $0 > 0 }.count
        guard present >= 2 else { throw KMeansError.silhouetteUndefined(clusters: present, points: m) }
        let norms = rowSquaredNorms(points)
        let blockRows = max(1, min(m, (1 << 21) / max(1, m)))
        var total = 0.0
        var start = 0
        var sums = [Double](repeating: 0, count: k)
        var block = Matrix(rows: blockRows, columns: p)
        var products = Matrix(rows: blockRows, columns: m)
        while start < m {
            let b = min(blockRows, m - start)
            try blockProducts(points, rows: start..<(start + b), times: points, block: &block, products: &products)
            products.storage.withUnsafeBufferPointer { xy in
                for i in 0..<b {
                    let row = start + i
                    for c in 0..<k { sums[c] = 0 }
                    for other in 0..<m where other != row {
                        let d2 = norms[row] + norms[other] - 2 * xy[other * b + i]
                        sums[labels[other]] += d2 > 0 ? d2.squareRoot() : 0
                    }
                    let own = labels[row]
                    guard members[own] > 1 else { continue }
                    let a = sums[own] / Double(members[own] - 1)
                    var nearest = Double.infinity
                    for c in 0..<k where c != own && members[c] > 0 {
                        nearest = min(nearest, sums[c] / Double(members[c]))
                    }
                    let denominator = max(a, nearest)
                    total += denominator > 0 ? (nearest - a) / denominator : 0
                }
            }
            start += b
        }
        return total / Double(m)
    }
}
