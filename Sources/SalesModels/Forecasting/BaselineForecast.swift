import Foundation
import SalesNumerics

/// The simple benchmark forecasts of Hyndman & Athanasopoulos, *Forecasting: Principles and
/// Practice* (3rd ed., fpp3), §5.2 and §5.5.
public enum BaselineMethod: String, Sendable, Hashable, CaseIterable, Codable {
    /// The sample mean.
    case mean
    /// The last value.
    case naive
    /// The value one season earlier.
    case seasonalNaive = "seasonal-naive"
    /// The last value plus the average change (a line through the first and last values).
    case drift
}

/// Baseline forecasts with normal prediction intervals.
public enum BaselineForecast {
    /// Forecasts with a baseline method.
    ///
    /// Intervals ŷ ± z·σ̂_h with the h-step standard deviations of fpp3 table 5.2 (T observations):
    /// mean σ̂√(1 + 1/T); naive σ̂√h; seasonal naive σ̂√(k + 1) with k = ⌊(h − 1)/m⌋;
    /// drift σ̂√(h(1 + h/(T − 1))). σ̂ is the residual standard deviation: for the mean the sample
    /// standard deviation (T − 1 divisor); for the others √(Σe²/(number of residuals − K)),
    /// K = 1 for drift (its slope) and 0 otherwise, as fable computes it.
    /// - Parameters:
    ///   - values: The series (no NaN).
    ///   - method: The baseline.
    ///   - seasonalPeriod: m (needed for seasonal naive).
    ///   - horizon: Steps ahead ≥ 1.
    ///   - levels: Interval coverages in percent.
    /// - Returns: The forecast (model name = the method's raw value).
    /// - Throws: ``ForecastError/gaps(positions:)``, ``ForecastError/seriesTooShort(model:length:minimum:)``
    ///   (mean 2, naive 2, drift 3, seasonal naive m + 1 values), ``ForecastError/invalidHorizon(_:)``.
    /// - Complexity: O(n + h).
    public static func forecast(
        _ values: [Double], method: BaselineMethod, seasonalPeriod: Int = 1, horizon: Int,
        levels: [Double] = [80, 95]
    ) throws -> Forecast {
        try validateHorizon(horizon, levels: levels)
        try validateFinite(values)
        let n = values.count
        let m = max(seasonalPeriod, 1)
        let minimum: Int
        switch method {
        case .mean, .naive: minimum = 2
        case .drift: minimum = 3
        case .seasonalNaive: minimum = m + 1
        }
        if n < minimum { throw ForecastError.seriesTooShort(model: method.rawValue, length: n, minimum: minimum) }
        var mean = [Double](repeating: 0, count: horizon)
        var sd = [Double](repeating: 0, count: horizon)
        let nd = Double(n)
        switch method {
        case .mean:
            let avg = values.reduce(0, +) / nd
            let s2 = values.reduce(0) { $0 + ($1 - avg) * ($1 - avg) } / (nd - 1)
            for h in 0..<horizon { mean[h] = avg; sd[h] = (s2 * (1 + 1 / nd)).squareRoot() }
        case .naive:
            var ss = 0.0
            for t in 1..<n { let e = values[t] - values[t - 1]; ss += e * e }
            let sigma = (ss / Double(n - 1)).squareRoot()
            for h in 0..<horizon { mean[h] = values[n - 1]; sd[h] = sigma * Double(h + 1).squareRoot() }
        case .seasonalNaive:
            var ss = 0.0
            for t in m..<n { let e = values[t] - values[t - m]; ss += e * e }
            let sigma = (ss / Double(n - m)).squareRoot()
            for h in 0..<horizon {
                let k = h / m
                mean[h] = values[n - m + (h % m)]
                sd[h] = sigma * Double(k + 1).squareRoot()
            }
        case .drift:
            let slope = (values[n - 1] - values[0]) / (nd - 1)
            var ss = 0.0
            for t in 1..<n { let e = values[t] - values[t - 1] - slope; ss += e * e }
            let sigma = (ss / Double(n - 2)).squareRoot()
            for h in 0..<horizon {
                let hd = Double(h + 1)
                mean[h] = values[n - 1] + hd * slope
                sd[h] = sigma * (hd * (1 + hd / (nd - 1))).squareRoot()
            }
        }
        let bands = levels.map { level -> PredictionInterval in
            let z = Normal.standard.quantile(0.5 + level / 200)
            return PredictionInterval(level: level, lower: zip(mean, sd).map { $0 - z * $1 },
                                      upper: zip(mean, sd).map { $0 + z * $1 })
        }
        return Forecast(model: method.rawValue, mean: mean, intervals: bands, intervalMethod: .analytic)
    }
}
