import Foundation
import SalesKit

/// The long-format path of `saleskit forecast --series`: many series at once.
extension ForecastCommand {
    /// The SalesModels method for `--model` on the batch path.
    func batchMethod() throws -> ForecastMethod {
        switch try modelChoice() {
        case .auto: return Self.autoMethod
        case let .ets(spec): return spec.map { .ets($0) } ?? .autoETS
        case let .baseline(b): return .baseline(b)
        case let .regression(o): return .seasonalRegression(o)
        case let .method(m): return m
        }
    }

    /// What `--model auto` runs on a batch: SalesModels' ``ForecastMethod/automatic`` (AutoETS, the
    /// best mean MASE on the real-series evaluation, BENCHMARKS.md), the same method as on a single series.
    static let autoMethod: ForecastMethod = ForecastMethod.automatic

    /// Reads a long file, forecasts every series and writes one row per series × step.
    func runBatch(path: String, mapping: [String: String], levels: [Double]) throws {
        var progress = Progress(steps: 2, quiet: output.quiet)
        progress.step("reading \(path)")
        let contents = try LongSeriesFile.read(path, mapping: mapping, skipInvalid: skipInvalid, options: try readOptions())
        for r in contents.rejected { output.notice("\(r) (skipped)") }
        let method = try batchMethod()
        let total = contents.series.count
        progress.step("forecasting \(total) series with \(method)")
        let bar: (@Sendable (Int) -> Void)? = progress.isEnabled ? Self.progressBar(total: total) : nil
        let results = SeriesBatchForecaster.forecast(
            contents.series, method: method, horizon: horizon, levels: levels, seasonalPeriod: seasonalPeriod,
            fillGapsWithZero: fillGaps == "zero", seed: seed, progress: bar)
        progress.finish()
        for r in results where r.failure != nil { output.notice("series \(r.id): \(r.failure ?? "")") }
        let payload = BatchForecastJSON(
            kind: "series-batch", method: method.description, horizon: horizon, levels: levels,
            series: results.map(BatchForecastJSON.Series.init),
            failures: results.filter { $0.failure != nil }.count, rejected: contents.rejected)
        try output.emit(json: payload, table: Self.batchTables(results, levels: levels))
    }

    /// A `done/total` counter redrawn on stderr about every percent.
    static func progressBar(total: Int) -> @Sendable (Int) -> Void {
        let every = max(1, total / 100)
        return { done in
            guard done == total || done % every == 0 else { return }
            let end = done == total ? "\n" : ""
            FileHandle.standardError.write(Data("\r  \(done)/\(total) series\(end)".utf8))
        }
    }

    static func batchTables(_ results: [SeriesBatchResult], levels: [Double]) -> [TextTable] {
        var headers = ["series_id", "period", "model", "mean"]
        for l in levels { headers += ["lo-\(fmtLevel(l))", "hi-\(fmtLevel(l))"] }
        headers += ["aicc", "note"]
        var table = TextTable(headers: headers)
        for r in results {
            guard let f = r.forecast else {
                table.append([r.id, "", "failed", ""] + levels.flatMap { _ in ["", ""] } + ["", r.failure ?? ""])
                continue
            }
            for h in 0..<f.horizon {
                var row = [r.id, h < r.periods.count ? r.periods[h] : "", f.model, num(f.mean[h])]
                for l in levels {
                    let band = f.interval(level: l)
                    row += [band.map { num($0.lower[h]) } ?? "", band.map { num($0.upper[h]) } ?? ""]
                }
                row += [r.report?.aicc.map(num) ?? "", h == 0 ? r.notes.joined(separator: "; ") : ""]
                table.append(row)
            }
        }
        return [table]
    }

    static func fmtLevel(_ l: Double) -> String { l == l.rounded() ? String(Int(l)) : String(l) }
    static func num(_ v: Double) -> String { v.isFinite ? String(v) : "" }
}

/// JSON of a batch forecast: per series the model, why, its parameters and the forecast rows.
struct BatchForecastJSON: Encodable {
    struct Row: Encodable {
        var period: String
        var mean: Double
        var lower: [String: Double]
        var upper: [String: Double]
    }
    struct Series: Encodable {
        var seriesId: String
        var model: String?
        var aicc: Double?
        var parameters: [String: Double]?
        var candidates: [String]?
        var excluded: [String]?
        var reason: String?
        var failure: String?
        var notes: [String]
        var forecast: [Row]

        init(_ r: SeriesBatchResult) {
            seriesId = r.id
            model = r.forecast?.model
            aicc = r.report?.aicc
            parameters = r.report?.parameters
            candidates = r.report?.candidates
            excluded = r.report?.excluded
            reason = r.report?.reason
            failure = r.failure
            notes = r.notes
            var rows: [Row] = []
            if let f = r.forecast {
                for h in 0..<f.horizon {
                    var lo: [String: Double] = [:], hi: [String: Double] = [:]
                    for band in f.intervals {
                        lo[ForecastCommand.fmtLevel(band.level)] = band.lower[h]
                        hi[ForecastCommand.fmtLevel(band.level)] = band.upper[h]
                    }
                    rows.append(Row(period: h < r.periods.count ? r.periods[h] : "", mean: f.mean[h], lower: lo, upper: hi))
                }
            }
            forecast = rows
        }
    }
    var kind: String
    var method: String
    var horizon: Int
    var levels: [Double]
    var series: [Series]
    var failures: Int
    var rejected: [RejectedRow]
}
