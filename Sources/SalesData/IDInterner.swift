/// Dense `Int32` codes for strings in order of first appearance: the one interning structure
/// for ids and labels built outside the reader (whose columns use `ByteDictionary` over bytes).
///
/// Used where code spaces meet: merging the dictionaries of streamed chunks into one, renaming
/// levels, building order logs from rows. Codes are `0..<count`, stable once given.
public struct IDInterner: Sendable, Equatable {
    /// The strings by code.
    public private(set) var levels: [String]
    private var codeOf: [String: Int32]

    /// An empty interner.
    /// - Parameter capacity: Distinct strings to reserve room for.
    public init(capacity: Int = 0) {
        levels = []
        codeOf = [:]
        levels.reserveCapacity(capacity)
        codeOf.reserveCapacity(capacity)
    }

    /// An interner holding `levels` as codes `0..<levels.count` (a later duplicate keeps the first code).
    /// - Parameter levels: Strings in code order.
    public init(levels: [String]) {
        self.init(capacity: levels.count)
        for level in levels { _ = intern(level) }
    }

    /// The number of distinct strings.
    public var count: Int { levels.count }

    /// The code of `text`, adding it when new.
    /// - Parameter text: The string.
    /// - Returns: Its code.
    /// - Complexity: O(1) expected (one hash of `text`).
    @discardableResult
    public mutating func intern(_ text: String) -> Int32 {
        if let code = codeOf[text] { return code }
        let code = Int32(truncatingIfNeeded: levels.count)  // < count ≤ rows of an Int32-coded column
        codeOf[text] = code
        levels.append(text)
        return code
    }

    /// The codes of `texts` (a chunk's dictionary), adding the new ones: the map from a local code
    /// space into this one.
    /// - Parameter texts: Strings by local code.
    /// - Returns: This interner's code for each.
    /// - Complexity: O(texts) expected.
    public mutating func intern(_ texts: [String]) -> [Int32] {
        texts.map { intern($0) }
    }

    /// The code of `text`, or `nil` when it was never interned.
    /// - Parameter text: The string.
    /// - Returns: Its code.
    public func code(of text: String) -> Int32? { codeOf[text] }
}

/// How id columns (customer, order ids) are read: normalized (default) or kept as written.
public enum IDPolicy: String, Sendable, Equatable, CaseIterable, Codable {
    /// Surrounding whitespace is trimmed, and a column whose ids are all integers, some written as
    /// floats (`17850.0`, the usual pandas export of an integer column with gaps), is read as the
    /// integers — so `" 17850"`, `"17850.0"` and `"17850"` are one customer.
    case normalize
    /// Ids are kept byte for byte as written.
    case verbatim
}

/// What normalizing an id column did (see `IDPolicy.normalize`).
public struct IDNormalization: Sendable, Equatable, Codable {
    /// The column.
    public var column: String
    /// Distinct ids whose surrounding whitespace was trimmed.
    public var trimmed: Int
    /// Distinct ids written as floats (`17850.0`) read as integers.
    public var floatIntegers: Int
    /// Distinct ids before and after (ids that became equal were merged).
    public var distinctBefore: Int, distinctAfter: Int

    /// A report (for readers that normalize a column in parts and add up their reports).
    /// - Parameters:
    ///   - column: The column.
    ///   - trimmed: Distinct ids trimmed.
    ///   - floatIntegers: Distinct float-formatted integers read as integers.
    ///   - distinctBefore: Distinct ids as written.
    ///   - distinctAfter: Distinct ids after normalization.
    public init(column: String, trimmed: Int, floatIntegers: Int, distinctBefore: Int, distinctAfter: Int) {
        self.column = column
        self.trimmed = trimmed
        self.floatIntegers = floatIntegers
        self.distinctBefore = distinctBefore
        self.distinctAfter = distinctAfter
    }

    /// Whether anything changed.
    public var changed: Bool { trimmed > 0 || floatIntegers > 0 }

    /// One sentence for notices.
    public var description: String {
        var parts: [String] = []
        if trimmed > 0 { parts.append("\(trimmed) with surrounding whitespace trimmed") }
        if floatIntegers > 0 { parts.append("\(floatIntegers) float-formatted integers (17850.0) read as integers") }
        return "\(column): " + parts.joined(separator: ", ")
            + " — \(distinctBefore) distinct ids became \(distinctAfter) (--ids verbatim keeps them as written)"
    }

    /// Normalizes the distinct ids of a dictionary-coded column.
    ///
    /// - Parameters:
    ///   - levels: The distinct ids (a category column's levels).
    ///   - column: The column name, for the report.
    /// - Returns: The new distinct ids (in order of first appearance), the new code of each old
    ///   code, and the report. With nothing to change, `levels` and the identity map.
    /// - Complexity: O(total bytes of the levels) expected.
    public static func normalize(levels: [String], column: String) -> (levels: [String], codeMap: [Int32], report: IDNormalization) {
        var trimmed = 0
        var texts = levels
        for i in texts.indices where hasSurroundingWhitespace(texts[i]) {
            texts[i] = trimmingWhitespace(texts[i])
            trimmed += 1
        }
        // A column of integers some of which are written as floats: strip the ".0…" (all or nothing,
        // so an id column that merely contains a decimal code is never rewritten).
        var floats = 0, allIntegers = true
        for t in texts where !t.isEmpty {
            switch integerForm(t) {
            case .integer: continue
            case .float: floats += 1
            case .other: allIntegers = false
            }
            if !allIntegers { break }
        }
        if allIntegers, floats > 0 {
            texts = texts.map { t in
                guard case .float = integerForm(t), let dot = t.utf8.firstIndex(of: UInt8(ascii: ".")) else { return t }
                return String(t[..<dot])
            }
        } else {
            floats = 0
        }
        guard trimmed > 0 || floats > 0 else {
            let report = IDNormalization(column: column, trimmed: 0, floatIntegers: 0,
                                         distinctBefore: levels.count, distinctAfter: levels.count)
            return (levels, levels.indices.map { Int32(truncatingIfNeeded: $0) }, report)
        }
        var interner = IDInterner(capacity: texts.count)
        let codeMap = texts.map { interner.intern($0) }
        let report = IDNormalization(column: column, trimmed: trimmed, floatIntegers: floats,
                                     distinctBefore: levels.count, distinctAfter: interner.count)
        return (interner.levels, codeMap, report)
    }

    /// Whether some id of `levels` (after trimming) is neither an integer nor a float-formatted
    /// integer — the case in which `normalize(levels:column:)` leaves float-formatted ids as
    /// written. A reader that normalizes a column block by block uses it to hold the blocks to the
    /// one rule of the whole column.
    /// - Parameter levels: Distinct ids.
    /// - Returns: `true` when an id such as `A-7` or `12.5` is present.
    /// - Complexity: O(total bytes of the levels).
    public static func hasNonIntegerID(_ levels: [String]) -> Bool {
        levels.contains { level in
            let t = hasSurroundingWhitespace(level) ? trimmingWhitespace(level) : level
            if t.isEmpty { return false }
            if case .other = integerForm(t) { return true }
            return false
        }
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// Whether the first or last byte is whitespace (O(1)).
    private static func hasSurroundingWhitespace(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return false }
        return isSpace(first) || isSpace(last)
    }

    enum Form { case integer, float, other }

    /// `-?[0-9]+` is an integer, `-?[0-9]+\.0+` a float-formatted integer.
    private static func integerForm(_ text: String) -> Form { integerForm(bytes: text.utf8) }

    /// `integerForm` of UTF-8 bytes (the reader's fingerprints use the same rule on the field's bytes).
    static func integerForm<Bytes: Collection>(bytes: Bytes) -> Form where Bytes.Element == UInt8 {
        var digits = 0, afterDot = -1
        for (i, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where i == 0: continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if afterDot >= 0 {
                    guard byte == UInt8(ascii: "0") else { return .other }
                    afterDot += 1
                } else {
                    digits += 1
                }
            case UInt8(ascii: ".") where afterDot < 0 && digits > 0: afterDot = 0
            default: return .other
            }
        }
        guard digits > 0 else { return .other }
        if afterDot < 0 { return .integer }
        return afterDot > 0 ? .float : .other
    }

    private static func trimmingWhitespace(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var start = 0, end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        if start == 0 && end == bytes.count { return text }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
