/// A distribution of durations in seconds (for example the time from one funnel step to the next),
/// kept whole and sorted, with the usual summaries.
///
/// Quantiles interpolate linearly between order statistics (Hyndman–Fan type 7, numpy's and R's
/// default): for p in [0, 1], h = (n − 1)p, q = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎).
public struct DurationDistribution: Sendable, Equatable {
    /// Every duration, ascending.
    public let sortedSeconds: [Int64]

    /// A distribution from durations in any order.
    /// - Parameter seconds: The durations.
    /// - Complexity: O(n log n).
    public init(seconds: [Int64]) {
        sortedSeconds = Int64RadixSort.sorted(seconds)
    }

    /// The number of durations.
    public var count: Int { sortedSeconds.count }

    /// The p-quantile (type 7), or `nil` when empty.
    /// - Parameter p: The probability, clamped to [0, 1].
    /// - Returns: The quantile in seconds.
    /// - Complexity: O(1).
    public func quantile(_ p: Double) -> Double? {
        guard let first = sortedSeconds.first else { return nil }
        let n = sortedSeconds.count
        if n == 1 { return Double(first) }
        let h = Double(n - 1) * min(max(p, 0), 1)
        let lower = Int(h)
        let fraction = h - Double(lower)
        let a = Double(sortedSeconds[lower])
        guard lower + 1 < n else { return a }
        return a + fraction * (Double(sortedSeconds[lower + 1]) - a)
    }

    /// The median (type-7 quantile 0.5), or `nil` when empty.
    public var median: Double? { quantile(0.5) }
    /// The first quartile, or `nil` when empty.
    public var p25: Double? { quantile(0.25) }
    /// The third quartile, or `nil` when empty.
    public var p75: Double? { quantile(0.75) }
    /// The 90th percentile, or `nil` when empty.
    public var p90: Double? { quantile(0.9) }
    /// The arithmetic mean, or `nil` when empty.
    /// - Complexity: O(n).
    public var mean: Double? {
        guard !sortedSeconds.isEmpty else { return nil }
        var sum = 0.0
        for value in sortedSeconds { sum += Double(value) }
        return sum / Double(sortedSeconds.count)
    }

    /// Counts of durations per bucket: bucket i holds edges[i−1] < d ≤ edges[i] (bucket 0: d ≤
    /// edges[0]; the last bucket, index `edges.count`, holds d > the last edge).
    /// - Parameter edges: Ascending bucket upper edges in seconds (default: 1 min, 10 min, 1 h, 6 h,
    ///   1 day, 3 days, 7 days, 30 days).
    /// - Returns: `edges.count + 1` counts.
    /// - Complexity: O(edges × log n).
    public func histogram(edges: [Int64] = [60, 600, 3_600, 21_600, 86_400, 259_200, 604_800, 2_592_000]) -> [Int] {
        var counts: [Int] = []
        var previous = 0
        for edge in edges {
            let upTo = upperBound(edge)
            counts.append(max(0, upTo - previous))
            previous = max(previous, upTo)
        }
        counts.append(sortedSeconds.count - previous)
        return counts
    }

    /// The number of values ≤ `value`.
    private func upperBound(_ value: Int64) -> Int {
        var low = 0, high = sortedSeconds.count
        while low < high {
            let mid = (low + high) / 2
            if sortedSeconds[mid] <= value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
