import SalesData
import SalesModels
/// Which model forecasts a revenue series.
public enum RevenueModelChoice: Sendable, Hashable, CustomStringConvertible {
    /// SalesModels' ``ForecastMethod/automatic``: AutoETS (selection by AICc), the most accurate of
    /// SalesKit's methods on real series (BENCHMARKS.md), scored by a rolling-origin backtest that
    /// re-selects at every origin; the naive forecast when the series is too short for any ETS model.
    case auto
    /// ETS: one fixed model, or `nil` for AutoETS (selection by AICc).
    case ets(ETSSpecification?)
    /// A baseline.
    case baseline(BaselineMethod)
    /// Seasonal regression: trend + seasonal dummies or Fourier terms (``SeasonalRegression``).
    case regression(SeasonalRegression.Options)
    /// Any other SalesModels method: AutoARIMA, Theta, a combination.
    case method(ForecastMethod)

    public var description: String {
        switch self {
        case let .method(m): return m.description
        case .auto: return "auto"
        case let .ets(spec): return spec?.description ?? "ets"
        case let .baseline(b): return b.rawValue
        case .regression: return "regression"
        }
    }
}

/// Where reported accuracy comes from.
public enum AccuracySource: String, Sendable, Hashable, Codable {
    /// Rolling-origin backtest (out of sample).
    case backtest
    /// One-step-ahead fitted values on the history (in sample; optimistic).
    case inSample = "in-sample"
}

/// Settings of a revenue forecast.
public struct RevenueForecastOptions: Sendable, Hashable {
    /// Periods to forecast (≥ 1).
    public var horizon: Int
    /// The model.
    public var model: RevenueModelChoice
    /// Interval levels in percent.
    public var levels: [Double]
    /// Run a rolling-origin backtest and report its accuracy (``RevenueModelChoice/auto`` always does).
    public var backtest: Bool
    /// Missing periods: filled with zero (reported in notes) or an error listing them.
    public var gaps: GapPolicy
    /// Periods per season; `nil` uses the frequency's default (12 monthly, 4 quarterly, 7 daily, 52 weekly).
    public var seasonalPeriod: Int?
    /// Seed for simulated intervals.
    public var seed: UInt64
    /// Forecasts from orders: keep a last period that the data cover only in part (default false:
    /// it is left out, and a note says so; see `PeriodCoverage`).
    public var includePartial: Bool = false

    /// Creates options.
    /// - Parameters:
    ///   - horizon: Periods ahead.
    ///   - model: The model (default ``RevenueModelChoice/ets(_:)`` with AutoETS).
    ///   - levels: Interval levels (default 80, 95).
    ///   - backtest: Whether to backtest (default false).
    ///   - gaps: Gap policy (default: report them as an error).
    ///   - seasonalPeriod: Season length override.
    ///   - seed: Simulation seed.
    public init(horizon: Int, model: RevenueModelChoice = .ets(nil), levels: [Double] = [80, 95], backtest: Bool = false,
                gaps: GapPolicy = .keepMissing, seasonalPeriod: Int? = nil, seed: UInt64 = 42) {
        self.horizon = horizon
        self.model = model
        self.levels = levels
        self.backtest = backtest
        self.gaps = gaps
        self.seasonalPeriod = seasonalPeriod
        self.seed = seed
    }
}

/// A revenue forecast with its provenance.
public struct RevenueForecast: Sendable {
    /// The history forecast from (after gap filling / partial-period removal).
    public var history: PeriodSeries
    /// Labels of the forecast periods.
    public var periods: [String]
    /// Point forecasts and intervals (its ``Forecast/model`` names the model used).
    public var forecast: Forecast
    /// Accuracy measures (see ``accuracySource``); `nil` if they could not be computed.
    public var accuracy: ForecastAccuracy?
    /// Where ``accuracy`` comes from.
    public var accuracySource: AccuracySource?
    /// Every method's backtest when one was run (for ``RevenueModelChoice/auto``: all candidates).
    public var backtests: [BacktestResult]
    /// The ETS fit when the model is ETS (for simulated paths).
    public var etsFit: ETSFit?
    /// What was adjusted or excluded on the way (gaps filled, models excluded, fall-backs).
    public var notes: [String]
    /// The label of a partial last period that was left out of ``history`` (forecasts from orders
    /// without ``RevenueForecastOptions/includePartial``), or `nil`.
    public var excludedPartialPeriod: String? = nil

    /// The model name.
    public var model: String { forecast.model }
}

/// Revenue forecasting: a series (or orders) → model → forecast with intervals and accuracy.
public enum RevenueForecaster {
    /// Forecasts a labelled series.
    ///
    /// Backtest design (documented contract): k = min(12, max(1, ⌊n/4⌋)) origins at training lengths
    /// n − k, …, n − 1 (expanding window, step 1), each forecasting min(horizon, k) steps and scored on
    /// the actuals that exist; MAPE, sMAPE, MASE pooled over all (origin, step) pairs. Without a
    /// backtest, accuracy is in sample: one-step-ahead fitted values of the model on the history
    /// (ETS: the filter's fitted values; naive y[t−1]; seasonal naive y[t−m]; drift y[t−1] + slope;
    /// mean: the sample mean).
    /// If AutoETS cannot fit even ETS(A,N,N) (series too short), the naive forecast is used instead
    /// and a note says so (also for ``RevenueModelChoice/auto``, which is AutoETS). Members of a
    /// combination that fail are left out and named in the notes.
    /// - Parameters:
    ///   - series: The history (NaN = missing period).
    ///   - options: Horizon, model, levels, backtest, gap policy.
    /// - Returns: The forecast.
    /// - Throws: ``SalesForecastError/gaps(periods:)`` with ``GapPolicy/keepMissing`` when periods are missing;
    ///   ``SalesForecastError/forecast(_:)`` when the model cannot fit (e.g. a multiplicative ETS on
    ///   non-positive data, a series too short for a seasonal naive).
    /// - Complexity: One model fit (AutoETS, also for ``RevenueModelChoice/auto``: up to 15 ML fits);
    ///   a backtest (always run for `auto`) multiplies by k ≤ 12.
    public static func forecast(_ series: PeriodSeries, options: RevenueForecastOptions) throws -> RevenueForecast {
        var history = series
        var notes: [String] = []
        if options.horizon < 1 { throw SalesForecastError.forecast(.invalidHorizon(options.horizon)) }
        if history.series.hasGaps {
            let labels = history.gapLabels
            if options.gaps == .keepMissing { throw SalesForecastError.gaps(periods: labels) }
            history.series = history.series.filledWithZero()
            notes.append("\(labels.count) missing period(s) filled with 0: " + labels.prefix(12).joined(separator: ", ")
                         + (labels.count > 12 ? ", …" : ""))
        }
        do { _ = try history.series.checkedNoGaps() } catch { throw SalesForecastError.wrapping(error) }
        let values = history.series.values
        let n = values.count
        let m = options.seasonalPeriod ?? history.series.seasonalPeriod
        if m < 1 { throw SalesForecastError.invalidArgument(name: "seasonal period", value: "\(m)", expected: "≥ 1") }
        if let firstNonPositive = values.firstIndex(where: { $0 <= 0 }) {
            notes.append("non-positive value \(values[firstNonPositive]) at \(history.label(at: firstNonPositive)): "
                         + "models with multiplicative components are excluded")
        }

        var method: ForecastMethod
        var backtests: [BacktestResult] = []
        let k = min(12, max(1, n / 4))
        let backtestOptions = BacktestOptions(horizon: min(options.horizon, k), step: 1, initialTrainingLength: max(2, n - k),
                                              window: .expanding, levels: options.levels)
        switch options.model {
        case .auto:
            method = ForecastMethod.automatic
            notes.append("auto: \(method) — the lowest mean MASE on real series of the methods evaluated (BENCHMARKS.md)")
        case let .ets(spec):
            method = spec.map { .ets($0) } ?? .autoETS
        case let .baseline(b):
            method = .baseline(b)
        case let .regression(regressionOptions):
            method = .seasonalRegression(regressionOptions)
        case let .method(m):
            method = m
        }

        var forecast: Forecast
        var fit: ETSFit? = nil
        var fitted: [Double]? = nil
        var combined: Forecast? = nil
        do {
            switch method {
            case .autoETS:
                do {
                    let selection = try AutoETS.select(values, seasonalPeriod: m)
                    fit = selection.best
                    if let reason = selection.seasonalFallbackReason { notes.append(reason) }
                    let nonPositive = selection.excluded.filter { $0.reason == "data not strictly positive" }
                    if !nonPositive.isEmpty {
                        notes.append("excluded (data not strictly positive): " + nonPositive.map(\.specification.description).joined(separator: ", "))
                    }
                    let failed = selection.excluded.filter { $0.reason != "data not strictly positive" && $0.specification.season == .none }
                    for f in failed { notes.append("not fitted: \(f)") }
                } catch {
                    guard Self.isTooShort(error) else { throw SalesForecastError.wrapping(error) }
                    notes.append("\(error); fell back to the naive forecast")
                    method = .baseline(.naive)
                }
            case let .ets(spec):
                fit = try ETSModel.fit(values, seasonalPeriod: m, specification: spec)
            case let .combination(members):
                let r = try SalesModels.CombinedForecast.forecast(values, seasonalPeriod: m, horizon: options.horizon,
                                                                  levels: options.levels, members: members, seed: options.seed)
                combined = r.forecast
                for reason in r.excluded { notes.append("combination: left out \(reason)") }
            case .baseline, .seasonalRegression, .autoARIMA, .theta:
                break
            }
            if case let .seasonalRegression(regressionOptions) = method {
                let regression = try SeasonalRegression.fit(values, seasonalPeriod: m, options: regressionOptions)
                forecast = try regression.forecast(horizon: options.horizon, levels: options.levels)
                fitted = regression.regression.fittedValues
            } else if let combined {
                forecast = combined
            } else if let fit {
                forecast = try fit.forecast(horizon: options.horizon, levels: options.levels, seed: options.seed)
                fitted = fit.fitted
            } else if case let .baseline(b) = method {
                forecast = try BaselineForecast.forecast(values, method: b, seasonalPeriod: m, horizon: options.horizon,
                                                         levels: options.levels)
                fitted = baselineFitted(values, method: b, seasonalPeriod: m)
            } else {
                forecast = try method.forecast(values, seasonalPeriod: m, horizon: options.horizon, levels: options.levels,
                                               seed: options.seed)
            }
        } catch {
            throw SalesForecastError.wrapping(error)
        }

        var accuracy: ForecastAccuracy? = nil
        var source: AccuracySource? = nil
        if options.backtest || options.model == .auto {
            if backtests.isEmpty || !backtests.contains(where: { $0.method == method }) {
                // The method actually used (after a fall-back) is the one scored.
                let scoredMethod: ForecastMethod = fit.map { f in
                    options.model == .ets(nil) || options.model == .auto ? .autoETS : .ets(f.specification)
                } ?? method
                do {
                    backtests = try Backtest.evaluate(values, seasonalPeriod: m, methods: [scoredMethod],
                                                      options: backtestOptions, seed: options.seed)
                } catch { throw SalesForecastError.wrapping(error) }
            }
            if let r = backtests.first(where: { $0.method == method }) ?? backtests.first {
                accuracy = r.accuracy
                source = .backtest
                if !r.failures.isEmpty {
                    notes.append("backtest: \(r.method) failed at \(r.failures.count) of \(r.origins.count) origin(s)")
                }
            }
        } else if let fitted {
            let start = fitted.firstIndex { !$0.isNaN } ?? fitted.count
            if start < n {
                let pseudo = Forecast(model: forecast.model, mean: Array(fitted[start...]), intervals: [], intervalMethod: .analytic)
                accuracy = ForecastAccuracy.score(pseudo, actuals: Array(values[start...]), training: values, seasonalPeriod: m)
                source = .inSample
            }
        }
        return RevenueForecast(history: history, periods: history.futureLabels(options.horizon), forecast: forecast,
                               accuracy: accuracy, accuracySource: source, backtests: backtests, etsFit: fit, notes: notes)
    }

    /// Forecasts revenue from orders: aggregates to `frequency` (default monthly) and forecasts the total.
    ///
    /// The history runs from the period of the first order to the last complete period at `asOf`
    /// (default: the last order date). If `asOf` is not the last day of its period, that partial
    /// period is left out (a note says so) — a partial month would look like a collapse in revenue —
    /// unless ``RevenueForecastOptions/includePartial`` keeps it. A partial first period (the data
    /// start after its first day) stays in and is noted; ``RevenueForecast/history`` flags both.
    /// Periods without orders are zero (no orders, no revenue), listed in the notes.
    /// - Parameters:
    ///   - orders: Order dates and amounts.
    ///   - frequency: Aggregation period.
    ///   - asOf: Last day of the data, or `nil` for the last order date.
    ///   - options: Forecast options (its gap policy is ignored: missing periods are zero revenue).
    /// - Returns: The forecast.
    /// - Throws: ``SalesForecastError`` as ``forecast(_:options:)`` and from the aggregation.
    /// - Complexity: O(orders) plus the model.
    public static func forecast(orders: OrderLog, frequency: TimeSeriesFrequency = .month, asOf: Day? = nil,
                                options: RevenueForecastOptions) throws -> RevenueForecast {
        guard let lastDay = asOf?.rawValue ?? orders.days.max().map(Int.init), let firstDay = orders.days.min().map(Int.init) else {
            throw SalesForecastError.emptyInput(what: "orders")
        }
        let (range, coverage, keptLast, notes) = try historyRange(firstDay: firstDay, lastDay: lastDay, frequency: frequency,
                                                                  includePartial: options.includePartial)
        var allNotes = notes
        let revenue = try RevenueAggregation.aggregate(days: orders.days, amounts: orders.amounts, frequency: frequency,
                                                       gaps: .fillZero, periods: range)
        if !revenue.gapPeriods.isEmpty {
            allNotes.append("\(revenue.gapPeriods.count) period(s) without orders counted as 0 revenue")
        }
        var series = revenue.periodSeries
        series.isFirstPartial = coverage.isFirstPartial
        series.isLastPartial = keptLast
        var result = try forecast(series, options: options)
        result.notes = allNotes + result.notes
        if coverage.isLastPartial && !keptLast { result.excludedPartialPeriod = frequency.periodUnit.label(ofIndex: coverage.last) }
        return result
    }

    /// The periods a forecast from orders covers: the first order's period to the last period at
    /// `lastDay`, without a partial last period unless `includePartial`.
    /// - Returns: The index range, the data's coverage, whether a partial last period was kept, and notes.
    /// - Throws: ``SalesForecastError/insufficientHistory(what:needed:)`` when no period is left.
    static func historyRange(firstDay: Int, lastDay: Int, frequency: TimeSeriesFrequency, includePartial: Bool) throws
        -> (range: ClosedRange<Int>, coverage: PeriodCoverage, keptPartialLast: Bool, notes: [String]) {
        let unit = frequency.periodUnit
        let coverage = PeriodCoverage(unit: unit, firstDay: firstDay, lastDay: lastDay)
        var last = coverage.last
        var notes: [String] = []
        var kept = false
        if coverage.isFirstPartial {
            notes.append("the first period \(unit.label(ofIndex: coverage.first)) is partial (data start \(CivilDate.isoString(fromDays: firstDay)))")
        }
        if coverage.isLastPartial {
            if includePartial {
                kept = true
                notes.append("partial period \(unit.label(ofIndex: last)) (data end \(CivilDate.isoString(fromDays: lastDay))) kept (include partial)")
            } else {
                notes.append("partial period \(unit.label(ofIndex: last)) (data end \(CivilDate.isoString(fromDays: lastDay))) left out (--include-partial keeps it)")
                last -= 1
            }
        }
        guard last >= coverage.first else {
            throw SalesForecastError.insufficientHistory(what: "revenue series", needed: "at least one complete period")
        }
        return (coverage.first...last, coverage, kept, notes)
    }

    static func isTooShort(_ error: any Error) -> Bool {
        if case .seriesTooShort? = error as? ForecastError { return true }
        return false
    }

    /// One-step-ahead in-sample fits of a baseline (NaN where undefined).
    static func baselineFitted(_ y: [Double], method: BaselineMethod, seasonalPeriod m: Int) -> [Double] {
        let n = y.count
        var f = [Double](repeating: .nan, count: n)
        switch method {
        case .mean:
            let avg = y.reduce(0, +) / Double(n)
            for t in 0..<n { f[t] = avg }
        case .naive:
            for t in 1..<n { f[t] = y[t - 1] }
        case .seasonalNaive:
            let lag = max(m, 1)
            if n > lag { for t in lag..<n { f[t] = y[t - lag] } }
        case .drift:
            if n > 1 {
                let slope = (y[n - 1] - y[0]) / Double(n - 1)
                for t in 1..<n { f[t] = y[t - 1] + slope }
            }
        }
        return f
    }

}
