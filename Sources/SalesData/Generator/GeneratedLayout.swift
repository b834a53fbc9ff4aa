/// How customer identifiers are spelled in the generated `customers.csv`, `orders.csv` and
/// `surveys.csv` — so that readers and benchmarks can be measured on the id shapes real CRMs use,
/// not only on the generator's own `C1042`.
///
/// Every shape is a bijection of the customer number (1, 2, 3, …): distinct customers always get
/// distinct ids, and the same number gets the same id in every file and on every run.
public enum CustomerIDShape: String, Sendable, CaseIterable {
    /// `C1042`: a fixed prefix and the decimal number (the default, as in `datasets/`).
    case prefixed
    /// `1042`: the decimal number alone (HubSpot, most SQL exports).
    case numeric
    /// `5692161d-100b-4fef-8030-05e5ddc2d772`: a version-4-style UUID, lower-case hex
    /// (the first 64 bits are a bijective mix of the number, the rest derived from it).
    case uuid
    /// `0035gCP5gRZ3YvFATV`: Salesforce's 18-character case-insensitive record id — the
    /// `003` (Contact) key prefix, a 12-character case-sensitive body and the 3-character
    /// case-folding checksum Salesforce appends to its 15-character ids.
    case salesforce
    /// `liam.patel1@mail.example.org`: a lower-case e-mail address (name words picked from the
    /// number, the number keeps it unique).
    case email

    /// Writes customer number `number` (≥ 1) in this shape.
    func write(_ number: Int, to writer: CSVByteWriter) {
        switch self {
        case .prefixed: writer.identifier("C", number)
        case .numeric: writer.integer(number)
        case .uuid, .salesforce, .email: writer.text(spelling(number))
        }
    }

    /// The id of customer number `number` (≥ 1) as text.
    /// - Complexity: O(1); allocates the returned string.
    public func spelling(_ number: Int) -> String {
        let n = UInt64(truncatingIfNeeded: number)
        switch self {
        case .prefixed: return "C\(number)"
        case .numeric: return "\(number)"
        case .uuid: return Self.uuid(n)
        case .salesforce: return Self.salesforce(n)
        case .email: return Self.email(n)
        }
    }

    /// The SplitMix64 finalizer: a bijection of `UInt64` (each step is invertible).
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func uuid(_ n: UInt64) -> String {
        let high = mix(n)                                    // unique per number
        var low = mix(high &+ 0x9E37_79B9_7F4A_7C15)
        // Version 4 and the RFC 4122 variant live in the low half, so `high` is never altered.
        low = (low & 0x0FFF_FFFF_FFFF_FFFF) | 0x4000_0000_0000_0000
        low = (low & 0xFFFF_3FFF_FFFF_FFFF) | 0x0000_8000_0000_0000
        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        func hex(_ value: UInt64, nibbles: Int) {
            for i in stride(from: nibbles - 1, through: 0, by: -1) {
                bytes.append(hexDigits[Int((value >> (UInt64(i) * 4)) & 0xF)])
            }
        }
        // 8-4-4-4-12: high's top 48 bits, the version group and the variant group from low, then
        // high's last 16 bits and low's last 32 — every bit of high appears, so ids stay distinct.
        hex(high >> 32, nibbles: 8); bytes.append(UInt8(ascii: "-"))
        hex(high >> 16, nibbles: 4); bytes.append(UInt8(ascii: "-"))
        hex(low >> 48, nibbles: 4); bytes.append(UInt8(ascii: "-"))
        hex(low >> 32, nibbles: 4); bytes.append(UInt8(ascii: "-"))
        hex(high, nibbles: 4)
        hex(low, nibbles: 8)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
    private static let checksumAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".utf8)
    /// 62¹⁰, the size of the ten-character body space.
    private static let bodySpace: UInt64 = 839_299_365_868_340_224
    /// Coprime to 62¹⁰ (odd, not a multiple of 31), so `n · multiplier mod 62¹⁰` is a bijection.
    private static let bodyMultiplier: UInt64 = 0x2545_F491_4F6C_DD1D % bodySpace | 1

    static func salesforce(_ n: UInt64) -> String {
        var bytes = Array("0035g".utf8)
        let product = n.multipliedFullWidth(by: bodyMultiplier)
        var body = bodySpace.dividingFullWidth((product.high, product.low)).remainder
        var digits = [UInt8](repeating: 0, count: 10)
        for i in stride(from: 9, through: 0, by: -1) {
            digits[i] = base62[Int(body % 62)]
            body /= 62
        }
        bytes += digits
        // Salesforce's suffix: for each 5-character chunk, bit i is set when character i is upper case.
        for chunk in 0..<3 {
            var bits = 0
            for i in 0..<5 where (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[chunk * 5 + i]) {
                bits |= 1 << i
            }
            bytes.append(checksumAlphabet[bits])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let givenNames = ["maria", "james", "wei", "fatima", "olivia", "liam", "yuki", "noah", "sofia",
                                     "arjun", "emma", "lucas", "chloe", "mateo", "ava", "ivan"]
    private static let familyNames = ["lopez", "smith", "chen", "khan", "garcia", "muller", "tanaka", "rossi",
                                      "novak", "silva", "kim", "dubois", "jensen", "okafor", "patel", "nguyen"]
    private static let domains = ["example.com", "mail.example.org", "corp.example.net", "example.co.uk"]

    static func email(_ n: UInt64) -> String {
        let h = mix(n)
        let given = givenNames[Int(h & 15)], family = familyNames[Int((h >> 4) & 15)]
        let domain = domains[Int((h >> 8) & 3)]
        return "\(given).\(family)\(n)@\(domain)"
    }
}

/// In which order the generated `orders.csv` lists its rows.
public enum OrderRowOrder: String, Sendable, CaseIterable {
    /// Grouped by customer (in signup order), date-sorted within a customer; a refund follows its
    /// order. Streams in constant memory. The default, as in `datasets/`.
    case customer
    /// By order date, ties in generation order: the layout of most real exports.
    case date
    /// A seeded random permutation of the rows (the worst case for group-by locality).
    case shuffled
}
