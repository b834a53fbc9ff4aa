import Foundation
import Testing
@testable import SalesModels
import SalesTestSupport

/// Seasonal regression against statsmodels OLS on identical designs (fixture written by
/// `Fixtures/seasonal_regression.py`), plus exact recovery and bad input.
@Suite("Seasonal regression")
struct SeasonalRegressionTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            var name: String
            var season: String
            var harmonics: Int
            var regressor: [Double]?
            var futureRegressor: [Double]?
            var params, bse, mean, lo80, hi80, lo95, hi95: [Double]
            var rsquared: Double
        }
        var values: [Double]
        var seasonalPeriod: Int
        var horizon: Int
        var cases: [Case]
    }

    static let fixture: Fixture = {
        do { return try fixtures.decode(Fixture.self, "seasonal_regression.json") } catch {
            fatalError("missing or unreadable fixture seasonal_regression.json: \(error)")
        }
    }()

    private func relativeError(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(1, abs(b)) }

    // Both sides solve the same well-conditioned least-squares problem (QR here, pinv/QR in
    // statsmodels); 1e-8 relative leaves room only for rounding, not for a different model.
    @Test(arguments: ["trend+dummies", "trend+fourier3", "trend+fourier6+regressor"])
    func matchesStatsmodels(_ name: String) throws {
        let fx = Self.fixture
        let c = try #require(fx.cases.first { $0.name == name })
        let options = SeasonalRegression.Options(
            trend: true, season: c.season == "dummies" ? .dummies : .fourier(harmonics: c.harmonics))
        let fit = try SeasonalRegression.fit(fx.values, seasonalPeriod: fx.seasonalPeriod,
                                             regressors: c.regressor.map { [$0] } ?? [],
                                             regressorNames: c.regressor == nil ? [] : ["spend"], options: options)
        #expect(fit.regression.coefficients.count == c.params.count)
        for (a, b) in zip(fit.regression.coefficients, c.params) { #expect(relativeError(a, b) < 1e-8) }
        for (a, b) in zip(fit.regression.standardErrors, c.bse) { #expect(relativeError(a, b) < 1e-8) }
        #expect(abs(fit.regression.rSquared - c.rsquared) < 1e-10)
        let forecast = try fit.forecast(horizon: fx.horizon, futureRegressors: c.futureRegressor.map { [$0] } ?? [])
        let i80 = try #require(forecast.interval(level: 80)), i95 = try #require(forecast.interval(level: 95))
        for h in 0..<fx.horizon {
            #expect(relativeError(forecast.mean[h], c.mean[h]) < 1e-8)
            #expect(relativeError(i80.lower[h], c.lo80[h]) < 1e-8 && relativeError(i80.upper[h], c.hi80[h]) < 1e-8)
            #expect(relativeError(i95.lower[h], c.lo95[h]) < 1e-8 && relativeError(i95.upper[h], c.hi95[h]) < 1e-8)
        }
        #expect(forecast.intervalMethod == .analytic)
    }

    @Test func recoversAnExactTrendAndSeason() throws {
        let pattern: [Double] = [5, -3, 2, -4]
        func truth(_ t: Int) -> Double { 100 + 2.5 * Double(t + 1) + pattern[t % 4] }
        let values: [Double] = (0..<24).map(truth)
        let forecast = try SeasonalRegression.fit(values, seasonalPeriod: 4).forecast(horizon: 8)
        for h in 0..<8 {
            let expected = truth(24 + h)
            #expect(abs(forecast.mean[h] - expected) < 1e-9)
        }
        #expect(ForecastMethod.seasonalRegression(.init()).description == "regression")
    }

    @Test func badInputIsTyped() {
        #expect(throws: ForecastError.self) { try SeasonalRegression.fit([1, 2, .nan, 4, 5, 6], seasonalPeriod: 1) }
        // Intercept + trend + 11 dummies = 13 coefficients; one residual degree of freedom needs 14 observations.
        #expect(throws: ForecastError.self) { try SeasonalRegression.fit((0..<13).map(Double.init), seasonalPeriod: 12) }
        #expect(throws: ForecastError.self) {
            try SeasonalRegression.fit((0..<30).map(Double.init), seasonalPeriod: 12, options: .init(season: .fourier(harmonics: 7)))
        }
        #expect(throws: ForecastError.self) {
            try SeasonalRegression.fit((0..<30).map(Double.init), seasonalPeriod: 1, regressors: [[1, 2]])
        }
        // A regressor equal to the trend is collinear: the error names it.
        do {
            let series: [Double] = (0..<30).map { (i: Int) -> Double in Double(i) * 1.5 + Double(i % 3) }
            let spend: [Double] = (0..<30).map { (i: Int) -> Double in Double(i + 1) }
            _ = try SeasonalRegression.fit(series, seasonalPeriod: 1, regressors: [spend], regressorNames: ["spend"])
            Issue.record("expected a collinearity error")
        } catch {
            #expect("\(error)".contains("spend") || "\(error)".contains("trend"))
        }
    }
}
