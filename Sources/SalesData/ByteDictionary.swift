#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hash table from byte strings to dense Int32 codes (0, 1, 2, … in order of first insertion),
/// used to dictionary-encode category columns without building a `String` per field.
///
/// Open addressing with linear probing over a power-of-two slot array; keys live back to back in
/// one byte arena. Lookups hash 8 bytes at a time and compare with `memcmp`.
struct ByteDictionary {
    private(set) var arena: [UInt8] = []
    /// `offsets[i] ..< offsets[i + 1]` is key `i` in `arena`.
    private(set) var offsets: [Int] = [0]
    private var hashes: [UInt64] = []
    private var slots: [Int32] = [Int32](repeating: -1, count: 64)
    private var mask = 63

    /// The number of distinct keys.
    var count: Int { hashes.count }

    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < n {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < n { w |= UInt64(p[i]) << shift; shift += 8; i += 1 }
            h = (h ^ w) &* 0x94D0_49BB_1331_11EB
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }

    /// The code of the key `p[0..<n]`, inserting it if new.
    /// - Complexity: O(n) expected.
    @inline(__always)
    mutating func code(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        let h = Self.hash(p, n)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let existing = slots[slot]
            if existing < 0 { break }
            let k = Int(existing)
            if hashes[k] == h {
                let start = offsets[k], length = offsets[k + 1] - start
                if length == n {
                    let same = n == 0 || arena.withUnsafeBufferPointer { a in
                        guard let base = a.baseAddress else { return false }
                        return memcmp(base + start, p, n) == 0
                    }
                    if same { return existing }
                }
            }
            slot = (slot + 1) & mask
        }
        let code = Int32(truncatingIfNeeded: hashes.count)
        slots[slot] = code
        hashes.append(h)
        arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        offsets.append(arena.count)
        if hashes.count * 2 > slots.count { grow() }
        return code
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        for (k, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(truncatingIfNeeded: k)
        }
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
        (0..<count).map { k in
            String(decoding: arena[offsets[k]..<offsets[k + 1]], as: UTF8.self)
        }
    }
}
