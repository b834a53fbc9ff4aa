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
    /// pass, one scatter pass), then sorts each bucket and compares neighbours: two passes over
    /// the data instead of a full sort, and no hash table.
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
        let shift = UInt64(64 - bits)
        var starts = [Int](repeating: 0, count: (1 << bits) + 1)
        var scratch = [UInt64](repeating: 0, count: n)
        var used = 0
        values.withUnsafeBufferPointer { v in
        valid.withUnsafeBufferPointer { ok in
        starts.withUnsafeMutableBufferPointer { s in
        scratch.withUnsafeMutableBufferPointer { out in
            let checked = !ok.isEmpty
            for i in 0..<n where !checked || ok[i] {
                s[Int(truncatingIfNeeded: UInt64(bitPattern: v[i]) >> shift) + 1] += 1
            }
            for b in 1..<s.count { s[b] += s[b - 1] }
            used = s[s.count - 1]
            var next = Array(s.dropLast())
            next.withUnsafeMutableBufferPointer { next in
                for i in 0..<n where !checked || ok[i] {
                    let key = UInt64(bitPattern: v[i])
                    let b = Int(truncatingIfNeeded: key >> shift)
                    out[next[b]] = key
                    next[b] += 1
                }
            }
        }}}}
        guard used > 1 else { return false }
        return scratch.withUnsafeMutableBufferPointer { out in
            starts.withUnsafeBufferPointer { s in
                for b in 0..<(s.count - 1) {
                    let lower = s[b], upper = s[b + 1]
                    guard upper - lower > 1 else { continue }
                    let bucket = UnsafeMutableBufferPointer(rebasing: out[lower..<upper])
                    insertionSortOrQuick(bucket)
                    for k in 1..<bucket.count where bucket[k] == bucket[k - 1] { return true }
                }
                return false
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
