/// The ids of the orders a streamed read has ended, for telling an order that comes back (its lines
/// apart in the file) from a new one — in little memory whatever the id shape.
///
/// Ids shaped prefix + number (`540123`, `C540123`, `O17`, `INV-2024-0017` has prefix `INV-2024-`
/// and number 17 only when written without leading zeros), with at most four prefixes, are bits in
/// pages of 32,768 numbers per prefix: 10 M consecutive order numbers take 1.25 MB. Other ids
/// (UUIDs, emails, ids with leading zeros) are 64-bit hashes in `HashSet64`, 8–16 bytes each; so
/// are all ids once the pages would hold more than 16 bytes per id (sparse numbers), when the
/// pages' ids move to the hash set.
///
/// `insert` is exact for ids held as bits; for hashed ids a `false` may be two ids sharing a
/// hash, which the streamed read confirms by a second pass before reporting it.
struct EndedOrderIDs {
    private static let pageBits = 15
    private static let wordsPerPage = (1 << pageBits) / 64
    private var prefixes: [String] = []
    private var pageOf: [[Int: Int]] = []
    private var pages: [UInt64] = []
    private var bitIDs = 0
    private var retired = false
    private var hashes = HashSet64()
    /// The page of the last id (consecutive order numbers fall on the same page).
    private var lastSlot = -1, lastPage = -1, lastStart = 0

    /// Adds `id`; returns `false` when it was already there (or, for a hashed id, when its hash was).
    /// - Parameters:
    ///   - id: The order id (normalized).
    ///   - hash: `HashSet64.hash(id)`, computed only when the id is not held as bits.
    mutating func insert(_ id: String, hash: () -> UInt64) -> Bool {
        if !retired, let (prefix, number) = Self.prefixAndNumber(id) {
            let page = number >> Self.pageBits
            var slot: Int? = lastSlot >= 0 && page == lastPage && prefixes[lastSlot] == prefix ? lastSlot : nil
            if slot == nil { slot = prefixes.firstIndex(of: prefix) }
            if slot == nil, prefixes.count < 4 {
                prefixes.append(prefix)
                pageOf.append([:])
                slot = prefixes.count - 1
            }
            if let slot {
                let start: Int
                if slot == lastSlot, page == lastPage {
                    start = lastStart
                } else if let known = pageOf[slot][page] {
                    start = known
                } else {
                    start = pages.count
                    pages.append(contentsOf: repeatElement(0, count: Self.wordsPerPage))
                    pageOf[slot][page] = start
                }
                (lastSlot, lastPage, lastStart) = (slot, page, start)
                let bit = number & ((1 << Self.pageBits) - 1)
                let word = start + bit >> 6, mask = UInt64(1) << UInt64(bit & 63)
                guard pages[word] & mask == 0 else { return false }
                pages[word] |= mask
                bitIDs += 1
                if pages.count * 8 > 16 * bitIDs + (1 << 20) { retire() }
                return true
            }
        }
        return hashes.insert(hash())
    }

    /// Moves every id held as bits into the hash set (numbers too sparse for pages).
    private mutating func retire() {
        retired = true
        for (slot, prefix) in prefixes.enumerated() {
            for (page, start) in pageOf[slot] {
                for w in 0..<Self.wordsPerPage where pages[start + w] != 0 {
                    var bits = pages[start + w]
                    while bits != 0 {
                        let bit = bits.trailingZeroBitCount
                        bits &= bits - 1
                        let number = page << Self.pageBits + w * 64 + bit
                        _ = hashes.insert(HashSet64.hash(prefix + String(number)))
                    }
                }
            }
        }
        prefixes = []; pageOf = []; pages = []; bitIDs = 0; lastSlot = -1
    }

    /// The prefix and the number of an id ending in 1–18 digits without a leading zero (`0` alone
    /// is a number), so that the id is exactly `prefix + String(number)`; nil otherwise.
    static func prefixAndNumber(_ id: String) -> (String, Int)? {
        var id = id
        return id.withUTF8 { bytes -> (String, Int)? in
            var start = bytes.count
            while start > 0, bytes[start - 1] >= 0x30, bytes[start - 1] <= 0x39 { start -= 1 }
            let digits = bytes.count - start
            guard digits >= 1, digits <= 18, digits == 1 || bytes[start] != 0x30 else { return nil }
            var number = 0
            for i in start..<bytes.count { number = number * 10 + Int(bytes[i] &- 0x30) }
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[..<start]), as: UTF8.self), number)
        }
    }
}

/// A set of 64-bit hashes (open addressing, linear probing, at most three quarters full): 8 to 16
/// bytes per element, for the ids of ended orders (134 MB for 10 M orders).
struct HashSet64 {
    private var slots = [UInt64](repeating: 0, count: 1 << 12)
    private var count = 0

    /// A 64-bit FNV-1a hash of the UTF-8 bytes, never 0 (0 marks an empty slot).
    static func hash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        // Finalizer (splitmix64) so that nearby ids spread over the table.
        h ^= h >> 30; h &*= 0xbf58_476d_1ce4_e5b9; h ^= h >> 27; h &*= 0x94d0_49bb_1331_11eb; h ^= h >> 31
        return h == 0 ? 1 : h
    }

    /// Inserts `hash`; returns `false` when it was already present.
    mutating func insert(_ hash: UInt64) -> Bool {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while slots[i] != 0 {
            if slots[i] == hash { return false }
            i = (i + 1) & mask
        }
        slots[i] = hash
        count += 1
        return true
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        count = 0
        for h in old where h != 0 { _ = insert(h) }
    }
}
