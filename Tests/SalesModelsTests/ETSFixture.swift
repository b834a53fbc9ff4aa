import Foundation
import SalesTestSupport

/// The statsmodels / statsforecast reference values written by `Fixtures/ets_fixtures.py`.
struct ETSFixtureFile: Decodable {
    struct Fit: Decodable {
        var model: String
        var alpha, beta, gamma, phi: Double
        var initialLevel, initialTrend: Double
        var initialSeasonal: [Double]
        var logLikelihood, aic, aicc: Double
        var numberOfParameters: Int
        var fitted, mean, lo80, hi80, lo95, hi95: [Double]
        var intervalMethod: String
    }
    struct Auto: Decodable {
        var method: String
        var model: String
        var aicc: Double
        var mean: [Double]
        var aiccConstant: Double
        var candidates: [String: Double]
    }
    struct Series: Decodable {
        var name: String
        var seasonalPeriod: Int
        var horizon: Int
        var values: [Double]
        var fits: [Fit]
        var autoETS: Auto
    }
    var series: [Series]

    static func load() throws -> ETSFixtureFile {
        try fixtures.decode(ETSFixtureFile.self, "ets_fixtures.json")
    }
}
