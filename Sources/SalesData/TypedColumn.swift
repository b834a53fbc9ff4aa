/// A column's values of one Swift type plus its missing-value mask, as returned by the typed
/// accessors of `Table` (`integers(_:)`, `doubles(_:)`, `dates(_:)`, …).
public struct TypedColumn<Value: Sendable>: Sendable {
    /// The column's name.
    public let name: String
    /// One value per row (a filler where the row is missing: check `valid`).
    public let values: [Value]
    /// `valid[i]` is false where row `i` is missing.
    public let valid: [Bool]

    /// A typed column from parallel arrays (same length).
    /// - Parameters:
    ///   - name: The name.
    ///   - values: The values.
    ///   - valid: The presence mask.
    public init(name: String, values: [Value], valid: [Bool]) {
        precondition(values.count == valid.count, "values and valid must have the same length")
        self.name = name
        self.values = values
        self.valid = valid
    }

    /// The number of rows.
    public var count: Int { values.count }

    /// The value of `row`, or `nil` where it is missing.
    public subscript(row: Int) -> Value? { valid[row] ? values[row] : nil }
}

/// A dictionary-encoded string column: `levels[codes[i]]` is row `i`'s value (`codes[i] == -1`
/// and `valid[i] == false` where it is missing).
public struct CategoryColumn: Sendable {
    /// The column's name.
    public let name: String
    /// The distinct values, in order of first appearance in the file.
    public let levels: [String]
    /// One code per row, indexing `levels`; `-1` for a missing row.
    public let codes: [Int32]
    /// `valid[i]` is false where row `i` is missing.
    public let valid: [Bool]

    /// The number of rows.
    public var count: Int { codes.count }

    /// The string of `row`, or `nil` where it is missing.
    public subscript(row: Int) -> String? {
        let code = codes[row]
        return code >= 0 ? levels[Int(code)] : nil
    }

    /// The code of `level`, or `nil` if no row has that value.
    /// - Complexity: O(levels).
    public func code(of level: String) -> Int32? {
        levels.firstIndex(of: level).map { Int32(truncatingIfNeeded: $0) }
    }
}
