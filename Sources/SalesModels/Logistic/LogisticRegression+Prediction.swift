import SalesNumerics
extension LogisticRegression {
    /// The linear predictor `η = xᵀβ + offset` (log-odds) at new rows.
    ///
    /// - Parameters:
    ///   - features: A `k × m` matrix with the model's feature columns (no intercept column).
    ///   - offset: Optional offsets, one per row.
    /// - Returns: `k` log-odds.
    /// - Throws: `ModelError.dimensionMismatch` (columns or offset length), `.nonFiniteFeature`,
    ///   `.nonFiniteValue` (offset).
    /// - Complexity: O(k·p).
    public func linearPredictor(_ features: Matrix, offset: [Double]? = nil) throws -> [Double] {
        guard features.columns == featureNames.count else {
            throw ModelError.dimensionMismatch(context: "LogisticRegression.predict: feature columns",
                                               expected: featureNames.count, actual: features.columns)
        }
        if let (i, j) = features.firstNonFinite {
            throw ModelError.nonFiniteFeature(feature: featureNames[j], row: i, value: features[i, j])
        }
        var eta = offset ?? [Double](repeating: 0, count: features.rows)
        guard eta.count == features.rows else {
            throw ModelError.dimensionMismatch(context: "LogisticRegression.predict: offsets per row",
                                               expected: features.rows, actual: eta.count)
        }
        for (i, value) in eta.enumerated() where !value.isFinite {
            throw ModelError.nonFiniteValue(what: "offset", row: i, value: value)
        }
        do {
            let slopes = hasIntercept ? Array(coefficients.dropFirst()) : coefficients
            if features.columns > 0 { try Matrix.gemv(features, slopes, beta: 1, into: &eta) }
            if hasIntercept { for i in eta.indices { eta[i] += coefficients[0] } }
        } catch let error as LinearAlgebraError {
            throw ModelError.numerical(error)
        }
        return eta
    }

    /// Predicted probabilities `P(y = 1)` at new rows.
    ///
    /// - Parameters:
    ///   - features: A `k × m` matrix with the model's feature columns.
    ///   - offset: Optional offsets, one per row.
    /// - Returns: `k` probabilities in [0, 1], computed without overflow.
    /// - Throws: As `linearPredictor(_:offset:)`.
    /// - Complexity: O(k·p).
    public func predictProbabilities(_ features: Matrix, offset: [Double]? = nil) throws -> [Double] {
        try linearPredictor(features, offset: offset).map(LogisticLikelihood.sigmoid)
    }
}
