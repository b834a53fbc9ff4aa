import Testing
@testable import SalesModels
import SalesNumerics

/// Gamma-Gamma on the CDNOW sample's 946 customers with at least one repeat purchase.
@Suite("Gamma-Gamma on CDNOW")
struct GammaGammaCDNOWTests {
    static let data = CDNOWFixture.shared
    /// On the shipped, cent-rounded means (what lifetimes' loader gives).
    static let fit = Result { try GammaGammaModel.fit(frequency: data.frequency, monetary: data.monetary) }
    /// On the unrounded means recomputed from the raw transactions (what the published fit used).
    static let fitExact = Result { try GammaGammaModel.fit(frequency: data.frequency, monetary: data.monetaryExact) }

    @Test func publishedParameters() throws {
        let fit = try Self.fitExact.get()
        // Fader & Hardie, "The Gamma-Gamma model of monetary value" (2013), CDNOW: p = 6.25,
        // q = 3.74, γ = 15.44 — to the published rounding (±0.005).
        #expect(abs(fit.model.p - 6.25) <= 0.005)
        #expect(abs(fit.model.q - 3.74) <= 0.005)
        #expect(abs(fit.model.gamma - 15.44) <= 0.005)
        #expect(fit.rowsUsed == 946 && fit.rowsSkipped == 2357 - 946)
        // Rounding the means to cents moves γ to 15.4477 (lifetimes: 15.447748), outside the
        // published rounding: the fit is that sensitive along the p–q–γ ridge.
        #expect(abs(try Self.fit.get().model.gamma - 15.4477) <= 0.0001)
    }

    @Test func matchesLifetimes() throws {
        let model = try Self.fit.get().model
        let p = Self.data.lifetimes.gamma_gamma.params
        // lifetimes 0.11.3 stops on SciPy's default tolerances; the likelihood is flat along the
        // p–q ridge, so its optimum agrees with ours to about 1e-5: 1e-4 relative.
        #expect(abs(model.p - (try #require(p["p"]))) <= 1e-4 * model.p)
        #expect(abs(model.q - (try #require(p["q"]))) <= 1e-4 * model.q)
        #expect(abs(model.gamma - (try #require(p["v"]))) <= 1e-4 * model.gamma)
        let exact = try Self.fitExact.get().model
        let pe = Self.data.lifetimes.gamma_gamma.params_exact_monetary
        #expect(abs(exact.p - (try #require(pe["p"]))) <= 1e-4 * exact.p)
        #expect(abs(exact.q - (try #require(pe["q"]))) <= 1e-4 * exact.q)
        #expect(abs(exact.gamma - (try #require(pe["v"]))) <= 1e-4 * exact.gamma)
        for s in Self.data.lifetimes.gamma_gamma.conditional_expected_average_profit {
            let e = model.expectedAverageSpend(frequency: s.frequency, monetary: s.monetary)
            #expect(abs(e - s.expected) <= 1e-5 * s.expected, "x = \(s.frequency), m = \(s.monetary)")
        }
    }

    @Test func expectedSpendShrinksTowardThePopulationMean() throws {
        let model = try GammaGammaModel(p: 6.25, q: 3.74, gamma: 15.44)
        let mean = try #require(model.populationMeanSpend)
        #expect(abs(mean - 6.25 * 15.44 / 2.74) <= 1e-12 * mean)
        #expect(model.expectedAverageSpend(frequency: 0, monetary: 999) == mean)
        // Weight on the customer's own mean grows with x: px/(px+q−1).
        let one = model.expectedAverageSpend(frequency: 1, monetary: 100)
        let ten = model.expectedAverageSpend(frequency: 10, monetary: 100)
        #expect(mean < one && one < ten && ten < 100)
        #expect(try GammaGammaModel(p: 1, q: 0.5, gamma: 1).populationMeanSpend == nil)
        #expect(try GammaGammaModel(p: 1, q: 0.5, gamma: 1).expectedAverageSpend(frequency: 0, monetary: 1) == .infinity)
    }

    @Test func gradientIsZeroAtTheReportedOptimum() throws {
        let fit = try Self.fit.get()
        // The optimizer's own stopping rule: ‖∇‖∞ of the mean NLL in log-parameters.
        #expect(fit.stopReason.isConvergence)
        #expect(fit.gradientNorm <= 1e-6)
    }
}
