import SalesNumerics

/// 64-bit fingerprints of ids, for finding out whether an id column repeats without building
/// its dictionary.
///
/// An orders file's `order_id` matters only when an id repeats (the rows are then line items of
/// one order). Interning ten million distinct order ids costs about as much as the rest of the
/// read, so the orders reader first reads the column as fingerprints (`CSVSchema.Field.fingerprint`)
/// and asks `containsRepeat(_:valid:)`; only when some fingerprint repeats does it read the ids
/// themselves.
///
/// The fingerprint is taken after the normalization `IDNormalization` may apply — surrounding
/// whitespace trimmed, and a float-formatted integer (`17850.0`) cut at its dot — so two ids that
/// are equal as written, or equal after normalization, always have equal fingerprints. The
/// converse does not hold (two different ids may collide, with probability about n²/2⁶⁵ for n
/// ids), so a repeat of fingerprints means only "may repeat": the caller then compares the ids.
public enum IDFingerprint {
    /// The fingerprint of the id `p[0..<n]` (its normalized form hashed).
    /// - Complexity: O(n).
    @inline(__always)
    static func of(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int64 {
        var start = 0, end = n
        while start < end, IDNormalization.isSpace(p[start]) { start += 1 }
        while end > start, IDNormalization.isSpace(p[end - 1]) { end -= 1 }
        let trimmed = UnsafeBufferPointer(start: p + start, count: end - start)
        if let dot = trimmed.firstIndex(of: UInt8(ascii: ".")), case .float = IDNormalization.integerForm(bytes: trimmed) {
            end = start + dot
        }
        return Int64(bitPattern: ByteDictionary.hash(p + start, end - start))
    }

    /// The fingerprint of `id` (as the reader computes it for a field with that text).
    /// - Complexity: O(id's UTF-8 length).
    public static func of(_ id: String) -> Int64 {
        var text = id
        return text.withUTF8 { bytes in
            var zero: UInt8 = 0
            guard let base = bytes.baseAddress else { return withUnsafePointer(to: &zero) { of($0, 0) } }
            return of(base, bytes.count)
        }
    }

    /// Whether two valid rows of `values` hold the same fingerprint.
    ///
    /// Partitions the fingerprints by their top bits into buckets of a few dozen (one counting
    /// pass, one scatter pass, each over row ranges on `Parallelism.workers` threads), then sorts
    /// each bucket and compares neighbours (over bucket ranges in parallel): two passes over the
    /// data instead of a full sort, and no hash table. The answer does not depend on the thread count.
    /// - Parameters:
    ///   - values: The fingerprints (a column read with `CSVSchema.Field.fingerprint`).
    ///   - valid: Row validity (empty: every row valid); invalid rows are ignored.
    /// - Returns: `true` when some fingerprint occurs twice among the valid rows.
    /// - Complexity: O(n) time expected, O(n) extra memory.
    public static func containsRepeat(_ values: [Int64], valid: [Bool] = []) -> Bool {
        precondition(valid.isEmpty || valid.count == values.count, "validity does not match the values")
        let n = values.count
        guard n > 1 else { return false }
        // About 16–32 fingerprints per bucket; at most 2²⁰ buckets.
        var bits = 1
        while bits < 20, (n >> (bits + 5)) > 0 { bits += 1 }
        let shift = UInt64(64 - bits), buckets = 1 << bits
        let cut = Parallel.ranges(count: n, parts: Parallel.chunkCount(n, minimumPerChunk: 1 << 18,
                                                                      maximumChunks: Parallelism.workers))
        let parts = cut.count
        // counts[t * buckets + b]: rows of part t in bucket b; then each part's first slot in b.
        var slots = [Int](repeating: 0, count: parts * buckets)
        var bucketStart = [Int](repeating: 0, count: buckets + 1)
        var scratch = [UInt64](repeating: 0, count: n)
        values.withUnsafeBufferPointer { v in
        valid.withUnsafeBufferPointer { ok in
        slots.withUnsafeMutableBufferPointer { c in
        scratch.withUnsafeMutableBufferPointer { out in
            let input = v, checked = !ok.isEmpty
            let flags = SharedBuffer(readOnly: checked ? ok : UnsafeBufferPointer(start: nil, count: 0))
            let keys = SharedBuffer(readOnly: input), table = SharedBuffer(c), target = SharedBuffer(out)
            Parallel.forEach(parts) { t in
                let v = keys.base, row = table.base + t * buckets
                for i in cut[t] where !checked || flags[i] {
                    row[Int(truncatingIfNeeded: UInt64(bitPattern: v[i]) >> shift)] += 1
                }
            }
            var total = 0
            for b in 0..<buckets {
                bucketStart[b] = total
                for t in 0..<parts {
                    let k = c[t * buckets + b]
                    c[t * buckets + b] = total
                    total += k
                }
            }
            bucketStart[buckets] = total
            Parallel.forEach(parts) { t in
                let v = keys.base, row = table.base + t * buckets, o = target.base
                for i in cut[t] where !checked || flags[i] {
                    let key = UInt64(bitPattern: v[i])
                    let b = Int(truncatingIfNeeded: key >> shift)
                    o[row[b]] = key
                    row[b] += 1
                }
            }
        }}}}
        guard bucketStart[buckets] > 1 else { return false }
        let bucketRanges = Parallel.ranges(count: buckets, parts: parts)
        return scratch.withUnsafeMutableBufferPointer { out in
            bucketStart.withUnsafeBufferPointer { s in
                let sorted = SharedBuffer(out), starts = SharedBuffer(readOnly: s)
                return Parallel.map(bucketRanges.count) { part -> Bool in
                    for b in bucketRanges[part] {
                        let lower = starts[b], upper = starts[b + 1]
                        guard upper - lower > 1 else { continue }
                        let bucket = UnsafeMutableBufferPointer(start: sorted.base + lower, count: upper - lower)
                        insertionSortOrQuick(bucket)
                        for k in 1..<bucket.count where bucket[k] == bucket[k - 1] { return true }
                    }
                    return false
                }.contains(true)
            }
        }
    }

    /// Sorts a bucket: insertion sort for the usual few dozen keys (about 32), the standard sort otherwise.
    private static func insertionSortOrQuick(_ bucket: UnsafeMutableBufferPointer<UInt64>) {
        var a = bucket
        guard a.count <= 64 else { a.sort(); return }
        for i in 1..<a.count {
            let key = a[i]
            var j = i
            while j > 0, a[j - 1] > key { a[j] = a[j - 1]; j -= 1 }
            a[j] = key
        }
    }
}
