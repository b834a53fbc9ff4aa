import Foundation
import Testing
@testable import SalesModels
import SalesTestSupport

/// statsforecast's automatic ETS search, candidate by candidate, on eight benchmark series where the
/// two AutoETS implementations disagreed (written by `Fixtures/ets_statsforecast_search.py`).
struct ETSStatsforecastSearchFile: Decodable {
    struct Candidate: Decodable {
        var model: String
        var alpha, beta, gamma, phi: Double
        var initialLevel, initialTrend: Double
        var initialSeasonal: [Double]
        var logLikelihood, aicc: Double
        var numberOfParameters: Int
        var lower, upper: [Double]

        var specification: ETSSpecification? { ETSSpecification(code: model) }
        var parameters: ETSParameters {
            ETSParameters(alpha: alpha, beta: beta, gamma: gamma, phi: phi, initialLevel: initialLevel,
                          initialTrend: initialTrend, initialSeasonal: initialSeasonal)
        }
    }
    struct Series: Decodable {
        var name: String
        var values: [Double]
        var pick: String
        var forecast: [Double]
        var candidates: [Candidate]
    }
    var seasonalPeriod: Int
    var series: [Series]
}

@Suite struct ETSStatsforecastSearchTests {
    static let file: ETSStatsforecastSearchFile? = try? fixtures.decode(ETSStatsforecastSearchFile.self, "ets_statsforecast_search.json")

    static var cases: [(String, String)] {
        (file?.series ?? []).flatMap { s in s.candidates.map { (s.name, $0.model) } }
    }

    static func lookup(_ series: String, _ model: String) throws -> (ETSStatsforecastSearchFile.Series, ETSStatsforecastSearchFile.Candidate, Int) {
        let file = try #require(file)
        let s = try #require(file.series.first { $0.name == series })
        let c = try #require(s.candidates.first { $0.model == model })
        return (s, c, file.seasonalPeriod)
    }

    @Test func fixtureIsPresent() throws {
        let file = try #require(Self.file)
        #expect(file.series.count == 8)
        #expect(Self.cases.count >= 100)
    }

    /// Same likelihood and AICc definition: our filter at statsforecast's parameters and initial
    /// states gives statsforecast's log-likelihood, parameter count and AICc. Both sum the same n
    /// terms in double precision (the analysis script measured ≤ 1e-11 apart on 1,000 series), so
    /// 1e-9 relative only allows for summation order.
    @Test(arguments: cases)
    func likelihoodAndAICcAreStatsforecasts(series: String, model: String) throws {
        let (s, c, m) = try Self.lookup(series, model)
        let spec = try #require(c.specification)
        let fit = try ETSModel.filter(s.values, seasonalPeriod: m, specification: spec, parameters: c.parameters)
        #expect(abs(fit.logLikelihood - c.logLikelihood) <= 1e-9 * abs(c.logLikelihood), "\(series) \(model)")
        #expect(fit.numberOfParameters == c.numberOfParameters, "\(series) \(model)")
        #expect(abs(fit.aicc - c.aicc) <= 1e-9 * abs(c.aicc), "\(series) \(model)")
    }

    /// Where we still fall short of statsforecast in its own box, with the measured shortfall in
    /// log-likelihood units (a ceiling, so that a regression fails): S00561 ETS(A,A,N), where its
    /// optimum has α = 1.1e-4 and β = 0.020 ≫ α, and S00137 ETS(A,Ad,N), flat in φ.
    static let knownShortfalls: [String: Double] = ["S00561 AAN": 1.7, "S00137 AAdN": 0.01]

    /// Fix 2 (two starts, each to a 1e-7 relative tolerance): searching statsforecast's own parameter
    /// box, our maximum likelihood is at least statsforecast's for every candidate it fits (1e-6
    /// relative: both stop at a tolerance), except ``knownShortfalls``. With one start (α = 0.5) it
    /// was 3.7 log-likelihood units short on S00540 ETS(M,Ad,N) and 2.9 on S00635 ETS(M,A,N); with
    /// the coarse stage at 1e-4 it was 3.4 short on S00540 ETS(A,Ad,N).
    @Test(arguments: cases)
    func fitsAtLeastAsWellAsStatsforecastInItsBox(series: String, model: String) throws {
        let (s, c, m) = try Self.lookup(series, model)
        let spec = try #require(c.specification)
        let options = ETSFitOptions(region: .box(betaUpper: c.upper[1], gammaUpper: c.upper[2]))
        let fit = try ETSModel.fit(s.values, seasonalPeriod: m, specification: spec, options: options)
        let allowed = Self.knownShortfalls["\(series) \(model)"] ?? 1e-6 * abs(c.logLikelihood)
        #expect(fit.logLikelihood >= c.logLikelihood - allowed,
                "\(series) \(model): ours \(fit.logLikelihood), statsforecast \(c.logLikelihood)")
        #expect(fit.parameters.beta <= c.upper[1] + 1e-12 && fit.parameters.gamma <= c.upper[2] + 1e-12)
    }

    /// Point forecasts: our recursion at statsforecast's fitted parameters and initial states of its
    /// pick reproduces its 12 forecasts (1e-9 relative, summation order); `levels: []` returns the
    /// points without simulating intervals, as the benchmark asks. Damped trends differ by design:
    /// statsforecast 2.1.1's `Forecast` (ets.cpp) grows the damping multiplier by φ^(i+1) from i = 0,
    /// so step h uses φ + (φ + … + φ^(h−1)) instead of Hyndman et al.'s φ + φ² + … + φ^h (which
    /// statsmodels and we use): its forecast minus ours is exactly (φ − φ^h)·b_n, checked here with
    /// b_n = (ŷ₂ − ŷ₁)/φ² from our forecast (ETS(M,Ad,N) on S00540: 0.3 % of the 12-step total).
    @Test(arguments: (file?.series ?? []).map(\.name))
    func pointForecastsAtStatsforecastsFitAreItsForecasts(series: String) throws {
        let file = try #require(Self.file)
        let s = try #require(file.series.first { $0.name == series })
        let c = try #require(s.candidates.first { $0.model == s.pick })
        let spec = try #require(c.specification)
        let forecast = try ETSModel.filter(s.values, seasonalPeriod: file.seasonalPeriod, specification: spec,
                                           parameters: c.parameters).forecast(horizon: 12, levels: [])
        #expect(forecast.intervals.isEmpty)
        let phi = c.phi, mean = forecast.mean
        guard spec.isDamped else {
            for (ours, theirs) in zip(mean, s.forecast) {
                #expect(abs(ours - theirs) <= 1e-9 * abs(theirs), "\(series): \(ours) vs \(theirs)")
            }
            return
        }
        // Damped (S00004 ETS(M,Ad,A), S00540 ETS(M,Ad,N)): no season term differs, so
        // (theirs − ours)/(φ − φ^h) is the same b_n at every step h ≥ 2.
        #expect(mean[0] == s.forecast[0] || abs(mean[0] - s.forecast[0]) <= 1e-9 * abs(s.forecast[0]))
        var phiH = phi
        var implied: [Double] = []
        for h in 1..<mean.count {
            phiH *= phi
            implied.append((s.forecast[h] - mean[h]) / (phi - phiH))
        }
        let b = implied[0]
        #expect(b != 0)
        for k in implied { #expect(abs(k - b) <= 1e-5 * abs(b), "\(series): implied b_n \(implied)") }
        if spec.season == .none { #expect(abs((mean[1] - mean[0]) / (phi * phi) - b) <= 1e-5 * abs(b)) }
    }

    /// Fix 1 (absolute lower bounds): in the default region β and γ stay at or above 1e-4, statsforecast's
    /// and R's lower bound (`lower` in the fixture). Before, β = β*·α reached 1e-8 when α sat at 1e-4.
    @Test(arguments: cases)
    func smoothingParametersRespectStatsforecastsLowerBounds(series: String, model: String) throws {
        let (s, c, m) = try Self.lookup(series, model)
        let spec = try #require(c.specification)
        let fit = try ETSModel.fit(s.values, seasonalPeriod: m, specification: spec)
        let p = fit.parameters
        #expect(p.alpha >= c.lower[0] && p.alpha <= c.upper[0])
        if spec.hasTrend { #expect(p.beta >= c.lower[1] - 1e-15 && p.beta <= p.alpha + 1e-15, "\(series) \(model) β \(p.beta)") }
        if spec.hasSeason { #expect(p.gamma >= c.lower[2] - 1e-15 && p.gamma <= 1 - p.alpha + 1e-15, "\(series) \(model) γ \(p.gamma)") }
        if spec.isDamped { #expect(p.phi >= c.lower[3] && p.phi <= c.upper[3]) }
    }

    /// AutoETS ends at an AICc no worse than statsforecast's pick whenever that pick lies in R's usual
    /// region (β ≤ α, γ ≤ 1 − α), which AutoETS searches; where it picks another model, its pick has
    /// the lower AICc, and statsforecast's own fit of that model is worse than ours (its Nelder–Mead
    /// stops short), which is what compare.py's "lower AICc" count relies on. statsforecast's picks
    /// on S00561 and S00773, ETS(A,A,N) with β ≈ 0.02 ≫ α ≈ 1e-4, and on S00540, ETS(M,Ad,N) with
    /// β = 1.002e-4 just above α = 1e-4, lie outside that region.
    @Test(arguments: (file?.series ?? []).map(\.name))
    func selectionIsNoWorseThanStatsforecasts(series: String) throws {
        let file = try #require(Self.file)
        let s = try #require(file.series.first { $0.name == series })
        let theirs = try #require(s.candidates.first { $0.model == s.pick })
        let selection = try AutoETS.select(s.values, seasonalPeriod: file.seasonalPeriod)
        let usual = theirs.beta <= theirs.alpha + 1e-12 && theirs.gamma <= 1 - theirs.alpha + 1e-12
        #expect(usual == !["S00540", "S00561", "S00773"].contains(series))
        guard usual else { return }
        #expect(selection.best.aicc <= theirs.aicc + 1e-6 * abs(theirs.aicc),
                "\(series): ours \(selection.best.specification.code) \(selection.best.aicc), statsforecast \(s.pick) \(theirs.aicc)")
        if selection.best.specification.code != s.pick,
           let theirFitOfOurs = s.candidates.first(where: { $0.model == selection.best.specification.code }) {
            #expect(theirFitOfOurs.aicc > selection.best.aicc)
        }
    }
}
