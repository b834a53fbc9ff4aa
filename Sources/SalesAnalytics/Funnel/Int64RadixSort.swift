/// Least-significant-digit radix sort of `Int64` values, for the long duration lists of funnels
/// (millions of conversion times whose range is a few days of seconds).
///
/// The values are sorted as offsets from their minimum, so only the bits that vary across the
/// input are passed over: durations within a week (< 2²⁰ s) take two 11-bit passes, whatever
/// their sign or magnitude. Each pass is a stable counting sort into a scratch buffer.
enum Int64RadixSort {
    /// Inputs shorter than this go to the standard library's sort (its constant factor wins).
    static let cutoff = 512
    static let digitBits = 11

    /// The values in ascending order.
    /// - Complexity: O(n · k) time for k = ⌈bits(max − min) / 11⌉ ≤ 6 passes, O(n) extra memory.
    static func sorted(_ values: [Int64]) -> [Int64] {
        let n = values.count
        guard n >= cutoff, let low = values.min(), let high = values.max() else { return values.sorted() }
        // The span fits UInt64 even for Int64.min … Int64.max.
        let span = UInt64(bitPattern: high &- low)
        let bits = 64 - span.leadingZeroBitCount
        let passes = (bits + digitBits - 1) / digitBits
        if passes == 0 { return values }
        var keys = values.map { UInt64(bitPattern: $0 &- low) }
        var scratch = [UInt64](repeating: 0, count: n)
        let buckets = 1 << digitBits
        var counts = [Int](repeating: 0, count: buckets)
        keys.withUnsafeMutableBufferPointer { a in
            scratch.withUnsafeMutableBufferPointer { b in
                counts.withUnsafeMutableBufferPointer { c in
                    var source = a, target = b
                    let mask = UInt64(buckets - 1)
                    for pass in 0..<passes {
                        let shift = UInt64(digitBits * pass)
                        c.update(repeating: 0)
                        for v in source { c[Int(truncatingIfNeeded: (v >> shift) & mask)] += 1 }
                        var total = 0
                        for i in 0..<buckets { let k = c[i]; c[i] = total; total += k }
                        for v in source {
                            let digit = Int(truncatingIfNeeded: (v >> shift) & mask)
                            target[c[digit]] = v
                            c[digit] += 1
                        }
                        swap(&source, &target)
                    }
                    // After an odd number of passes the result is in `scratch`: copy it back.
                    if passes % 2 == 1 { _ = a.update(fromContentsOf: b) }
                }
            }
        }
        return keys.map { Int64(bitPattern: $0) &+ low }
    }
}
