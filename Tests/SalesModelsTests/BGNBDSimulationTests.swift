import Testing
@testable import SalesModels
import SalesNumerics

/// Parameter recovery on seeded simulated BG/NBD data (simulator in BGNBDSimulation.swift).
@Suite("BG/NBD parameter recovery")
struct BGNBDSimulationTests {
    /// Tolerances are sampling error, not numerical error. Six seeds of 30,000 customers with
    /// these parameters and ages uniform in [20, 40] gave relative standard deviations of about
    /// 1.3 % (r), 3 % (α), 7 % (a) and 10 % (b) — a and b are strongly correlated. At 50,000
    /// customers that is about 1 %, 2.3 %, 5.4 %, 7.7 %; the bounds below are about 4–5 of those.
    /// The expected count of a new customer over 39 weeks depends on the combination and is
    /// recovered far more tightly.
    @Test(arguments: [UInt64(11), 12, 13])
    func recoversTheCDNOWParameters(seed: UInt64) throws {
        let truth = try BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        var sim = BGNBDSimulation(seed: seed)
        let d = sim.customers(50_000, r: truth.r, alpha: truth.alpha, a: truth.a, b: truth.b, ages: 20...40)
        let fit = try BGNBDModel.fit(frequency: d.frequency, recency: d.recency, age: d.age)
        let m = fit.model
        #expect(abs(m.r / truth.r - 1) <= 0.05, "r = \(m.r)")
        #expect(abs(m.alpha / truth.alpha - 1) <= 0.10, "alpha = \(m.alpha)")
        #expect(abs(m.a / truth.a - 1) <= 0.25, "a = \(m.a)")
        #expect(abs(m.b / truth.b - 1) <= 0.35, "b = \(m.b)")
        let e = m.expectedTransactions(newCustomerOver: 39), eTrue = truth.expectedTransactions(newCustomerOver: 39)
        #expect(abs(e / eTrue - 1) <= 0.03, "E[X(39)] = \(e) vs \(eTrue)")
    }

    @Test func samplersHaveTheRightMoments() {
        var sim = BGNBDSimulation(seed: 7)
        let n = 200_000
        // Gamma(k) has mean k and variance k; Beta(a, b) has mean a/(a+b). With 200,000 draws the
        // standard error of the mean is sqrt(k/n) ≈ 0.0011 (k = 0.243), 0.0047 (k = 4.414);
        // bounds are 5 standard errors.
        for k in [0.243, 4.414] {
            var sum = 0.0, sumSq = 0.0
            for _ in 0..<n { let g = sim.gamma(shape: k); sum += g; sumSq += g * g }
            let mean = sum / Double(n), variance = sumSq / Double(n) - mean * mean
            #expect(abs(mean - k) <= 5 * (k / Double(n)).squareRoot(), "Gamma(\(k)) mean \(mean)")
            #expect(abs(variance / k - 1) <= 0.05, "Gamma(\(k)) variance \(variance)")
        }
        var sum = 0.0
        for _ in 0..<n { sum += sim.beta(0.793, 2.426) }
        // sd of Beta(0.793, 2.426) ≈ 0.21 ⇒ standard error ≈ 0.00047.
        #expect(abs(sum / Double(n) - 0.793 / (0.793 + 2.426)) <= 0.0025)
    }
}
