/// A two-sided prediction interval at one coverage level for every step of a forecast.
public struct PredictionInterval: Sendable, Hashable, Codable {
    /// Nominal coverage in percent, e.g. 80 or 95.
    public var level: Double
    /// Lower bound per step (step 1 first).
    public var lower: [Double]
    /// Upper bound per step.
    public var upper: [Double]

    /// Creates an interval band.
    /// - Parameters:
    ///   - level: Nominal coverage in percent (0 < level < 100).
    ///   - lower: Lower bounds, one per step.
    ///   - upper: Upper bounds, one per step.
    public init(level: Double, lower: [Double], upper: [Double]) {
        self.level = level
        self.lower = lower
        self.upper = upper
    }
}

/// How prediction intervals were obtained.
public enum IntervalMethod: String, Sendable, Hashable, Codable {
    /// Closed-form forecast variance (Gaussian errors).
    case analytic
    /// Quantiles of seeded simulated future paths.
    case simulated
}

/// Point forecasts with prediction intervals for the `horizon` periods after the sample.
public struct Forecast: Sendable, Hashable, Codable {
    /// Short name of the model that produced it (e.g. `ETS(M,Ad,M)`, `seasonal naive`).
    public var model: String
    /// Point forecasts, step 1 first.
    public var mean: [Double]
    /// One band per requested level, in the order the levels were requested.
    public var intervals: [PredictionInterval]
    /// How the intervals were obtained.
    public var intervalMethod: IntervalMethod

    /// Creates a forecast.
    /// - Parameters:
    ///   - model: Model name.
    ///   - mean: Point forecasts.
    ///   - intervals: Interval bands.
    ///   - intervalMethod: How the bands were obtained.
    public init(model: String, mean: [Double], intervals: [PredictionInterval], intervalMethod: IntervalMethod) {
        self.model = model
        self.mean = mean
        self.intervals = intervals
        self.intervalMethod = intervalMethod
    }

    /// Number of steps forecast.
    public var horizon: Int { mean.count }

    /// The band at `level` percent, if it was requested.
    /// - Parameter level: Coverage in percent.
    /// - Returns: The band, or `nil`.
    public func interval(level: Double) -> PredictionInterval? {
        intervals.first { abs($0.level - level) < 1e-9 }
    }
}

/// Checks a horizon and interval levels.
func validateHorizon(_ horizon: Int, levels: [Double]) throws {
    if horizon < 1 { throw ForecastError.invalidHorizon(horizon) }
    for l in levels where !(l > 0 && l < 100) {
        throw ForecastError.invalidArgument(name: "interval level", value: "\(l)", expected: "a percentage in (0, 100)")
    }
}
