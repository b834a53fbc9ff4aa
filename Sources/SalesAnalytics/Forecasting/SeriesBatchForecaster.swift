import SalesModels
import SalesNumerics
import Synchronization

/// One series' outcome in a batch forecast.
public struct SeriesBatchResult: Sendable {
    /// The series id.
    public var id: String
    /// Labels of the forecast periods (step 1 first); empty on failure.
    public var periods: [String]
    /// The forecast, or nil on failure.
    public var forecast: Forecast?
    /// What was chosen and why, or nil on failure.
    public var report: ForecastReport?
    /// Why the series could not be forecast (too short, constant, gaps, bad rows), else nil.
    public var failure: String?
    /// Notes (gaps filled, …).
    public var notes: [String]
}

/// Forecasts many series at once (the long-format path of `saleskit forecast --series`).
public enum SeriesBatchForecaster {
    /// Forecasts every series with `method` on ``Parallelism/workers`` threads.
    ///
    /// A series that cannot be read or forecast gets its ``SeriesBatchResult/failure`` and the
    /// others go on. Results are in input order and identical to forecasting one series at a time.
    /// - Parameters:
    ///   - series: The series by id, as ``LongSeriesFile/read(_:mapping:skipInvalid:options:)`` returns them.
    ///   - method: The method.
    ///   - horizon: Steps ahead (≥ 1).
    ///   - levels: Interval coverages in percent.
    ///   - seasonalPeriod: m for every series, or nil for each series' frequency default.
    ///   - fillGapsWithZero: Fill missing periods with 0 instead of failing the series.
    ///   - seed: Seed for simulated intervals (the same for every series).
    ///   - progress: Called with the number of series finished so far (from worker threads).
    /// - Returns: One result per series.
    /// - Complexity: series × (cost of the method) / workers.
    public static func forecast(
        _ series: [(id: String, series: Result<PeriodSeries, SalesForecastError>)], method: ForecastMethod,
        horizon: Int, levels: [Double], seasonalPeriod: Int? = nil, fillGapsWithZero: Bool = false, seed: UInt64 = 42,
        progress: (@Sendable (Int) -> Void)? = nil
    ) -> [SeriesBatchResult] {
        let counter = Counter()
        return Parallel.map(series.count) { i in
            let (id, parsed) = series[i]
            defer { progress?(counter.increment()) }
            let s: PeriodSeries
            switch parsed {
            case let .failure(e):
                return SeriesBatchResult(id: id, periods: [], forecast: nil, report: nil, failure: e.description, notes: [])
            case let .success(p): s = p
            }
            var values = s.series.values
            var notes: [String] = []
            let gaps = s.gapLabels
            if !gaps.isEmpty {
                if fillGapsWithZero {
                    for k in values.indices where values[k].isNaN { values[k] = 0 }
                    notes.append("\(gaps.count) missing period(s) filled with 0")
                } else {
                    return SeriesBatchResult(id: id, periods: [], forecast: nil, report: nil,
                                             failure: "missing periods " + gaps.prefix(10).joined(separator: ", ")
                                                + (gaps.count > 10 ? " and \(gaps.count - 10) more" : ""), notes: [])
                }
            }
            let m = seasonalPeriod ?? s.series.seasonalPeriod
            do {
                let (f, r) = try method.forecastWithReport(values, seasonalPeriod: m, horizon: horizon, levels: levels, seed: seed)
                return SeriesBatchResult(id: id, periods: s.futureLabels(horizon), forecast: f, report: r, failure: nil, notes: notes)
            } catch {
                return SeriesBatchResult(id: id, periods: [], forecast: nil, report: nil, failure: "\(error)", notes: notes)
            }
        }
    }
}

/// A thread-safe counter for progress reports.
private final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    func increment() -> Int { value.wrappingAdd(1, ordering: .relaxed).newValue }
}
