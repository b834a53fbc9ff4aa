/// What a method chose and why, next to its forecast (for reports and JSON output).
public struct ForecastReport: Sendable, Hashable, Codable {
    /// The model that produced the forecast (e.g. `ARIMA(1,1,0)(0,1,1)[12]`, `ETS(M,Ad,M)`).
    public var model: String
    /// Its AICc when the method selects by AICc (ETS, ARIMA), else nil.
    public var aicc: Double?
    /// Fitted parameters by name.
    public var parameters: [String: Double]
    /// Candidates considered, with their criterion.
    public var candidates: [String]
    /// Candidates or members left out, with the reason.
    public var excluded: [String]
    /// How the model was chosen.
    public var reason: String
}

extension ForecastMethod {
    /// Forecasts like ``forecast(_:seasonalPeriod:horizon:levels:seed:)`` and reports the choice.
    /// - Parameters:
    ///   - values: The series (no NaN).
    ///   - seasonalPeriod: m.
    ///   - horizon: Steps ahead.
    ///   - levels: Interval coverages in percent.
    ///   - seed: Seed for simulated intervals.
    /// - Returns: The forecast and the report.
    /// - Throws: The method's ``ForecastError``.
    /// - Complexity: That of the method.
    public func forecastWithReport(
        _ values: [Double], seasonalPeriod: Int, horizon: Int, levels: [Double] = [80, 95], seed: UInt64 = 42
    ) throws -> (forecast: Forecast, report: ForecastReport) {
        try validateHorizon(horizon, levels: levels)
        switch self {
        case .autoETS:
            let sel = try AutoETS.select(values, seasonalPeriod: seasonalPeriod)
            let f = try sel.best.forecast(horizon: horizon, levels: levels, seed: seed)
            let p = sel.best.parameters
            var params = ["alpha": p.alpha, "initialLevel": p.initialLevel]
            if sel.best.specification.trend != .none { params["beta"] = p.beta; params["initialTrend"] = p.initialTrend }
            if sel.best.specification.hasSeason { params["gamma"] = p.gamma }
            if sel.best.specification.trend == .additiveDamped { params["phi"] = p.phi }
            params["sigma2"] = sel.best.sigma2
            return (f, ForecastReport(
                model: f.model, aicc: sel.best.aicc, parameters: params,
                candidates: sel.candidates.map { "\($0.specification): AICc \($0.aicc)" },
                excluded: sel.excluded.map(\.description) + (sel.seasonalFallbackReason.map { [$0] } ?? []),
                reason: "smallest AICc among \(sel.candidates.count) ETS models"))
        case .autoARIMA:
            let sel = try AutoARIMA.select(values, seasonalPeriod: seasonalPeriod)
            let f = try sel.best.forecast(horizon: horizon, levels: levels)
            var params: [String: Double] = [:]
            for (k, v) in sel.best.parameters { params[k] = v }
            return (f, ForecastReport(
                model: f.model, aicc: sel.best.aicc, parameters: params,
                candidates: sel.candidates.filter { $0.rejection == nil }.map(\.description),
                excluded: sel.candidates.filter { $0.rejection != nil }.map(\.description),
                reason: "\(sel.differencingReason); stepwise search by AICc over \(sel.candidates.count) models"
                    + (sel.approximated ? " (CSS approximation, best refitted by exact ML)" : "")))
        case .theta:
            let fit = try Theta.fit(values, seasonalPeriod: seasonalPeriod)
            let f = try fit.forecast(horizon: horizon, levels: levels, seed: seed)
            return (f, ForecastReport(
                model: f.model, aicc: nil,
                parameters: ["alpha": fit.alpha, "theta": fit.theta, "initialLevel": fit.initialLevel, "sigma": fit.sigma],
                candidates: [], excluded: [],
                reason: "smallest in-sample criterion Σe²/mean|y| among the theta variants"
                    + (fit.seasonalForecast.isEmpty ? "" : "; seasonal at lag \(seasonalPeriod) by the autocorrelation test, deseasonalized")))
        case let .combination(members):
            let r = try CombinedForecast.forecast(values, seasonalPeriod: seasonalPeriod, horizon: horizon, levels: levels,
                                                  members: members, seed: seed)
            var excluded = r.excluded
            if values.contains(where: { $0 <= 0 }) {
                excluded.append("multiplicative ETS models and theta's multiplicative seasonal decomposition: data not strictly positive")
            }
            return (r.forecast, ForecastReport(
                model: r.forecast.model, aicc: nil, parameters: [:], candidates: r.members.map(\.model),
                excluded: excluded,
                reason: "mean of the members' point forecasts; intervals average the members' bounds"))
        default:
            let f = try forecast(values, seasonalPeriod: seasonalPeriod, horizon: horizon, levels: levels, seed: seed)
            return (f, ForecastReport(model: f.model, aicc: nil, parameters: [:], candidates: [], excluded: [],
                                      reason: "the method asked for"))
        }
    }
}
