/// Accuracy of point predictions against actual values (for forecast backtests with interval
/// coverage see `ForecastAccuracy`).
///
/// Percentages (`mape`, `smape`, `wape`) are in percent. Signs: `bias` is mean(predicted − actual),
/// positive when the predictions are too high.
public struct PredictionAccuracy: Sendable, Equatable {
    /// Number of (actual, predicted) pairs.
    public var count: Int
    /// `1 − Σ(a − f)² / Σ(a − ā)²`; NaN when the actuals are constant.
    public var rSquared: Double
    /// Mean absolute error.
    public var meanAbsoluteError: Double
    /// Root mean squared error.
    public var rootMeanSquaredError: Double
    /// Mean absolute percentage error `100/m · Σ |a − f|/|a|` over the `m` pairs with a non-zero
    /// actual; nil when every actual is zero. The excluded pairs are listed in `zeroActualRows`.
    public var meanAbsolutePercentageError: Double?
    /// The 0-based rows whose actual is zero, left out of the MAPE (never dropped silently).
    public var zeroActualRows: [Int]
    /// Symmetric MAPE with the factor 2, `100/n · Σ 2|a − f| / (|a| + |f|)`, in [0, 200]; a pair
    /// with `a = f = 0` contributes 0.
    public var symmetricMAPE: Double
    /// Weighted absolute percentage error `100 · Σ|a − f| / Σ|a|`; nil when every actual is zero.
    public var weightedAPE: Double?
    /// Mean absolute scaled error: MAE divided by the in-sample MAE of the seasonal naive forecast
    /// on the training series (Hyndman & Koehler 2006); nil when no training series was given.
    public var meanAbsoluteScaledError: Double?
    /// Mean error `mean(f − a)`.
    public var bias: Double
}

/// Regression and forecast accuracy metrics.
public enum RegressionMetrics {
    /// Computes every metric of `PredictionAccuracy` in one pass.
    ///
    /// - Parameters:
    ///   - actual: The observed values.
    ///   - predicted: One prediction per actual.
    ///   - training: The in-sample series the forecast was built on, for MASE (optional).
    ///   - seasonalPeriod: The season length `m` of MASE's naive benchmark (1: the random walk).
    /// - Returns: The metrics.
    /// - Throws: `ModelError.emptyInput`, `.dimensionMismatch`, `.nonFiniteValue` (naming `actual`,
    ///   `predicted` or `training` and the row), `.invalidParameter` when `seasonalPeriod < 1`, when
    ///   the training series has no more than `seasonalPeriod` values, or when its seasonal
    ///   differences are all zero (MASE's scale would be 0).
    /// - Complexity: O(n + training count).
    public static func evaluate(
        actual: [Double], predicted: [Double], training: [Double]? = nil, seasonalPeriod: Int = 1
    ) throws -> PredictionAccuracy {
        try MetricInput.paired(actual: actual, predicted: predicted, context: "RegressionMetrics.evaluate")
        let n = Double(actual.count)
        var sums = PointErrorSums()
        var squareSum = 0.0
        var zeroRows: [Int] = []
        let mean = actual.reduce(0, +) / n
        var total = 0.0
        for i in actual.indices {
            let a = actual[i], f = predicted[i], e = f - a
            sums.add(actual: a, forecast: f)
            squareSum += e * e
            total += (a - mean) * (a - mean)
            if a == 0 { zeroRows.append(i) }
        }
        let mae = sums.absoluteErrorSum / n
        var mase: Double?
        if let training {
            mase = try meanAbsoluteScaledError(meanAbsoluteError: mae, training: training,
                                               seasonalPeriod: seasonalPeriod)
        }
        return PredictionAccuracy(
            count: actual.count,
            rSquared: total > 0 ? 1 - squareSum / total : .nan,
            meanAbsoluteError: mae,
            rootMeanSquaredError: (squareSum / n).squareRoot(),
            meanAbsolutePercentageError: sums.meanAbsolutePercentageError,
            zeroActualRows: zeroRows,
            symmetricMAPE: sums.symmetricMAPE ?? .nan,
            weightedAPE: sums.weightedAPE,
            meanAbsoluteScaledError: mase,
            bias: sums.bias ?? .nan)
    }

    /// MASE's scaling: `mae / mean|yₜ − yₜ₋ₘ|` over the training series.
    private static func meanAbsoluteScaledError(meanAbsoluteError mae: Double, training: [Double],
                                                seasonalPeriod m: Int) throws -> Double {
        guard m >= 1 else {
            throw ModelError.invalidParameter(name: "seasonalPeriod", value: Double(m), reason: "must be at least 1")
        }
        guard training.count > m else {
            throw ModelError.invalidParameter(name: "training count", value: Double(training.count),
                                              reason: "MASE needs more than seasonalPeriod (\(m)) training values")
        }
        for (i, value) in training.enumerated() where !value.isFinite {
            throw ModelError.nonFiniteValue(what: "training", row: i, value: value)
        }
        let scale = PointErrorSums.naiveScale(training, lag: m)
        guard scale > 0 else {
            throw ModelError.invalidParameter(name: "training", value: 0,
                                              reason: "the seasonal naive forecast is exact in sample (scale 0), so MASE is undefined")
        }
        return mae / scale
    }
}
