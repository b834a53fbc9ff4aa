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
        if intercept, let j = Self.firstConstantColumn(features, weights: weights) {
            let value = (0..<n).first { (weights?[$0] ?? 1) > 0 }.map { features[$0, j] } ?? 0
            throw ModelError.constantFeature(feature: names[j], value: value)
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

    /// Throws `.duplicateFeatures` for the first feature column identical to an earlier one.
    /// Columns are first grouped by a cheap signature (first value, sum, sum of squares); only
    /// columns with equal signatures are compared element by element.
    /// - Complexity: O(n·m) expected.
    private static func checkDuplicates(_ features: Matrix, names: [String]) throws {
        let n = features.rows
        struct Signature: Hashable { var first: Double; var sum: Double; var squares: Double }
        var seen: [Signature: [Int]] = [:]
        try features.storage.withUnsafeBufferPointer { x in
            for j in 0..<features.columns {
                let base = j * n
                var sum = 0.0, squares = 0.0
                for i in 0..<n {
                    sum += x[base + i]
                    squares += x[base + i] * x[base + i]
                }
                let signature = Signature(first: x[base], sum: sum, squares: squares)
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
