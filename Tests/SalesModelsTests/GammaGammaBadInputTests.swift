import Foundation
import Testing
@testable import SalesModels
import SalesNumerics

@Suite("Gamma-Gamma bad input")
struct GammaGammaBadInputTests {
    @Test func nonPositiveMonetaryNamesTheRow() {
        #expect(throws: CustomerModelError.nonPositiveMonetary(row: 2, value: -5)) {
            try GammaGammaModel.fit(frequency: [1, 0, 3, 2], monetary: [10, 0, -5, 12])
        }
        #expect(throws: CustomerModelError.nonPositiveMonetary(row: 0, value: 0)) {
            try GammaGammaModel.fit(frequency: [1, 2], monetary: [0, 12])
        }
    }

    @Test func zeroFrequencyRowsAreSkippedWhateverTheirMonetary() throws {
        // Monetary of x = 0 customers is not read (lifetimes stores 0 there).
        let fit = try GammaGammaModel.fit(
            frequency: [0, 1, 2, 3, 1, 4, 0], monetary: [0, 10, 25, 14, 40, 22, .nan])
        #expect(fit.rowsUsed == 5 && fit.rowsSkipped == 2)
    }

    @Test func invalidValuesNameTheRow() {
        #expect(throws: CustomerModelError.invalidValue(row: 1, field: "monetary", value: .infinity, reason: "must be finite")) {
            try GammaGammaModel.fit(frequency: [1, 1], monetary: [3, .infinity])
        }
        #expect(throws: CustomerModelError.invalidValue(row: 0, field: "frequency", value: -1, reason: "must be >= 0")) {
            try GammaGammaModel.fit(frequency: [-1, 1], monetary: [3, 4])
        }
        #expect(throws: CustomerModelError.lengthMismatch(argument: "monetary", expected: 2, actual: 1)) {
            try GammaGammaModel.fit(frequency: [1, 1], monetary: [3])
        }
    }

    @Test func unidentifiableData() {
        #expect(throws: CustomerModelError.self) { try GammaGammaModel.fit(frequency: [], monetary: []) }
        #expect(throws: CustomerModelError.unidentifiable(
            model: "Gamma-Gamma", detail: "no customer with frequency >= 1 (and weight > 0)")) {
            try GammaGammaModel.fit(frequency: [0, 0], monetary: [0, 0])
        }
        #expect(throws: CustomerModelError.unidentifiable(
            model: "Gamma-Gamma", detail: "every customer has the same mean spend 5.0")) {
            try GammaGammaModel.fit(frequency: [1, 2, 3], monetary: [5, 5, 5])
        }
    }

    @Test func invalidParametersThrow() {
        #expect(throws: CustomerModelError.self) { try GammaGammaModel(p: 0, q: 1, gamma: 1) }
        #expect(throws: CustomerModelError.self) { try GammaGammaModel(p: 1, q: .nan, gamma: 1) }
    }

    @Test func nonConvergenceCarriesTheOptimizerState() {
        let data = CDNOWFixture.shared
        do {
            _ = try GammaGammaModel.fit(
                frequency: data.frequency, monetary: data.monetary, options: OptimizationOptions(maxIterations: 2))
            Issue.record("two iterations cannot converge from the start point")
        } catch let CustomerModelError.didNotConverge(model, reason, iterations, _, gradientNorm, last) {
            #expect(model == "Gamma-Gamma" && reason == "maxIterations" && iterations == 2)
            #expect(gradientNorm > 0 && last.count == 3)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}

@Suite("Gamma-Gamma likelihood")
struct GammaGammaLikelihoodTests {
    @Test func fitLogLikelihoodIsTheSumOfRowDensities() throws {
        let d = CDNOWFixture.shared
        let fit = try GammaGammaModel.fit(frequency: d.frequency, monetary: d.monetaryExact)
        let sum = zip(d.frequency, d.monetaryExact).reduce(0.0) { $0 + fit.model.logLikelihood(frequency: $1.0, monetary: $1.1) }
        // Same sum by the scaled, grouped kernel and by the per-row formula: rounding only.
        #expect(abs(sum - fit.logLikelihood) <= 1e-9 * abs(sum))
        #expect(fit.model.logLikelihood(frequency: 0, monetary: 5) == 0)
        #expect(fit.model.logLikelihood(frequency: 2, monetary: -1) == -.infinity)
    }

    @Test func densityIntegratesToOne() throws {
        // ∫ f(m̄ | x) dm̄ = 1: trapezoid rule on a log grid (m̄ = e^u, dm̄ = m̄ du) from e^-8 to e^8,
        // 16,000 steps: error far below 1e-6 for this smooth, light-tailed integrand.
        let model = try GammaGammaModel(p: 6.25, q: 3.74, gamma: 15.44)
        for x in [1, 3] {
            let steps = 16_000, lo = -8.0, hi = 8.0, h = (hi - lo) / Double(steps)
            var total = 0.0
            for k in 0...steps {
                let u = lo + Double(k) * h, m = u.exponential
                let f = (model.logLikelihood(frequency: x, monetary: m)).exponential * m
                total += (k == 0 || k == steps ? 0.5 : 1) * f * h
            }
            #expect(abs(total - 1) <= 1e-6, "x = \(x): \(total)")
        }
    }
}

private extension Double {
    var exponential: Double { Foundation.exp(self) }
}
