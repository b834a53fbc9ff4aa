import Foundation
import SalesNumerics

extension ETSFit {
    /// Point forecasts with prediction intervals.
    ///
    /// Linear models (additive error, no multiplicative season: Hyndman et al. 2008 class 1) get
    /// analytic Gaussian intervals with the h-step variance σ²[1 + Σ_{j=1}^{h−1} c_j²],
    /// c_j = α + β(φ + … + φʲ) + γ·[j mod m = 0] (Hyndman et al. 2008, §6.3, table 6.1). The others get
    /// the empirical quantiles (linear interpolation, as numpy's default) of `simulationPaths` future paths
    /// simulated from the state-space model with Gaussian errors N(0, σ²) drawn from `SeededGenerator(seed:)`.
    /// The point forecast is the recursion with zero future errors in both cases (as statsmodels and R).
    /// - Parameters:
    ///   - horizon: Steps ahead h ≥ 1.
    ///   - levels: Interval coverages in percent (default 80 and 95).
    ///   - simulationPaths: Paths for simulated intervals (default 5000; ignored for linear models).
    ///   - seed: Seed of the simulation (same seed, same intervals).
    /// - Returns: The forecast.
    /// - Throws: ``ForecastError/invalidHorizon(_:)`` or ``ForecastError/invalidArgument(name:value:expected:)``
    ///   for a level outside (0, 100) or fewer than 100 paths.
    /// - Complexity: O(h) analytic, O(paths · h · log paths) simulated (O(h) when `levels` is empty:
    ///   nothing is simulated).
    public func forecast(
        horizon: Int, levels: [Double] = [80, 95], simulationPaths: Int = 5000, seed: UInt64 = 42
    ) throws -> Forecast {
        try validateHorizon(horizon, levels: levels)
        let mean = pointForecast(horizon: horizon)
        if specification.isLinear {
            let sd = analyticStandardDeviations(horizon: horizon)
            let bands = levels.map { level -> PredictionInterval in
                let z = Normal.standard.quantile(0.5 + level / 200)
                return PredictionInterval(level: level,
                                          lower: zip(mean, sd).map { $0 - z * $1 },
                                          upper: zip(mean, sd).map { $0 + z * $1 })
            }
            return Forecast(model: specification.description, mean: mean, intervals: bands, intervalMethod: .analytic)
        }
        if levels.isEmpty {  // point forecasts only: no paths to simulate
            return Forecast(model: specification.description, mean: mean, intervals: [], intervalMethod: .simulated)
        }
        guard simulationPaths >= 100 else {
            throw ForecastError.invalidArgument(name: "simulationPaths", value: "\(simulationPaths)", expected: "at least 100")
        }
        let paths = simulate(horizon: horizon, paths: simulationPaths, seed: seed)
        var bands = levels.map { PredictionInterval(level: $0, lower: [], upper: []) }
        var column = [Double](repeating: 0, count: simulationPaths)
        for h in 0..<horizon {
            for p in 0..<simulationPaths { column[p] = paths[p * horizon + h] }
            column.sort()
            for b in bands.indices {
                let tail = (100 - bands[b].level) / 200
                bands[b].lower.append(sortedQuantile(column, tail))
                bands[b].upper.append(sortedQuantile(column, 1 - tail))
            }
        }
        return Forecast(model: specification.description, mean: mean, intervals: bands, intervalMethod: .simulated)
    }

    /// h-step forecast standard deviations of a linear (class 1) model.
    func analyticStandardDeviations(horizon: Int) -> [Double] {
        let a = parameters.alpha
        let b = specification.hasTrend ? parameters.beta : 0
        let g = specification.hasSeason ? parameters.gamma : 0
        let phi = specification.isDamped ? parameters.phi : 1
        var out = [Double](repeating: 0, count: horizon)
        var sum = 0.0
        var damp = 0.0
        var phiPow = 1.0
        for h in 0..<horizon {
            out[h] = (sigma2 * (1 + sum)).squareRoot()
            let j = h + 1
            phiPow *= phi
            damp += phiPow
            var c = a + b * damp
            if specification.hasSeason && j % seasonalPeriod == 0 { c += g }
            sum += c * c
        }
        return out
    }

    /// Simulated future paths, row-major `paths × horizon`.
    /// - Parameters:
    ///   - horizon: Steps.
    ///   - paths: Number of paths.
    ///   - seed: Generator seed.
    /// - Returns: `paths * horizon` values; path p step h at `p * horizon + h`. Path p draws from its own
    ///   generator (seeded from `seed` and p), so its first steps do not depend on `horizon`.
    /// - Complexity: O(paths · (h + m)).
    public func simulate(horizon: Int, paths: Int, seed: UInt64) -> [Double] {
        var out = [Double](repeating: 0, count: paths * horizon)
        let sigma = sigma2.squareRoot()
        let spec = specification
        let alpha = parameters.alpha, beta = parameters.beta, gamma = parameters.gamma
        let phi = spec.hasTrend ? (spec.isDamped ? parameters.phi : 1) : 0
        let m = seasonalPeriod
        var season = finalSeasonal
        for p in 0..<paths {
            // One generator per path: path p's step h gets the same draw whatever the horizon, so
            // the first steps' intervals do not change with the horizon asked for.
            var rng = SeededGenerator(seed: seed &+ UInt64(p) &* 0x9E37_79B9_7F4A_7C15)
            var l = finalLevel, b = finalTrend
            for j in 0..<season.count { season[j] = finalSeasonal[j] }
            var j = 0
            for h in 0..<horizon {
                let lb = l + phi * b
                let s: Double = spec.hasSeason ? season[j] : (spec.season == .multiplicative ? 1 : 0)
                let yhat: Double
                switch spec.season {
                case .none: yhat = lb
                case .additive: yhat = lb + s
                case .multiplicative: yhat = lb * s
                }
                let eps = sigma * Normal.standard.sample(using: &rng)
                let e = spec.error == .additive ? eps : yhat * eps
                out[p * horizon + h] = yhat + e
                switch spec.season {
                case .none:
                    l = lb + alpha * e; b = phi * b + beta * e
                case .additive:
                    l = lb + alpha * e; b = phi * b + beta * e; season[j] = s + gamma * e
                case .multiplicative:
                    l = lb + alpha * e / s; b = phi * b + beta * e / s; season[j] = s + gamma * e / lb
                }
                if spec.hasSeason { j += 1; if j == m { j = 0 } }
            }
        }
        return out
    }
}

/// The q-quantile of ascending `sorted` by linear interpolation between order statistics
/// (numpy's default "linear" method).
func sortedQuantile(_ sorted: [Double], _ q: Double) -> Double {
    let n = sorted.count
    if n == 0 { return .nan }
    let pos = q * Double(n - 1)
    let i = Int(pos)
    if i >= n - 1 { return sorted[n - 1] }
    let frac = pos - Double(i)
    return sorted[i] + frac * (sorted[i + 1] - sorted[i])
}
