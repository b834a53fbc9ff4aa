import SalesNumerics
/// Options of `KMeans.fit`.
public struct KMeansOptions: Sendable, Equatable {
    /// Lloyd iterations per run at most (default 300).
    public var maxIterations: Int
    /// Independent k-means++ starts; the run with the least inertia is kept (default 3).
    public var restarts: Int
    /// Rows per distance block (each block is one `gemm`; default 16 384).
    public var blockRows: Int

    /// Options with the defaults above.
    /// - Parameters:
    ///   - maxIterations: ≥ 1.
    ///   - restarts: ≥ 1.
    ///   - blockRows: ≥ 1.
    public init(maxIterations: Int = 300, restarts: Int = 3, blockRows: Int = 16_384) {
        self.maxIterations = maxIterations
        self.restarts = restarts
        self.blockRows = blockRows
    }
}

/// A fitted k-means partition.
public struct KMeansResult: Sendable, Equatable {
    /// The cluster centres, `k × features` (row `j` is centre `j`).
    public let centroids: Matrix
    /// The cluster of every point, in `0..<k`.
    public let assignments: [Int32]
    /// Points per cluster.
    public let sizes: [Int]
    /// The sum of squared Euclidean distances from every point to its centre.
    public let inertia: Double
    /// Lloyd iterations of the kept run.
    public let iterations: Int
    /// Whether the kept run stopped because no assignment changed (not because of `maxIterations`).
    public let converged: Bool

    /// The number of clusters.
    public var k: Int { centroids.rows }
}

/// k-means clustering: k-means++ seeding (Arthur & Vassilvitskii 2007) from a seeded generator,
/// Lloyd iterations until no assignment changes, squared distances computed blockwise as
/// ‖x‖² + ‖c‖² − 2·X·Cᵀ with BLAS `dgemm`.
///
/// Deterministic for a given generator state. An empty cluster is re-seeded with the point
/// farthest from its centre. Distances carry `dgemm`'s rounding: for points far from the origin
/// relative to their spread, standardize first (as `RFMClustering` does).
public enum KMeans {
    /// Partitions the rows of `data` into `k` clusters.
    /// - Parameters:
    ///   - data: `n × p` points, one per row, all finite.
    ///   - k: Clusters, 1…n.
    ///   - options: Iterations, restarts, block size.
    ///   - generator: The random source for seeding (advanced by the call).
    /// - Returns: The run with the least inertia.
    /// - Throws: `KMeansError.emptyData`, `.invalidK`, `.nonFinite`, `.fewerDistinctPointsThanK`,
    ///   `.invalidOption`, `.linearAlgebra`.
    /// - Complexity: O(restarts × iterations × n × k × p) time, O(blockRows × k + n) extra memory.
    public static func fit<G: RandomNumberGenerator>(_ data: Matrix, k: Int, options: KMeansOptions = KMeansOptions(),
                                                     using generator: inout G) throws -> KMeansResult {
        try validate(data)
        guard k >= 1, k <= data.rows else { throw KMeansError.invalidK(k: k, points: data.rows) }
        guard options.maxIterations >= 1 else { throw KMeansError.invalidOption(name: "maxIterations", value: "\(options.maxIterations)") }
        guard options.restarts >= 1 else { throw KMeansError.invalidOption(name: "restarts", value: "\(options.restarts)") }
        guard options.blockRows >= 1 else { throw KMeansError.invalidOption(name: "blockRows", value: "\(options.blockRows)") }
        let norms = rowSquaredNorms(data)
        var best: KMeansResult?
        for _ in 0..<options.restarts {
            let seeds = try seed(data, k: k, using: &generator)
            let run = try lloyd(data, norms: norms, centroids: seeds, options: options)
            if best == nil || run.inertia < (best?.inertia ?? .infinity) { best = run }
        }
        guard let best else { preconditionFailure("restarts ≥ 1") }
        return best
    }

    /// Throws unless `data` is non-empty and finite.
    static func validate(_ data: Matrix) throws {
        guard data.rows > 0, data.columns > 0 else { throw KMeansError.emptyData(rows: data.rows, columns: data.columns) }
        if let bad = data.firstNonFinite { throw KMeansError.nonFinite(row: bad.row, column: bad.column) }
    }

    /// ‖xᵢ‖² for every row.
    static func rowSquaredNorms(_ data: Matrix) -> [Double] {
        var norms = [Double](repeating: 0, count: data.rows)
        data.storage.withUnsafeBufferPointer { x in
            norms.withUnsafeMutableBufferPointer { out in
                for j in 0..<data.columns {
                    let column = j * data.rows
                    for i in 0..<data.rows { out[i] += x[column + i] * x[column + i] }
                }
            }
        }
        return norms
    }

    /// k-means++ seeding: the first centre uniformly, each next one with probability proportional
    /// to the squared distance to the nearest centre chosen so far.
    static func seed<G: RandomNumberGenerator>(_ data: Matrix, k: Int, using generator: inout G) throws -> Matrix {
        let n = data.rows, p = data.columns
        var centroids = Matrix(rows: k, columns: p)
        var nearest = [Double](repeating: .infinity, count: n)
        var chosen = Int(generator.next(upperBound: UInt64(n)))
        for c in 0..<k {
            for j in 0..<p { centroids[c, j] = data[chosen, j] }
            if c == k - 1 { break }
            var total = 0.0
            data.storage.withUnsafeBufferPointer { x in
                nearest.withUnsafeMutableBufferPointer { d in
                    for i in 0..<n {
                        var s = 0.0
                        for j in 0..<p {
                            let diff = x[j * n + i] - x[j * n + chosen]
                            s += diff * diff
                        }
                        if s < d[i] { d[i] = s }
                        total += d[i]
                    }
                }
            }
            guard total > 0 else { throw KMeansError.fewerDistinctPointsThanK(k: k, distinct: c + 1) }
            let target = Double(generator.next() >> 11) * 0x1.0p-53 * total
            var cumulative = 0.0
            chosen = -1
            for i in 0..<n where nearest[i] > 0 {
                cumulative += nearest[i]
                chosen = i
                if cumulative > target { break }
            }
        }
        return centroids
    }

    /// Lloyd iterations from `centroids` until no assignment changes or `maxIterations`.
    static func lloyd(_ data: Matrix, norms: [Double], centroids start: Matrix,
                      options: KMeansOptions) throws -> KMeansResult {
        let n = data.rows, k = start.rows
        var centroids = start
        var assignments = [Int32](repeating: -1, count: n)
        var distances = [Double](repeating: 0, count: n)
        var iterations = 0, converged = false
        while true {
            iterations += 1
            let changed = try assign(data, norms: norms, centroids: centroids, blockRows: options.blockRows,
                                     assignments: &assignments, distances: &distances)
            if changed == 0 { converged = true; break }
            if iterations >= options.maxIterations { break }
            centroids = update(data, assignments: assignments, distances: &distances, k: k)
        }
        var sizes = [Int](repeating: 0, count: k)
        for a in assignments { sizes[Int(a)] += 1 }
        let inertia = distances.reduce(0, +)
        return KMeansResult(centroids: centroids, assignments: assignments, sizes: sizes, inertia: inertia,
                            iterations: iterations, converged: converged)
    }

    /// Assigns every point to its nearest centre (blockwise `dgemm`); returns how many changed.
    /// `distances[i]` receives the squared distance to the chosen centre (clamped at 0).
    static func assign(_ data: Matrix, norms: [Double], centroids: Matrix, blockRows: Int,
                       assignments: inout [Int32], distances: inout [Double]) throws -> Int {
        let n = data.rows, p = data.columns, k = centroids.rows
        var centreNorms = [Double](repeating: 0, count: k)
        for c in 0..<k { for j in 0..<p { centreNorms[c] += centroids[c, j] * centroids[c, j] } }
        var changed = 0
        var start = 0
        let rows = min(blockRows, n)
        var block = Matrix(rows: rows, columns: p)
        var products = Matrix(rows: rows, columns: k)
        while start < n {
            let b = min(rows, n - start)
            try blockProducts(data, rows: start..<(start + b), times: centroids, block: &block, products: &products)
            products.storage.withUnsafeBufferPointer { xc in
                for i in 0..<b {
                    let row = start + i
                    var best = Int32(0), bestDistance = Double.infinity
                    for c in 0..<k {
                        let d = norms[row] + centreNorms[c] - 2 * xc[c * b + i]
                        if d < bestDistance { bestDistance = d; best = Int32(truncatingIfNeeded: c) }
                    }
                    if assignments[row] != best { changed += 1; assignments[row] = best }
                    distances[row] = max(0, bestDistance)
                }
            }
            start += b
        }
        return changed
    }

    /// The dot products of the rows `rows` of `data` with every row of `other`, by one `dgemm`:
    /// `products[i, c] = data[rows.lowerBound + i, ·] · other[c, ·]`. The rows are first copied
    /// into `block`; `block` and `products` are reallocated only when their shapes change.
    static func blockProducts(_ data: Matrix, rows: Range<Int>, times other: Matrix,
                              block: inout Matrix, products: inout Matrix) throws {
        let n = data.rows, p = data.columns, b = rows.count, start = rows.lowerBound
        if block.rows != b || block.columns != p { block = Matrix(rows: b, columns: p) }
        if products.rows != b || products.columns != other.rows { products = Matrix(rows: b, columns: other.rows) }
        data.storage.withUnsafeBufferPointer { x in
            block.storage.withUnsafeMutableBufferPointer { out in
                for j in 0..<p {
                    for i in 0..<b { out[j * b + i] = x[j * n + start + i] }
                }
            }
        }
        do {
            try Matrix.gemm(block, other, transposeB: true, into: &products)
        } catch {
            throw KMeansError.linearAlgebra("\(error)")
        }
    }

    /// The cluster means; an empty cluster takes the point farthest from its own centre (whose
    /// distance is then zeroed so two empty clusters never take the same point).
    static func update(_ data: Matrix, assignments: [Int32], distances: inout [Double], k: Int) -> Matrix {
        let n = data.rows, p = data.columns
        var sums = Matrix(rows: k, columns: p)
        var counts = [Int](repeating: 0, count: k)
        data.storage.withUnsafeBufferPointer { x in
            sums.storage.withUnsafeMutableBufferPointer { s in
                for i in 0..<n {
                    let c = Int(assignments[i])
                    counts[c] += 1
                    for j in 0..<p { s[j * k + c] += x[j * n + i] }
                }
            }
        }
        for c in 0..<k {
            if counts[c] == 0 {
                var far = 0
                for i in 0..<n where distances[i] > distances[far] { far = i }
                distances[far] = 0
                for j in 0..<p { sums[c, j] = data[far, j] }
            } else {
                let w = 1 / Double(counts[c])
                for j in 0..<p { sums[c, j] *= w }
            }
        }
        return sums
    }
}
