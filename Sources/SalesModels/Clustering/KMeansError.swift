/// Errors of k-means fitting and silhouette scoring, each with the sizes or position involved.
public enum KMeansError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The data has no rows or no columns.
    case emptyData(rows: Int, columns: Int)
    /// `k` is below 1 or above the number of points.
    case invalidK(k: Int, points: Int)
    /// The value at (`row`, `column`) is NaN or infinite.
    case nonFinite(row: Int, column: Int)
    /// k-means++ ran out of distinct points: only `distinct` distinct points exist for `k` clusters.
    case fewerDistinctPointsThanK(k: Int, distinct: Int)
    /// The range of k for silhouette selection must satisfy 2 ≤ lower ≤ upper ≤ points − 1.
    case invalidKRange(lower: Int, upper: Int, points: Int)
    /// An option is out of range (`name`, the offending value as text).
    case invalidOption(name: String, value: String)
    /// The silhouette needs at least two clusters with members among the points scored.
    case silhouetteUndefined(clusters: Int, points: Int)
    /// A BLAS call refused the sizes (a dimension beyond 32-bit BLAS integers).
    case linearAlgebra(String)

    /// A one-line message with the sizes or position.
    public var description: String {
        switch self {
        case let .emptyData(rows, columns): return "k-means needs data, got \(rows) × \(columns)"
        case let .invalidK(k, points): return "k = \(k) must be in 1…\(points) (the number of points)"
        case let .nonFinite(row, column): return "k-means data has a NaN or infinite value at row \(row), column \(column)"
        case let .fewerDistinctPointsThanK(k, distinct):
            return "k = \(k) clusters need \(k) distinct points, the data has \(distinct)"
        case let .invalidKRange(lower, upper, points):
            return "k range \(lower)…\(upper) must satisfy 2 ≤ lower ≤ upper ≤ \(points - 1) (points − 1)"
        case let .invalidOption(name, value): return "k-means option \(name) = \(value) is out of range"
        case let .silhouetteUndefined(clusters, points):
            return "silhouette needs at least 2 clusters among the points; found \(clusters) among \(points)"
        case let .linearAlgebra(message): return "k-means: \(message)"
        }
    }
}
