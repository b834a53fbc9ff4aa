/// A forecasting method chosen by value, so that backtests and batches can run any of them.
public enum ForecastMethod: Sendable, Hashable, CustomStringConvertible {
    /// ETS selected by AICc (``AutoETS``).
    case autoETS
    /// One fixed ETS model, fitted by maximum likelihood.
    case ets(ETSSpecification)
    /// A baseline (mean, naive, seasonal naive, drift).
    case baseline(BaselineMethod)
    /// Seasonal regression (trend + seasonal terms, no external regressors).
    case seasonalRegression(SeasonalRegression.Options)
    /// Seasonal ARIMA selected by AICc (``AutoARIMA``).
    case autoARIMA
    /// The best of the four theta models (``Theta``).
    case theta
    /// The mean of the members' forecasts (``CombinedForecast``; default AutoETS, AutoARIMA, Theta).
    case combination([ForecastMethod])

    public var description: String {
        switch self {
        case .autoETS: return "auto-ets"
        case let .ets(spec): return spec.description
        case let .baseline(b): return b.rawValue
        case .seasonalRegression: return "regression"
        case .autoARIMA: return "auto-arima"
        case .theta: return "theta"
        case let .combination(members): return "combination(" + members.map(\.description).joined(separator: ",") + ")"
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
    ) throws -> Forecast {
        switch self {
        case .autoETS:
            return try AutoETS.forecast(values, seasonalPeriod: seasonalPeriod, horizon: horizon, levels: levels, seed: seed)
        case let .ets(spec):
            try validateHorizon(horizon, levels: levels)
            return try ETSModel.fit(values, seasonalPeriod: seasonalPeriod, specification: spec)
                .forecast(horizon: horizon, levels: levels, seed: seed)
        case let .baseline(b):
            return try BaselineForecast.forecast(values, method: b, seasonalPeriod: seasonalPeriod, horizon: horizon, levels: levels)
        case let .seasonalRegression(options):
            return try SeasonalRegression.fit(values, seasonalPeriod: seasonalPeriod, options: options)
                .forecast(horizon: horizon, levels: levels)
        case .autoARIMA:
            return try AutoARIMA.forecast(values, seasonalPeriod: seasonalPeriod, horizon: horizon, levels: levels)
        case .theta:
            try validateHorizon(horizon, levels: levels)
            return try Theta.fit(values, seasonalPeriod: seasonalPeriod).forecast(horizon: horizon, levels: levels, seed: seed)
        case let .combination(members):
            return try CombinedForecast.forecast(values, seasonalPeriod: seasonalPeriod, horizon: horizon, levels: levels,
                                                 members: members, seed: seed).forecast
        }
    }
}
