import SalesNumerics
import SalesData

/// Settings of a pipeline forecast.
public struct PipelineForecastOptions: Sendable, Hashable {
    /// Calendar months to forecast (≥ 1), starting with the month of the day after the as-of date.
    public var horizon: Int
    /// Interval levels in percent.
    public var levels: [Double]
    /// Simulated paths (≥ 100).
    public var paths: Int
    /// Simulation seed.
    public var seed: UInt64
    /// Close-timing mode.
    public var timing: CloseTimingModel.Mode
    /// Fewest closed cycles behind a survival draw.
    public var minimumSupport: Int
    /// How stage win rates count deals.
    public var winRateWeighting: StageWinRates.Weighting

    /// Creates options.
    /// - Parameters:
    ///   - horizon: Months ahead.
    ///   - levels: Interval levels (default 80, 95).
    ///   - paths: Simulated paths (default 10,000).
    ///   - seed: Seed (default 42).
    ///   - timing: Close-timing mode (default cycle survival).
    ///   - minimumSupport: Fewest cycles per survival draw (default 20).
    ///   - winRateWeighting: Stage win rates by deal count (default, the share of deals won) or by amount.
    public init(horizon: Int, levels: [Double] = [80, 95], paths: Int = 10_000, seed: UInt64 = 42,
                timing: CloseTimingModel.Mode = .cycleSurvival, minimumSupport: Int = 20,
                winRateWeighting: StageWinRates.Weighting = .deals) {
        self.winRateWeighting = winRateWeighting
        self.horizon = horizon
        self.levels = levels
        self.paths = paths
        self.seed = seed
        self.timing = timing
        self.minimumSupport = minimumSupport
    }
}

/// One open deal's part of the pipeline forecast.
public struct PipelineDeal: Sendable, Hashable, Codable {
    /// Opportunity id.
    public var id: String
    /// Amount.
    public var amount: Double
    /// The stage at the as-of date.
    public var stage: String
    /// P(win) used.
    public var winProbability: Double
    /// Where P(win) came from: `win-model` or `stage-rate`.
    public var winProbabilitySource: String
    /// P(the deal closes within the horizon).
    public var closeWithinHorizon: Double
    /// Expected won amount per forecast month.
    public var expectedByMonth: [Double]
}

/// The pipeline forecast: expected won amount per month from the deals open at the as-of date.
public struct PipelineForecast: Sendable {
    /// The as-of day.
    public var asOf: Day
    /// Forecast month labels (`YYYY-MM`).
    public var periods: [String]
    /// Analytic expectation and simulated draws per month.
    public var distribution: ForecastDistribution
    /// Every open deal's contribution.
    public var deals: [PipelineDeal]
    /// The stage win rates learned (used for deals without a model probability).
    public var winRates: StageWinRates
    /// The close-timing model.
    public var timing: CloseTimingModel
    /// Expected won amount closing after the horizon.
    public var expectedBeyondHorizon: Double
    /// Adjustments made (deals reconstructed, excluded, fall-backs).
    public var notes: [String]
}

/// Pipeline forecasting from open opportunities.
///
/// Model: each deal i open at the as-of date t₀ is won with probability pᵢ (the win model's score when
/// given, else its stage's rate from ``StageWinRates``) and closes on a day drawn from the
/// ``CloseTimingModel``, independently; the forecast for month k is E[Σᵢ amountᵢ · 1{won} · 1{closes in k}]
/// = Σᵢ amountᵢ · pᵢ · P(closes in k), computed exactly from the finite timing distribution.
/// Intervals: the quantiles of `paths` seeded simulations (Bernoulli wins × sampled close days).
///
/// A deal is open at t₀ if it was created on or before t₀ and either has an open stage or closed
/// after t₀ (a later export read as of an earlier date); its stage at t₀ is then the last stage-history
/// entry on or before t₀ (without history: the overall win rate is used, a note says how many).
/// Deals created after t₀ are not pipeline (the combined forecast covers them).
public enum PipelineForecaster {
    /// Forecasts the pipeline.
    /// - Parameters:
    ///   - opportunities: All deals (history and open).
    ///   - stageHistory: Stage entries, or `nil`.
    ///   - winProbabilities: P(win) per opportunity id from a win model, or `nil` for stage rates only.
    ///   - asOf: The as-of day; `nil` = the latest created or closed date of a closed
    ///     deal, or created date of an open one.
    ///   - options: Horizon, levels, paths, seed, timing.
    /// - Returns: The forecast.
    /// - Throws: ``SalesForecastError`` for no deals, no closed history, bad options or probabilities.
    /// - Complexity: O(deals · log deals + paths · open deals).
    public static func forecast(
        opportunities: [OpportunityRecord], stageHistory: [StageEntry]? = nil, winProbabilities: [String: Double]? = nil,
        asOf: Day? = nil, options: PipelineForecastOptions
    ) throws -> PipelineForecast {
        try validate(options)
        if opportunities.isEmpty { throw SalesForecastError.emptyInput(what: "opportunities") }
        let t0 = asOf?.rawValue ?? defaultAsOf(opportunities)
        let rates = try StageWinRates.learn(from: opportunities, stageHistory: stageHistory, asOf: t0,
                                                weighting: options.winRateWeighting)
        let timing = try CloseTimingModel(opportunities: opportunities, asOf: t0, mode: options.timing,
                                          minimumSupport: options.minimumSupport)
        var notes: [String] = []
        let firstMonth = PeriodUnit.month.index(ofDay: t0 + 1)
        let h = options.horizon
        let periods = (0..<h).map { PeriodUnit.month.label(ofIndex: firstMonth + $0) }

        // Stage at t₀ for deals closed after t₀.
        var stageAt: [String: (day: Int, stage: String)] = [:]
        var reopened: Set<String> = []
        for o in opportunities where o.isWon != nil && (o.closeDay ?? Int.min) > t0 && o.createdDay <= t0 { reopened.insert(o.id) }
        if let stageHistory, !reopened.isEmpty {
            for e in stageHistory where reopened.contains(e.opportunityID) && e.enteredDay <= t0 && !e.stage.hasPrefix("closed_") {
                if let cur = stageAt[e.opportunityID], cur.day > e.enteredDay { continue }
                stageAt[e.opportunityID] = (e.enteredDay, e.stage)
            }
        }

        struct OpenDeal { var amount: Double; var p: Double; var from: Int; var age: Int; var fixedDay: Int? }
        var open: [OpenDeal] = []
        var deals: [PipelineDeal] = []
        var createdLater = 0, unknownStage = 0, overdue = 0, modelMissing = 0
        for o in opportunities {
            if o.createdDay > t0 { if o.isWon == nil { createdLater += 1 }; continue }
            let isOpen = o.isWon == nil || reopened.contains(o.id)
            guard isOpen else { continue }
            var stage = o.stage
            if o.isWon != nil {
                if let s = stageAt[o.id]?.stage { stage = s } else { stage = "unknown"; unknownStage += 1 }
            }
            var p: Double
            var source = "stage-rate"
            if let model = winProbabilities?[o.id] {
                guard model.isFinite, model >= 0, model <= 1 else {
                    throw SalesForecastError.invalidArgument(name: "win probability of \(o.id)", value: "\(model)", expected: "a number in [0, 1]")
                }
                p = model
                source = "win-model"
            } else {
                if winProbabilities != nil { modelMissing += 1 }
                p = stage == "unknown" ? rates.overall : rates.rate(for: stage)
            }
            var fixedDay: Int? = nil
            if options.timing == .expectedDate {
                if let c = o.isWon == nil ? o.closeDay : nil, c > t0 { fixedDay = c } else { overdue += 1 }
            }
            let support = timing.survivalSupport(age: t0 - o.createdDay)
            let deal = OpenDeal(amount: o.amount, p: p, from: support.from, age: support.effectiveAge, fixedDay: fixedDay)
            open.append(deal)
            let monthProbabilities = closeMonthProbabilities(deal.fixedDay, from: deal.from, age: deal.age, timing: timing,
                                                             asOf: t0, firstMonth: firstMonth, horizon: h)
            deals.append(PipelineDeal(id: o.id, amount: o.amount, stage: stage, winProbability: p, winProbabilitySource: source,
                                      closeWithinHorizon: monthProbabilities.reduce(0, +),
                                      expectedByMonth: monthProbabilities.map { o.amount * p * $0 }))
        }
        if open.isEmpty { throw SalesForecastError.emptyInput(what: "open opportunities at \(CivilDate.isoString(fromDays: t0))") }
        if !reopened.isEmpty { notes.append("\(reopened.count) deal(s) closed after the as-of date treated as open at it") }
        if unknownStage > 0 { notes.append("\(unknownStage) of them without a stage at the as-of date (no history): overall win rate used") }
        if createdLater > 0 { notes.append("\(createdLater) open deal(s) created after the as-of date left out") }
        if modelMissing > 0 { notes.append("\(modelMissing) open deal(s) without a win-model score: stage rate used") }
        if overdue > 0 { notes.append("\(overdue) open deal(s) with a missing or overdue expected close date: close drawn from the cycle distribution") }

        var expected = [Double](repeating: 0, count: h)
        var beyond = 0.0
        for d in deals {
            for k in 0..<h { expected[k] += d.expectedByMonth[k] }
            beyond += d.amount * d.winProbability * (1 - d.closeWithinHorizon)
        }

        // Simulation.
        let paths = options.paths
        var samples = [Double](repeating: 0, count: paths * h)
        var rng = SeededGenerator(seed: options.seed)
        let cycles = timing.sortedCycles
        samples.withUnsafeMutableBufferPointer { s in
            cycles.withUnsafeBufferPointer { cyc in
                open.withUnsafeBufferPointer { openDeals in
                    for p in 0..<paths {
                        let row = p * h
                        for d in openDeals {
                            let won = rng.nextUnitDouble() < d.p
                            let day: Int
                            if let fixed = d.fixedDay {
                                day = fixed
                            } else {
                                let j = d.from + rng.nextInt(below: cyc.count - d.from)
                                day = t0 + cyc[j] - d.age
                            }
                            guard won else { continue }
                            let k = PeriodUnit.month.index(ofDay: day) - firstMonth
                            if k >= 0 && k < h { s[row + k] += d.amount }
                        }
                    }
                }
            }
        }
        let distribution = ForecastDistribution(periods: periods, expected: expected, paths: paths, samples: samples)
        return PipelineForecast(asOf: Day(rawValue: t0), periods: periods, distribution: distribution, deals: deals, winRates: rates,
                                timing: timing, expectedBeyondHorizon: beyond, notes: notes)
    }

    /// The default as-of date: the latest date known to have happened (created dates, close dates of closed deals).
    /// - Parameter opportunities: The deals.
    /// - Returns: Days since epoch.
    public static func defaultAsOf(_ opportunities: [OpportunityRecord]) -> Int {
        var t = Int.min
        for o in opportunities {
            t = max(t, o.createdDay)
            if o.isWon != nil, let c = o.closeDay { t = max(t, c) }
        }
        return t
    }

    static func validate(_ options: PipelineForecastOptions) throws {
        if options.horizon < 1 { throw SalesForecastError.forecast(.invalidHorizon(options.horizon)) }
        if options.paths < 100 { throw SalesForecastError.invalidArgument(name: "paths", value: "\(options.paths)", expected: "at least 100") }
        for l in options.levels where !(l > 0 && l < 100) {
            throw SalesForecastError.invalidArgument(name: "interval level", value: "\(l)", expected: "a percentage in (0, 100)")
        }
    }

    /// P(close in forecast month k), k = 0..<horizon, exactly from the finite support.
    static func closeMonthProbabilities(_ fixedDay: Int?, from: Int, age: Int, timing: CloseTimingModel, asOf t0: Int,
                                        firstMonth: Int, horizon h: Int) -> [Double] {
        var out = [Double](repeating: 0, count: h)
        if let fixedDay {
            let k = PeriodUnit.month.index(ofDay: fixedDay) - firstMonth
            if k >= 0 && k < h { out[k] = 1 }
            return out
        }
        let cycles = timing.sortedCycles
        let weight = 1 / Double(cycles.count - from)
        for j in from..<cycles.count {
            let k = PeriodUnit.month.index(ofDay: t0 + cycles[j] - age) - firstMonth
            if k >= h { break }
            if k >= 0 { out[k] += weight }
        }
        return out
    }
}
