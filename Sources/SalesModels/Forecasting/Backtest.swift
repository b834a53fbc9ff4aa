/// Rolling-origin evaluation settings.
public struct BacktestOptions: Sendable, Hashable {
    /// How the training window moves.
    public enum Window: Sendable, Hashable {
        /// Training data from the start of the series to the origin.
        case expanding
        /// The last `length` values before the origin.
        case sliding(length: Int)
    }
    /// Steps forecast from each origin.
    public var horizon: Int
    /// Periods between consecutive origins.
    public var step: Int
    /// Training length at the first origin.
    public var initialTrainingLength: Int
    /// The window rule.
    public var window: Window
    /// Interval levels whose coverage is reported.
    public var levels: [Double]

    /// Creates options.
    /// - Parameters:
    ///   - horizon: Steps per origin (≥ 1).
    ///   - step: Periods between origins (≥ 1).
    ///   - initialTrainingLength: Values before the first origin (≥ 2).
    ///   - window: Expanding (default) or sliding.
    ///   - levels: Coverage levels (default 80, 95).
    public init(horizon: Int, step: Int = 1, initialTrainingLength: Int, window: Window = .expanding,
                levels: [Double] = [80, 95]) {
        self.horizon = horizon
        self.step = step
        self.initialTrainingLength = initialTrainingLength
        self.window = window
        self.levels = levels
    }
}

/// The accuracy of one method over all origins of a backtest.
public struct BacktestResult: Sendable, Hashable {
    /// The method.
    public var method: ForecastMethod
    /// Accuracy pooled over every (origin, step) pair; MASE scales each origin by its own training data.
    public var accuracy: ForecastAccuracy
    /// Origins evaluated (training lengths).
    public var origins: [Int]
    /// Origins at which the method failed, with the error.
    public var failures: [Int: ForecastError]
}

/// Which accuracy measure ranks models.
public enum AccuracyCriterion: String, Sendable, Hashable, CaseIterable {
    case mape, smape, wape, mase

    func value(_ a: ForecastAccuracy) -> Double {
        switch self {
        case .mape: return a.mape
        case .smape: return a.smape
        case .wape: return a.wape
        case .mase: return a.mase
        }
    }
}

/// Rolling-origin (time-series cross-validation) evaluation, fpp3 §5.10.
public enum Backtest {
    /// Evaluates methods on one series.
    ///
    /// Origins are at training lengths `initialTrainingLength, + step, …` while at least one actual
    /// follows; each forecast is scored on the actuals available (up to `horizon`).
    /// - Parameters:
    ///   - values: The series (no NaN).
    ///   - seasonalPeriod: m.
    ///   - methods: Methods to compare.
    ///   - options: Windows, horizon, step, levels.
    ///   - seed: Seed for simulated intervals.
    /// - Returns: One result per method, in `methods` order.
    /// - Throws: ``ForecastError/gaps(positions:)``; ``ForecastError/invalidArgument(name:value:expected:)``
    ///   for a bad step, horizon or window; ``ForecastError/seriesTooShort(model:length:minimum:)`` when
    ///   no origin fits. Failures of a method at an origin are collected in the result, not thrown.
    /// - Complexity: origins × (cost of each method's fit).
    public static func evaluate(
        _ values: [Double], seasonalPeriod: Int, methods: [ForecastMethod], options: BacktestOptions, seed: UInt64 = 42
    ) throws -> [BacktestResult] {
        try validateFinite(values)
        try validateHorizon(options.horizon, levels: options.levels)
        if options.step < 1 { throw ForecastError.invalidArgument(name: "step", value: "\(options.step)", expected: "≥ 1") }
        if options.initialTrainingLength < 2 {
            throw ForecastError.invalidArgument(name: "initial training length", value: "\(options.initialTrainingLength)", expected: "≥ 2")
        }
        if case let .sliding(length) = options.window, length < 2 || length > options.initialTrainingLength {
            throw ForecastError.invalidArgument(name: "sliding window length", value: "\(length)",
                                   expected: "between 2 and the initial training length \(options.initialTrainingLength)")
        }
        let n = values.count
        if n <= options.initialTrainingLength {
            throw ForecastError.seriesTooShort(model: "backtest", length: n, minimum: options.initialTrainingLength + 1)
        }
        let origins = Array(stride(from: options.initialTrainingLength, to: n, by: options.step))
        return methods.map { method in
            var acc = ForecastAccuracy.Accumulator()
            var failures: [Int: ForecastError] = [:]
            for origin in origins {
                let from: Int
                if case let .sliding(length) = options.window { from = origin - length } else { from = 0 }
                let training = Array(values[from..<origin])
                let actuals = Array(values[origin..<min(n, origin + options.horizon)])
                do {
                    let fc = try method.forecast(training, seasonalPeriod: seasonalPeriod, horizon: options.horizon,
                                                 levels: options.levels, seed: seed)
                    let scale = ForecastAccuracy.masScale(training, seasonalPeriod: seasonalPeriod)
                    for h in actuals.indices {
                        acc.add(actual: actuals[h], forecast: fc.mean[h], scale: scale)
                        for band in fc.intervals { acc.add(actual: actuals[h], band: band, step: h) }
                    }
                } catch {
                    failures[origin] = ForecastError.wrapping(error)
                }
            }
            return BacktestResult(method: method, accuracy: acc.result(), origins: origins, failures: failures)
        }
    }

    /// One row of ``bestMethods(_:seasonalPeriod:methods:options:criterion:)``.
    public struct BestMethodRow: Sendable {
        /// Position of the series in the input.
        public var seriesIndex: Int
        /// The method with the smallest criterion (nil if every method failed everywhere).
        public var best: ForecastMethod?
        /// Its criterion value.
        public var value: Double
        /// Every method's result for this series.
        public var results: [BacktestResult]
        /// Set when the series could not be backtested at all.
        public var error: ForecastError?
    }

    /// Backtests every series (on ``Parallelism/workers`` threads) and picks the best method per series by `criterion`.
    /// - Parameters:
    ///   - series: The series.
    ///   - seasonalPeriod: m, shared.
    ///   - methods: Methods to compare.
    ///   - options: Backtest settings.
    ///   - criterion: The ranking measure (default MASE, which compares across scales).
    /// - Returns: One row per series, in input order.
    /// - Complexity: series × origins × method fits, spread over the workers.
    public static func bestMethods(
        _ series: [[Double]], seasonalPeriod: Int, methods: [ForecastMethod], options: BacktestOptions,
        criterion: AccuracyCriterion = .mase
    ) -> [BestMethodRow] {
        BatchForecast.map(series) { index, values in
            do {
                let results = try evaluate(values, seasonalPeriod: seasonalPeriod, methods: methods, options: options)
                var best: ForecastMethod? = nil
                var bestValue = Double.infinity
                for r in results {
                    let v = criterion.value(r.accuracy)
                    if v.isFinite && v < bestValue && r.failures.isEmpty { best = r.method; bestValue = v }
                }
                return BestMethodRow(seriesIndex: index, best: best, value: bestValue, results: results, error: nil)
            } catch {
                return BestMethodRow(seriesIndex: index, best: nil, value: .nan, results: [], error: ForecastError.wrapping(error))
            }
        }
    }
}
