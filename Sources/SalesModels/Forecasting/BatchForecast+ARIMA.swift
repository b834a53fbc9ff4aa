extension BatchForecast {
    /// Runs AutoARIMA model selection on every series, in parallel, keeping the search's candidates.
    ///
    /// Use it when the chosen order, its AICc or the candidates are needed next to the forecast
    /// (``AutoARIMA/Selection/best`` forecasts with ``ARIMAFit/forecast(horizon:levels:)``).
    /// - Parameters:
    ///   - series: The series.
    ///   - seasonalPeriod: m, shared.
    ///   - options: Search settings for each series.
    /// - Returns: One selection or error per series, in input order.
    /// - Complexity: series × (the stepwise search's fits) / cores.
    public static func selectAutoARIMA(
        _ series: [[Double]], seasonalPeriod: Int, options: AutoARIMA.Options = .init()
    ) -> [Result<AutoARIMA.Selection, ForecastError>] {
        map(series) { _, values in
            do {
                return .success(try AutoARIMA.select(values, seasonalPeriod: seasonalPeriod, options: options))
            } catch {
                return .failure(ForecastError.wrapping(error))
            }
        }
    }
}
