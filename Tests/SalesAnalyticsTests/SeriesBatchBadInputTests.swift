import Foundation
import Testing
import SalesModels
@testable import SalesAnalytics

/// Issue 15's bad input through the batch path (long file → ``SeriesBatchForecaster``) for AutoARIMA,
/// Theta, the combination and the default `auto` method: a forecast from the models that are valid
/// with a note of what was excluded, or a failure for that series only; never NaN, never a crash.
struct SeriesBatchBadInputTests {
    static let season: [Double] = [5, -3, 2, 8, -6, 1, 0, -2, 4, 7, -5, 3]
    /// Deterministic noise, so that no series is exactly periodic after differencing.
    static func noise(_ t: Int) -> Double { Double((t * 7) % 5) - 2 }

    static var text: String {
        var s = "series_id,period,value\n"
        func add(_ id: String, _ values: [Double], skipping: Set<Int> = []) {
            for (t, v) in values.enumerated() where !skipping.contains(t) {
                s += String(format: "%@,%04d-%02d,%.2f\n", id, 2021 + t / 12, t % 12 + 1, v)
            }
        }
        add("short-for-season", (0..<14).map { 50 + Double($0) + season[$0 % 12] + noise($0) })  // fewer than two seasons
        add("two-points", [3, 4])
        add("constant", [Double](repeating: 7, count: 30))
        add("zeros", (0..<36).map { $0 % 12 == 0 ? 0 : 20 + season[$0 % 12] + noise($0) })
        add("negative", (0..<36).map { -40 + Double($0) + season[$0 % 12] + noise($0) })
        add("gaps", (0..<30).map { 80 + Double($0) + season[$0 % 12] + noise($0) }, skipping: [5, 9])
        return s
    }

    static func results(_ method: ForecastMethod, fill: Bool = false) throws -> [String: SeriesBatchResult] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let contents = try LongSeriesFile.read(url.path)
        let out = SeriesBatchForecaster.forecast(contents.series, method: method, horizon: 12, levels: [80, 95],
                                                 fillGapsWithZero: fill)
        return Dictionary(uniqueKeysWithValues: out.map { ($0.id, $0) })
    }

    static let methods: [ForecastMethod] = [.autoARIMA, .theta, .combination(CombinedForecast.defaultMembers),
                                            ForecastMethod.automatic]

    @Test("a forecast is finite with ordered intervals, or a failure of that series only", arguments: methods)
    func neverNaN(method: ForecastMethod) throws {
        for fill in [false, true] {
            let results = try Self.results(method, fill: fill)
            #expect(results.count == 6)
            for (id, r) in results {
                guard let f = r.forecast else {
                    #expect(r.failure?.isEmpty == false, "\(method) \(id): no forecast and no reason")
                    continue
                }
                #expect(f.mean.count == 12 && f.mean.allSatisfy(\.isFinite), "\(method) \(id)")
                #expect(f.intervals.count == 2, "\(method) \(id)")
                for band in f.intervals {
                    for h in 0..<12 {
                        #expect(band.lower[h].isFinite && band.upper[h].isFinite, "\(method) \(id) step \(h + 1)")
                        #expect(band.lower[h] <= f.mean[h] + 1e-9 && f.mean[h] <= band.upper[h] + 1e-9, "\(method) \(id)")
                    }
                }
            }
            // Series that every method can forecast: short for the season, zeros, negatives.
            for id in ["short-for-season", "zeros", "negative"] {
                #expect(results[id]?.failure == nil, "\(method) \(id): \(results[id]?.failure ?? "")")
            }
            #expect(fill ? results["gaps"]?.failure == nil : results["gaps"]?.failure?.contains("missing periods 2021-06, 2021-10") == true,
                    "\(method) gaps")
            if fill { #expect(results["gaps"]?.notes.contains("2 missing period(s) filled with 0") == true) }
        }
    }

    @Test func tooShortAndConstantAreTypedPerSeries() throws {
        // An exactly periodic series is constant after seasonal differencing: a typed error that says so.
        let periodic = (0..<36).map { 20 + Self.season[$0 % 12] }
        #expect(throws: ForecastError.self) { try AutoARIMA.select(periodic, seasonalPeriod: 12) }
        do { _ = try AutoARIMA.select(periodic, seasonalPeriod: 12) } catch {
            #expect("\(error)".contains("constant after differencing"), "\(error)")
        }
        let arima = try Self.results(.autoARIMA)
        #expect(arima["two-points"]?.failure?.contains("needs at least 3") == true, "\(arima["two-points"]?.failure ?? "")")
        #expect(arima["constant"]?.failure?.contains("constant") == true)
        let theta = try Self.results(.theta)
        #expect(theta["two-points"]?.failure?.contains("needs at least 4") == true, "\(theta["two-points"]?.failure ?? "")")
        // A series shorter than two seasons: AutoARIMA searches non-seasonal models and says so.
        let reason = try #require(arima["short-for-season"]?.report?.reason)
        #expect(reason.contains("non-seasonal"), "\(reason)")
    }

    @Test("zeros and negatives: multiplicative models are excluded and the report says so",
          arguments: [ForecastMethod.combination(CombinedForecast.defaultMembers), ForecastMethod.automatic, .autoETS])
    func nonPositiveExcludesMultiplicative(method: ForecastMethod) throws {
        let results = try Self.results(method)
        for id in ["zeros", "negative"] {
            let report = try #require(results[id]?.report, "\(method) \(id)")
            #expect(report.excluded.contains { $0.contains("not strictly positive") }, "\(method) \(id): \(report.excluded)")
            #expect(results[id]?.forecast?.model.contains("M") != true || method != .autoETS)
        }
    }
}
