import Testing
@testable import SalesModels

/// Baselines against hand-computed fpp3 formulas (§5.2, §5.5) on a small series.
@Suite struct ForecastBaselineTests {
    // y = 10, 12, 11, 15, 14, 18 (T = 6, m = 3)
    let y: [Double] = [10, 12, 11, 15, 14, 18]
    let z95 = 1.959963984540054  // Φ⁻¹(0.975), Abramowitz & Stegun table 26.5

    @Test func naiveAndDrift() throws {
        let naive = try BaselineForecast.forecast(y, method: .naive, horizon: 2)
        #expect(naive.mean == [18, 18])
        // residuals 2, −1, 4, −1, 4: σ̂² = 38/5
        let sigma = (38.0 / 5).squareRoot()
        let band = try #require(naive.interval(level: 95))
        #expect(abs(band.upper[1] - (18 + z95 * sigma * 2.0.squareRoot())) < 1e-9)

        let drift = try BaselineForecast.forecast(y, method: .drift, horizon: 2)
        #expect(abs(drift.mean[1] - (18 + 2 * 8.0 / 5)) < 1e-12)
        // residuals minus slope 1.6: 0.4, −2.6, 2.4, −2.6, 2.4 → Σ = 25.2 over 5 − 1
        let sd = (25.2 / 4).squareRoot() * (2 * (1 + 2.0 / 5)).squareRoot()
        let d95 = try #require(drift.interval(level: 95))
        #expect(abs(d95.lower[1] - (drift.mean[1] - z95 * sd)) < 1e-9)
    }

    @Test func seasonalNaiveAndMean() throws {
        let snaive = try BaselineForecast.forecast(y, method: .seasonalNaive, seasonalPeriod: 3, horizon: 4)
        #expect(snaive.mean == [15, 14, 18, 15])
        // residuals 5, 2, 7: σ̂² = 78/3; step 4 has k = 1
        let b = try #require(snaive.interval(level: 95))
        #expect(abs(b.upper[3] - (15 + z95 * (78.0 / 3).squareRoot() * 2.0.squareRoot())) < 1e-9)

        let mean = try BaselineForecast.forecast(y, method: .mean, horizon: 1)
        #expect(abs(mean.mean[0] - 80.0 / 6) < 1e-12)
        #expect(throws: ForecastError.seriesTooShort(model: "seasonal-naive", length: 3, minimum: 13)) {
            try BaselineForecast.forecast([1, 2, 3], method: .seasonalNaive, seasonalPeriod: 12, horizon: 1)
        }
    }

    @Test func holtWintersNamesMapToETS() throws {
        let series = (0..<36).map { 50 + Double($0) + 5 * Double($0 % 4) }
        #expect(try HoltWinters.additive(series, seasonalPeriod: 4, damped: true).specification.code == "AAdA")
        #expect(try HoltWinters.multiplicative(series, seasonalPeriod: 4).specification.code == "MAM")
        #expect(try HoltWinters.holt(series).specification.code == "AAN")
    }
}
