import SalesData
import SalesModels
import SalesNumerics

/// Settings of a combined revenue forecast: the order forecast, the deal forecast and what is added.
public struct CombinedRevenueForecastOptions: Sendable, Hashable {
    /// The order-revenue forecast (used when orders are given; its horizon is ignored, the deal horizon counts).
    public var orders: RevenueForecastOptions
    /// The deal forecast: horizon in months, levels, simulated paths, seed, close timing, win-rate weighting.
    public var deals: PipelineForecastOptions
    /// Whether the run rate of deals not yet created is added to the known deals (`false`: known deals only).
    public var includeRunRate: Bool
    /// Propose a quota for the first forecast month as this quantile of the total, or `nil` for none.
    public var quotaQuantile: Double?

    /// Creates options.
    /// - Parameters:
    ///   - deals: The deal forecast's options (its horizon, levels, paths and seed serve the whole forecast).
    ///   - orders: The order forecast's options (default: ETS by AICc, with the deals' horizon, levels and seed).
    ///   - includeRunRate: Add the run rate of deals not yet created (default `true`).
    ///   - quotaQuantile: Quantile of the first month's total to propose as a quota, or `nil` (default).
    public init(deals: PipelineForecastOptions, orders: RevenueForecastOptions? = nil, includeRunRate: Bool = true,
                quotaQuantile: Double? = nil) {
        self.deals = deals
        self.orders = orders ?? RevenueForecastOptions(horizon: deals.horizon, levels: deals.levels, seed: deals.seed)
        self.includeRunRate = includeRunRate
        self.quotaQuantile = quotaQuantile
    }
}

/// Order revenue and deal bookings forecast together: each stream forecast on its own, then added path
/// by path into one distribution.
public struct CombinedRevenueForecast: Sendable {
    /// What was added.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Known open deals only.
        case pipeline
        /// Known open deals plus the run rate of deals not yet created.
        case combined
        /// Order revenue plus the deals (with or without the run rate).
        case ordersAndDeals = "orders+deals"
    }

    /// One stream's expected contribution per forecast month.
    public struct Component: Sendable, Hashable, Codable {
        /// `orders (<model>)`, `pipeline` or `run-rate`.
        public var name: String
        /// Expected amount per forecast month.
        public var mean: [Double]
    }

    /// What was added.
    public var kind: Kind
    /// The model name, e.g. `orders:ETS(M,Ad,M)+pipeline+run-rate`.
    public var model: String
    /// Forecast month labels (`YYYY-MM`).
    public var periods: [String] { distribution.periods }
    /// The simulated total.
    public var distribution: ForecastDistribution
    /// Mean and intervals of the total at the options' levels.
    public var forecast: Forecast
    /// The order-revenue forecast, when orders were given.
    public var orders: RevenueForecast?
    /// The deal forecast of the known open deals.
    public var pipeline: PipelineForecast
    /// Each stream's expected contribution, orders first.
    public var components: [Component]
    /// The proposed quota, when a quantile was asked for.
    public var quota: QuotaProposal?
    /// The order forecast's notes, the deal forecast's notes, the win-probability sources and how the streams were added.
    public var notes: [String]
}

/// Forecasts order revenue and deal bookings together (``CombinedRevenueForecast``).
public enum CombinedRevenueForecaster {
    /// The seed offset of the order stream's simulation, so that it is independent of the deal streams.
    static let orderSeedOffset: UInt64 = 0xD1B5_4A32_D192_ED03

    /// Forecasts the monthly revenue of `orders` (when given) and the bookings of `opportunities`, and adds them.
    ///
    /// The deal forecast is ``CombinedForecaster`` (known deals plus the run rate of deals not yet created)
    /// or, without ``CombinedRevenueForecastOptions/includeRunRate``, ``PipelineForecaster``. With orders, the
    /// order forecast is ``RevenueForecaster/forecast(orders:frequency:asOf:options:)`` (monthly) over the
    /// deal horizon; without an as-of day the deals are forecast from the day before the order forecast's
    /// first month, so both start in the same month. The order stream is simulated from its ETS fit, or as
    /// independent normal steps matching its widest interval, and added path by path.
    /// - Parameters:
    ///   - orders: Order dates and amounts, or `nil` for deals only.
    ///   - opportunities: All deals (history and open).
    ///   - stageHistory: Stage entries, or `nil`.
    ///   - winProbabilities: P(win) per opportunity id from a win model, or `nil` for stage rates only.
    ///   - asOf: The last day of the data, or `nil` (orders: the last order date; deals only: as ``PipelineForecaster``).
    ///   - options: Both forecasts' options, the run-rate switch and the quota quantile.
    /// - Returns: The total with its components, both forecasts and the notes.
    /// - Throws: ``SalesForecastError`` from either forecast, for a bad quota quantile, and
    ///   ``SalesForecastError/misaligned(orders:deals:)`` when the two forecasts start in different months.
    /// - Complexity: The order forecast plus the deal forecast plus O(paths · horizon) for the sum.
    public static func forecast(
        orders: OrderLog?, opportunities: [OpportunityRecord], stageHistory: [StageEntry]? = nil,
        winProbabilities: [String: Double]? = nil, asOf: Day? = nil, options: CombinedRevenueForecastOptions
    ) throws -> CombinedRevenueForecast {
        let dealOptions = options.deals
        var revenue: RevenueForecast? = nil
        if let orders {
            var orderOptions = options.orders
            orderOptions.horizon = dealOptions.horizon
            revenue = try RevenueForecaster.forecast(orders: orders, frequency: .month, asOf: asOf, options: orderOptions)
        }
        var dealsAsOf = asOf
        if dealsAsOf == nil, let revenue {
            // The day before the order forecast's first month.
            let firstMonthIndex = revenue.history.series.start + revenue.history.series.count
            dealsAsOf = Day(rawValue: PeriodUnit.month.firstDay(ofIndex: firstMonthIndex) - 1)
        }
        var notes: [String] = []
        var distribution: ForecastDistribution
        let pipeline: PipelineForecast
        var modelName: String
        if options.includeRunRate {
            let combined = try CombinedForecaster.forecast(opportunities: opportunities, stageHistory: stageHistory,
                                                           winProbabilities: winProbabilities, asOf: dealsAsOf, options: dealOptions)
            pipeline = combined.pipeline
            distribution = combined.total
            notes += combined.notes
            modelName = "pipeline+run-rate"
        } else {
            pipeline = try PipelineForecaster.forecast(opportunities: opportunities, stageHistory: stageHistory,
                                                       winProbabilities: winProbabilities, asOf: dealsAsOf, options: dealOptions)
            distribution = pipeline.distribution
            notes += pipeline.notes
            modelName = "pipeline"
        }
        let modelScored = pipeline.deals.filter { $0.winProbabilitySource == "win-model" }.count
        notes.append("win probability: "
                     + (winProbabilities == nil ? "" : "win-model scores for \(modelScored) of \(pipeline.deals.count) open deals, else ")
                     + "stage win rates (\(pipeline.winRates.source.rawValue), weighted by \(dealOptions.winRateWeighting.rawValue)); "
                     + "close timing: \(dealOptions.timing.rawValue)")
        var components = [CombinedRevenueForecast.Component(name: "pipeline", mean: pipeline.distribution.expected)]
        if options.includeRunRate {
            components.append(.init(name: "run-rate", mean: zip(distribution.expected, pipeline.distribution.expected).map(-)))
        }
        if let revenue {
            guard revenue.periods == distribution.periods else {
                throw SalesForecastError.misaligned(orders: revenue.periods.first ?? "", deals: distribution.periods.first ?? "")
            }
            let orderDistribution = ForecastDistribution(revenue, paths: dealOptions.paths, seed: dealOptions.seed ^ orderSeedOffset)
            if revenue.etsFit == nil {
                notes.append("order revenue (\(revenue.model)) simulated as independent normal steps from its intervals")
            }
            components.insert(.init(name: "orders (\(revenue.model))", mean: orderDistribution.expected), at: 0)
            distribution = ForecastDistribution.sum(orderDistribution, distribution)
            notes = revenue.notes + notes
            notes.append("orders and deals are added as separate revenue streams")
            modelName = "orders:\(revenue.model)+" + modelName
        }
        let quota = try options.quotaQuantile.map { try QuotaProposal.propose(from: distribution, periods: 0..<1, quantile: $0) }
        let kind: CombinedRevenueForecast.Kind = revenue != nil ? .ordersAndDeals : (options.includeRunRate ? .combined : .pipeline)
        return CombinedRevenueForecast(kind: kind, model: modelName, distribution: distribution,
                                       forecast: distribution.forecast(model: modelName, levels: dealOptions.levels),
                                       orders: revenue, pipeline: pipeline, components: components, quota: quota, notes: notes)
    }
}

extension ForecastDistribution {
    /// Simulated paths of a revenue forecast: the ETS simulation of its fit, or else independent normal
    /// steps around its mean with the spread of its widest interval.
    /// - Parameters:
    ///   - result: The revenue forecast.
    ///   - paths: Paths to simulate.
    ///   - seed: Seed of the simulation.
    /// - Complexity: O(paths · horizon).
    public init(_ result: RevenueForecast, paths: Int, seed: UInt64) {
        if let fit = result.etsFit {
            self.init(simulating: fit, periods: result.periods, paths: paths, seed: seed)
            return
        }
        let h = result.periods.count
        let band = result.forecast.intervals.max { $0.level < $1.level }
        let z = band.map { Normal.standard.quantile(0.5 + $0.level / 200) } ?? 1
        var rng = SeededGenerator(seed: seed)
        var samples = [Double](repeating: 0, count: paths * h)
        for p in 0..<paths {
            for k in 0..<h {
                let sd = band.map { ($0.upper[k] - $0.lower[k]) / (2 * z) } ?? 0
                let u = min(max(rng.nextUnitDouble(), 1e-12), 1 - 1e-12)
                samples[p * h + k] = result.forecast.mean[k] + sd * Normal.standard.quantile(u)
            }
        }
        self.init(periods: result.periods, expected: result.forecast.mean, paths: paths, samples: samples)
    }
}
