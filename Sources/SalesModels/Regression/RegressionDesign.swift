/// A validated design matrix for the regression models (internal support): the features with an
/// optional leading intercept column, their names, and the checked observation weights.
///
/// Checks, in order, each naming what it found: no rows; names per column; non-finite features
/// (feature, row); weights (length, finite, non-negative, not all zero); with an intercept, a
/// constant feature; identical feature columns; fewer positively weighted rows than terms.
struct RegressionDesign: Sendable {
    /// The `n × p` design: `[1, features]` with an intercept, else the features.
    let matrix: Matrix
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

    init(features: Matrix, featureNames: [String]?, intercept: Bool, weights: [Double]?, context: String) throws {
        let n = features.rows, m = features.columns
        guard n > 0 else { throw ModelError.emptyInput(context: context) }
        let names = featureNames ?? Self.defaultNames(m)
        guard names.count == m else {
            throw ModelError.dimensionMismatch(context: "\(context): feature names per column", expected: m, actual: names.count)
        }
        guard m > 0 || intercept else { throw ModelError.emptyInput(context: "\(context): no features and no intercept") }
        if let (i, j) = features.firstNonFinite {
            throw ModelError.nonFiniteFeature(feature: names[j], row: i, value: features[i, j])
        }
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
        if intercept {
            for j in 0..<m {
                let column = features.storage[(j * n)..<((j + 1) * n)]
                var first: Double?
                var constant = true
                for (offset, value) in column.enumerated() where (weights?[offset] ?? 1) > 0 {
                    if let first { if value != first { constant = false; break } } else { first = value }
                }
                if constant { throw ModelError.constantFeature(feature: names[j], value: first ?? 0) }
            }
        }
        try Self.checkDuplicates(features, names: names)
        let p = m + (intercept ? 1 : 0)
        guard positive >= p else { throw ModelError.tooFewObservations(observations: positive, parameters: p) }

        if intercept {
            var storage = [Double](repeating: 1, count: n)
            storage.reserveCapacity(n * p)
            storage.append(contentsOf: features.storage)
            self.matrix = try Matrix(rows: n, columns: p, columnMajor: storage)
            self.termNames = [Self.interceptName] + names
        } else {
            self.matrix = features
            self.termNames = names
        }
        self.featureNames = names
        self.hasIntercept = intercept
        self.weights = weights
        self.observationCount = positive
    }

    /// Throws `.duplicateFeatures` for the first feature column identical to an earlier one.
    /// - Complexity: O(n·m) expected (columns are bucketed by a hash of their bits).
    private static func checkDuplicates(_ features: Matrix, names: [String]) throws {
        let n = features.rows
        var buckets: [Int: [Int]] = [:]
        for j in 0..<features.columns {
            let column = features.storage[(j * n)..<((j + 1) * n)]
            var hasher = Hasher()
            for value in column { hasher.combine(value == 0 ? 0 : value.bitPattern) }
            let key = hasher.finalize()
            for earlier in buckets[key, default: []]
            where features.storage[(earlier * n)..<((earlier + 1) * n)].elementsEqual(column) {
                throw ModelError.duplicateFeatures(feature: names[j], duplicateOf: names[earlier])
            }
            buckets[key, default: []].append(j)
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
