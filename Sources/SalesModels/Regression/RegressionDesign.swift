import SalesNumerics

/// A validated design matrix for the regression models (internal support): the features with an
/// optional leading intercept column, their names, and the checked observation weights.
///
/// Checks, in order, each naming what it found: no rows; names per column; non-finite features
/// (feature, row); weights (length, finite, non-negative, not all zero); with an intercept, a
/// constant feature; identical feature columns; fewer positively weighted rows than terms.
struct RegressionDesign: Sendable {
    /// The `n × m` feature matrix as given (no intercept column; shares the caller's storage).
    let features: Matrix
    /// Number of rows `n`.
    var rows: Int { features.rows }
    /// Number of design columns `p` (intercept included).
    var columns: Int { features.columns + (hasIntercept ? 1 : 0) }
    /// The `n × p` design: `[1, features]` with an intercept (a fresh n × p copy, built on each
    /// access: take it once), else the features.
    var matrix: Matrix {
        guard hasIntercept else { return features }
        let n = features.rows
        var design = Matrix(rows: n, columns: features.columns + 1)
        design.storage.withUnsafeMutableBufferPointer { d in
            for i in 0..<n { d[i] = 1 }
            features.storage.withUnsafeBufferPointer { x in
                for k in x.indices { d[n + k] = x[k] }
            }
        }
        return design
    }
    /// Names of the design columns: `"(Intercept)"` first when there is one, then the features.
    let termNames: [String]
    /// Names of the feature columns (without the intercept).
    let featureNames: [String]
    /// Whether column 0 is the intercept.
    let hasIntercept: Bool
    /// The weights, when given.
    let weights: [Double]?
    /// Rows with positive weight (all rows when unweighted).
    let observationCount: Int

    /// The name of the intercept term.
    static let interceptName = "(Intercept)"

    /// Default feature names `x1, x2, …`.
    static func defaultNames(_ count: Int) -> [String] { (0..<count).map { "x\($0 + 1)" } }

    /// The checks that need no pass over the data: rows present, one name per column, at least one
    /// term.
    /// - Returns: The feature names (the given ones, or `x1…xm`).
    /// - Throws: `ModelError.emptyInput` or `.dimensionMismatch` (names per column).
    /// - Complexity: O(m).
    static func checkedNames(features: Matrix, featureNames: [String]?, intercept: Bool, context: String) throws -> [String] {
        let m = features.columns
        guard features.rows > 0 else { throw ModelError.emptyInput(context: context) }
        let names = featureNames ?? Self.defaultNames(m)
        guard names.count == m else {
            throw ModelError.dimensionMismatch(context: "\(context): feature names per column", expected: m, actual: names.count)
        }
        guard m > 0 || intercept else { throw ModelError.emptyInput(context: "\(context): no features and no intercept") }
        return names
    }

    /// An unweighted design whose data checks are known to pass without running them: used by
    /// `LinearRegression`'s normal-equations fast path once a well-conditioned Cholesky
    /// factorization of a finite `XᵀX` has shown that no value is NaN or infinite and no column is
    /// constant (with an intercept), duplicated or short of rows — each of those makes `XᵀX`
    /// non-finite or singular.
    /// - Parameters:
    ///   - features: The features (shared, not copied).
    ///   - names: Names from `checkedNames`.
    ///   - intercept: Whether column 0 is the intercept.
    init(wellConditionedFeatures features: Matrix, names: [String], intercept: Bool) {
        self.features = features
        self.termNames = intercept ? [Self.interceptName] + names : names
        self.featureNames = names
        self.hasIntercept = intercept
        self.weights = nil
        self.observationCount = features.rows
    }

    init(features: Matrix, featureNames: [String]?, intercept: Bool, weights: [Double]?, context: String) throws {
        let n = features.rows, m = features.columns
        let names = try Self.checkedNames(features: features, featureNames: featureNames, intercept: intercept, context: context)
        // One pass over the features: the first non-finite value (column-major order, as
        // `Matrix.firstNonFinite`), and each column's sum and sum of squares for the duplicate test.
        let (sums, squares) = try Self.columnMoments(features, names: names)
        var positive = n
        if let weights {
            guard weights.count == n else {
                throw ModelError.dimensionMismatch(context: "\(context): weights per row", expected: n, actual: weights.count)
            }
            for (i, w) in weights.enumerated() {
                guard w.isFinite else { throw ModelError.nonFiniteValue(what: "weight", row: i, value: w) }
                guard w >= 0 else { throw ModelError.negativeWeight(what: "weight", row: i, value: w) }
            }
            positive = weights.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
            guard positive > 0 else { throw ModelError.allWeightsZero }
        }
        if intercept, let j = Self.firstConstantColumn(features, weights: weights) {
            let value = (0..<n).first { (weights?[$0] ?? 1) > 0 }.map { features[$0, j] } ?? 0
            throw ModelError.constantFeature(feature: names[j], value: value)
        }
        try Self.checkDuplicates(features, names: names, sums: sums, squares: squares)
        let p = m + (intercept ? 1 : 0)
        guard positive >= p else { throw ModelError.tooFewObservations(observations: positive, parameters: p) }

        self.features = features
        self.termNames = intercept ? [Self.interceptName] + names : names
        self.featureNames = names
        self.hasIntercept = intercept
        self.weights = weights
        self.observationCount = positive
    }

    /// The first column whose values agree on every row with positive weight.
    /// - Complexity: O(n·m), stopping at the first differing value of each column.
    private static func firstConstantColumn(_ features: Matrix, weights: [Double]?) -> Int? {
        let n = features.rows
        return features.storage.withUnsafeBufferPointer { x -> Int? in
            for j in 0..<features.columns {
                let base = j * n
                var reference: Double?
                var constant = true
                for i in 0..<n where weights.map({ $0[i] > 0 }) ?? true {
                    if let reference {
                        if x[base + i] != reference { constant = false; break }
                    } else {
                        reference = x[base + i]
                    }
                }
                if constant { return j }
            }
            return nil
        }
    }

    /// Per column: the sum and the sum of squares, throwing `.nonFiniteFeature` for the first
    /// non-finite value in column-major order (columns in order, rows in order).
    /// - Complexity: O(n·m), one pass.
    private static func columnMoments(_ features: Matrix, names: [String]) throws -> (sums: [Double], squares: [Double]) {
        let n = features.rows, m = features.columns
        // Per column: sum, sum of squares, and a non-finite flag; columns split between workers
        // (disjoint slots, each column's sums in the same order whatever the split).
        let moments = UnsafeMutableBufferPointer<Double>.allocate(capacity: 3 * m)
        moments.initialize(repeating: 0)
        defer { moments.deallocate() }
        let slots = SharedBuffer(moments)
        features.storage.withUnsafeBufferPointer { storage in
            let x = SharedBuffer(readOnly: storage)
            let workers = n * m >= 1 << 20 ? Swift.min(m, Parallelism.workers) : 1
            Parallel.forEach(workers) { worker in
                for j in stride(from: worker, to: m, by: workers) {
                    let base = j * n
                    // `v − v` is 0 for finite v and NaN for ±∞ or NaN: one branch-free probe per column.
                    // Four interleaved accumulators keep the adders busy (the order only has to be
                    // deterministic: equal columns still get equal sums).
                    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, q0 = 0.0, q1 = 0.0, q2 = 0.0, q3 = 0.0, probe = 0.0
                    let column = x.buffer
                    var i = 0
                    while i + 4 <= n {
                        let a = column[base + i], b = column[base + i + 1]
                        let c = column[base + i + 2], d = column[base + i + 3]
                        s0 += a; s1 += b; s2 += c; s3 += d
                        q0 += a * a; q1 += b * b; q2 += c * c; q3 += d * d
                        probe += (a - a) + (b - b) + (c - c) + (d - d)
                        i += 4
                    }
                    while i < n {
                        let v = column[base + i]
                        s0 += v; q0 += v * v; probe += v - v
                        i += 1
                    }
                    slots.buffer[3 * j] = (s0 + s1) + (s2 + s3)
                    slots.buffer[3 * j + 1] = (q0 + q1) + (q2 + q3)
                    slots.buffer[3 * j + 2] = probe.isFinite ? 0 : 1
                }
            }
        }
        for j in 0..<m where moments[3 * j + 2] != 0 {
            let base = j * n
            if let i = (0..<n).first(where: { !features.storage[base + $0].isFinite }) {
                throw ModelError.nonFiniteFeature(feature: names[j], row: i, value: features.storage[base + i])
            }
        }
        return ((0..<m).map { moments[3 * $0] }, (0..<m).map { moments[3 * $0 + 1] })
    }

    /// Throws `.duplicateFeatures` for the first feature column identical to an earlier one.
    /// Columns are first grouped by a cheap signature (first value, sum, sum of squares); only
    /// columns with equal signatures are compared element by element.
    /// - Complexity: O(n·m) expected.
    private static func checkDuplicates(_ features: Matrix, names: [String], sums: [Double], squares: [Double]) throws {
        let n = features.rows
        struct Signature: Hashable { var first: Double; var sum: Double; var squares: Double }
        var seen: [Signature: [Int]] = [:]
        try features.storage.withUnsafeBufferPointer { x in
            for j in 0..<features.columns {
                let base = j * n
                let signature = Signature(first: x[base], sum: sums[j], squares: squares[j])
                for earlier in seen[signature, default: []] {
                    let other = earlier * n
                    if (0..<n).allSatisfy({ x[base + $0] == x[other + $0] }) {
                        throw ModelError.duplicateFeatures(feature: names[j], duplicateOf: names[earlier])
                    }
                }
                seen[signature, default: []].append(j)
            }
        }
    }

    /// Translates a linear-algebra failure into the model's terms (dependent columns by name).
    func modelError(_ error: LinearAlgebraError) -> ModelError {
        if case let .rankDeficient(_, rank, columns, dependent) = error {
            return .collinearFeatures(dependent: dependent.map { $0 < termNames.count ? termNames[$0] : "column \($0)" },
                                      rank: rank, terms: columns)
        }
        return .numerical(error)
    }
}
