/// Automatic ETS model selection by AICc, as R `forecast::ets` and statsforecast `AutoETS` do.
public enum AutoETS {
    /// A candidate that was not fitted, with the reason.
    public struct Exclusion: Sendable, Hashable, CustomStringConvertible {
        /// The candidate model.
        public var specification: ETSSpecification
        /// Why it was skipped or failed.
        public var reason: String
        public var description: String { "\(specification): \(reason)" }
    }

    /// The outcome of a selection.
    public struct Selection: Sendable {
        /// The fit with the smallest AICc.
        public var best: ETSFit
        /// Every candidate fitted, in candidate order, with its AICc.
        public var candidates: [ETSFit]
        /// Candidates not fitted (multiplicative components on non-positive data, too short series,
        /// failed fits), with reasons.
        public var excluded: [Exclusion]
        /// Set when seasonal models were dropped because the series is shorter than two seasons
        /// (or m < 2): the reason, else nil.
        public var seasonalFallbackReason: String?
    }

    /// Fits every admissible candidate and returns the one with the smallest AICc.
    ///
    /// Candidates: error {A, M} × trend {N, A, Ad} × season {N, A, M} without additive error with
    /// multiplicative season (R's `restrict = TRUE`; multiplicative trends are not offered, as in R's
    /// and statsforecast's defaults). Multiplicative components need strictly positive data; for other
    /// data they are excluded and listed in ``Selection/excluded``. Seasonal candidates need at least
    /// two full seasons; a shorter series falls back to non-seasonal candidates with the reason in
    /// ``Selection/seasonalFallbackReason``.
    /// - Parameters:
    ///   - values: The series (no NaN).
    ///   - seasonalPeriod: m (1 for none).
    ///   - candidates: Restrict the search to these models (default all of the above).
    ///   - options: Optimizer settings for each fit.
    /// - Returns: The selection.
    /// - Throws: ``ForecastError/gaps(positions:)``, ``ForecastError/seriesTooShort(model:length:minimum:)``
    ///   when even ETS(A,N,N) cannot be fitted, ``ForecastError/noModelFitted(reasons:)`` if every fit failed.
    /// - Complexity: up to 15 maximum-likelihood fits, each O(n · p) per optimizer iteration.
    public static func select(
        _ values: [Double], seasonalPeriod: Int, candidates: [ETSSpecification]? = nil,
        options: ETSFitOptions = .init()
    ) throws -> Selection {
        try validateFinite(values)
        let n = values.count
        let simplest = ETSSpecification(error: .additive, trend: .none, season: .none)
        let minimum = ETSModel.minimumLength(for: simplest, seasonalPeriod: 1)
        if n < minimum { throw ForecastError.seriesTooShort(model: "AutoETS", length: n, minimum: minimum) }
        var fallback: String? = nil
        var seasonal = seasonalPeriod > 1
        if seasonalPeriod > 1 && n < 2 * seasonalPeriod {
            seasonal = false
            fallback = "series has \(n) values, fewer than two seasons (\(2 * seasonalPeriod)) of period \(seasonalPeriod): only non-seasonal models considered"
        }
        let positive = values.allSatisfy { $0 > 0 }
        var fits: [ETSFit] = []
        var excluded: [Exclusion] = []
        for spec in candidates ?? ETSSpecification.candidates(seasonal: seasonal) {
            if spec.hasSeason && !seasonal {
                excluded.append(.init(specification: spec, reason: fallback ?? "seasonal period \(seasonalPeriod) < 2"))
                continue
            }
            if spec.hasMultiplicativeComponent && !positive {
                excluded.append(.init(specification: spec, reason: "data not strictly positive"))
                continue
            }
            let needed = ETSModel.minimumLength(for: spec, seasonalPeriod: seasonalPeriod)
            if n < needed {
                excluded.append(.init(specification: spec, reason: "needs \(needed) values, has \(n)"))
                continue
            }
            do {
                let fit = try ETSModel.fit(values, seasonalPeriod: seasonalPeriod, specification: spec, options: options)
                fits.append(fit)
            } catch {
                excluded.append(.init(specification: spec, reason: "\(error)"))
            }
        }
        guard var best = fits.first else {
            throw ForecastError.noModelFitted(reasons: excluded.map(\.description))
        }
        for f in fits.dropFirst() where f.aicc < best.aicc { best = f }
        return Selection(best: best, candidates: fits, excluded: excluded, seasonalFallbackReason: fallback)
    }

    /// Selects a model by AICc and forecasts with it.
    /// - Parameters:
    ///   - values: The series (no NaN).
    ///   - seasonalPeriod: m (1 for none).
    ///   - horizon: Steps ahead.
    ///   - levels: Interval coverages in percent.
    ///   - seed: Seed for simulated intervals.
    /// - Returns: The forecast of the selected model (its name in ``Forecast/model``).
    /// - Throws: As ``select(_:seasonalPeriod:candidates:options:)`` and ``ETSFit/forecast(horizon:levels:simulationPaths:seed:)``.
    /// - Complexity: As ``select(_:seasonalPeriod:candidates:options:)`` plus the forecast.
    public static func forecast(
        _ values: [Double], seasonalPeriod: Int, horizon: Int, levels: [Double] = [80, 95], seed: UInt64 = 42
    ) throws -> Forecast {
        try validateHorizon(horizon, levels: levels)
        return try select(values, seasonalPeriod: seasonalPeriod).best.forecast(horizon: horizon, levels: levels, seed: seed)
    }
}
