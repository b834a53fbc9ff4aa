/// Forecast accuracy measures (fpp3 §5.8). All percentages are in percent.
/// The arithmetic is shared with ``PredictionAccuracy`` (`PointErrorSums`); this type adds the
/// accumulation over backtest origins, per-origin MASE scales and interval coverage.
public struct ForecastAccuracy: Sendable, Hashable, Codable {
    /// Number of (actual, forecast) pairs scored.
    public var count: Int
    /// Mean absolute percentage error, 100·mean|e/y| over pairs with y ≠ 0 (NaN if none).
    public var mape: Double
    /// Symmetric MAPE with factor 2, 100·mean(2|e|/(|y| + |ŷ|)), in [0, 200] (pairs with y = ŷ = 0 count 0).
    public var smape: Double
    /// Weighted absolute percentage error, 100·Σ|e|/Σ|y|.
    public var wape: Double
    /// Mean absolute scaled error: mean|e| divided by the in-sample mean absolute seasonal-naive
    /// (lag m; lag 1 when m = 1) error of the training data (averaged over origins in a backtest).
    public var mase: Double
    /// Mean of ŷ − y (positive: over-forecasting).
    public var bias: Double
    /// Fraction of actuals inside the interval at each requested level, keyed by level (percent).
    public var coverage: [Double: Double]

    /// Accumulates pairs and produces ``ForecastAccuracy``.
    struct Accumulator {
        var sums = PointErrorSums()
        var scaledAbsError = 0.0
        var inside: [Double: Int] = [:]

        mutating func add(actual y: Double, forecast f: Double, scale: Double) {
            sums.add(actual: y, forecast: f)
            scaledAbsError += scale > 0 ? abs(f - y) / scale : .nan
        }

        mutating func add(actual y: Double, band: PredictionInterval, step h: Int) {
            if y >= band.lower[h] && y <= band.upper[h] { inside[band.level, default: 0] += 1 } else { inside[band.level, default: 0] += 0 }
        }

        func result() -> ForecastAccuracy {
            let n = Double(sums.count)
            return ForecastAccuracy(
                count: sums.count,
                mape: sums.meanAbsolutePercentageError ?? .nan,
                smape: sums.symmetricMAPE ?? .nan,
                wape: sums.weightedAPE ?? .nan,
                mase: sums.count > 0 ? scaledAbsError / n : .nan,
                bias: sums.bias ?? .nan,
                coverage: inside.mapValues { Double($0) / max(n, 1) })
        }
    }

    /// Scores one forecast against actuals.
    /// - Parameters:
    ///   - forecast: The forecast (its horizon may exceed `actuals.count`; extra steps are ignored).
    ///   - actuals: The realised values, step 1 first.
    ///   - training: The series the forecast was made from (for the MASE scale).
    ///   - seasonalPeriod: m for the MASE scale.
    /// - Returns: The measures.
    /// - Complexity: O(n + h).
    public static func score(_ forecast: Forecast, actuals: [Double], training: [Double], seasonalPeriod: Int) -> ForecastAccuracy {
        var acc = Accumulator()
        let scale = masScale(training, seasonalPeriod: seasonalPeriod)
        for h in 0..<min(actuals.count, forecast.horizon) {
            acc.add(actual: actuals[h], forecast: forecast.mean[h], scale: scale)
            for band in forecast.intervals { acc.add(actual: actuals[h], band: band, step: h) }
        }
        return acc.result()
    }

    /// Mean absolute lag-m difference of the training data (lag 1 if m = 1 or the data is too short).
    static func masScale(_ y: [Double], seasonalPeriod m: Int) -> Double {
        PointErrorSums.naiveScale(y, lag: m > 1 && y.count > m ? m : 1)
    }
}
