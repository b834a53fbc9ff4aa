/// A forecasting method chosen by value, so that backtests and batches can run any of them.
public enum ForecastMethod: Sendable, Hashable, CustomStringConvertible {
    /// ETS selected by AICc (``AutoETS``).
    case autoETS
    /// One fixed ETS model, fitted by maximum likelihood.
    case ets(ETSSpecification)
    /// A baseline (mean, naive, seasonal naive, drift).
    case baseline(BaselineMethod)

    public var description: String {
        switch self {
        case .autoETS: return "auto-ets"
        case let .ets(spec): return spec.description
        case let .baseline(b): return b.rawValue
        }
    }

    /// Fits the method to `values` and forecasts `horizon` steps.
    /// - Parameters:
    ///   - values: The series (no NaN).
    ///   - seasonalPeriod: m (1 for none).
    ///   - horizon: Steps ahead ≥ 1.
    ///   - levels: Interval coverages in percent.
    ///   - seed: Seed for simulated intervals.
    /// - Returns: The forecast.
    /// - Throws: The method's ``ForecastError``.
    /// - Complexity: That of the method.
    public func forecast(
        _ values: [Double], seasonalPeriod: Int, horizon: Int, levels: [Double] = [80, 95], seed: UInt64 = 42
    ) throws(ForecastError) -> Forecast {
        switch self {
        case .autoETS:
            return try AutoETS.forecast(values, seasonalPeriod: seasonalPeriod, horizon: horizon, levels: levels, seed: seed)
        case let .ets(spec):
            try validateHorizon(horizon, levels: levels)
            return try ETSModel.fit(values, seasonalPeriod: seasonalPeriod, specification: spec)
                .forecast(horizon: horizon, levels: levels, seed: seed)
        case let .baseline(b):
            return try BaselineForecast.forecast(values, method: b, seasonalPeriod: seasonalPeriod, horizon: horizon, levels: levels)
        }
    }
}
