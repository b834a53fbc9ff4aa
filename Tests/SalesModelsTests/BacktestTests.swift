import Testing
@testable import SalesModels
import SalesNumerics

@Suite struct BacktestTests {
    /// Metrics on one hand-computed forecast: actual (100, 50), forecast (110, 40), training
    /// (10, 20, 40) with m = 1 → MASE scale (10 + 20)/2 = 15.
    @Test func accuracyMeasuresByHand() {
        let fc = Forecast(model: "x", mean: [110, 40],
                          intervals: [PredictionInterval(level: 80, lower: [105, 30], upper: [120, 55])],
                          intervalMethod: .analytic)
        let a = ForecastAccuracy.score(fc, actuals: [100, 50], training: [10, 20, 40], seasonalPeriod: 1)
        #expect(abs(a.mape - 15) < 1e-12)                                  // (10% + 20%) / 2
        #expect(abs(a.smape - 100 * (20.0 / 210 + 20.0 / 90) / 2) < 1e-12)
        #expect(abs(a.wape - 100 * 20.0 / 150) < 1e-12)
        #expect(abs(a.mase - 10.0 / 15) < 1e-12)
        #expect(a.bias == 0)
        #expect(a.coverage[80] == 0.5)
    }

    /// On a pure seasonal pattern seasonal naive is exact, so it must win by every measure.
    @Test func bestMethodTablePicksSeasonalNaiveOnAPureSeasonalSeries() throws {
        let seasonal = (0..<48).map { Double([5, 9, 3, 7][$0 % 4]) + 10 }
        var rng = SeededGenerator(seed: 3)
        let noisy = (0..<48).map { _ in 100 + Normal.standard.sample(using: &rng) }
        let rows = Backtest.bestMethods(
            [seasonal, noisy, [1, 2]], seasonalPeriod: 4,
            methods: [.baseline(.naive), .baseline(.seasonalNaive), .baseline(.mean)],
            options: BacktestOptions(horizon: 4, step: 4, initialTrainingLength: 24, window: .sliding(length: 16)),
            criterion: .wape)  // MASE is undefined (0/0) on an exactly periodic series
        #expect(rows.count == 3 && rows.map(\.seriesIndex) == [0, 1, 2])
        #expect(rows[0].best == .baseline(.seasonalNaive))
        #expect(rows[0].value == 0)
        #expect(rows[1].best == .baseline(.mean))  // white noise: the mean is the best predictor
        #expect(rows[2].error == .seriesTooShort(model: "backtest", length: 2, minimum: 25))
        let origins = try #require(rows[0].results.first?.origins)
        #expect(origins == [24, 28, 32, 36, 40, 44])
    }

    /// Batch results equal one-by-one results, in input order, with per-series errors kept.
    @Test func batchKeepsOrderAndCollectsErrors() throws {
        var rng = SeededGenerator(seed: 9)
        var series: [[Double]] = (0..<40).map { i in
            (0..<36).map { t in 50 + Double(i) + 3 * Double(t % 12) + Normal.standard.sample(using: &rng) }
        }
        series[7] = [1, .nan, 3, 4, 5, 6, 7, 8]
        let results = BatchForecast.forecast(series, seasonalPeriod: 12, horizon: 3,
                                             method: .ets(.init(error: .additive, trend: .none, season: .additive)))
        #expect(results.count == 40)
        for (i, r) in results.enumerated() {
            if i == 7 {
                #expect(throws: ForecastError.gaps(positions: [1])) { try r.get() }
            } else {
                let single = try ETSModel.fit(series[i], seasonalPeriod: 12,
                                              specification: .init(error: .additive, trend: .none, season: .additive))
                    .forecast(horizon: 3)
                #expect(try r.get() == single)
            }
        }
    }
}
