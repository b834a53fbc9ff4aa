extension RFMScoring {
    /// Quantile scores of integer keys where a larger key is better:
    /// `score = 1 + ⌊bins · (rank − 1) / n⌋` with `rank = 1 + #{keys < key}` (competition rank).
    ///
    /// Counting over the key range when it is small (≤ max(4n, 65 536)), a two-pass 16-bit LSD
    /// radix sort when it fits 32 bits, otherwise a sorted copy and a binary search per key.
    /// - Complexity: O(n + range), O(n) or O(n log n).
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
                } else if !span.overflow, span.partialValue < (1 << 32), n < Int(Int32.max) {
                    radixScores(k, low: low, bins: bins, into: out)
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

    /// Scores via a stable LSD radix sort of the keys' offsets from `low` (< 2³²), two 16-bit digits:
    /// in sorted order, the first position of each run of equal keys is its `#{keys < key}`.
    static func radixScores(_ k: UnsafeBufferPointer<Int64>, low: Int64, bins: Int, into out: UnsafeMutableBufferPointer<UInt8>) {
        let n = k.count
        let relative = k.map { UInt32(truncatingIfNeeded: $0 - low) }
        var order = [Int32](unsafeUninitializedCapacity: n) { buffer, count in
            for i in 0..<n { buffer[i] = Int32(truncatingIfNeeded: i) }
            count = n
        }
        var scratch = [Int32](repeating: 0, count: n)
        relative.withUnsafeBufferPointer { rel in
            for shift in [UInt32(0), 16] {
                var counts = [Int](repeating: 0, count: 1 << 16 + 1)
                counts.withUnsafeMutableBufferPointer { c in
                    for i in 0..<n { c[Int((rel[i] >> shift) & 0xFFFF) + 1] += 1 }
                    for d in 1...(1 << 16) { c[d] += c[d - 1] }
                    order.withUnsafeBufferPointer { from in
                        scratch.withUnsafeMutableBufferPointer { to in
                            for position in 0..<n {
                                let i = from[position]
                                let digit = Int((rel[Int(i)] >> shift) & 0xFFFF)
                                to[c[digit]] = i
                                c[digit] += 1
                            }
                        }
                    }
                }
                swap(&order, &scratch)
            }
            order.withUnsafeBufferPointer { sorted in
                var runStart = 0
                for position in 0..<n {
                    let i = Int(sorted[position])
                    if position > 0, rel[i] != rel[Int(sorted[position - 1])] { runStart = position }
                    out[i] = UInt8(truncatingIfNeeded: 1 + bins * runStart / n)
                }
            }
        }
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
