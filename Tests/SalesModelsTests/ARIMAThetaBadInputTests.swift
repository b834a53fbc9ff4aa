import Testing
@testable import SalesModels

/// Bad input for AutoARIMA, Theta and the combination: typed errors or finite forecasts, never NaN.
struct ARIMAThetaBadInputTests {
    /// A short seasonal, trending series (30 months).
    static let seasonIndex: [Double] = [0.9, 0.95, 1.0, 1.05, 1.1, 1.0, 0.95, 0.9, 1.0, 1.05, 1.1, 1.2]
    static let short: [Double] = (0..<30).map { (t: Int) -> Double in
        let level: Double = 100 + 2 * Double(t)
        let noise: Double = Double((t * 7) % 5)
        return level * seasonIndex[t % 12] + noise
    }

    @Test func constantSeriesIsATypedError() {
        let c = [Double](repeating: 5, count: 40)
        #expect(throws: ForecastError.self) { try AutoARIMA.select(c, seasonalPeriod: 12) }
        // The combination still forecasts from the members that accept a constant series.
        let f = try? CombinedForecast.forecast(c, seasonalPeriod: 12, horizon: 3)
        if let f { #expect(f.forecast.mean.allSatisfy { $0.isFinite }) }
    }

    @Test func tooShortAndGaps() {
        #expect(throws: ForecastError.seriesTooShort(model: "AutoARIMA", length: 2, minimum: 3)) {
            try AutoARIMA.select([1, 2], seasonalPeriod: 1)
        }
        #expect(throws: ForecastError.seriesTooShort(model: "Theta", length: 3, minimum: 4)) {
            try Theta.fit([1, 2, 3], seasonalPeriod: 1)
        }
        #expect(throws: ForecastError.gaps(positions: [3])) {
            try AutoARIMA.select([1, 2, 3, .nan, 5, 6], seasonalPeriod: 1)
        }
        #expect(throws: ForecastError.nonFiniteValue(position: 1, value: .infinity)) {
            try Theta.fit([1, .infinity, 3, 4, 5], seasonalPeriod: 1)
        }
    }

    @Test("every method forecasts finite values on a short seasonal series",
          arguments: [ForecastMethod.autoARIMA, .theta, .combination(CombinedForecast.defaultMembers)])
    func shortSeries(method: ForecastMethod) throws {
        let f = try method.forecast(Self.short, seasonalPeriod: 12, horizon: 12)
        #expect(f.mean.count == 12)
        #expect(f.mean.allSatisfy { $0.isFinite })
        for band in f.intervals {
            #expect(band.lower.allSatisfy { $0.isFinite } && band.upper.allSatisfy { $0.isFinite })
            for h in 0..<12 { #expect(band.lower[h] <= f.mean[h] + 1e-9 && f.mean[h] <= band.upper[h] + 1e-9) }
        }
    }

    /// Step 1's interval is the same whatever horizon is asked for (issue 15).
    @Test("first step's interval does not depend on the horizon",
          arguments: [ForecastMethod.autoARIMA, .theta, .combination(CombinedForecast.defaultMembers)])
    func firstIntervalStable(method: ForecastMethod) throws {
        let one = try method.forecast(Self.short, seasonalPeriod: 12, horizon: 1, levels: [95])
        let many = try method.forecast(Self.short, seasonalPeriod: 12, horizon: 18, levels: [95])
        #expect(one.mean[0] == many.mean[0])
        #expect(one.intervals[0].lower[0] == many.intervals[0].lower[0])
        #expect(one.intervals[0].upper[0] == many.intervals[0].upper[0])
    }

    @Test func negativeDataUseAdditiveThetaSeason() throws {
        let y = Self.short.map { $0 - 150 }
        let fit = try Theta.fit(y, seasonalPeriod: 12)
        if !fit.seasonalForecast.isEmpty { #expect(!fit.multiplicative) }
        #expect(try fit.forecast(horizon: 6).mean.allSatisfy { $0.isFinite })
    }

    /// The batch covers every model and gives the same results as one series at a time.
    @Test("BatchForecast equals one-by-one", arguments: [ForecastMethod.autoARIMA, .theta])
    func batchMatchesSingle(method: ForecastMethod) throws {
        let series = [Self.short, Self.short.map { $0 * 2 + 7 }, [1, 2], [Double](repeating: 3, count: 30)]
        let batch = BatchForecast.forecast(series, seasonalPeriod: 12, horizon: 6, method: method)
        for (i, values) in series.enumerated() {
            let single = Result<Forecast, ForecastError> { () throws(ForecastError) -> Forecast in do { return try method.forecast(values, seasonalPeriod: 12, horizon: 6) } catch { throw ForecastError.wrapping(error) } }
            switch (batch[i], single) {
            case let (.success(a), .success(b)): #expect(a == b)
            case let (.failure(a), .failure(b)): #expect(a == b)
            default: Issue.record("series \(i): batch and single differ")
            }
        }
    }
}
