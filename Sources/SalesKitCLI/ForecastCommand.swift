import ArgumentParser
import Foundation
import SalesKit

/// `saleskit forecast`: a `period,value` series, revenue from orders, the pipeline of opportunities, or both.
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast a period,value series, revenue from orders, or the pipeline of opportunities.",
        discussion: """
            Series:        saleskit forecast --series revenue.csv --horizon 12 --backtest --format json
            Many series:   saleskit forecast --series long.csv --horizon 12 --format csv
                           (series_id,period,value; one row per series and step, failures per series)
                           (period,value; periods YYYY-MM, YYYY-Qn or dates YYYY-MM-DD, daily or weekly)
            Revenue:       saleskit forecast --orders orders.csv --horizon 6
            Pipeline:      saleskit forecast --opportunities opportunities.csv --stage-history stage_history.csv --horizon 3
                           (known deals plus the run rate of deals not yet created; --pipeline-only for known deals)
            Win model:     add --win-scores scores.csv (opportunity_id,probability, e.g. from saleskit winprob score)
            Both:          saleskit forecast --orders orders.csv --opportunities opportunities.csv --horizon 3
                           (order revenue + deal bookings, taken as separate revenue streams)
            --model auto (the default) is AutoETS (selection by AICc): on 93 real monthly and quarterly series,
            chosen on the year before the last and confirmed on the last, it had a lower mean MASE than
            SalesKit's AutoARIMA, Theta and their combinations, and than statsforecast's AutoARIMA, AutoETS
            and their mean (BENCHMARKS.md). A series too short for ETS gets the naive forecast (one series)
            or a failure of its own (many series).
            Accuracy is from a rolling-origin backtest with --backtest (and always with --model auto on one
            series), otherwise in sample (one-step-ahead fits); "accuracySource" says which. Deal forecasts have none.
            """)

    @Option(help: "A period,value file (YYYY-MM, YYYY-Qn or YYYY-MM-DD periods).")
    var series: String?
    @Option(help: "orders.csv (order_date, amount): forecast monthly revenue.")
    var orders: String?
    @Option(help: "opportunities.csv: forecast won amount from the pipeline.")
    var opportunities: String?
    @Option(help: "stage_history.csv: stage win rates from the stages deals passed through.")
    var stageHistory: String?
    @Option(help: "Win-model scores opportunity_id,probability (e.g. the CSV of saleskit winprob score); other deals use stage rates.")
    var winScores: String?
    @Option(help: "As-of date YYYY-MM-DD (default: the last date in the data).")
    var asOf: Day?
    @Option(help: "Periods to forecast (months for orders and opportunities).")
    var horizon: Int
    @Option(help: "auto (the default: AutoETS, the most accurate on real series — BENCHMARKS.md), ets (AutoETS by AICc; with --ets-spec one fixed model), arima (AutoARIMA by AICc), theta (AutoTheta), combination (mean of ets, arima, theta), regression (trend + season), naive, snaive, drift, mean.")
    var model: String = "auto"
    @Option(help: "A fixed ETS model for --model ets, as error/trend/season letters: ANN, AAdA, MAM, …")
    var etsSpec: String?
    @Flag(help: "Report accuracy from a rolling-origin backtest instead of in sample.")
    var backtest = false
    @Option(help: "Interval levels in percent, comma-separated.")
    var level: String = "80,95"
    @Option(help: "Missing periods of --series: error (list them) or zero (fill with 0).")
    var fillGaps: String = "error"
    @Option(help: "Season length (default 12 monthly, 4 quarterly, 7 daily, 52 weekly).")
    var seasonalPeriod: Int?
    @Option(help: "Aggregation of --orders: day, week, month or quarter (with --opportunities: month).")
    var period: TimeSeriesFrequency = .month
    @Option(help: "With --orders: also forecast each value of this column of the orders file (rep, region, product).")
    var groupBy: String?
    @Option(help: "Close timing of open deals: cycle (from closed deals' cycles) or expected (their close_date).")
    var closeTiming: CloseTimingModel.Mode = .cycleSurvival
    @Option(help: "Stage win rates counting deals (deals) or weighting them by amount (amount).")
    var winRates: StageWinRates.Weighting = .deals
    @Option(name: .customLong("stage-map"), help: ArgumentHelp(
        "Map a stage name of the file to a contract stage: theirs=contract (repeatable).", valueName: "theirs=contract"))
    var stageMappings: [String] = []
    @Flag(help: "Opportunities: known deals only, without the run rate of deals not yet created.")
    var pipelineOnly = false
    @Option(help: "Simulated paths for deal and combined intervals.")
    var paths: Int = 10_000
    @Option(help: "Random seed of simulations.")
    var seed: UInt64 = 42
    @Option(help: "Propose a quota for the first forecast period as this quantile of the forecast (e.g. 0.4).")
    var quotaQuantile: Double?
    @Flag(help: "With --orders: keep a last period the data cover only in part (default: left out of the model, with a note).")
    var includePartial = false
    @Flag(help: "Skip bad rows (listed on stderr and under \"rejected\") instead of stopping at the first.")
    var skipInvalid = false
    @OptionGroup var columns: ColumnMapOptions
    @OptionGroup var refundOptions: RefundOptions
    @OptionGroup var inputFormat: InputOptions
    @OptionGroup var output: OutputOptions

    /// The reader options of the input format flags, with this command's policy.
    func readOptions() throws -> CSVReadOptions {
        try inputFormat.readOptions(policy: skipInvalid ? .skipInvalidRows : .strict, output: output)
    }

    func validate() throws {
        if series == nil && orders == nil && opportunities == nil {
            throw ValidationError("give --series FILE, --orders FILE and/or --opportunities FILE")
        }
        if series != nil && (orders != nil || opportunities != nil) {
            throw ValidationError("--series forecasts a ready series; do not combine it with --orders or --opportunities")
        }
        if stageHistory != nil && opportunities == nil { throw ValidationError("--stage-history needs --opportunities") }
        if groupBy != nil && (orders == nil || opportunities != nil) {
            throw ValidationError("--group-by splits --orders revenue; give --orders without --opportunities")
        }
        if winScores != nil && opportunities == nil { throw ValidationError("--win-scores needs --opportunities") }
        if horizon < 1 { throw ValidationError("--horizon must be at least 1, got \(horizon)") }
        _ = try levels()
        _ = try modelChoice()
        if !["error", "zero"].contains(fillGaps) { throw ValidationError("--fill-gaps expects error or zero, got \"\(fillGaps)\"") }
        if opportunities != nil && orders != nil && period != .month {
            throw ValidationError("with --opportunities the forecast is monthly; drop --period \(period.rawValue)")
        }
        if paths < 100 { throw ValidationError("--paths must be at least 100") }
        if let seasonalPeriod, seasonalPeriod < 1 { throw ValidationError("--seasonal-period must be at least 1") }
        if let q = quotaQuantile, !(q > 0 && q < 1) { throw ValidationError("--quota-quantile expects a probability in (0, 1)") }
    }

    func levels() throws -> [Double] {
        let parts = level.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var out: [Double] = []
        for p in parts {
            guard let v = Double(p), v > 0, v < 100 else {
                throw ValidationError("--level expects percentages in (0, 100) separated by commas, got \"\(level)\"")
            }
            out.append(v)
        }
        if out.isEmpty { throw ValidationError("--level needs at least one level") }
        return out
    }

    func modelChoice() throws -> RevenueModelChoice {
        switch model {
        case "auto": return .auto
        case "ets":
            guard let code = etsSpec else { return .ets(nil) }
            guard let spec = ETSSpecification(code: code) else {
                throw ValidationError("--ets-spec expects letters such as ANN, AAN, AAdN, AAA, MAM, MAdM, got \"\(code)\"")
            }
            return .ets(spec)
        case "naive": return .baseline(.naive)
        case "snaive", "seasonal-naive": return .baseline(.seasonalNaive)
        case "drift": return .baseline(.drift)
        case "mean": return .baseline(.mean)
        case "regression": return .regression(SeasonalRegression.Options())
        case "arima": return .method(.autoARIMA)
        case "theta": return .method(.theta)
        case "combination": return .method(.combination(CombinedForecast.defaultMembers))
        default:
            throw ValidationError("--model expects auto, ets, arima, theta, combination, regression, naive, snaive, drift or mean, got \"\(model)\"")
        }
    }

    func stageMappingDictionary() throws -> [String: String] {
        var out: [String: String] = [:]
        for entry in stageMappings {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--stage-map expects theirs=contract, got \"\(entry)\"")
            }
            out[parts[0]] = parts[1]
        }
        return out
    }

    func run() throws {
        let levels = try levels()
        var scopes: [ColumnMapOptions.Scope] = []
        if series != nil { scopes.append(.init(name: "series", columns: ["series_id", "period", "value"])) }
        if orders != nil {
            var scope = ColumnMapOptions.Scope.contract(.orders)
            if let groupBy { scope.columns.append(groupBy) }
            scopes.append(scope)
        }
        if opportunities != nil { scopes.append(.contract(.opportunities)) }
        if stageHistory != nil { scopes.append(.contract(.stageHistory)) }
        if winScores != nil { scopes.append(.init(name: "win_scores", columns: ["opportunity_id", "probability"])) }
        let maps = try columns.resolved(scopes)
        func mapping(_ file: String) -> [String: String] { maps[file] ?? [:] }
        var rejected: [RejectedRow] = []
        func note(_ file: String, _ rows: [RejectedRow]) {
            for r in rows {
                output.notice("\(r) (skipped)")
                rejected.append(r)
            }
        }
        var revenueOptions = RevenueForecastOptions(
            horizon: horizon, model: try modelChoice(), levels: levels, backtest: backtest,
            gaps: fillGaps == "zero" ? .fillZero : .keepMissing, seasonalPeriod: seasonalPeriod, seed: seed)
        revenueOptions.includePartial = includePartial

        if let series, LongSeriesFile.isLongFormat(series, mapping: mapping("series"), options: try readOptions()) {
            try runBatch(path: series, mapping: mapping("series"), levels: levels)
            return
        }
        if let series {
            let contents = try SeriesFile.read(series, mapping: mapping("series"), skipInvalid: skipInvalid,
                                              options: try readOptions())
            note(series, contents.rejected)
            let result = try RevenueForecaster.forecast(contents.series, options: revenueOptions)
            try emitRevenue(result, kind: "series", rejected: rejected, levels: levels)
            return
        }

        var quality: [String] = []
        func noteQuality(_ file: String, _ report: DataQualityReport) {
            for v in report.ruleViolations where v.count > 0 {
                quality.append("data quality \(file): \(v.rule): \(v.count) row(s)" + (v.detail.isEmpty ? "" : " (\(v.detail))"))
            }
        }
        var orderLog: OrderLog? = nil
        if let orders {
            let input = try ForecastInputs.readOrders(orders, groupColumn: groupBy, mapping: mapping("orders"), skipInvalid: skipInvalid,
                                                      asOf: asOf?.rawValue, refunds: refundOptions.refunds, options: try readOptions(),
                                                      ids: refundOptions.ids)
            note(orders, input.read.quality.rejected)
            noteQuality(orders, input.read.quality)
            quality += input.ids.map(\.description)
            quality += OrderInputFacts(lines: input.lines, refunds: input.refunds).notices
            orderLog = input.orders
        }
        guard let opportunities else {
            guard let orderLog else { return }
            var result = try RevenueForecaster.forecast(orders: orderLog, frequency: period, asOf: asOf, options: revenueOptions)
            result.notes = quality + result.notes
            let groups = groupBy == nil ? nil
                : try RevenueForecaster.forecastByGroup(orders: orderLog, frequency: period, asOf: asOf, options: revenueOptions)
            try emitRevenue(result, kind: "revenue", rejected: rejected, levels: levels, groups: groups)
            return
        }

        let stageMapping = try stageMappingDictionary()
        let deals = try ForecastInputs.readOpportunities(opportunities, mapping: mapping("opportunities"), stageMapping: stageMapping,
                                                         skipInvalid: skipInvalid, options: try readOptions())
        note(opportunities, (deals.read.quality.rejected + deals.rejected).sorted { $0.line < $1.line })
        noteQuality(opportunities, deals.read.quality)
        var history: [StageEntry]? = nil
        if let stageHistory {
            let h = try ForecastInputs.readStageHistory(stageHistory, mapping: mapping("stage_history"), stageMapping: stageMapping,
                                                        skipInvalid: skipInvalid, options: try readOptions())
            note(stageHistory, h.read.quality.rejected)
            noteQuality(stageHistory, h.read.quality)
            history = h.entries
        }
        var scores: [String: Double]? = nil
        if let winScores {
            let w = try ForecastInputs.readWinScores(winScores, mapping: mapping("win_scores"), skipInvalid: skipInvalid,
                                                     options: try readOptions())
            note(winScores, w.rejected)
            scores = w.scores
        }
        let forecastOptions = CombinedRevenueForecastOptions(
            deals: PipelineForecastOptions(horizon: horizon, levels: levels, paths: paths, seed: seed,
                                           timing: closeTiming, winRateWeighting: winRates),
            orders: revenueOptions, includeRunRate: !pipelineOnly, quotaQuantile: quotaQuantile)
        var result = try CombinedRevenueForecaster.forecast(
            orders: orderLog, opportunities: deals.records, stageHistory: history, winProbabilities: scores,
            asOf: asOf, options: forecastOptions)
        result.notes = quality + result.notes
        let pipeline = result.pipeline
        let rates = pipeline.winRates
        var payload = ForecastJSON(
            kind: result.kind.rawValue, model: result.model,
            forecast: ForecastJSON.rows(periods: result.periods, forecast: result.forecast),
            accuracy: nil, accuracySource: nil, notes: result.notes + ["accuracy: none (deal forecasts are not backtested)"],
            rejected: rejected,
            pipeline: .init(asOf: pipeline.asOf.description, openDeals: pipeline.deals.count,
                            winRateSource: rates.source.rawValue, overallWinRate: rates.overall,
                            stageWinRates: rates.stages.map { .init(stage: $0.stage, passed: $0.passed, won: $0.won, rate: $0.rate) },
                            closeTiming: closeTiming.rawValue, expectedBeyondHorizon: pipeline.expectedBeyondHorizon, paths: paths, seed: seed),
            components: result.components.map { .init(name: $0.name, mean: $0.mean) }, quota: result.quota)
        if let revenue = result.orders {
            payload.history = ForecastJSON.history(revenue.history)
            payload.excludedPartialPeriod = revenue.excludedPartialPeriod
        }
        try output.emit(json: payload, table: Self.tables(payload, plain: output.format == .csv, title: "Forecast: \(result.model), as of \(pipeline.asOf)"))
    }

    private func emitRevenue(_ result: RevenueForecast, kind: String, rejected: [RejectedRow], levels: [Double],
                             groups: [GroupRevenueForecast]? = nil) throws {
        var quota: QuotaProposal? = nil
        if let q = quotaQuantile {
            quota = try QuotaProposal.propose(from: ForecastDistribution(result, paths: paths, seed: seed), periods: 0..<1, quantile: q)
        }
        var payload = ForecastJSON(
            kind: kind, model: result.model, forecast: ForecastJSON.rows(periods: result.periods, forecast: result.forecast),
            accuracy: ForecastJSON.accuracy(result.accuracy), accuracySource: result.accuracySource?.rawValue,
            notes: result.notes, rejected: rejected, pipeline: nil, components: nil, quota: quota)
        payload.history = ForecastJSON.history(result.history)
        payload.excludedPartialPeriod = result.excludedPartialPeriod
        payload.groups = groups?.map { g in
            switch g.result {
            case let .success(f):
                return ForecastJSON.Group(group: g.group, model: f.model, forecast: ForecastJSON.rows(periods: f.periods, forecast: f.forecast),
                                          accuracy: ForecastJSON.accuracy(f.accuracy), accuracySource: f.accuracySource?.rawValue,
                                          notes: f.notes, error: nil)
            case let .failure(e):
                return ForecastJSON.Group(group: g.group, model: nil, forecast: [], accuracy: nil, accuracySource: nil, notes: [],
                                          error: e.description)
            }
        }
        let last = result.history.label(at: result.history.series.count - 1)
        try output.emit(json: payload, table: Self.tables(payload, plain: output.format == .csv, title: "Forecast: \(result.model), history \(result.history.label(at: 0)) … \(last)"))
    }

    static func tables(_ payload: ForecastJSON, plain: Bool, title: String) -> [TextTable] {
        let number: (Double) -> String = { plain ? Formatting.fixed($0, decimals: 2) : Formatting.grouped($0) }
        var headers = ["period", "mean"]
        if let first = payload.forecast.first { headers += first.bounds.map(\.key) }
        var t = TextTable(headers: headers, title: title)
        for row in payload.forecast {
            t.append([row.period, number(row.mean)] + row.bounds.map { number($0.value) })
        }
        var tables = [t]
        var a = TextTable(headers: ["measure", "value"], title: "Accuracy (" + (payload.accuracySource ?? "none") + ")")
        if let acc = payload.accuracy {
            a.append(["MAPE %", acc.mape.map { Formatting.fixed($0, decimals: 2) } ?? "–"])
            a.append(["sMAPE %", acc.smape.map { Formatting.fixed($0, decimals: 2) } ?? "–"])
            a.append(["MASE", acc.mase.map { Formatting.fixed($0, decimals: 3) } ?? "–"])
            tables.append(a)
        }
        if let quota = payload.quota {
            var q = TextTable(headers: ["period", "quantile", "quota", "expected", "P(meet)"], title: "Proposed quota")
            q.append([quota.periods.joined(separator: "+"), Formatting.fixed(quota.quantile, decimals: 2),
                      number(quota.quota), number(quota.expected), Formatting.percent(quota.probabilityOfMeeting)])
            tables.append(q)
        }
        for g in payload.groups ?? [] {
            var gt = TextTable(headers: headers, title: "\(g.group): " + (g.model ?? "not forecast: \(g.error ?? "")"))
            for row in g.forecast { gt.append([row.period, number(row.mean)] + row.bounds.map { number($0.value) }) }
            tables.append(gt)
        }
        if !payload.notes.isEmpty {
            var n = TextTable(headers: ["note"], title: "Notes")
            for note in payload.notes { n.append([note]) }
            tables.append(n)
        }
        return tables
    }
}

extension TimeSeriesFrequency: ExpressibleByArgument {}
extension CloseTimingModel.Mode: ExpressibleByArgument {}
extension StageWinRates.Weighting: ExpressibleByArgument {}
