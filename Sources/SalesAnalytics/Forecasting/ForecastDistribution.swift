import SalesModels
/// A forecast given by simulated paths: per period the analytic expected value and `paths` draws.
public struct ForecastDistribution: Sendable {
    /// Labels of the forecast periods.
    public var periods: [String]
    /// The expected value per period, computed analytically (not the simulation average).
    public var expected: [Double]
    /// Number of simulated paths.
    public var paths: Int
    /// Draws, row-major `paths × periods.count`: path p, period k at `p * periods.count + k`.
    public var samples: [Double]

    /// Creates a distribution.
    /// - Parameters:
    ///   - periods: Period labels (h of them).
    ///   - expected: Analytic means, h values.
    ///   - paths: Number of paths.
    ///   - samples: `paths × h` draws, row-major.
    /// - Precondition: sizes agree (programmer error otherwise).
    public init(periods: [String], expected: [Double], paths: Int, samples: [Double]) {
        precondition(expected.count == periods.count && samples.count == paths * periods.count, "distribution sizes disagree")
        self.periods = periods
        self.expected = expected
        self.paths = paths
        self.samples = samples
    }

    /// Number of periods.
    public var horizon: Int { periods.count }

    /// The draws of one period.
    /// - Parameter period: 0-based period.
    /// - Returns: `paths` values.
    /// - Complexity: O(paths).
    public func draws(period: Int) -> [Double] {
        let h = horizon
        return (0..<paths).map { samples[$0 * h + period] }
    }

    /// The draws of the sum over a range of periods (e.g. a quarter of a monthly forecast).
    /// - Parameter range: 0-based periods.
    /// - Returns: `paths` totals.
    /// - Complexity: O(paths · range.count).
    public func totalDraws(periods range: Range<Int>) -> [Double] {
        let h = horizon
        var out = [Double](repeating: 0, count: paths)
        samples.withUnsafeBufferPointer { s in
            for p in 0..<paths {
                var t = 0.0
                for k in range { t += s[p * h + k] }
                out[p] = t
            }
        }
        return out
    }

    /// The simulation average per period (a check on ``expected``: they differ by Monte-Carlo error
    /// of order σ/√paths).
    /// - Complexity: O(paths · h).
    public var simulatedMean: [Double] {
        let h = horizon
        var m = [Double](repeating: 0, count: h)
        for p in 0..<paths { for k in 0..<h { m[k] += samples[p * h + k] } }
        return m.map { $0 / Double(max(paths, 1)) }
    }

    /// Central prediction intervals from the empirical quantiles (linear interpolation between order
    /// statistics, numpy's default) of the draws.
    /// - Parameter level: Coverage in percent.
    /// - Returns: The band.
    /// - Complexity: O(h · paths · log paths).
    public func interval(level: Double) -> PredictionInterval {
        let tail = (100 - level) / 200
        var lower: [Double] = [], upper: [Double] = []
        for k in 0..<horizon {
            let sorted = draws(period: k).sorted()
            lower.append(Self.quantile(sorted: sorted, tail))
            upper.append(Self.quantile(sorted: sorted, 1 - tail))
        }
        return PredictionInterval(level: level, lower: lower, upper: upper)
    }

    /// The distribution as a ``Forecast``: analytic means and simulated intervals.
    /// - Parameters:
    ///   - model: The model name.
    ///   - levels: Interval levels in percent.
    /// - Returns: The forecast.
    public func forecast(model: String, levels: [Double]) -> Forecast {
        Forecast(model: model, mean: expected, intervals: levels.map(interval(level:)), intervalMethod: .simulated)
    }

    /// The element-wise sum of two independent distributions with the same periods and path count.
    /// - Parameters:
    ///   - a: One distribution.
    ///   - b: The other (same periods and paths).
    /// - Returns: The distribution of the sum path by path.
    /// - Precondition: equal horizon and paths.
    public static func sum(_ a: ForecastDistribution, _ b: ForecastDistribution) -> ForecastDistribution {
        precondition(a.horizon == b.horizon && a.paths == b.paths, "distributions differ in shape")
        return ForecastDistribution(periods: a.periods, expected: zip(a.expected, b.expected).map(+), paths: a.paths,
                                    samples: zip(a.samples, b.samples).map(+))
    }

    /// The q-quantile of ascending `sorted` (linear interpolation, numpy's default).
    /// - Parameters:
    ///   - sorted: Ascending values.
    ///   - q: Probability in [0, 1].
    /// - Returns: The quantile (NaN for no values).
    public static func quantile(sorted: [Double], _ q: Double) -> Double {
        let n = sorted.count
        if n == 0 { return .nan }
        let pos = min(max(q, 0), 1) * Double(n - 1)
        let i = Int(pos)
        if i >= n - 1 { return sorted[n - 1] }
        return sorted[i] + (pos - Double(i)) * (sorted[i + 1] - sorted[i])
    }
}
