import Foundation

/// A combination of several methods' forecasts: the mean of their point forecasts, with intervals
/// that average the members' bounds level by level.
///
/// Averaging quantiles ("Vincentization") gives the interval of a forecaster whose errors are the
/// members' errors made comonotone; it is at least as wide as the tightest member and is the stated
/// interval method of the combination (its coverage on real series is in BENCHMARKS.md). A member
/// that fails (too short, constant, …) is left out and named in ``Result/excluded``; the combination
/// fails only when every member fails.
public enum CombinedForecast {
    /// The default members: AutoETS, AutoARIMA and AutoTheta (the M4 benchmark trio).
    public static let defaultMembers: [ForecastMethod] = [.autoETS, .autoARIMA, .theta]

    /// The combination and its members.
    public struct Result: Sendable {
        /// The combined forecast.
        public var forecast: Forecast
        /// Each member's forecast that succeeded.
        public var members: [Forecast]
        /// Members that failed, with the reason.
        public var excluded: [String]
    }

    /// Forecasts with every member and combines them.
    /// - Parameters:
    ///   - values: The series.
    ///   - seasonalPeriod: m.
    ///   - horizon: Steps ahead.
    ///   - levels: Interval coverages in percent.
    ///   - members: The methods combined (no nested combinations).
    ///   - seed: Seed for simulated member intervals.
    /// - Returns: The combination.
    /// - Throws: ``ForecastError/invalidHorizon(_:)``, ``ForecastError/noModelFitted(reasons:)`` when
    ///   every member fails.
    /// - Complexity: the sum of the members' costs.
    public static func forecast(
        _ values: [Double], seasonalPeriod: Int, horizon: Int, levels: [Double] = [80, 95],
        members: [ForecastMethod] = defaultMembers, seed: UInt64 = 42
    ) throws -> Result {
        try validateHorizon(horizon, levels: levels)
        var fitted: [Forecast] = []
        var excluded: [String] = []
        for method in members {
            if case .combination = method { continue }
            do {
                let f = try method.forecast(values, seasonalPeriod: seasonalPeriod, horizon: horizon, levels: levels, seed: seed)
                if f.mean.allSatisfy(\.isFinite) { fitted.append(f) } else { excluded.append("\(method): forecast not finite") }
            } catch {
                excluded.append("\(method): \(error)")
            }
        }
        guard !fitted.isEmpty else { throw ForecastError.noModelFitted(reasons: excluded) }
        let k = Double(fitted.count)
        var mean = [Double](repeating: 0, count: horizon)
        for f in fitted { for h in 0..<horizon { mean[h] += f.mean[h] / k } }
        var intervals: [PredictionInterval] = []
        for level in levels {
            var lo = [Double](repeating: 0, count: horizon), hi = lo
            for f in fitted {
                guard let band = f.interval(level: level) else { continue }
                for h in 0..<horizon { lo[h] += band.lower[h] / k; hi[h] += band.upper[h] / k }
            }
            intervals.append(PredictionInterval(level: level, lower: lo, upper: hi))
        }
        let name = "Combination(" + fitted.map(\.model).joined(separator: ", ") + ")"
        let method: IntervalMethod = fitted.allSatisfy { $0.intervalMethod == .analytic } ? .analytic : .simulated
        return Result(forecast: Forecast(model: name, mean: mean, intervals: intervals, intervalMethod: method),
                      members: fitted, excluded: excluded)
    }
}
