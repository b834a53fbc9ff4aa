import Foundation
import SalesNumerics

/// Seasonal regression for forecasting: ordinary least squares on a linear trend, seasonal terms
/// (dummies or Fourier pairs) and optional external regressors such as marketing spend, with
/// prediction intervals from the regression's t-based formulas (R `forecast::tslm`,
/// statsmodels `OLS.get_prediction`).
///
/// Time index: observation `i` (0-based) has trend value `i + 1` and season `i mod m`, so the
/// first observation is season 0; forecasts continue both.
public enum SeasonalRegression {
    /// How the season enters the design.
    public enum SeasonalTerms: Sendable, Hashable {
        /// No seasonal terms.
        case none
        /// `m − 1` indicator columns (season 0 is the reference level).
        case dummies
        /// `harmonics` sine/cosine pairs `sin(2πkt/m)`, `cos(2πkt/m)`, k = 1…harmonics
        /// (at most m/2; the sine of k = m/2 is identically zero and left out).
        case fourier(harmonics: Int)
    }

    /// What the design holds.
    public struct Options: Sendable, Hashable {
        /// Include the linear trend `t`.
        public var trend: Bool
        /// The seasonal terms.
        public var season: SeasonalTerms
        /// Creates options (default: trend + seasonal dummies).
        public init(trend: Bool = true, season: SeasonalTerms = .dummies) {
            self.trend = trend
            self.season = season
        }
    }

    /// Fits the regression to a series.
    ///
    /// - Parameters:
    ///   - values: The series, oldest first; no NaN (fill or report gaps with ``TimeSeries`` first).
    ///   - seasonalPeriod: m ≥ 1 (1 means no season; seasonal terms are then left out).
    ///   - regressors: External regressor columns, each with one value per observation.
    ///   - regressorNames: One name per regressor (used in errors and term names).
    ///   - options: Trend and seasonal terms.
    /// - Returns: The fit, ready to forecast.
    /// - Throws: ``ForecastError``: `.nonFiniteValue` (position), `.invalidArgument` (bad period,
    ///   harmonics, regressor lengths or names), `.seriesTooShort` (fewer observations than terms + 2),
    ///   `.fitFailed` wrapping the regression's error (e.g. a collinear regressor, by name).
    /// - Complexity: O(n·p²) for n observations and p terms.
    public static func fit(
        _ values: [Double], seasonalPeriod: Int, regressors: [[Double]] = [], regressorNames: [String]? = nil,
        options: Options = Options()
    ) throws -> SeasonalRegressionFit {
        guard seasonalPeriod >= 1 else {
            throw ForecastError.invalidArgument(name: "seasonalPeriod", value: "\(seasonalPeriod)", expected: "at least 1")
        }
        for (i, v) in values.enumerated() where !v.isFinite { throw ForecastError.nonFiniteValue(position: i, value: v) }
        let names = regressorNames ?? regressors.indices.map { "x\($0 + 1)" }
        guard names.count == regressors.count else {
            throw ForecastError.invalidArgument(name: "regressorNames", value: "\(names.count) names",
                                   expected: "one per regressor (\(regressors.count))")
        }
        for (j, column) in regressors.enumerated() {
            guard column.count == values.count else {
                throw ForecastError.invalidArgument(name: "regressor \(names[j])", value: "\(column.count) values",
                                       expected: "one per observation (\(values.count))")
            }
        }
        let layout = try DesignLayout(seasonalPeriod: seasonalPeriod, options: options, regressorNames: names)
        let minimum = layout.termNames.count + 2  // intercept + terms + at least one residual degree of freedom
        guard values.count >= minimum else {
            throw ForecastError.seriesTooShort(model: "seasonal regression", length: values.count, minimum: minimum)
        }
        let design = layout.design(start: 0, count: values.count, regressors: regressors)
        do {
            let regression = try LinearRegression.fit(features: design, response: values, featureNames: layout.termNames)
            return SeasonalRegressionFit(regression: regression, layout: layout, count: values.count)
        } catch {
            throw ForecastError.fitFailed(model: "seasonal regression", reason: "\(error)")
        }
    }
}

/// A fitted ``SeasonalRegression``.
public struct SeasonalRegressionFit: Sendable {
    /// The underlying regression (coefficients, standard errors, R², …), terms named
    /// `trend`, `season=k`, `sin(k)`, `cos(k)` and the regressor names.
    public let regression: LinearRegression
    let layout: DesignLayout
    /// Number of observations fitted.
    public let count: Int

    /// The model label used in forecasts, e.g. `regression(trend+season)`.
    public var modelName: String {
        var parts: [String] = []
        if layout.options.trend { parts.append("trend") }
        switch layout.options.season {
        case .none: break
        case .dummies: if layout.seasonalPeriod > 1 { parts.append("season") }
        case let .fourier(k): if layout.seasonalPeriod > 1 { parts.append("fourier(\(k))") }
        }
        parts.append(contentsOf: layout.regressorNames)
        return "regression(" + (parts.isEmpty ? "mean" : parts.joined(separator: "+")) + ")"
    }

    /// Forecasts `horizon` steps with prediction intervals for a new observation.
    ///
    /// - Parameters:
    ///   - horizon: Steps ahead ≥ 1.
    ///   - futureRegressors: The regressors' future values, one column per regressor with `horizon` values.
    ///   - levels: Interval coverages in percent, each in (0, 100).
    /// - Returns: The forecast; intervals are analytic (t distribution with n − p degrees of freedom).
    /// - Throws: ``ForecastError`` `.invalidHorizon`, `.invalidArgument` for missing/short future
    ///   regressors or a bad level, `.fitFailed` if the prediction fails.
    /// - Complexity: O(horizon·p²).
    public func forecast(horizon: Int, futureRegressors: [[Double]] = [], levels: [Double] = [80, 95])
        throws -> Forecast {
        guard horizon >= 1 else { throw ForecastError.invalidHorizon(horizon) }
        guard futureRegressors.count == layout.regressorNames.count else {
            throw ForecastError.invalidArgument(name: "futureRegressors", value: "\(futureRegressors.count) columns",
                                   expected: "one per regressor (\(layout.regressorNames.count))")
        }
        for (j, column) in futureRegressors.enumerated() {
            guard column.count >= horizon, column.prefix(horizon).allSatisfy(\.isFinite) else {
                throw ForecastError.invalidArgument(name: "future \(layout.regressorNames[j])", value: "\(column.count) values",
                                       expected: "\(horizon) finite values")
            }
        }
        for level in levels where !(level > 0 && level < 100) {
            throw ForecastError.invalidArgument(name: "level", value: "\(level)", expected: "a percentage in (0, 100)")
        }
        let design = layout.design(start: count, count: horizon, regressors: futureRegressors.map { Array($0.prefix(horizon)) })
        do {
            var mean: [Double] = []
            var intervals: [PredictionInterval] = []
            for level in levels {
                let predictions = try regression.predict(design, level: level / 100)
                if mean.isEmpty { mean = predictions.map(\.mean) }
                intervals.append(PredictionInterval(level: level, lower: predictions.map(\.predictionInterval.lower),
                                                    upper: predictions.map(\.predictionInterval.upper)))
            }
            if mean.isEmpty { mean = try regression.predict(design).map(\.mean) }
            return Forecast(model: modelName, mean: mean, intervals: intervals, intervalMethod: .analytic)
        } catch {
            throw ForecastError.fitFailed(model: modelName, reason: "\(error)")
        }
    }
}

/// The columns of a seasonal-regression design and how to build them for any time range.
struct DesignLayout: Sendable {
    let seasonalPeriod: Int
    let options: SeasonalRegression.Options
    let regressorNames: [String]
    let termNames: [String]

    init(seasonalPeriod m: Int, options: SeasonalRegression.Options, regressorNames: [String]) throws {
        self.seasonalPeriod = m
        self.options = options
        self.regressorNames = regressorNames
        var names: [String] = []
        if options.trend { names.append("trend") }
        if m > 1 {
            switch options.season {
            case .none: break
            case .dummies: for s in 1..<m { names.append("season=\(s)") }
            case let .fourier(k):
                guard k >= 1, 2 * k <= m else {
                    throw ForecastError.invalidArgument(name: "harmonics", value: "\(k)", expected: "between 1 and m/2 = \(m / 2)")
                }
                for h in 1...k {
                    if 2 * h != m { names.append("sin(\(h))") }
                    names.append("cos(\(h))")
                }
            }
        }
        names.append(contentsOf: regressorNames)
        self.termNames = names
    }

    /// The `count × terms` design for time indices `start ..< start + count`.
    func design(start: Int, count: Int, regressors: [[Double]]) -> Matrix {
        var matrix = Matrix(rows: count, columns: termNames.count)
        let m = seasonalPeriod
        matrix.storage.withUnsafeMutableBufferPointer { x in
            var column = 0
            if options.trend {
                for i in 0..<count { x[i] = Double(start + i + 1) }
                column += 1
            }
            if m > 1 {
                switch options.season {
                case .none: break
                case .dummies:
                    for i in 0..<count {
                        let season = (start + i) % m
                        if season > 0 { x[i + (column + season - 1) * count] = 1 }
                    }
                    column += m - 1
                case let .fourier(k):
                    for h in 1...k {
                        for i in 0..<count {
                            let angle = 2 * Double.pi * Double(h) * Double(start + i + 1) / Double(m)
                            if 2 * h != m { x[i + column * count] = sin(angle) }
                            x[i + (column + (2 * h != m ? 1 : 0)) * count] = cos(angle)
                        }
                        column += 2 * h != m ? 2 : 1
                    }
                }
            }
            for values in regressors {
                for i in 0..<count { x[i + column * count] = values[i] }
                column += 1
            }
        }
        return matrix
    }
}
