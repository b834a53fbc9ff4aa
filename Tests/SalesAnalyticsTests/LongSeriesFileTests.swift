import Foundation
import Testing
import SalesModels
@testable import SalesAnalytics

/// Long-format files (`series_id,period,value`) and the batch forecaster: failures stay per series.
struct LongSeriesFileTests {
    static func file(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("long-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static var text: String {
        var s = "id,month,amount\n"
        for t in 0..<36 {
            let wiggle: [Double] = [5, -3, 2, 8, -6, 1, 0, -2, 4, 7, -5, 3]
            let v: Double = 100 + 3 * Double(t) + wiggle[t % 12]
            s += String(format: "a,%04d-%02d,%.1f\n", 2020 + t / 12, t % 12 + 1, v)
        }
        s += "b,2024-Q1,5\nb,2024-Q2,5\nb,2024-Q3,5\nb,2024-Q4,5\nb,2025-Q1,5\n"
        s += "c,2024-01,1\nc,2024-01,2\n"
        s += "d,2024-01,1\nd,2024-03,2\nd,2024-04,2\nd,2024-05,4\n"
        return s
    }

    @Test func readsAndForecastsEachSeries() throws {
        let path = try Self.file(Self.text)
        let mapping = ["series_id": "id", "period": "month", "value": "amount"]
        #expect(LongSeriesFile.isLongFormat(path, mapping: mapping))
        let contents = try LongSeriesFile.read(path, mapping: mapping)
        #expect(contents.series.map(\.id) == ["a", "b", "c", "d"])
        let results = SeriesBatchForecaster.forecast(contents.series, method: .autoARIMA, horizon: 3, levels: [80, 95])
        #expect(results.count == 4)
        #expect(results[0].failure == nil)
        #expect(results[0].periods == ["2023-01", "2023-02", "2023-03"])
        #expect(results[0].report?.aicc?.isFinite == true)
        #expect(results[0].report?.parameters["sigma2"] != nil)
        #expect(results[1].failure?.contains("constant") == true)   // constant series: typed error, reported
        #expect(results[2].failure?.contains("2024-01") == true)    // duplicate period
        #expect(results[3].failure?.contains("missing periods 2024-02") == true)
        let filled = SeriesBatchForecaster.forecast(contents.series, method: .theta, horizon: 3, levels: [95],
                                                    fillGapsWithZero: true)
        #expect(filled[3].failure == nil)
        #expect(filled[3].notes.first?.contains("filled with 0") == true)
    }

    @Test func periodValueFileIsNotLong() throws {
        let path = try Self.file("period,value\n2024-01,1\n2024-02,2\n")
        #expect(!LongSeriesFile.isLongFormat(path))
    }
}
