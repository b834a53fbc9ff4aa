/// A direct-addressed index for the id shape CRM exports use most — a fixed prefix followed by a
/// decimal number (`C1042`, `ORD-000123`, `4711`) — so `ByteDictionary` can encode such keys
/// without hashing.
///
/// The first key a dictionary sees fixes the *shape*: its prefix (the bytes before the trailing
/// digits, at most 16) and its digit form — variable width without leading zeros (`C7`, `C1042`)
/// or, when that key's digits start with `0`, exactly its number of digits (`ORD-000123`). A key
/// *belongs* to the index when it has that prefix and digit form and at most nine digits; the map
/// from such keys to their numbers is then one-to-one, and membership is a pure function of the
/// key, so every occurrence of a key takes the same path. Keys that do not belong go to the hash
/// table.
///
/// Codes are kept in pages of 4,096 `Int32`s allocated on first use, found through a page table
/// indexed by `number >> 12`. The pages are budgeted: they may hold at most
/// max(16 × keys, 2 × expected rows, 2¹⁶) entries; a key that would need more (sparse numbers
/// such as random 9-digit ids) makes the caller retire the index and move its keys to the hash
/// table, so memory stays within a small multiple of the code column itself.
struct NumericSuffixIndex {
    static let pageBits = 12
    static let pageSize = 1 << pageBits
    /// Numbers below 10⁹: the page table has at most 244,141 entries.
    static let maxDigits = 9

    /// Whether keys are still routed here (false before the first key and after retirement).
    private(set) var isActive = false
    /// Whether the shape has been fixed (by the first key seen).
    private var hasShape = false
    private var prefixLength = 0
    private var prefixWord0: UInt64 = 0
    private var prefixWord1: UInt64 = 0
    /// 0: any width without leading zeros; otherwise exactly this many digits.
    private var fixedWidth = 0
    /// Page number of each `number >> pageBits`, or -1.
    private var pageTable: [Int32] = []
    /// The pages back to back; -1 marks an absent key.
    private var pages: [Int32] = []
    /// Entries the pages may hold regardless of the key count.
    private let baseBudget: Int

    /// - Parameter expectedRows: The rows the dictionary will probably see (sizes the budget).
    init(expectedRows: Int) {
        baseBudget = max(1 << 16, min(expectedRows, 1 << 30) * 2)
    }

    /// Entries currently allocated in pages.
    var allocatedEntries: Int { pages.count }

    /// Fixes the shape from the dictionary's first key; the index stays inactive when that key
    /// has no usable numeric suffix.
    mutating func learnShape(_ p: UnsafePointer<UInt8>, _ n: Int) {
        guard !hasShape else { return }
        hasShape = true
        var digits = 0
        while digits < n, Self.isDigit(p[n - 1 - digits]) { digits += 1 }
        let prefix = n - digits
        guard digits >= 1, digits <= Self.maxDigits, prefix <= 16 else { return }
        prefixLength = prefix
        (prefixWord0, prefixWord1) = Self.prefixWords(p, prefix)
        fixedWidth = (digits > 1 && p[prefix] == 48) ? digits : 0
        isActive = true
    }

    /// The number of key `p[0..<n]` when the key belongs to the index, otherwise -1.
    @inline(__always)
    func number(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        let digits = n - prefixLength
        guard digits >= 1, digits <= Self.maxDigits else { return -1 }
        if fixedWidth != 0 {
            guard digits == fixedWidth else { return -1 }
        } else if digits > 1, p[prefixLength] == 48 {
            return -1
        }
        var value = 0
        var i = prefixLength
        while i < n {
            let d = Int(p[i]) &- 48
            guard d >= 0, d <= 9 else { return -1 }
            value = value &* 10 &+ d
            i += 1
        }
        if prefixLength > 0 {
            let (w0, w1) = Self.prefixWords(p, prefixLength)
            guard w0 == prefixWord0, w1 == prefixWord1 else { return -1 }
        }
        return value
    }

    /// The code stored for `number`, or -1.
    @inline(__always)
    func code(of number: Int) -> Int32 {
        let page = number >> Self.pageBits
        guard page < pageTable.count else { return -1 }
        let slot = pageTable[page]
        guard slot >= 0 else { return -1 }
        return pages[Int(slot) << Self.pageBits | number & (Self.pageSize - 1)]
    }

    /// Stores `code` for `number`, allocating its page when needed.
    /// - Parameter keys: The dictionary's key count (for the budget).
    /// - Returns: false (nothing stored) when a new page would exceed the budget.
    @inline(__always)
    mutating func store(_ code: Int32, for number: Int, keys: Int) -> Bool {
        let page = number >> Self.pageBits
        if page >= pageTable.count {
            guard pages.count + Self.pageSize <= max(baseBudget, 16 * keys) else { return false }
            let size = max(page + 1, min(pageTable.count * 2, (999_999_999 >> Self.pageBits) + 1))
            pageTable.append(contentsOf: repeatElement(-1, count: size - pageTable.count))
        }
        var slot = pageTable[page]
        if slot < 0 {
            guard pages.count + Self.pageSize <= max(baseBudget, 16 * keys) else { return false }
            slot = Int32(truncatingIfNeeded: pages.count >> Self.pageBits)
            pageTable[page] = slot
            pages.append(contentsOf: repeatElement(-1, count: Self.pageSize))
        }
        pages[Int(slot) << Self.pageBits | number & (Self.pageSize - 1)] = code
        return true
    }

    /// Stops routing keys here and frees the pages (the caller moves the keys to its hash table).
    mutating func retire() {
        isActive = false
        pageTable = []
        pages = []
    }

    @inline(__always)
    private static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }

    /// The first 16 bytes of a prefix of length `n` ≤ 16, zero-padded, as two words.
    @inline(__always)
    private static func prefixWords(_ p: UnsafePointer<UInt8>, _ n: Int) -> (UInt64, UInt64) {
        var w0: UInt64 = 0, w1: UInt64 = 0
        var i = 0
        while i < n, i < 8 { w0 |= UInt64(p[i]) << (8 * UInt64(i)); i += 1 }
        while i < n { w1 |= UInt64(p[i]) << (8 * UInt64(i - 8)); i += 1 }
        return (w0, w1)
    }
}
