/// The running sums behind the point-error measures shared by ``ForecastAccuracy`` (backtest
/// accumulation) and ``PredictionAccuracy`` (one-shot regression metrics): one implementation of
/// MAPE, sMAPE, WAPE, MAE and bias, and of MASE's in-sample scale.
///
/// The error is `e = f − a` (forecast minus actual). Percentages are in percent.
struct PointErrorSums: Sendable {
    /// Pairs added.
    private(set) var count = 0
    /// Pairs with a non-zero actual (the MAPE denominator).
    private(set) var nonZeroActualCount = 0
    private var absolutePercentageErrorSum = 0.0
    private var symmetricPercentageErrorSum = 0.0
    private(set) var absoluteErrorSum = 0.0
    private var absoluteActualSum = 0.0
    private var errorSum = 0.0

    /// Adds one pair.
    /// - Parameters:
    ///   - a: The actual value.
    ///   - f: The forecast or prediction.
    /// - Complexity: O(1).
    mutating func add(actual a: Double, forecast f: Double) {
        let e = f - a
        count += 1
        if a != 0 { absolutePercentageErrorSum += abs(e) / abs(a); nonZeroActualCount += 1 }
        let denominator = abs(a) + abs(f)
        if denominator > 0 { symmetricPercentageErrorSum += 2 * abs(e) / denominator }
        absoluteErrorSum += abs(e)
        absoluteActualSum += abs(a)
        errorSum += e
    }

    /// `100/m · Σ |e|/|a|` over the `m` pairs with a non-zero actual; nil when there are none.
    var meanAbsolutePercentageError: Double? {
        nonZeroActualCount > 0 ? 100 * absolutePercentageErrorSum / Double(nonZeroActualCount) : nil
    }

    /// `100/n · Σ 2|e| / (|a| + |f|)` (pairs with `a = f = 0` contribute 0); nil when empty.
    var symmetricMAPE: Double? { count > 0 ? 100 * symmetricPercentageErrorSum / Double(count) : nil }

    /// `100 · Σ|e| / Σ|a|`; nil when every actual is zero (or there are none).
    var weightedAPE: Double? { absoluteActualSum > 0 ? 100 * absoluteErrorSum / absoluteActualSum : nil }

    /// `Σ|e| / n`; nil when empty.
    var meanAbsoluteError: Double? { count > 0 ? absoluteErrorSum / Double(count) : nil }

    /// `Σe / n` (positive: over-forecasting); nil when empty.
    var bias: Double? { count > 0 ? errorSum / Double(count) : nil }

    /// MASE's scale: the in-sample mean absolute error of the lag-`lag` naive forecast,
    /// `mean|yₜ − yₜ₋ₗₐ₉|` over `t = lag..<y.count`.
    /// - Parameters:
    ///   - y: The training series.
    ///   - lag: The naive forecast's lag (the season length, 1 for the random walk), ≥ 1.
    /// - Returns: The scale; NaN when `y` has no more than `lag` values.
    /// - Complexity: O(y.count).
    static func naiveScale(_ y: [Double], lag: Int) -> Double {
        precondition(lag >= 1, "lag must be at least 1")
        guard y.count > lag else { return .nan }
        var s = 0.0
        for t in lag..<y.count { s += abs(y[t] - y[t - lag]) }
        return s / Double(y.count - lag)
    }
}
