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
