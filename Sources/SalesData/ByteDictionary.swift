#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hash table from byte strings to dense Int32 codes (0, 1, 2, … in order of first insertion),
/// used to dictionary-encode category columns without building a `String` per field.
///
/// Open addressing with linear probing. Each 32-byte slot (half a cache line) holds part of the
/// hash, the key's length, the code and the first 16 key bytes, so a lookup of a key up to 16
/// bytes (typical ids) touches one cache line; longer keys are also compared against the byte
/// arena with `memcmp`. With a million distinct ids the table outgrows the caches and that one
/// miss per lookup dominates the cost of a category column.
///
/// Keys shaped like the dictionary's first key — a fixed prefix and a decimal number (`C1042`),
/// the usual CRM id — skip the hash table: `NumericSuffixIndex` maps their numbers to codes
/// through a paged direct array (4 bytes per number instead of a 32-byte slot, no rehashing as
/// the dictionary grows). Which path a key takes depends only on the key, so codes are the same
/// either way; if the numbers turn out too sparse the index retires and its keys move here.
struct ByteDictionary {
    /// 32 bytes: hash bits and length (`tag`), the code (-1 = empty), the first 16 key bytes.
    private struct Slot {
        var tag: UInt32 = 0
        var code: Int32 = -1
        var word0: UInt64 = 0
        var word1: UInt64 = 0
        var padding: UInt64 = 0
    }

    /// All keys back to back; `offsets[i] ..< offsets[i + 1]` is key `i`.
    private(set) var arena: [UInt8] = []
    private(set) var offsets: [Int] = [0]
    private var slots = [Slot](repeating: Slot(), count: 64)
    private var mask = 63
    /// Keys held in `slots` (the others are in `suffixIndex`).
    private var hashedCount = 0
    private var suffixIndex: NumericSuffixIndex

    /// An empty dictionary.
    /// - Parameter expectedRows: About how many keys (with repeats) will be encoded; sizes the
    ///   memory budget of the numeric-suffix index (0 when unknown).
    init(expectedRows: Int = 0) {
        suffixIndex = NumericSuffixIndex(expectedRows: expectedRows)
    }

    /// The number of distinct keys.
    var count: Int { offsets.count - 1 }

    /// Whether keys shaped like the first one are still encoded without hashing (for tests).
    var usesNumericSuffixIndex: Bool { suffixIndex.isActive }

    @inline(__always)
    private static func mix(_ h: UInt64) -> UInt64 {
        var x = h
        x ^= x >> 31
        x = x &* 0x7FB5_D329_728E_A185
        x ^= x >> 27
        x = x &* 0x81DA_DEF4_BC2D_D44D
        return x ^ (x >> 33)
    }

    /// The 64-bit hash of the key `p[0..<n]` — the one byte-string hash of the reader (the
    /// dictionary's slots, `IDFingerprint`).
    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 { wordsAndHash(p, n).2 }

    /// `hash(p, count)` of a key of at most 16 bytes given as its two zero-padded little-endian words.
    @inline(__always)
    static func hashOfShort(first: UInt64, second: UInt64, count: Int) -> UInt64 {
        mix(mix(first ^ (0x9E37_79B9_7F4A_7C15 &* UInt64(truncatingIfNeeded: count + 1))) ^ second)
    }

    /// Bytes `from..<to` (at most 8) as a little-endian word.
    @inline(__always)
    private static func partialWord(_ p: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> UInt64 {
        var w: UInt64 = 0
        var shift: UInt64 = 0
        var i = from
        while i < to { w |= UInt64(p[i]) << shift; shift += 8; i += 1 }
        return w
    }

    /// The first 16 bytes of a key (zero-padded), the key's hash, and the slot tag (24 hash bits
    /// and the length capped at 255).
    @inline(__always)
    private static func wordsAndHash(_ p: UnsafePointer<UInt8>, _ n: Int) -> (UInt64, UInt64, UInt64, UInt32) {
        let raw = UnsafeRawPointer(p)
        let first = n >= 8 ? raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self) : partialWord(p, 0, n)
        let second = n >= 16 ? raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self) : (n > 8 ? partialWord(p, 8, n) : 0)
        var h = mix(first ^ (0x9E37_79B9_7F4A_7C15 &* UInt64(truncatingIfNeeded: n + 1))) ^ second
        var i = 16
        while i + 8 <= n { h = mix(h) ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self); i += 8 }
        if i < n { h = mix(h) ^ partialWord(p, i, n) }
        h = mix(h)
        let tag = UInt32(truncatingIfNeeded: h >> 40) << 8 | UInt32(min(n, 255))
        return (first, second, h, tag)
    }

    /// Encodes a batch of keys — `bytes[offsets[k] ..< offsets[k + 1]]` for k in `0..<rows.count` —
    /// writing key k's code to `codes[rows[k]]`.
    ///
    /// Hashes every key first and touches each key's home slot with independent loads, so the
    /// cache misses of the batch overlap instead of being paid one after another; then inserts in
    /// order (codes stay in order of first appearance).
    /// - Complexity: O(total key bytes) expected.
    mutating func encode(batch bytes: UnsafePointer<UInt8>, offsets: [Int], rows: [Int], into codes: UnsafeMutablePointer<Int32>) {
        let n = rows.count
        guard n > 0 else { return }
        if count == 0 { suffixIndex.learnShape(bytes + offsets[0], offsets[1] - offsets[0]) }
        batchKeys.removeAll(keepingCapacity: true)
        batchNumbers.removeAll(keepingCapacity: true)
        var sink: Int32 = 0
        let direct = suffixIndex.isActive
        for k in 0..<n {
            let p = bytes + offsets[k], length = offsets[k + 1] - offsets[k]
            let number = direct ? suffixIndex.number(p, length) : -1
            batchNumbers.append(number)
            if number >= 0 {
                batchKeys.append((0, 0, 0, 0))
            } else {
                let key = Self.wordsAndHash(p, length)
                batchKeys.append(key)
                sink &+= slots[Int(truncatingIfNeeded: key.2) & mask].code
            }
        }
        touchSink &+= sink
        for k in 0..<n {
            let p = bytes + offsets[k], length = offsets[k + 1] - offsets[k]
            let number = batchNumbers[k]
            if number >= 0, suffixIndex.isActive {
                codes[rows[k]] = code(p, length, number: number)
            } else if number >= 0 {
                // The index retired earlier in this batch: this key's hash was not computed.
                codes[rows[k]] = code(p, length, Self.wordsAndHash(p, length))
            } else {
                codes[rows[k]] = code(p, length, batchKeys[k])
            }
        }
    }

    private var batchKeys: [(UInt64, UInt64, UInt64, UInt32)] = []
    private var batchNumbers: [Int] = []
    /// Keeps the batch's touching loads observable so they are not optimized away.
    private var touchSink: Int32 = 0

    /// The code of the key `p[0..<n]`, inserting it if new.
    /// - Complexity: O(n) expected.
    @inline(__always)
    mutating func code(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        if count == 0 { suffixIndex.learnShape(p, n) }
        if suffixIndex.isActive {
            let number = suffixIndex.number(p, n)
            if number >= 0 { return code(p, n, number: number) }
        }
        return code(p, n, Self.wordsAndHash(p, n))
    }

    /// The code of the key `p[0..<n]` whose number in the active suffix index is `number`,
    /// inserting it if new (retiring the index when its budget is spent).
    @inline(__always)
    private mutating func code(_ p: UnsafePointer<UInt8>, _ n: Int, number: Int) -> Int32 {
        let existing = suffixIndex.code(of: number)
        if existing >= 0 { return existing }
        let code = Int32(truncatingIfNeeded: count)
        if suffixIndex.store(code, for: number, keys: count) {
            arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
            offsets.append(arena.count)
            return code
        }
        retireSuffixIndex()
        return self.code(p, n, Self.wordsAndHash(p, n))
    }

    /// Moves every key into the hash table and stops using the suffix index.
    private mutating func retireSuffixIndex() {
        suffixIndex.retire()
        var capacity = 64
        while capacity < 2 * (count + 1) { capacity *= 2 }
        rebuildSlots(capacity: capacity)
    }

    @inline(__always)
    private mutating func code(_ p: UnsafePointer<UInt8>, _ n: Int, _ key: (UInt64, UInt64, UInt64, UInt32)) -> Int32 {
        let (word0, word1, h, tag) = key
        let mask = self.mask
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot.code < 0 { break }
            if slot.tag == tag, slot.word0 == word0, slot.word1 == word1 {
                if n <= 16 { return slot.code }
                let start = offsets[Int(slot.code)]
                let same = offsets[Int(slot.code) + 1] - start == n && arena.withUnsafeBufferPointer { a -> Bool in
                    guard let base = a.baseAddress else { return false }
                    return memcmp(base + start, p, n) == 0
                }
                if same { return slot.code }
            }
            i = (i + 1) & mask
        }
        let code = Int32(truncatingIfNeeded: count)
        slots[i] = Slot(tag: tag, code: code, word0: word0, word1: word1)
        arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        offsets.append(arena.count)
        hashedCount += 1
        if hashedCount * 2 > slots.count { rebuildSlots(capacity: slots.count * 2) }
        return code
    }

    /// Re-inserts every hashed key (keys of the active suffix index stay there) into a table of
    /// `capacity` slots (a power of two).
    private mutating func rebuildSlots(capacity: Int) {
        var fresh = [Slot](repeating: Slot(), count: capacity)
        let newMask = capacity - 1
        var hashed = 0
        let index = suffixIndex
        arena.withUnsafeBufferPointer { a in
            fresh.withUnsafeMutableBufferPointer { f in
                for k in 0..<count {
                    let start = offsets[k], n = offsets[k + 1] - start
                    if index.isActive, let base = a.baseAddress, index.number(base + start, n) >= 0 { continue }
                    hashed += 1
                    let (word0, word1, h, tag) = a.baseAddress.map { Self.wordsAndHash($0 + start, n) } ?? Self.emptyKey
                    var i = Int(truncatingIfNeeded: h) & newMask
                    while f[i].code >= 0 { i = (i + 1) & newMask }
                    f[i] = Slot(tag: tag, code: Int32(truncatingIfNeeded: k), word0: word0, word1: word1)
                }
            }
        }
        slots = fresh
        mask = newMask
        hashedCount = hashed
    }

    /// The words, hash and tag of the empty key (used when the arena is still empty).
    private static var emptyKey: (UInt64, UInt64, UInt64, UInt32) {
        var zero: UInt8 = 0
        return withUnsafePointer(to: &zero) { wordsAndHash($0, 0) }
    }

    /// Encodes every key of `other` (in its code order) into this dictionary.
    /// - Returns: `remap[c]`, this dictionary's code for `other`'s key `c`.
    /// - Complexity: O(other's key bytes) expected.
    mutating func encodeLevels(of other: ByteDictionary) -> [Int32] {
        var remap = [Int32](repeating: -1, count: other.count)
        let batch = 256
        var rows = Array(0..<batch)
        var offsets: [Int] = []
        other.arena.withUnsafeBufferPointer { arena in
            remap.withUnsafeMutableBufferPointer { r in
                guard let target = r.baseAddress else { return }
                var zero: UInt8 = 0
                withUnsafePointer(to: &zero) { empty in
                    let base = arena.baseAddress ?? empty
                    var k = 0
                    while k < r.count {
                        let m = min(batch, r.count - k)
                        offsets.removeAll(keepingCapacity: true)
                        offsets.append(contentsOf: other.offsets[k...(k + m)])
                        if m < batch { rows.removeLast(batch - m) }
                        encode(batch: base, offsets: offsets, rows: rows, into: target + k)
                        k += m
                    }
                }
            }
        }
        return remap
    }

    /// Calls `body` with the bytes of key `index`.
    func withKey<R>(_ index: Int, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        let start = offsets[index], length = offsets[index + 1] - start
        return arena.withUnsafeBufferPointer { a in
            // An empty arena has no base address; use a dummy byte for the empty key.
            guard let base = a.baseAddress else {
                var zero: UInt8 = 0
                return withUnsafePointer(to: &zero) { body($0, 0) }
            }
            return body(base + start, length)
        }
    }

    /// Every key as a `String` (keys are validated UTF-8 before insertion).
    /// - Complexity: O(total key bytes).
    func strings() -> [String] {
        arena.withUnsafeBufferPointer { a in
            (0..<count).map { k in
                guard let base = a.baseAddress else { return "" }
                return String(decoding: UnsafeBufferPointer(start: base + offsets[k], count: offsets[k + 1] - offsets[k]),
                              as: UTF8.self)
            }
        }
    }
}
