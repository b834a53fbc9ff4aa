import SalesNumerics
/// Ordinary, weighted and ridge least-squares regression with classical and robust inference.
///
/// Fit with `LinearRegression.fit(features:response:featureNames:weights:options:)`; the result
/// holds the coefficients and everything needed for inference (`+Inference`), prediction
/// (`+Prediction`) and a printable summary (`+Summary`). The solver is `LeastSquares.fit`
/// (pivoted QR by default; accuracy on the NIST StRD sets: at least 7 correct digits on the
/// hardest, 10+ on the others), so the estimates are as accurate as the design's conditioning
/// allows; inference formulas follow statsmodels' `OLS`/`WLS` conventions, against which the tests
/// check them to 1e-6 relative.
public struct LinearRegression: Sendable {
    /// How the regression is fitted.
    public struct Options: Sendable, Equatable {
        /// Whether to add an intercept term (named `"(Intercept)"`, first). Default `true`.
        public var intercept: Bool
        /// The ridge penalty `λ ≥ 0`: minimizes `Σ wᵢ(yᵢ − xᵢᵀβ)² + λ Σⱼ βⱼ²` over the feature
        /// coefficients (never the intercept). Features are not standardized: scale them first
        /// if `λ` should treat them alike. Default 0 (ordinary least squares).
        public var ridgePenalty: Double
        /// The least-squares method (`.qr` default; `.automatic` uses the normal equations when
        /// they keep at least half the digits; see `LeastSquares`).
        public var method: LeastSquares.Method

        /// Creates options.
        /// - Parameters:
        ///   - intercept: Add an intercept (default `true`).
        ///   - ridgePenalty: L2 penalty on the feature coefficients (default 0).
        ///   - method: Least-squares method (default `.qr`).
        public init(intercept: Bool = true, ridgePenalty: Double = 0, method: LeastSquares.Method = .qr) {
            self.intercept = intercept
            self.ridgePenalty = ridgePenalty
            self.method = method
        }
    }

    /// The options the model was fitted with.
    public let options: Options
    /// Names of the coefficients: `"(Intercept)"` first when fitted with one, then the features.
    public let termNames: [String]
    /// Names of the features, in column order.
    public let featureNames: [String]
    /// The estimated coefficients `β`, aligned with `termNames`.
    public let coefficients: [Double]
    /// The fitted values `Xβ` (intercept included), one per row.
    ///
    /// Kept from the fit when it computed them (QR, weights, ridge, or a normal-equations fit whose
    /// RSS needed the explicit residuals); otherwise computed on each access by one `dgemv`
    /// (the normal-equations fast path takes the RSS from `XᵀX` and never forms them): bind the
    /// result once rather than indexing the property in a loop.
    /// - Complexity: O(1) when kept, else O(n·p).
    public var fittedValues: [Double] { keptFittedValues ?? Self.computeFittedValues(design: design, coefficients: coefficients) }
    /// The residuals `y − Xβ` (unweighted), one per row.
    /// - Complexity: O(n), plus `fittedValues`' cost: bind the result once.
    public var residuals: [Double] {
        var result = response
        let fitted = fittedValues
        for i in result.indices { result[i] -= fitted[i] }
        return result
    }
    /// The (weighted) residual sum of squares `Σ wᵢ rᵢ²`.
    public let residualSumOfSquares: Double
    /// The (weighted) total sum of squares: about the weighted mean with an intercept, about zero
    /// without one (the uncentred convention of statsmodels and R).
    public let totalSumOfSquares: Double
    /// Number of observations (rows with positive weight).
    public let observationCount: Int
    /// The least-squares method actually used (`.qr` or `.normalEquations`).
    public let methodUsed: LeastSquares.Method
    /// `√(λmax/λmin)` of the (weighted) `XᵀX`, intercept column included: statsmodels'
    /// `condition_number`, a units-dependent warning sign of collinearity.
    public let conditionNumber: Double
    /// `LeastSquares`' estimate of the condition number of the column-equilibrated design (what
    /// limits the accuracy of the estimates).
    public let scaledConditionEstimate: Double

    /// The design (intercept column included) and weights, kept for robust inference and
    /// leverage (shares storage with the caller's matrix where possible).
    let design: RegressionDesign
    /// The responses `y` (shares the caller's storage).
    let response: [Double]
    /// The fitted values when the fit computed them (see `fittedValues`).
    let keptFittedValues: [Double]?
    /// `(XᵀWX)⁻¹` for OLS/WLS; `(XᵀWX + Λ)⁻¹` with a ridge penalty (the "bread" of every covariance).
    let bread: Matrix
    /// The covariance of `β` divided by `σ²`: `bread`, or `bread·XᵀWX·bread` with a ridge penalty.
    let unscaledCovariance: Matrix

    /// Fits the regression.
    ///
    /// With `.normalEquations` or `.automatic`, no weights and no ridge penalty, a well-conditioned
    /// design (`rcond` of the equilibrated `XᵀX` ≥ 1e-4) is fitted from one pass of cross products
    /// (`dsyrk` + column sums, row blocks on all cores) without a separate validation pass or an
    /// intercept copy; the RSS then comes from the normal equations (`yᵀy − βᵀXᵀy`, or the explicit
    /// residuals when that would cancel more than 3 digits) and `fittedValues`/`residuals` are
    /// computed on access. Anything else — including every bad-input case, which makes `XᵀX`
    /// non-finite or singular — goes through the validating path below, with the same errors.
    ///
    /// - Parameters:
    ///   - features: The `n × m` feature matrix (no intercept column: set `options.intercept`).
    ///   - response: The `n` responses.
    ///   - featureNames: One name per feature column, used in results and errors (default `x1…xm`).
    ///   - weights: Optional observation weights (finite, ≥ 0; precision weights as in WLS: row `i`
    ///     has error variance `σ²/wᵢ`). Zero-weight rows do not count as observations.
    ///   - options: Intercept, ridge penalty and least-squares method.
    /// - Returns: The fitted model.
    /// - Throws: `ModelError` naming the problem: `.emptyInput`, `.dimensionMismatch`,
    ///   `.nonFiniteFeature(feature:row:)`, `.nonFiniteValue` (response or weight),
    ///   `.negativeWeight`, `.allWeightsZero`, `.constantFeature`, `.duplicateFeatures`,
    ///   `.tooFewObservations`, `.collinearFeatures(dependent:)` (by name), `.invalidParameter`
    ///   (negative or non-finite ridge penalty).
    /// - Complexity: O(n·p²) for the fit (p = terms; one `dsyrk` pass on the fast path), plus O(p³)
    ///   for the covariance and the condition number.
    public static func fit(
        features: Matrix, response: [Double], featureNames: [String]? = nil, weights: [Double]? = nil,
        options: Options = Options()
    ) throws -> LinearRegression {
        let context = "LinearRegression"
        guard options.ridgePenalty >= 0, options.ridgePenalty.isFinite else {
            throw ModelError.invalidParameter(name: "ridgePenalty", value: options.ridgePenalty,
                                              reason: "must be finite and non-negative")
        }
        if options.method != .qr, options.ridgePenalty == 0, weights == nil {
            let names = try RegressionDesign.checkedNames(features: features, featureNames: featureNames,
                                                          intercept: options.intercept, context: context)
            if let model = try normalEquationsFit(features: features, response: response, names: names, options: options) {
                return model
            }
        }
        let design = try RegressionDesign(features: features, featureNames: featureNames,
                                          intercept: options.intercept, weights: weights, context: context)
        let n = design.rows
        guard response.count == n else {
            throw ModelError.dimensionMismatch(context: "\(context): responses per row", expected: n, actual: response.count)
        }
        for (i, y) in response.enumerated() where !y.isFinite {
            throw ModelError.nonFiniteValue(what: "response", row: i, value: y)
        }

        let solution: LeastSquaresSolution, fitted: [Double], gram: Matrix
        do {
            let matrix = design.matrix
            solution = try solve(design: design, matrix: matrix, response: response, options: options)
            var product = [Double](repeating: 0, count: n)
            try Matrix.gemv(matrix, solution.coefficients, into: &product)
            fitted = product
            gram = try weightedGram(matrix, weights: design.weights)
        } catch let error as LinearAlgebraError {
            throw design.modelError(error)
        }
        var rss = 0.0, weightSum = 0.0, weightedSum = 0.0
        for i in 0..<n {
            let w = weights?[i] ?? 1
            let r = response[i] - fitted[i]
            rss += w * r * r
            weightSum += w
            weightedSum += w * response[i]
        }
        let centre = design.hasIntercept ? weightedSum / weightSum : 0
        var tss = 0.0
        for i in 0..<n {
            let d = response[i] - centre
            tss += (weights?[i] ?? 1) * d * d
        }
        let covarianceOfScaled = solution.unscaledCovariance
        return LinearRegression(
            options: options, termNames: design.termNames, featureNames: design.featureNames,
            coefficients: solution.coefficients, residualSumOfSquares: rss, totalSumOfSquares: tss,
            observationCount: design.observationCount, methodUsed: solution.method,
            conditionNumber: try eigenConditionNumber(gram), scaledConditionEstimate: solution.conditionEstimate,
            design: design, response: response, keptFittedValues: fitted, bread: covarianceOfScaled,
            unscaledCovariance: options.ridgePenalty > 0
                ? try covarianceOfScaled.multiplied(by: gram).multiplied(by: covarianceOfScaled)
                : covarianceOfScaled)
    }

    /// statsmodels' condition number `√(λmax/λmin)` of a Gram matrix (`dsyevd`, values only).
    /// - Complexity: O(p³).
    static func eigenConditionNumber(_ gram: Matrix) throws -> Double {
        let eigen = try SymmetricEigen(gram, computeVectors: false)
        let smallest = eigen.values.first ?? 0, largest = eigen.values.last ?? 0
        return smallest > 0 ? (largest / smallest).squareRoot() : .infinity
    }

    /// `Xβ` with the intercept added as a constant (no n × p intercept copy): one `dgemv`.
    /// - Complexity: O(n·m).
    static func computeFittedValues(design: RegressionDesign, coefficients: [Double]) -> [Double] {
        let first = design.hasIntercept ? 1 : 0
        var fitted = [Double](repeating: first == 1 ? coefficients[0] : 0, count: design.rows)
        guard design.features.columns > 0 else { return fitted }
        do {
            try Matrix.gemv(design.features, Array(coefficients[first...]), beta: 1, into: &fitted)
        } catch {
            // The shapes were checked, and BLAS took these dimensions during the fit.
            preconditionFailure("LinearRegression.fittedValues: \(error)")
        }
        return fitted
    }

    /// Solves the (weighted, possibly penalized) least-squares problem. A ridge penalty is a
    /// least-squares problem on the design stacked over `√λ·I` rows for the feature columns
    /// (Tikhonov's augmentation), so the same accurate solver serves both.
    private static func solve(design: RegressionDesign, matrix: Matrix, response: [Double],
                              options: Options) throws -> LeastSquaresSolution {
        guard options.ridgePenalty > 0 else {
            return try LeastSquares.fit(design: matrix, response: response, method: options.method,
                                        weights: design.weights)
        }
        let n = matrix.rows, p = matrix.columns
        let first = design.hasIntercept ? 1 : 0
        let extra = p - first
        var augmented = Matrix(rows: n + extra, columns: p)
        let root = options.ridgePenalty.squareRoot()
        for j in 0..<p {
            let source = j * n, target = j * (n + extra)
            for i in 0..<n { augmented.storage[target + i] = matrix.storage[source + i] }
            if j >= first { augmented.storage[target + n + (j - first)] = root }
        }
        let augmentedResponse = response + [Double](repeating: 0, count: extra)
        let augmentedWeights = design.weights.map { $0 + [Double](repeating: 1, count: extra) }
        return try LeastSquares.fit(design: augmented, response: augmentedResponse, method: options.method,
                                    weights: augmentedWeights)
    }

    /// `XᵀWX` by `dsyrk` on the `√w`-scaled rows.
    static func weightedGram(_ matrix: Matrix, weights: [Double]?) throws -> Matrix {
        guard let weights else { return try matrix.gram() }
        return try scaledRows(matrix, by: weights.map { $0.squareRoot() }).gram()
    }

    /// `diag(s)·X`.
    static func scaledRows(_ x: Matrix, by s: [Double]) -> Matrix {
        var scaled = x
        let n = x.rows
        scaled.storage.withUnsafeMutableBufferPointer { buffer in
            for j in 0..<x.columns {
                let base = j * n
                for i in 0..<n { buffer[base + i] *= s[i] }
            }
        }
        return scaled
    }
}
