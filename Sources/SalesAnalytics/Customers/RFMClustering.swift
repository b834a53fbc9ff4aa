#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SalesModels
import SalesNumerics

/// k-means clusters of customers on standardized log-RFM values.
public struct RFMClusters: Sendable {
    /// The chosen number of clusters.
    public let k: Int
    /// Cluster of every customer of the `RFMResult`, in its customer order.
    public let assignments: [Int32]
    /// Per cluster: customers, mean recency (days), mean frequency, mean monetary value.
    public let profiles: [(customers: Int, meanRecency: Double, meanFrequency: Double, meanMonetary: Double)]
    /// Mean silhouette of every k tried.
    public let silhouettes: [(k: Int, score: Double)]
    /// The k-means fit in the standardized feature space.
    public let fit: KMeansResult
}

/// Optional k-means segmentation of RFM values.
///
/// Features per customer: `log1p(recency)`, `log1p(frequency)` and the signed `log1p` of the
/// monetary value (`sign(x)·log1p(|x|)`, since net refunds can make it negative), each
/// standardized to mean 0 and standard deviation 1 (population SD; a constant feature is only
/// centred). k is chosen in `ks` by the mean silhouette on a seeded sample.
public enum RFMClustering {
    /// Clusters the customers of `rfm`.
    /// - Parameters:
    ///   - rfm: Scored customers.
    ///   - ks: Candidate numbers of clusters (default 2…8).
    ///   - seed: Seed of the k-means++ starts and the silhouette sample.
    ///   - sampleSize: Silhouette sample size (default 4 000; `nil` = all customers, O(n²)).
    ///   - options: k-means options.
    /// - Returns: The chosen k, assignments and cluster profiles in original units.
    /// - Throws: `KMeansError` (for example `.invalidKRange` when there are too few customers).
    /// - Complexity: O(|ks| × iterations × n × k) plus the silhouette's O(|ks| × m²).
    public static func cluster(_ rfm: RFMResult, ks: ClosedRange<Int> = 2...8, seed: UInt64 = 42,
                               sampleSize: Int? = 4_000, options: KMeansOptions = KMeansOptions()) throws(KMeansError) -> RFMClusters {
        let n = rfm.count
        var columns: [[Double]] = [
            rfm.recency.map { log1p(Double($0)) },
            rfm.frequency.map { log1p(Double($0)) },
            rfm.monetary.map { $0 < 0 ? -log1p(-$0) : log1p($0) },
        ]
        for j in columns.indices {
            let mean = columns[j].reduce(0, +) / Double(max(1, n))
            let variance = columns[j].reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, n))
            let sd = variance > 0 ? variance.squareRoot() : 1
            columns[j] = columns[j].map { ($0 - mean) / sd }
        }
        let data: Matrix
        do { data = try Matrix(columnArrays: columns, rows: n) } catch { throw .emptyData(rows: n, columns: 3) }
        var generator = SeededGenerator(seed: seed)
        let selection = try KMeans.selectK(data, ks: ks, options: options, sampleSize: sampleSize, using: &generator)
        let k = selection.k
        var counts = [Int](repeating: 0, count: k)
        var r = [Double](repeating: 0, count: k), f = r, m = r
        for i in 0..<n {
            let c = Int(selection.best.assignments[i])
            counts[c] += 1
            r[c] += Double(rfm.recency[i]); f[c] += Double(rfm.frequency[i]); m[c] += rfm.monetary[i]
        }
        let profiles = (0..<k).map { c in
            let w = counts[c] == 0 ? Double.nan : 1 / Double(counts[c])
            return (customers: counts[c], meanRecency: r[c] * w, meanFrequency: f[c] * w, meanMonetary: m[c] * w)
        }
        return RFMClusters(k: k, assignments: selection.best.assignments, profiles: profiles,
                           silhouettes: selection.silhouettes, fit: selection.best)
    }
}
