import Foundation
import SalesNumerics

/// The four theta models of Fiorucci et al. (2016), as statsforecast's `AutoTheta` offers them.
public enum ThetaVariant: String, Sendable, Hashable, CaseIterable, Codable {
    /// Standard theta method (θ = 2; Assimakopoulos & Nikolopoulos 2000), the long-run trend from the
    /// whole-sample regression line.
    case standard = "STM"
    /// Optimised theta method (θ estimated).
    case optimized = "OTM"
    /// Dynamic standard theta (θ = 2, the trend line updated every period).
    case dynamicStandard = "DSTM"
    /// Dynamic optimised theta (θ estimated, dynamic trend).
    case dynamicOptimized = "DOTM"

    var isDynamic: Bool { self == .dynamicStandard || self == .dynamicOptimized }
    var estimatesTheta: Bool { self == .optimized || self == .dynamicOptimized }
}

/// A fitted theta model, on the seasonally adjusted series when a decomposition was applied.
public struct ThetaFit: Sendable, Hashable {
    /// The variant.
    public var variant: ThetaVariant
    /// Initial smoothed level ℓ₀.
    public var initialLevel: Double
    /// Smoothing parameter α ∈ [0.1, 0.99].
    public var alpha: Double
    /// Theta coefficient θ ≥ 1.
    public var theta: Double
    /// The selection criterion: Σ_{t≥3} e_t² / mean|y| (statsforecast's `mse`).
    public var criterion: Double
    /// Standard deviation of the one-step errors after the first three.
    public var sigma: Double
    /// Seasonal indices (one per position in the season, for the periods after the sample, period
    /// n first) and whether they multiply; empty without decomposition.
    public var seasonalForecast: [Double]
    /// Whether the decomposition is multiplicative.
    public var multiplicative: Bool
    /// Sample length.
    public var count: Int
    /// The state after the last observation: level, running mean, A, B.
    var finalState: ThetaState

    /// `Theta(DOTM)` with ` ×season` or ` +season` when deseasonalized.
    public var name: String {
        let season = seasonalForecast.isEmpty ? "" : (multiplicative ? ", multiplicative season" : ", additive season")
        return "Theta(\(variant.rawValue)\(season))"
    }
}

/// The theta state (level, running mean, trend intercept A, slope B).
struct ThetaState: Sendable, Hashable {
    var level: Double
    var meanY: Double
    var a: Double
    var b: Double
}

/// Theta forecasting: the four models of Fiorucci et al. (2016) in statsforecast's state-space
/// formulation, with statsforecast's seasonal test and classical decomposition.
public enum Theta {
    /// Fits one variant (no seasonal adjustment is applied here: pass an adjusted series).
    /// - Parameters:
    ///   - y: The series (finite, ≥ 4 values).
    ///   - variant: The model.
    /// - Returns: The fit, parameters chosen by minimizing Σ_{t≥3} e_t² / mean|y| over
    ///   ℓ₀ ∈ ℝ, α ∈ [0.1, 0.99] and (optimised variants) θ ≥ 1.
    /// - Throws: ``ForecastError/seriesTooShort(model:length:minimum:)``, ``ForecastError/fitFailed(model:reason:)``.
    /// - Complexity: O(n) per evaluation, a few hundred evaluations.
    static func fitVariant(_ y: [Double], variant: ThetaVariant) throws -> ThetaFit {
        let n = y.count
        if n <= 3 { throw ForecastError.seriesTooShort(model: "Theta(\(variant.rawValue))", length: n, minimum: 4) }
        let start = variant.estimatesTheta ? [y[0] / 2, 0.5, 2.0] : [y[0] / 2, 0.5]
        let scale = max(y.map(abs).reduce(0, +) / Double(n), 1e-10)
        let lower = variant.estimatesTheta ? [-1e10, 0.1, 1.0] : [-1e10, 0.1]
        let upper = variant.estimatesTheta ? [1e10, 0.99, 1e10] : [1e10, 0.99]
        // Optimize the level in units of the data's scale so that every coordinate is O(1).
        let objective: ([Double]) -> Double = { x in
            let r = Self.run(y, variant: variant, level0: x[0] * scale, alpha: x[1], theta: variant.estimatesTheta ? x[2] : 2)
            return r.criterion.isFinite ? r.criterion : .infinity
        }
        var x0 = start
        x0[0] /= scale
        var lo = lower, hi = upper
        lo[0] /= scale; hi[0] /= scale
        var best = x0
        var bestValue = Double.infinity
        // Optimised variants also start at the θ = 1 bound: the criterion can have a second local
        // minimum there (seen on US unemployment).
        let starts = variant.estimatesTheta ? [x0, [x0[0], x0[1], 1.0]] : [x0]
        for s0 in starts {
            do {
                let r = try LBFGSB.minimize(start: s0, lower: lo, upper: hi, options: OptimizationOptions(
                    maxIterations: 200, gradientTolerance: 1e-8, relativeFunctionTolerance: 1e-12), objective: objective)
                if r.value.isFinite && r.value < bestValue { best = r.x; bestValue = r.value }
            } catch {
                continue
            }
        }
        if !bestValue.isFinite { throw ForecastError.fitFailed(model: "Theta(\(variant.rawValue))", reason: "criterion not finite at any start") }
        let theta = variant.estimatesTheta ? best[2] : 2
        let r = Self.run(y, variant: variant, level0: best[0] * scale, alpha: best[1], theta: theta)
        guard r.criterion.isFinite else {
            throw ForecastError.fitFailed(model: "Theta(\(variant.rawValue))", reason: "criterion not finite")
        }
        let tail = r.errors.dropFirst(3)
        let mean = tail.reduce(0, +) / Double(tail.count)
        let sd = (tail.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(tail.count - 1, 1))).squareRoot()
        return ThetaFit(variant: variant, initialLevel: best[0] * scale, alpha: best[1], theta: theta,
                        criterion: r.criterion, sigma: sd, seasonalForecast: [], multiplicative: false,
                        count: n, finalState: r.state)
    }

    /// The mean of the next observation given the state after observation i − 1 (0-based i).
    @inline(__always)
    static func mu(_ s: ThetaState, _ i: Int, alpha: Double, theta: Double) -> Double {
        let q = 1 - alpha
        return s.level + (1 - 1 / theta) * (s.a * pow(q, Double(i)) + s.b * (1 - pow(q, Double(i + 1))) / alpha)
    }

    @inline(__always)
    static func update(_ s: inout ThetaState, _ i: Int, y: Double, dynamic: Bool, alpha: Double) {
        let meany = s.meanY
        let di = Double(i)
        s.level = alpha * y + (1 - alpha) * s.level
        s.meanY = (di * meany + y) / (di + 1)
        if dynamic {
            s.b = ((di - 1) * s.b + 6 * (y - meany) / (di + 1)) / (di + 2)
            s.a = s.meanY - s.b * (di + 2) / 2
        }
    }

    static func initialState(_ y: [Double], variant: ThetaVariant, level0: Double, alpha: Double) -> ThetaState {
        let n = Double(y.count)
        var a = y[0], b = 0.0
        if !variant.isDynamic {
            let mean = y.reduce(0, +) / n
            var weighted = 0.0
            for (i, v) in y.enumerated() { weighted += v * Double(i + 1) }
            weighted /= n
            b = 6 * (2 * weighted - (n + 1) * mean) / (n * n - 1)
            a = mean - (n + 1) * b / 2
        }
        return ThetaState(level: alpha * y[0] + (1 - alpha) * level0, meanY: y[0], a: a, b: b)
    }

    /// One pass: one-step errors, the criterion and the final state.
    static func run(_ y: [Double], variant: ThetaVariant, level0: Double, alpha: Double, theta: Double)
        -> (criterion: Double, errors: [Double], state: ThetaState) {
        let n = y.count
        var s = initialState(y, variant: variant, level0: level0, alpha: alpha)
        var e = [Double](repeating: 0, count: n)
        if !variant.isDynamic {
            e[0] = y[0] - (level0 + (1 - 1 / theta) * (s.a + s.b))
        }
        // Dynamic models: statsforecast's μ₀ = y₀, so e₀ = 0.
        var ssq = 0.0
        for i in 1..<n {
            let f = mu(s, i, alpha: alpha, theta: theta)
            e[i] = y[i] - f
            if i >= 3 { ssq += e[i] * e[i] }
            update(&s, i, y: y[i], dynamic: variant.isDynamic, alpha: alpha)
        }
        var meanAbs = y.reduce(0) { $0 + abs($1) } / Double(n)
        if meanAbs < 1e-10 { meanAbs = 1e-10 }
        let c = ssq / meanAbs
        return (c.isFinite ? c : .infinity, e, s)
    }

    /// Whether the series is seasonal by statsforecast's test: |r_m| / √((1 + 2 Σ_{k<m} r_k²)/n) >
    /// z₀.₉₅ (the autocorrelation at lag m against its large-sample standard error), for m ≥ 4 and
    /// n ≥ 2m.
    /// - Complexity: O(n · m).
    public static func isSeasonal(_ y: [Double], period m: Int) -> Bool {
        let n = y.count
        if m < 4 || n < 2 * m { return false }
        let mean = y.reduce(0, +) / Double(n)
        let c0 = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        if !(c0 > 0) { return false }
        var r = [Double](repeating: 0, count: m + 1)
        for k in 1...m {
            var c = 0.0
            for t in k..<n { c += (y[t] - mean) * (y[t - k] - mean) }
            r[k] = c / c0
        }
        var s = 0.0
        for k in 1..<m { s += r[k] * r[k] }
        let stat = ((1 + 2 * s) / Double(n)).squareRoot()
        return abs(r[m]) / stat > Normal.standard.quantile(0.95)
    }

    /// Classical decomposition's seasonal indices (statsmodels' `seasonal_decompose`): centred moving
    /// average trend, per-position means of the detrended series, normalized to mean 1
    /// (multiplicative) or 0 (additive). Index k belongs to positions t with t mod m = k.
    static func seasonalIndices(_ y: [Double], period m: Int, multiplicative: Bool) -> [Double] {
        let n = y.count
        let half = m / 2
        var sums = [Double](repeating: 0, count: m), counts = [Double](repeating: 0, count: m)
        for t in half..<max(n - half, half) {
            var tr: Double
            if m % 2 == 0 {
                tr = 0.5 * (y[t - half] + y[t + half])
                for k in (t - half + 1)..<(t + half) { tr += y[k] }
            } else {
                tr = 0
                for k in (t - half)...(t + half) { tr += y[k] }
            }
            tr /= Double(m)
            sums[t % m] += multiplicative ? y[t] / tr : y[t] - tr
            counts[t % m] += 1
        }
        var idx = (0..<m).map { counts[$0] > 0 ? sums[$0] / counts[$0] : (multiplicative ? 1 : 0) }
        let centre = idx.reduce(0, +) / Double(m)
        idx = idx.map { multiplicative ? $0 / centre : $0 - centre }
        return idx
    }

    /// Chooses among the four variants by the criterion, after a multiplicative (additive for
    /// non-positive data or an index below 0.01) classical decomposition when the series is seasonal
    /// — statsforecast's `AutoTheta`.
    /// - Parameters:
    ///   - values: The series (finite, ≥ 4 values, not constant).
    ///   - seasonalPeriod: m.
    ///   - variants: The candidates (default all four).
    /// - Returns: The best fit.
    /// - Throws: ``ForecastError/gaps(positions:)``, ``ForecastError/nonFiniteValue(position:value:)``,
    ///   ``ForecastError/seriesTooShort(model:length:minimum:)``, ``ForecastError/noModelFitted(reasons:)``.
    /// - Complexity: four fits of O(n) per evaluation plus O(n · m) for the test.
    public static func fit(
        _ values: [Double], seasonalPeriod: Int, variants: [ThetaVariant] = ThetaVariant.allCases
    ) throws -> ThetaFit {
        try validateFinite(values)
        if values.count <= 3 { throw ForecastError.seriesTooShort(model: "Theta", length: values.count, minimum: 4) }
        let m = seasonalPeriod
        var y = values
        var seasonal: [Double] = []
        var multiplicative = true
        if isSeasonal(values, period: m) {
            if !(values.min().map { $0 > 0 } ?? false) { multiplicative = false }
            var idx = seasonalIndices(values, period: m, multiplicative: multiplicative)
            if multiplicative && idx.contains(where: { $0 < 0.01 }) {
                multiplicative = false
                idx = seasonalIndices(values, period: m, multiplicative: false)
            }
            for t in y.indices { y[t] = multiplicative ? y[t] / idx[t % m] : y[t] - idx[t % m] }
            let n = values.count
            seasonal = (0..<m).map { idx[(n + $0) % m] }
        }
        var best: ThetaFit? = nil
        var reasons: [String] = []
        for v in variants {
            do {
                let f = try fitVariant(y, variant: v)
                if let b = best, b.criterion <= f.criterion { continue }
                best = f
            } catch {
                reasons.append("\(error)")
            }
        }
        guard var fit = best else { throw ForecastError.noModelFitted(reasons: reasons) }
        fit.seasonalForecast = seasonal
        fit.multiplicative = multiplicative
        return fit
    }
}

extension ThetaFit {
    /// Point forecasts (the model's mean recursion) and intervals from `paths` seeded simulated
    /// paths with Gaussian errors of standard deviation ``sigma`` (statsforecast's method), both
    /// reseasonalized.
    /// - Parameters:
    ///   - horizon: Steps ahead ≥ 1.
    ///   - levels: Coverages in percent.
    ///   - paths: Simulated paths (default 1000).
    ///   - seed: Seed of the simulation.
    /// - Returns: The forecast; step h's interval does not depend on the horizon.
    /// - Throws: ``ForecastError/invalidHorizon(_:)``, ``ForecastError/invalidArgument(name:value:expected:)``.
    /// - Complexity: O(paths · horizon).
    public func forecast(horizon: Int, levels: [Double] = [80, 95], paths: Int = 1000, seed: UInt64 = 42) throws -> Forecast {
        try validateHorizon(horizon, levels: levels)
        let dynamic = variant.isDynamic
        var s = finalState
        var mean = [Double](repeating: 0, count: horizon)
        for j in 0..<horizon {
            let i = count + j
            let f = Theta.mu(s, i, alpha: alpha, theta: theta)
            mean[j] = f
            Theta.update(&s, i, y: f, dynamic: dynamic, alpha: alpha)
        }
        var samples = [[Double]](repeating: [Double](repeating: 0, count: paths), count: horizon)
        var rng = SeededGenerator(seed: seed)
        let normal = Normal.standard
        // Step-major order: step j uses the j-th block of draws whatever the horizon, so step 1's
        // interval does not change with the horizon asked for.
        var states = [ThetaState](repeating: finalState, count: paths)
        for j in 0..<horizon {
            let i = count + j
            for p in 0..<paths {
                let v = Theta.mu(states[p], i, alpha: alpha, theta: theta) + sigma * normal.sample(using: &rng)
                samples[j][p] = v
                Theta.update(&states[p], i, y: v, dynamic: dynamic, alpha: alpha)
            }
        }
        func season(_ j: Int) -> (Double) -> Double {
            guard !seasonalForecast.isEmpty else { return { $0 } }
            let k = seasonalForecast[j % seasonalForecast.count]
            return multiplicative ? { $0 * k } : { $0 + k }
        }
        var intervals: [PredictionInterval] = []
        let sorted = samples.map { $0.sorted() }
        for level in levels {
            var lo = [Double](repeating: 0, count: horizon), hi = lo
            let q = (100 - level) / 200
            for j in 0..<horizon {
                let adjust = season(j)
                let a = adjust(sortedQuantile(sorted[j], q)), b = adjust(sortedQuantile(sorted[j], 1 - q))
                lo[j] = min(a, b); hi[j] = max(a, b)
            }
            intervals.append(PredictionInterval(level: level, lower: lo, upper: hi))
        }
        for j in 0..<horizon { mean[j] = season(j)(mean[j]) }
        return Forecast(model: name, mean: mean, intervals: intervals, intervalMethod: .simulated)
    }
}
