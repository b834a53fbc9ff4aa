import SalesNumerics
/// A prediction at one new row, with its uncertainty.
public struct RegressionPrediction: Sendable, Equatable {
    /// The predicted mean `x₀ᵀβ`.
    public var mean: Double
    /// The standard error of the mean, `√(x₀ᵀ·Cov(β)·x₀)`.
    public var standardError: Double
    /// The confidence interval for the mean response.
    public var confidenceInterval: ConfidenceInterval
    /// The prediction interval for a new observation (unit weight): mean ± t·√(SE² + σ̂²).
    public var predictionInterval: ConfidenceInterval
}

extension LinearRegression {
    /// Predicts the mean response at new rows, with confidence and prediction intervals
    /// (statsmodels' `get_prediction(...).summary_frame`).
    ///
    /// - Parameters:
    ///   - features: An `k × m` matrix with the model's feature columns (no intercept column).
    ///   - level: Confidence level of both intervals, in (0, 1) (default 0.95).
    /// - Returns: One prediction per row.
    /// - Throws: `ModelError.dimensionMismatch` when the column count differs from the model's,
    ///   `.nonFiniteFeature` naming the feature and row, `.invalidParameter` for a level outside (0, 1).
    /// - Complexity: O(k·p²).
    public func predict(_ features: Matrix, level: Double = 0.95) throws -> [RegressionPrediction] {
        guard level > 0, level < 1 else {
            throw ModelError.invalidParameter(name: "level", value: level, reason: "must lie in (0, 1)")
        }
        let x = try newDesign(features)
        let k = x.rows, p = x.columns
        do {
            let means = try x.multiplied(by: coefficients)
            let xc = try x.multiplied(by: covariance)
            let t = InferenceDistributions.tCritical(level: level, df: residualDegreesOfFreedom)
            let variance = residualVariance
            return (0..<k).map { i in
                var v = 0.0
                for j in 0..<p { v += x.storage[i + j * k] * xc.storage[i + j * k] }
                let se = max(v, 0).squareRoot()
                let sePrediction = (se * se + variance).squareRoot()
                return RegressionPrediction(
                    mean: means[i], standardError: se,
                    confidenceInterval: ConfidenceInterval(lower: means[i] - t * se, upper: means[i] + t * se),
                    predictionInterval: ConfidenceInterval(lower: means[i] - t * sePrediction,
                                                           upper: means[i] + t * sePrediction))
            }
        } catch let error as LinearAlgebraError {
            throw ModelError.numerical(error)
        }
    }

    /// The design rows for new features: checks the width and values, adds the intercept column.
    func newDesign(_ features: Matrix) throws -> Matrix {
        guard features.columns == featureNames.count else {
            throw ModelError.dimensionMismatch(context: "LinearRegression.predict: feature columns",
                                               expected: featureNames.count, actual: features.columns)
        }
        if let (i, j) = features.firstNonFinite {
            throw ModelError.nonFiniteFeature(feature: featureNames[j], row: i, value: features[i, j])
        }
        guard design.hasIntercept else { return features }
        var storage = [Double](repeating: 1, count: features.rows)
        storage.append(contentsOf: features.storage)
        return try Matrix(rows: features.rows, columns: features.columns + 1, columnMajor: storage)
    }
}
