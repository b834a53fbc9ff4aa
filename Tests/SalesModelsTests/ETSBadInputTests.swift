import Testing
@testable import SalesModels

/// Bad input gives typed errors or reported fall-backs, never a crash.
@Suite struct ETSBadInputTests {
    let seasonal: [Double] = (0..<48).map { 100 + 10 * Double($0 % 12) + Double($0) }

    @Test func tooShortSeriesIsATypedErrorWithTheLength() {
        #expect(throws: ForecastError.seriesTooShort(model: "AutoETS", length: 4, minimum: 7)) {
            try AutoETS.select([1, 2, 3, 4], seasonalPeriod: 12)
        }
        let spec = ETSSpecification(error: .additive, trend: .additive, season: .additive)
        #expect(throws: ForecastError.seriesTooShort(model: "ETS(A,A,A)", length: 20, minimum: 24)) {
            try ETSModel.fit(Array(seasonal.prefix(20)), seasonalPeriod: 12, specification: spec)
        }
    }

    @Test func shorterThanTwoSeasonsFallsBackToNonSeasonalWithAReason() throws {
        let selection = try AutoETS.select(Array(seasonal.prefix(20)), seasonalPeriod: 12)
        #expect(!selection.best.specification.hasSeason)
        #expect(selection.seasonalFallbackReason?.contains("fewer than two seasons") == true)
        #expect(selection.candidates.allSatisfy { !$0.specification.hasSeason })
    }

    @Test func nonPositiveDataExcludesMultiplicativeModelsAndReportsThem() throws {
        var y = seasonal
        y[5] = 0
        let selection = try AutoETS.select(y, seasonalPeriod: 12)
        #expect(selection.candidates.allSatisfy { !$0.specification.hasMultiplicativeComponent })
        let excluded = selection.excluded.filter { $0.reason == "data not strictly positive" }
        #expect(excluded.count == 9)  // every multiplicative-error candidate: M × {N, A, Ad} × {N, A, M}
        let spec = ETSSpecification(error: .multiplicative, trend: .none, season: .none)
        #expect(throws: ForecastError.nonPositiveValue(model: "ETS(M,N,N)", position: 5, value: 0)) {
            try ETSModel.fit(y, seasonalPeriod: 12, specification: spec)
        }
    }

    @Test func gapsAreReportedWithEveryPosition() {
        var y = seasonal
        y[3] = .nan
        y[17] = .nan
        #expect(throws: ForecastError.gaps(positions: [3, 17])) { try AutoETS.select(y, seasonalPeriod: 12) }
        let series = TimeSeries(values: y, frequency: .month)
        #expect(series.gapPositions == [3, 17])
        #expect(throws: ForecastError.gaps(positions: [3, 17])) { try series.checkedNoGaps() }
        let filled = series.filledWithZero()
        #expect(!filled.hasGaps && filled.values[3] == 0 && filled.values[4] == y[4])
    }

    @Test func badHorizonAndLevels() throws {
        let fit = try ETSModel.fit(seasonal, seasonalPeriod: 12, specification: ETSSpecification(error: .additive, trend: .none, season: .none))
        #expect(throws: ForecastError.invalidHorizon(0)) { try fit.forecast(horizon: 0) }
        #expect(throws: ForecastError.self) { try fit.forecast(horizon: 3, levels: [100]) }
    }
}
