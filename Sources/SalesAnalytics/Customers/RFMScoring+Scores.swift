extension RFMScoring {
    /// Quantile scores of integer keys where a larger key is better:
    /// `score = 1 + ⌊bins · (rank − 1) / n⌋` with `rank = 1 + #{keys < key}` (competition rank).
    ///
    /// Counting over the key range when it is small (≤ max(4n, 65 536)), otherwise a sorted copy
    /// and a binary search per key.
    /// - Complexity: O(n + range) or O(n log n).
    static func quantileScores(_ keys: [Int64], bins: Int) -> [UInt8] {
        let n = keys.count
        guard n > 0 else { return [] }
        var scores = [UInt8](repeating: 0, count: n)
        keys.withUnsafeBufferPointer { k in
            var low = k[0], high = k[0]
            for key in k { low = min(low, key); high = max(high, key) }
            let span = high.subtractingReportingOverflow(low)
            scores.withUnsafeMutableBufferPointer { out in
                @inline(__always) func score(_ less: Int) -> UInt8 {
                    UInt8(truncatingIfNeeded: 1 + bins * less / n)
                }
                if !span.overflow, span.partialValue < Int64(max(4 * n, 1 << 16)) {
                    let range = Int(span.partialValue) + 1
                    var less = [Int](repeating: 0, count: range + 1)
                    less.withUnsafeMutableBufferPointer { c in
                        for key in k { c[Int(key - low) + 1] += 1 }
                        for i in 1...range { c[i] += c[i - 1] }
                        for i in 0..<n { out[i] = score(c[Int(k[i] - low)]) }
                    }
                } else {
                    let sorted = k.sorted()
                    sorted.withUnsafeBufferPointer { s in
                        for i in 0..<n {
                            var lo = 0, hi = n
                            let key = k[i]
                            while lo < hi {
                                let mid = (lo + hi) >> 1
                                if s[mid] < key { lo = mid + 1 } else { hi = mid }
                            }
                            out[i] = score(lo)
                        }
                    }
                }
            }
        }
        return scores
    }

    /// An Int64 key with the same order as `value` (−0 and +0 equal; values are finite).
    @inline(__always)
    static func orderKey(_ value: Double) -> Int64 {
        let bits = Int64(bitPattern: (value == 0 ? 0 : value).bitPattern)
        return bits >= 0 ? bits : bits ^ Int64.max
    }

    /// Breakpoint scores where a larger value is better: `1 + #{i : value ≥ b_i}`.
    static func ascendingBreakpointScore(_ value: Double, _ breakpoints: [Double]) -> UInt8 {
        var s = 1
        for b in breakpoints where value >= b { s += 1 }
        return UInt8(truncatingIfNeeded: s)
    }

    /// Breakpoint scores for recency (smaller is better): `1 + #{i : value < b_i}`.
    static func recencyBreakpointScore(_ value: Double, _ breakpoints: [Double]) -> UInt8 {
        var s = 1
        for b in breakpoints where value < b { s += 1 }
        return UInt8(truncatingIfNeeded: s)
    }
}
