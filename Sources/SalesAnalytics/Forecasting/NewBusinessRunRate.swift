import SalesData
import SalesNumerics

/// The run-rate forecast of business not yet in the pipeline: won amount from deals created after the
/// as-of date and closing within the horizon.
///
/// Definition. Months are calendar months; forecast month k = 0, 1, … starts with the month of t₀ + 1.
/// For a past creation month c, its won-amount profile is P_c(ℓ) = Σ amount of deals created in c,
/// won, and closed in month c + ℓ (lag ℓ = 0 … H − 1). A creation month is *complete* for horizon H
/// if c + H − 1 ≤ A, A the last complete month at t₀ (every lag has been observed). The pool is the
/// last `poolMonths` complete creation months (12 by default), from the first month with a deal on.
/// The future creation months j = 0 … H − 1 (j = 0 is the month of t₀ + 1, weighted by the fraction
/// w₀ of its days after t₀; wⱼ = 1 otherwise) each draw a profile from the pool independently and
/// uniformly, so new business in month k is Σ_{j ≤ k} wⱼ · P_{c_j}(k − j), with expectation
/// Σ_{j ≤ k} wⱼ · P̄(k − j), P̄ the pool's average profile. This assumes a stationary flow of new
/// deals (no trend) over the pool window; the simulation is a bootstrap of whole creation months,
/// so it keeps the month-to-month variation and the lag correlation of real months.
public enum NewBusinessRunRate {
    /// The run-rate distribution.
    /// - Parameters:
    ///   - opportunities: All deals.
    ///   - asOf: The as-of day.
    ///   - horizon: Months ahead (H).
    ///   - poolMonths: Complete creation months to bootstrap from (default 12).
    ///   - paths: Simulated paths.
    ///   - seed: Seed.
    /// - Returns: The distribution (analytic expectation + bootstrap draws) and the pool months used.
    /// - Throws: ``SalesForecastError/insufficientHistory(what:needed:)`` when no creation month is complete.
    /// - Complexity: O(deals + paths · H²).
    public static func forecast(opportunities: [OpportunityRecord], asOf t0: Int, horizon h: Int, poolMonths: Int = 12,
                                paths: Int, seed: UInt64) throws -> (distribution: ForecastDistribution, pool: [String]) {
        if h < 1 { throw SalesForecastError.forecast(.invalidHorizon(h)) }
        if poolMonths < 1 { throw SalesForecastError.invalidArgument(name: "pool months", value: "\(poolMonths)", expected: "≥ 1") }
        let firstMonth = PeriodUnit.month.index(ofDay: t0 + 1)
        let lastComplete = firstMonth - 1
        guard let firstCreated = opportunities.map(\.createdDay).min() else { throw SalesForecastError.emptyInput(what: "opportunities") }
        let dataStart = PeriodUnit.month.index(ofDay: firstCreated)
        let newestPool = lastComplete - (h - 1)
        let oldestPool = max(dataStart, newestPool - poolMonths + 1)
        if newestPool < oldestPool {
            throw SalesForecastError.insufficientHistory(what: "new-business run rate",
                                       needed: "a creation month whose deals have been observed for \(h) month(s) before the as-of date")
        }
        let count = newestPool - oldestPool + 1
        var profiles = [Double](repeating: 0, count: count * h)
        for o in opportunities {
            guard o.isWon == true, let close = o.closeDay, close <= t0 else { continue }
            let c = PeriodUnit.month.index(ofDay: o.createdDay)
            guard c >= oldestPool && c <= newestPool else { continue }
            let lag = PeriodUnit.month.index(ofDay: close) - c
            if lag >= 0 && lag < h { profiles[(c - oldestPool) * h + lag] += o.amount }
        }
        var mean = [Double](repeating: 0, count: h)
        for c in 0..<count { for l in 0..<h { mean[l] += profiles[c * h + l] / Double(count) } }
        let monthDays = Double(PeriodUnit.month.dayCount(ofIndex: firstMonth))
        let firstMonthStart = PeriodUnit.month.firstDay(ofIndex: firstMonth)
        let w0 = (monthDays - Double(t0 + 1 - firstMonthStart)) / monthDays
        let weights = (0..<h).map { $0 == 0 ? w0 : 1.0 }
        var expected = [Double](repeating: 0, count: h)
        for k in 0..<h { for j in 0...k { expected[k] += weights[j] * mean[k - j] } }

        var rng = SeededGenerator(seed: seed)
        var samples = [Double](repeating: 0, count: paths * h)
        samples.withUnsafeMutableBufferPointer { s in
            profiles.withUnsafeBufferPointer { prof in
                for p in 0..<paths {
                    for j in 0..<h {
                        let c = rng.nextInt(below: count)
                        for l in 0..<(h - j) { s[p * h + j + l] += weights[j] * prof[c * h + l] }
                    }
                }
            }
        }
        let labels = (0..<h).map { PeriodUnit.month.label(ofIndex: firstMonth + $0) }
        let pool = (oldestPool...newestPool).map { PeriodUnit.month.label(ofIndex: $0) }
        return (ForecastDistribution(periods: labels, expected: expected, paths: paths, samples: samples), pool)
    }
}

/// Pipeline plus run rate: the whole won amount expected per month.
public struct CombinedForecast: Sendable {
    /// The known-deal part.
    public var pipeline: PipelineForecast
    /// The new-business part.
    public var newBusiness: ForecastDistribution
    /// Creation months the run rate was bootstrapped from.
    public var runRatePool: [String]
    /// The sum, path by path (the two parts are simulated independently).
    public var total: ForecastDistribution
    /// Adjustments made.
    public var notes: [String]
}

/// Combined forecasting: pipeline for deals open at the as-of date + run rate for deals created after it.
public enum CombinedForecaster {
    /// Forecasts both parts and adds them path by path.
    ///
    /// The pipeline uses `options.seed`, the run rate `options.seed ^ 0x9E37_79B9_7F4A_7C15`, so the
    /// two simulations are independent streams and the whole result is reproducible from one seed.
    /// - Parameters:
    ///   - opportunities: All deals.
    ///   - stageHistory: Stage entries or `nil`.
    ///   - winProbabilities: Win-model scores by id, or `nil`.
    ///   - asOf: The as-of day, or `nil` as in ``PipelineForecaster``.
    ///   - poolMonths: Run-rate pool size (default 12).
    ///   - options: Horizon, levels, paths, seed, timing.
    /// - Returns: Both parts and the total.
    /// - Throws: As ``PipelineForecaster/forecast(opportunities:stageHistory:winProbabilities:asOf:options:)`` and
    ///   ``NewBusinessRunRate/forecast(opportunities:asOf:horizon:poolMonths:paths:seed:)``.
    /// - Complexity: The sum of both.
    public static func forecast(
        opportunities: [OpportunityRecord], stageHistory: [StageEntry]? = nil, winProbabilities: [String: Double]? = nil,
        asOf: Day? = nil, poolMonths: Int = 12, options: PipelineForecastOptions
    ) throws -> CombinedForecast {
        let pipeline = try PipelineForecaster.forecast(opportunities: opportunities, stageHistory: stageHistory,
                                                       winProbabilities: winProbabilities, asOf: asOf, options: options)
        let run = try NewBusinessRunRate.forecast(opportunities: opportunities, asOf: pipeline.asOf.rawValue, horizon: options.horizon,
                                                  poolMonths: poolMonths, paths: options.paths,
                                                  seed: options.seed ^ 0x9E37_79B9_7F4A_7C15)
        let total = ForecastDistribution.sum(pipeline.distribution, run.distribution)
        let notes = pipeline.notes + ["new business: run rate bootstrapped from creation months "
                                      + (run.pool.first ?? "") + " … " + (run.pool.last ?? "")]
        return CombinedForecast(pipeline: pipeline, newBusiness: run.distribution, runRatePool: run.pool, total: total, notes: notes)
    }
}
