import SalesModels
import Testing
import SalesNumerics

/// k-means on seeded, well-separated blobs (the true partition is known by construction), and bad input.
@Suite("KMeans")
struct KMeansTests {
    /// `perCluster` points around each centre with uniform noise in ±spread per coordinate.
    static func blobs(centres: [[Double]], perCluster: Int, spread: Double, seed: UInt64) -> (Matrix, [Int]) {
        var generator = SeededGenerator(seed: seed)
        var rows: [[Double]] = [], truth: [Int] = []
        for _ in 0..<perCluster {
            for (c, centre) in centres.enumerated() {
                rows.append(centre.map { $0 + (2 * generator.nextUnitDouble() - 1) * spread })
                truth.append(c)
            }
        }
        do { return (try Matrix(rowArrays: rows), truth) } catch { preconditionFailure("\(error)") }
    }

    static let fourCentres: [[Double]] = [[0, 0, 0], [10, 0, 0], [0, 10, 0], [0, 0, 10]]

    /// Whether `assignments` is the same partition as `truth` up to relabelling.
    static func samePartition(_ assignments: [Int32], _ truth: [Int]) -> Bool {
        var map: [Int: Int32] = [:], inverse: [Int32: Int] = [:]
        for (a, t) in zip(assignments, truth) {
            if let m = map[t], m != a { return false }
            if let i = inverse[a], i != t { return false }
            map[t] = a
            inverse[a] = t
        }
        return true
    }

    @Test func recoversSeparatedBlobs() throws {
        let (data, truth) = Self.blobs(centres: Self.fourCentres, perCluster: 250, spread: 1, seed: 7)
        var generator = SeededGenerator(seed: 1)
        let fit = try KMeans.fit(data, k: 4, using: &generator)
        #expect(fit.converged)
        #expect(Self.samePartition(fit.assignments, truth))
        #expect(fit.sizes.sorted() == [250, 250, 250, 250])
        // Uniform noise on [−1, 1]: each coordinate has variance 1/3, so the expected inertia is
        // 1000 points × 3 coordinates × 1/3 = 1000; the fitted centres are the sample means (less).
        #expect(fit.inertia > 850 && fit.inertia < 1050)
        for c in 0..<4 {
            let centre = fit.centroids.row(c)
            #expect(Self.fourCentres.contains { zip($0, centre).allSatisfy { abs($0 - $1) < 0.2 } })
        }
    }

    @Test func sameSeedSameResult() throws {
        let (data, _) = Self.blobs(centres: Self.fourCentres, perCluster: 50, spread: 4, seed: 3)
        var g1 = SeededGenerator(seed: 11), g2 = SeededGenerator(seed: 11)
        #expect(try KMeans.fit(data, k: 5, using: &g1) == KMeans.fit(data, k: 5, using: &g2))
    }

    @Test func silhouettePicksTheTrueK() throws {
        let (data, truth) = Self.blobs(centres: Self.fourCentres, perCluster: 200, spread: 1, seed: 5)
        var generator = SeededGenerator(seed: 2)
        let selection = try KMeans.selectK(data, ks: 2...7, sampleSize: 500, using: &generator)
        #expect(selection.k == 4)
        #expect(selection.silhouettes.map(\.k) == Array(2...7))
        #expect(Self.samePartition(selection.best.assignments, truth))
        // Blobs of half-width 1 whose centres are 10 or 14 apart: every point's silhouette is high.
        #expect(selection.silhouettes[2].score > 0.8)
    }

    @Test func silhouetteOfAHandCheckedPartition() throws {
        // Points 0, 1 (cluster 0) and 10, 12 (cluster 1) on a line.
        // s(0) = 1 − 1/11, s(1) = 1 − 1/10, s(10) = 1 − 2/9.5, s(12) = 1 − 2/11.5.
        let data = try Matrix(rowArrays: [[0], [1], [10], [12]])
        var generator = SeededGenerator(seed: 0)
        let s = try KMeans.silhouette(data, assignments: [0, 0, 1, 1], k: 2, sampleSize: nil, using: &generator)
        let expected = ((1 - 1 / 11.0) + (1 - 1 / 10.0) + (1 - 2 / 9.5) + (1 - 2 / 11.5)) / 4
        // Distances come from ‖x‖² + ‖y‖² − 2xy with values ≤ 144: rounding error ≪ 1e-12.
        #expect(abs(s - expected) < 1e-12)
    }

    @Test func badInputThrowsTypedErrors() throws {
        var generator = SeededGenerator(seed: 0)
        let data = try Matrix(rowArrays: [[0, 1], [1, 2], [2, 3]])
        #expect(throws: KMeansError.invalidK(k: 4, points: 3)) { try KMeans.fit(data, k: 4, using: &generator) }
        #expect(throws: KMeansError.invalidK(k: 0, points: 3)) { try KMeans.fit(data, k: 0, using: &generator) }
        #expect(throws: KMeansError.emptyData(rows: 0, columns: 2)) {
            try KMeans.fit(Matrix(rows: 0, columns: 2), k: 1, using: &generator)
        }
        let withNaN = try Matrix(rowArrays: [[0, 1], [.nan, 2], [2, 3]])
        #expect(throws: KMeansError.nonFinite(row: 1, column: 0)) { try KMeans.fit(withNaN, k: 2, using: &generator) }
        let duplicates = try Matrix(rowArrays: [[1, 1], [1, 1], [1, 1], [2, 2]])
        #expect(throws: KMeansError.fewerDistinctPointsThanK(k: 3, distinct: 2)) {
            try KMeans.fit(duplicates, k: 3, using: &generator)
        }
        #expect(throws: KMeansError.invalidKRange(lower: 2, upper: 3, points: 3)) {
            try KMeans.selectK(data, ks: 2...3, using: &generator)
        }
        #expect(throws: KMeansError.silhouetteUndefined(clusters: 1, points: 3)) {
            try KMeans.silhouette(data, assignments: [0, 0, 0], k: 2, sampleSize: nil, using: &generator)
        }
    }
}
