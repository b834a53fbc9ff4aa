import SalesNumerics

/// Forecasting many series in one call on ``Parallelism/workers`` threads.
public enum BatchForecast {
    /// Forecasts every series with one method, in parallel.
    ///
    /// Series are handed to ``Parallelism/workers`` threads one at a time (SalesNumerics' `Parallel`);
    /// results come back in input order, and a failing series yields its ``ForecastError`` in its slot without stopping the others.
    /// Results are identical to forecasting the series one by one (the same `seed` is used per series).
    /// - Parameters:
    ///   - series: The series.
    ///   - seasonalPeriod: m, shared.
    ///   - horizon: Steps ahead.
    ///   - method: The method (default AutoETS).
    ///   - levels: Interval coverages in percent.
    ///   - seed: Seed for simulated intervals.
    /// - Returns: One result per series, in input order.
    /// - Complexity: series × (cost of the method) / workers.
    public static func forecast(
        _ series: [[Double]], seasonalPeriod: Int, horizon: Int, method: ForecastMethod = .autoETS,
        levels: [Double] = [80, 95], seed: UInt64 = 42
    ) -> [Result<Forecast, ForecastError>] {
        map(series) { _, values in
            do {
                return .success(try method.forecast(values, seasonalPeriod: seasonalPeriod, horizon: horizon,
                                                    levels: levels, seed: seed))
            } catch {
                return .failure(ForecastError.wrapping(error))
            }
        }
    }

    /// Runs AutoETS model selection on every series, in parallel, keeping every candidate's fit.
    ///
    /// Use it when the chosen model, its parameters or the candidates' AICc are needed next to the
    /// forecast (``AutoETS/Selection/best`` forecasts with ``ETSFit/forecast(horizon:levels:simulationPaths:seed:)``).
    /// - Parameters:
    ///   - series: The series.
    ///   - seasonalPeriod: m, shared.
    ///   - options: Optimizer settings for each fit.
    /// - Returns: One selection or error per series, in input order.
    /// - Complexity: series × (up to 15 fits) / workers.
    public static func selectAutoETS(
        _ series: [[Double]], seasonalPeriod: Int, options: ETSFitOptions = .init()
    ) -> [Result<AutoETS.Selection, ForecastError>] {
        map(series) { _, values in
            do {
                return .success(try AutoETS.select(values, seasonalPeriod: seasonalPeriod, options: options))
            } catch {
                return .failure(ForecastError.wrapping(error))
            }
        }
    }

    /// Applies `body` to every element on ``Parallelism/workers`` threads, keeping input order.
    static func map<T: Sendable, R>(_ items: [T], _ body: @Sendable (Int, T) -> R) -> [R] {
        Parallel.map(items.count) { i in body(i, items[i]) }
    }
}
