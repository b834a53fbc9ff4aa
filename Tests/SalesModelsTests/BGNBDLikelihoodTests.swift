import Testing
@testable import SalesModels
import SalesNumerics

/// The fit's likelihood kernel: value against the per-row formula, gradient against central
/// differences, weights against duplicated rows, two workers against one.
@Suite("BG/NBD likelihood kernel")
struct BGNBDLikelihoodTests {
    static let data = CDNOWFixture.shared

    @Test func gradientMatchesCentralDifferences() throws {
        let kernel = try BGNBDLikelihood(
            frequency: Self.data.frequency, recency: Self.data.recency, age: Self.data.age, weights: nil)
        let point = [0.3, 1.2, 0.7, 2.9]  // scaled-time parameters away from the optimum
        var g = [Double](repeating: 0, count: 4)
        _ = kernel.logLikelihood(r: point[0], alpha: point[1], a: point[2], b: point[3], gradient: &g)
        var scratch = g
        for j in 0..<4 {
            let h = 1e-6 * point[j]
            var up = point, down = point
            up[j] += h; down[j] -= h
            let fUp = kernel.logLikelihood(r: up[0], alpha: up[1], a: up[2], b: up[3], gradient: &scratch)
            let fDown = kernel.logLikelihood(r: down[0], alpha: down[1], a: down[2], b: down[3], gradient: &scratch)
            let numeric = (fUp - fDown) / (2 * h)
            // Central differences of a sum of ~2,357 terms of size ~10: truncation O(h²) plus
            // rounding ~1e-16·|f|/h ≈ 1e-5 absolute; 1e-6 relative to |g| ~ 1e2..1e4 covers both.
            #expect(abs(numeric - g[j]) <= 1e-6 * max(abs(g[j]), 1) + 1e-4, "component \(j): \(numeric) vs \(g[j])")
        }
    }

    @Test func weightsEqualDuplicatedRows() throws {
        let f = [0, 2, 1, 5], tx = [0, 30.43, 1.71, 20.0], age = [38.86, 38.86, 38.86, 30.0]
        let w = [3.0, 1.0, 2.0, 0.0]
        let weighted = try BGNBDLikelihood(frequency: f, recency: tx, age: age, weights: w)
        let expandedF = [0, 0, 0, 2, 1, 1], expandedTx = [0, 0, 0, 30.43, 1.71, 1.71]
        let expandedAge = [38.86, 38.86, 38.86, 38.86, 38.86, 38.86]
        // Same max(T) would be needed for identical scaling: compare in natural units via the model.
        let model = try BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        let a = try model.totalLogLikelihood(frequency: f, recency: tx, age: age, weights: w)
        let b = try model.totalLogLikelihood(frequency: expandedF, recency: expandedTx, age: expandedAge)
        #expect(abs(a - b) <= 1e-12 * abs(b))
        #expect(weighted.rows.totalWeight == 6 && weighted.rows.weightedFrequency == 4)
    }

    @Test func workerCountDoesNotChangeTheSums() throws {
        // 30,000 distinct simulated rows (above the 20,000-row threshold for splitting into two chunks).
        var sim = BGNBDSimulation(seed: 5)
        let (f, tx, age) = sim.customers(30_000, r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, ages: 20...40)
        let data = try BGNBDLikelihood(frequency: f, recency: tx, age: age, weights: nil)
        #expect(data.rows.group.count == 30_000)
        var g1 = [Double](repeating: 0, count: 4), g2 = g1, g3 = g1
        let v1 = Parallelism.withWorkers(1) { data.logLikelihood(r: 0.3, alpha: 1.1, a: 0.8, b: 2.4, gradient: &g1) }
        let v2 = Parallelism.withWorkers(2) { data.logLikelihood(r: 0.3, alpha: 1.1, a: 0.8, b: 2.4, gradient: &g2) }
        let v3 = Parallelism.withWorkers(5) { data.logLikelihood(r: 0.3, alpha: 1.1, a: 0.8, b: 2.4, gradient: &g3) }
        // The rows are cut by their count alone: the same sums in the same order.
        #expect(v1 == v2 && v2 == v3)
        #expect(g1 == g2 && g2 == g3)
    }
}

@Suite("BG/NBD predictions near a = 1")
struct BGNBDNearOneTests {
    @Test func expectationsAreContinuousThroughTheRemovableSingularity() throws {
        // At a = 1 the closed forms are 0/0; the model averages a = 1 ± 1e-6. The expectation is
        // smooth in a, so values at a = 1 − 1e-4, 1, 1 + 1e-4 must lie on a line to O(1e-8).
        func model(_ a: Double) throws -> BGNBDModel { try BGNBDModel(r: 0.243, alpha: 4.414, a: a, b: 2.426) }
        let lo = try model(1 - 1e-4), mid = try model(1), hi = try model(1 + 1e-4)
        let e = { (m: BGNBDModel) in m.expectedTransactions(inNext: 39, frequency: 2, recency: 30.43, age: 38.86) }
        let u = { (m: BGNBDModel) in m.expectedTransactions(newCustomerOver: 39) }
        #expect(e(mid).isFinite && u(mid).isFinite)
        #expect(abs(e(mid) - 0.5 * (e(lo) + e(hi))) <= 1e-8)
        #expect(abs(u(mid) - 0.5 * (u(lo) + u(hi))) <= 1e-8)
        #expect(abs(e(hi) - e(lo)) > 1e-8)  // the check above compares values that do differ
    }
}

@Suite("BG/NBD row merging")
struct BGNBDRowMergingTests {
    @Test func mergedRowsGiveTheSameFit() throws {
        // CDNOW twice with weight 1 each = CDNOW once with weight 2: the merged kernel sees the
        // same rows with doubled weights, so the fit is the same up to the optimizer's path.
        let d = CDNOWFixture.shared
        let twice = try BGNBDModel.fit(frequency: d.frequency + d.frequency, recency: d.recency + d.recency,
                                       age: d.age + d.age)
        let weighted = try BGNBDModel.fit(frequency: d.frequency, recency: d.recency, age: d.age,
                                          weights: [Double](repeating: 2, count: d.frequency.count))
        #expect(twice.distinctRows == weighted.distinctRows && twice.totalWeight == 4714)
        for (x, y) in zip(twice.model.parameters, weighted.model.parameters) { #expect(abs(x - y) <= 1e-9 * x) }
        #expect(abs(twice.logLikelihood - weighted.logLikelihood) <= 1e-9 * abs(twice.logLikelihood))
    }
}

@Suite("BG/NBD hypergeometric fast path")
struct BGNBDHypergeometricTests {
    /// The positive-series fast path against SalesNumerics' general ₂F₁ (≤ 1e-13 relative by its
    /// contract against mpmath): both should agree to 1e-12 on BG/NBD-shaped arguments
    /// (a = r + x, b = b + x, c = a + b + x − 1) up to the fast path's edge z = 0.9.
    @Test(arguments: [0.05, 0.47, 0.75, 0.9])
    func fastPathMatchesTheGeneralRoutine(z: Double) {
        for x in [0.0, 2, 14, 120] {
            let a = 0.243 + x, b = 2.426 + x, c = 0.793 + 2.426 + x - 1
            let fast = CustomerModelMath.hypergeometric2F1(a: a, b: b, c: c, z: z)
            let general = SpecialFunctions.hypergeometric2F1(a: a, b: b, c: c, z: z)
            #expect(abs(fast - general) <= 1e-12 * abs(general), "x = \(x), z = \(z): \(fast) vs \(general)")
        }
    }
}
