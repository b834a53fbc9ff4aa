import Foundation
import Testing
@testable import SalesModels

/// BG/NBD on the CDNOW sample (2,357 customers, 39-week calibration ending 1997-09-30, weeks).
@Suite("BG/NBD on CDNOW")
struct BGNBDCDNOWTests {
    static let data = CDNOWFixture.shared
    static let fit = Result { try BGNBDModel.fit(frequency: data.frequency, recency: data.recency, age: data.age) }

    /// |a − b| ≤ tol · |b|.
    static func close(_ a: Double, _ b: Double, relative tol: Double) -> Bool { abs(a - b) <= tol * abs(b) }

    @Test func publishedParameters() throws {
        let fit = try Self.fit.get()
        // Fader, Hardie & Lee (2005), Marketing Science 24(2), p. 280: r = 0.243, α = 4.414,
        // a = 0.793, b = 2.426, LL = −9582.4 — checked to the published rounding (half a unit in
        // the last published digit).
        #expect(abs(fit.model.r - 0.243) <= 0.0005)
        #expect(abs(fit.model.alpha - 4.414) <= 0.0005)
        #expect(abs(fit.model.a - 0.793) <= 0.0005)
        #expect(abs(fit.model.b - 2.426) <= 0.0005)
        #expect(abs(fit.logLikelihood - (-9582.4)) <= 0.05)
        #expect(fit.rows == 2357 && fit.totalWeight == 2357 && fit.distinctRows < 2357)
        #expect(fit.stopReason.isConvergence)
    }

    @Test func matchesLifetimesParameters() throws {
        let fit = try Self.fit.get()
        let p = Self.data.lifetimes.bgnbd.params
        // lifetimes 0.11.3 (SciPy's optimizer, its own stopping rule): both optima agree to about
        // 1e-6 relative; 1e-5 leaves room for the two optimizers' tolerances.
        #expect(Self.close(fit.model.r, try #require(p["r"]), relative: 1e-5))
        #expect(Self.close(fit.model.alpha, try #require(p["alpha"]), relative: 1e-5))
        #expect(Self.close(fit.model.a, try #require(p["a"]), relative: 1e-5))
        #expect(Self.close(fit.model.b, try #require(p["b"]), relative: 1e-5))
    }

    @Test func publishedConditionalExpectation() throws {
        // FHL 2005, p. 281: customer x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in the
        // next 39 weeks (with the published parameters; to the published rounding).
        let published = try BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        let e = published.expectedTransactions(inNext: 39, frequency: 2, recency: 30.43, age: 38.86)
        #expect(abs(e - 1.226) <= 0.0005)
        let fitted = try Self.fit.get().model
        #expect(abs(fitted.expectedTransactions(inNext: 39, frequency: 2, recency: 30.43, age: 38.86) - 1.226) <= 0.0005)
    }

    @Test func matchesLifetimesPredictions() throws {
        // lifetimes' values are at its own (1e-6-close) optimum; evaluating ours at our optimum
        // propagates that difference: 1e-5 relative.
        let model = try Self.fit.get().model
        for c in Self.data.lifetimes.bgnbd.conditional {
            let e = model.expectedTransactions(inNext: c.t, frequency: c.frequency, recency: c.recency, age: c.T)
            let alive = model.probabilityAlive(frequency: c.frequency, recency: c.recency, age: c.T)
            #expect(Self.close(e, c.expected, relative: 1e-5), "E[Y(\(c.t))] for x=\(c.frequency) t_x=\(c.recency) T=\(c.T)")
            #expect(Self.close(alive, c.p_alive, relative: 1e-5), "P(alive) for x=\(c.frequency)")
        }
        for u in Self.data.lifetimes.bgnbd.unconditional {
            #expect(Self.close(model.expectedTransactions(newCustomerOver: u.t), u.expected, relative: 1e-5), "E[X(\(u.t))]")
        }
        for p in Self.data.lifetimes.bgnbd.probability_of_n {
            #expect(Self.close(model.probabilityOfTransactions(p.n, newCustomerOver: p.t), p.probability, relative: 1e-5),
                    "P(X(\(p.t)) = \(p.n))")
        }
    }

    /// (r, α, a, b): the published CDNOW values, a case with a + b < 1 (₂F₁ with c < 0) and one
    /// with quick dropout.
    @Test(arguments: [[0.243, 4.414, 0.793, 2.426], [2, 10, 0.3, 0.5], [0.5, 1, 3, 8]])
    func countDistributionIsConsistentWithTheExpectation(parameters p: [Double]) throws {
        let model = try BGNBDModel(r: p[0], alpha: p[1], a: p[2], b: p[3])
        // Σₙ P(X(39) = n) over n < 600 misses only a tail far below 1e-9 at these parameters
        // (mean purchase counts below 10, negative-binomial tails).
        let probabilities = (0..<600).map { model.probabilityOfTransactions($0, newCustomerOver: 39) }
        #expect(abs(probabilities.reduce(0, +) - 1) <= 1e-9)
        // The mean of that distribution (eq. 8) is E[X(39)] (eq. 9, through ₂F₁).
        let mean = probabilities.enumerated().reduce(0.0) { $0 + Double($1.offset) * $1.element }
        let expected = model.expectedTransactions(newCustomerOver: 39)
        #expect(abs(mean - expected) <= 1e-8 * max(1, expected), "\(mean) vs \(expected)")
    }

    @Test func totalLogLikelihoodMatchesFit() throws {
        let fit = try Self.fit.get()
        let ll = try fit.model.totalLogLikelihood(
            frequency: Self.data.frequency, recency: Self.data.recency, age: Self.data.age)
        // Same sum by a different path (per-row formula vs grouped, scaled kernel): rounding only.
        #expect(abs(ll - fit.logLikelihood) <= 1e-8 * abs(ll))
    }
}
