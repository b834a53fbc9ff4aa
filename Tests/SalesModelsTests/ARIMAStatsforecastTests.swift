import Foundation
import Testing
@testable import SalesModels
import SalesTestSupport

/// statsforecast 2.1.1's ARIMA and AutoARIMA on real series, written by `Fixtures/arima_statsforecast.py`.
struct ARIMAFixtureFile: Decodable {
    struct Order: Decodable {
        var p, d, q, P, D, Q, m: Int
        var arima: ARIMAOrder { ARIMAOrder(p: p, d: d, q: q, seasonalP: P, seasonalD: D, seasonalQ: Q, seasonalPeriod: m) }
    }
    struct Auto: Decodable {
        var order: Order
        var constant: Bool
        var logLikelihood, exactLogLikelihood, aicc, sigma2: Double
        var mean, lo95, hi95: [Double]
        /// statsforecast's AICc with its log-likelihood replaced by the exact one at its estimate.
        var exactAICc: Double { aicc + 2 * (logLikelihood - exactLogLikelihood) }
    }
    struct Fit: Decodable {
        var order: Order
        var constant: Bool
        var logLikelihood, exactLogLikelihood, sigma2: Double
        var coefficients: [String: Double]
    }
    struct Series: Decodable {
        var name: String
        var seasonalPeriod: Int
        var values: [Double]
        var auto: Auto
        var fits: [Fit]
    }
    var series: [Series]

    static let shared: ARIMAFixtureFile? = try? fixtures.decode(ARIMAFixtureFile.self, "arima_statsforecast.json")
}

@Suite("ARIMA against statsforecast on real series")
struct ARIMAStatsforecastTests {
    static var names: [String] { ARIMAFixtureFile.shared?.series.map(\.name) ?? [] }

    static func series(_ name: String) throws -> ARIMAFixtureFile.Series {
        try #require(ARIMAFixtureFile.shared?.series.first { $0.name == name })
    }

    /// Exact ML of fixed orders: our maximum of the exact likelihood of the differenced series is at
    /// least the exact likelihood at statsforecast's estimate (statsmodels' SARIMAX evaluates it; it
    /// matches statsforecast's own figure to 1e-4 except near unit roots, where statsforecast's
    /// stationary covariance is inaccurate) less 0.01 — the optimizers stop at a relative change of
    /// about 1e-10 (ours) and 1e-8 (statsforecast's BFGS); a hundredth of a log-likelihood unit is far
    /// below anything that changes an AICc comparison.
    @Test("fixed orders: log-likelihood at least statsforecast's", arguments: names)
    func fixedOrders(name: String) throws {
        let s = try Self.series(name)
        for f in s.fits {
            let fit = try ARIMAModel.fit(s.values, order: f.order.arima, includeConstant: f.constant)
            print("\(name) \(f.order.arima) ours \(fit.logLikelihood) statsforecast \(f.logLikelihood) params \(fit.parameters.map { String($0.value) }.joined(separator: ","))")
            #expect(fit.logLikelihood >= f.exactLogLikelihood - 0.01, "\(name) \(f.order.arima): \(fit.logLikelihood) vs \(f.exactLogLikelihood)")
        }
    }

    /// The automatic choice, per series: `true` when it is statsforecast's model (with an AICc no worse
    /// by 0.05), or has the same differencing (AICc comparable) and an AICc no worse than
    /// statsforecast's by 0.01, or statsforecast's model is shown to be an early stop (our exact fit of
    /// the same orders reaches a higher likelihood at a point with a root within 1.01 of the unit
    /// circle, which auto.arima's rule rejects). statsforecast's AICc uses the exact log-likelihood at
    /// its estimate.
    static func agrees(_ s: ARIMAFixtureFile.Series) throws -> Bool {
        let sel = try AutoARIMA.select(s.values, seasonalPeriod: s.seasonalPeriod)
        let theirs = s.auto.order.arima
        print("\(s.name): ours \(sel.best.name) AICc \(sel.best.aicc) [\(sel.differencingReason)] statsforecast \(theirs) constant \(s.auto.constant) AICc \(s.auto.exactAICc)")
        if sel.best.order == theirs && (sel.best.constant != nil) == s.auto.constant {
            #expect(sel.best.aicc <= s.auto.exactAICc + 0.05, "\(s.name)")
            // Where both found the same optimum, the forecasts agree too (2e-3 relative: the
            // coefficients agree to about 1e-3 when the log-likelihoods agree to 0.01).
            guard abs(sel.best.aicc - s.auto.exactAICc) < 0.05 else { return true }
            let fc = try sel.best.forecast(horizon: s.auto.mean.count, levels: [95])
            for h in fc.mean.indices {
                let scale = max(abs(s.auto.mean[h]), 1)
                #expect(abs(fc.mean[h] - s.auto.mean[h]) / scale < 2e-3, "\(s.name) step \(h + 1)")
                let width = s.auto.hi95[h] - s.auto.lo95[h]
                let ours = fc.intervals[0].upper[h] - fc.intervals[0].lower[h]
                #expect(abs(ours - width) / width < 2e-2, "\(s.name) step \(h + 1) width")
            }
            return true
        }
        guard sel.best.order.d == theirs.d && sel.best.order.seasonalD == theirs.seasonalD else {
            print("  differencing differs: ours d=\(sel.best.order.d) D=\(sel.best.order.seasonalD)")
            return false
        }
        if sel.best.aicc <= s.auto.exactAICc + 0.01 { return true }
        let same = try? ARIMAModel.fit(s.values, order: theirs, includeConstant: s.auto.constant)
        print("  statsforecast's orders refitted: \(same.map { "log-lik \($0.logLikelihood) (theirs \(s.auto.exactLogLikelihood)), admissible \($0.rootsOutside(radius: 1.01))" } ?? "failed")")
        return same.map { $0.logLikelihood >= s.auto.exactLogLikelihood - 0.01 && !$0.rootsOutside(radius: 1.01) } ?? false
    }

    /// At least 5 of the 8 series agree by ``agrees(_:)``. Measured: 5 — the others are woolyrnq
    /// (seasonal strength 0.623 from our classical decomposition against statsforecast's STL above
    /// 0.64, so D differs), macro_infl (the stepwise path differs: our fit of statsforecast's
    /// ARIMA(1,1,2) has a better AICc, but the search never visits it) and co2_monthly (our exact fit
    /// of statsforecast's ARIMA(1,0,1)(1,1,2)[12] with drift stops at a lower likelihood, -55.0 vs -52.1).
    @Test("AutoARIMA: statsforecast's order or a better AICc on at least 5 of 8 series")
    func autoChoice() throws {
        let file = try #require(ARIMAFixtureFile.shared)
        var agreeing = 0
        for s in file.series where try Self.agrees(s) { agreeing += 1 }
        #expect(agreeing >= 5, "\(agreeing) of \(file.series.count)")
    }
}
