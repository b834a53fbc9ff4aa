import Foundation
import Testing
@testable import SalesModels
import SalesNumerics

/// Interval calibration on seeded synthetic series with known trend and seasonality.
@Suite struct ForecastCoverageTests {
    /// 300 quarterly series y_t = 100 + 0.5t + 10·[8, −3, 2, −7]_{t mod 4} / 8·… + N(0, 4²), 40 values;
    /// ETS(A,A,A) fitted and its 80% / 95% intervals for steps 1–6 checked against the next 6 values. The binomial
    /// standard error of a coverage from 1800 (correlated) hits is about 1 point (80%) and 0.5 (95%);
    /// the stated band is ±3 points.
    @Test func etsIntervalsCoverAtNominalRates() throws {
        var rng = SeededGenerator(seed: 20_240_601)
        var inside80 = 0, inside95 = 0, total = 0
        let spec = ETSSpecification(error: .additive, trend: .additive, season: .additive)
        for _ in 0..<300 {
            let y = (0..<46).map { t -> Double in
                100 + 0.5 * Double(t) + [8.0, -3, 2, -7][t % 4] + 4 * Normal.standard.sample(using: &rng)
            }
            let fit = try ETSModel.fit(Array(y.prefix(40)), seasonalPeriod: 4, specification: spec)
            let fc = try fit.forecast(horizon: 6)
            let b80 = try #require(fc.interval(level: 80)), b95 = try #require(fc.interval(level: 95))
            for h in 0..<6 {
                let actual = y[40 + h]
                if actual >= b80.lower[h] && actual <= b80.upper[h] { inside80 += 1 }
                if actual >= b95.lower[h] && actual <= b95.upper[h] { inside95 += 1 }
                total += 1
            }
        }
        let c80 = 100 * Double(inside80) / Double(total), c95 = 100 * Double(inside95) / Double(total)
        #expect(abs(c80 - 80) <= 3, "80% intervals cover \(c80)%")
        #expect(abs(c95 - 95) <= 3, "95% intervals cover \(c95)%")
    }
}
