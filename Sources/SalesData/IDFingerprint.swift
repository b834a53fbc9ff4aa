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

    /// `of(p, n)` for the common id, or `nil` to take `of`: an id of 1–16 bytes with no space at
    /// either end and no `.` (so normalization leaves it as it is), hashed from two word loads —
    /// the value `ByteDictionary.hash` gives for those bytes. The loads read up to 16 bytes from
    /// `p`, so `p + 16` must not pass `readableEnd` (else `nil`).
    /// - Complexity: O(1).
    @inline(__always)
    static func ofShortPlain(_ p: UnsafePointer<UInt8>, _ n: Int, readableEnd: UnsafePointer<UInt8>) -> Int64? {
        guard n >= 1, n <= 16, readableEnd - p >= 16,
              !IDNormalization.isSpace(p[0]), !IDNormalization.isSpace(p[n - 1]) else { return nil }
        let raw = UnsafeRawPointer(p)
        let lowBytes = min(n, 8), highBytes = n - lowBytes
        // Masks keeping the id's bytes of each word (little-endian: the first bytes are the low ones).
        let lowMask: UInt64 = lowBytes == 8 ? ~0 : (1 << (8 * UInt64(lowBytes))) &- 1
        let highMask: UInt64 = highBytes == 8 ? ~0 : (1 << (8 * UInt64(highBytes))) &- 1
        let first = raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self) & lowMask
        let second = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self) & highMask
        // A `.` among the id's bytes: the lowest flagged byte of a zero-byte test is exact, and a
        // flagged byte inside the mask implies a true match inside it.
        let dots: UInt64 = 0x2E2E_2E2E_2E2E_2E2E
        if (Self.zeroBytes(first ^ dots) & lowMask) | (Self.zeroBytes(second ^ dots) & highMask) != 0 { return nil }
        return Int64(bitPattern: ByteDictionary.hashOfShort(first: first, second: second, count: n))
    }

    /// The high bit of every zero byte of `w` (exact for the lowest; bytes above a zero byte may be flagged too).
    @inline(__always)
    private static func zeroBytes(_ w: UInt64) -> UInt64 {
        (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080
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
    /// Partitions the fingerprints by their top bits into at most 1,024 buckets (one counting pass
    /// and one scatter pass over row ranges on `Parallelism.workers` threads, with histograms and
    /// write streams small enough to stay in cache and the TLB), then inserts each bucket into an
    /// open-addressing set that fits in cache for inputs up to tens of millions of rows (over
    /// bucket ranges in parallel): no full sort and no table the size of the input. The answer
    /// does not depend on the thread count.
    /// - Parameters:
    ///   - values: The fingerprints (a column read with `CSVSchema.Field.fingerprint`).
    ///   - valid: Row validity (empty: every row valid); invalid rows are ignored.
    /// - Returns: `true` when some fingerprint occurs twice among the valid rows.
    /// - Complexity: O(n) time expected, O(n) extra memory.
    public static func containsRepeat(_ values: [Int64], valid: [Bool] = []) -> Bool {
        precondition(valid.isEmpty || valid.count == values.count, "validity does not match the values")
        let n = values.count
        guard n > 1 else { return false }
        // At most 2¹⁰ buckets: the counting and scatter passes then touch 1,024 counters (L1) and
        // 1,024 write streams (within the TLB) per thread — with 2¹⁴ buckets every scattered
        // store missed the TLB and the scatter cost several times the counting pass (`perf`). For
        // ten million rows a bucket holds about 10,000 fingerprints (a 256 KB set, in L2).
        var bits = 0
        while bits < 10, (n >> (bits + 12)) > 0 { bits += 1 }
        let buckets = 1 << bits
        let shift = UInt64(64 - max(bits, 1)), topMask = buckets - 1
        let cut = Parallel.ranges(count: n, parts: Parallel.chunkCount(n, minimumPerChunk: 1 << 18,
                                                                      maximumChunks: Parallelism.workers))
        let parts = cut.count
        // slots[t * buckets + b]: rows of part t in bucket b, then the next slot part t writes in b.
        var slots = [Int](repeating: 0, count: parts * buckets)
        var bucketStart = [Int](repeating: 0, count: buckets + 1)
        // Every slot the bucket passes read is written by the scatter first (the valid rows'
        // count is at most n), so the scratch needs no zero fill.
        var scratch = [UInt64](unsafeUninitializedCapacity: n) { _, initialized in initialized = n }
        values.withUnsafeBufferPointer { v in
        valid.withUnsafeBufferPointer { ok in
        slots.withUnsafeMutableBufferPointer { c in
        scratch.withUnsafeMutableBufferPointer { out in
            let checked = !ok.isEmpty
            let flags = SharedBuffer(readOnly: checked ? ok : UnsafeBufferPointer(start: nil, count: 0))
            let keys = SharedBuffer(readOnly: v), table = SharedBuffer(c), target = SharedBuffer(out)
            Parallel.forEach(parts) { t in
                countBuckets(keys.base, checked ? UnsafePointer(flags.base) : nil, cut[t],
                             shift: shift, mask: topMask, counts: table.base + t * buckets)
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
                scatter(keys.base, checked ? UnsafePointer(flags.base) : nil, cut[t],
                        shift: shift, mask: topMask, next: table.base + t * buckets, into: target.base)
            }
        }}}}
        guard bucketStart[buckets] > 1 else { return false }
        let bucketRanges = Parallel.ranges(count: buckets, parts: parts)
        return scratch.withUnsafeBufferPointer { out in
            bucketStart.withUnsafeBufferPointer { s in
                let partitioned = SharedBuffer(readOnly: out), starts = SharedBuffer(readOnly: s)
                return Parallel.map(bucketRanges.count) { part -> Bool in
                    var largest = 0
                    for b in bucketRanges[part] { largest = max(largest, starts[b + 1] - starts[b]) }
                    guard largest > 1 else { return false }
                    var capacity = 16
                    while capacity < 2 * largest { capacity <<= 1 }
                    var set = [UInt64](repeating: 0, count: capacity)
                    return set.withUnsafeMutableBufferPointer { set in
                        for b in bucketRanges[part] {
                            let lower = starts[b], upper = starts[b + 1]
                            guard upper - lower > 1 else { continue }
                            let slotsInUse = min(capacity, max(16, 2 * (upper - lower)).nextPowerOfTwo)
                            if containsRepeat(partitioned.base + lower, upper - lower,
                                              set: UnsafeMutableBufferPointer(rebasing: set[0..<slotsInUse])) {
                                return true
                            }
                        }
                        return false
                    }
                }.contains(true)
            }
        }
    }

    /// Adds the bucket (`key >> shift & mask`) of every valid row in `rows` to `counts`
    /// (`valid == nil`: every row valid). Plain pointers and two loops, so the hot loop has no
    /// generic access and no per-row branch on the validity mask.
    private static func countBuckets(_ keys: UnsafePointer<Int64>, _ valid: UnsafePointer<Bool>?,
                                     _ rows: Range<Int>, shift: UInt64, mask: Int,
                                     counts: UnsafeMutablePointer<Int>) {
        if let valid {
            for i in rows where valid[i] {
                counts[Int(truncatingIfNeeded: UInt64(bitPattern: keys[i]) >> shift) & mask] += 1
            }
        } else {
            for i in rows {
                counts[Int(truncatingIfNeeded: UInt64(bitPattern: keys[i]) >> shift) & mask] += 1
            }
        }
    }

    /// Writes every valid row's key in `rows` to `out[next[bucket]]` and advances that slot.
    private static func scatter(_ keys: UnsafePointer<Int64>, _ valid: UnsafePointer<Bool>?,
                                _ rows: Range<Int>, shift: UInt64, mask: Int,
                                next: UnsafeMutablePointer<Int>, into out: UnsafeMutablePointer<UInt64>) {
        @inline(__always) func place(_ i: Int) {
            let key = UInt64(bitPattern: keys[i])
            let b = Int(truncatingIfNeeded: key >> shift) & mask
            out[next[b]] = key
            next[b] += 1
        }
        if let valid {
            for i in rows where valid[i] { place(i) }
        } else {
            for i in rows { place(i) }
        }
    }

    /// Whether `keys[0..<count]` holds a value twice, through the open-addressing set `set`
    /// (a power of two of at least twice `count` slots; 0 marks an empty slot, the key 0 is
    /// tracked apart). Leaves `set` zeroed for the next bucket.
    private static func containsRepeat(_ keys: UnsafePointer<UInt64>, _ count: Int,
                                       set: UnsafeMutableBufferPointer<UInt64>) -> Bool {
        let mask = set.count - 1
        var sawZero = false, found = false
        for k in 0..<count {
            let key = keys[k]
            if key == 0 {
                if sawZero { found = true; break }
                sawZero = true
                continue
            }
            // The low bits (the top bits chose the bucket).
            var h = Int(truncatingIfNeeded: key) & mask
            while true {
                let slot = set[h]
                if slot == 0 { set[h] = key; break }
                if slot == key { found = true; break }
                h = (h &+ 1) & mask
            }
            if found { break }
        }
        set.update(repeating: 0)
        return found
    }
}

private extension Int {
    /// The smallest power of two ≥ self (self ≥ 1).
    var nextPowerOfTwo: Int { self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount) }
}
