/// The values of one column, in the storage of its `ColumnType`.
///
/// Slots whose row is missing (see `Column.valid`) hold a canonical filler: `0`, `0.0`, `false`,
/// `""`, and category code `-1`.
public enum ColumnValues: Sendable, Equatable {
    /// 64-bit signed integers.
    case integer([Int64])
    /// Doubles.
    case double([Double])
    /// Booleans.
    case boolean([Bool])
    /// Days since 1970-01-01.
    case date([Int32])
    /// Seconds since 1970-01-01T00:00:00Z.
    case timestamp([Int64])
    /// Months since 1970-01.
    case month([Int32])
    /// Dictionary-encoded strings: `codes[i]` indexes `levels` (`-1` where the row is missing).
    case category(levels: [String], codes: [Int32])
    /// One string per row.
    case string([String])

    /// The kind of the values.
    public var type: ColumnType {
        switch self {
        case .integer: return .integer
        case .double: return .double
        case .boolean: return .boolean
        case .date: return .date
        case .timestamp: return .timestamp
        case .month: return .month
        case .category: return .category
        case .string: return .string
        }
    }

    /// The number of rows.
    public var count: Int {
        switch self {
        case let .integer(v): return v.count
        case let .double(v): return v.count
        case let .boolean(v): return v.count
        case let .date(v): return v.count
        case let .timestamp(v): return v.count
        case let .month(v): return v.count
        case let .category(_, codes): return codes.count
        case let .string(v): return v.count
        }
    }

    /// The rows where `mask` is true, in order.
    /// - Complexity: O(n).
    func filtered(_ mask: [Bool]) -> ColumnValues {
        switch self {
        case let .integer(v): return .integer(Self.select(v, mask))
        case let .double(v): return .double(Self.select(v, mask))
        case let .boolean(v): return .boolean(Self.select(v, mask))
        case let .date(v): return .date(Self.select(v, mask))
        case let .timestamp(v): return .timestamp(Self.select(v, mask))
        case let .month(v): return .month(Self.select(v, mask))
        case let .category(levels, codes): return .category(levels: levels, codes: Self.select(codes, mask))
        case let .string(v): return .string(Self.select(v, mask))
        }
    }

    static func select<T>(_ values: [T], _ mask: [Bool]) -> [T] {
        var result: [T] = []
        result.reserveCapacity(values.count)
        values.withUnsafeBufferPointer { v in
            mask.withUnsafeBufferPointer { m in
                for i in 0..<v.count where m[i] { result.append(v[i]) }
            }
        }
        return result
    }
}

/// One named, typed column with a missing-value mask.
///
/// `valid[i]` is false where row `i` is missing (an empty or `NA` field in the CSV).
public struct Column: Sendable, Equatable {
    /// The column's name (a contract name such as `customer_id`).
    public let name: String
    /// The values, in the storage of their type.
    public let values: ColumnValues
    /// `valid[i]` is false where row `i` is missing; same length as `values`.
    public let valid: [Bool]

    /// A column from values and an optional mask.
    /// - Parameters:
    ///   - name: The column's name.
    ///   - values: The values.
    ///   - valid: Per-row presence (`nil`: every row present). Missing category rows must have code `-1`.
    /// - Throws: `TableError.lengthMismatch` when `valid` and `values` differ in length;
    ///   `TableError.invalidCategoryCode` when a category code is outside its levels.
    /// - Complexity: O(n) for category columns (codes are checked), O(1) otherwise.
    public init(name: String, values: ColumnValues, valid: [Bool]? = nil) throws {
        let n = values.count
        if let valid, valid.count != n {
            throw TableError.lengthMismatch(column: name, count: valid.count, expected: n)
        }
        if case let .category(levels, codes) = values {
            let limit = Int32(clamping: levels.count)
            for (row, code) in codes.enumerated() where code < -1 || code >= limit {
                throw TableError.invalidCategoryCode(column: name, row: row, code: code, levelCount: levels.count)
            }
        }
        self.name = name
        self.values = values
        self.valid = valid ?? [Bool](repeating: true, count: n)
    }

    /// Internal unchecked initializer for builders that guarantee the invariants.
    init(uncheckedName name: String, values: ColumnValues, valid: [Bool]) {
        self.name = name
        self.values = values
        self.valid = valid
    }

    /// The kind of the values.
    public var type: ColumnType { values.type }

    /// The number of rows.
    public var count: Int { valid.count }

    /// The number of missing rows.
    /// - Complexity: O(n).
    public var missingCount: Int {
        valid.withUnsafeBufferPointer { v in
            var missing = 0
            for flag in v where !flag { missing += 1 }
            return missing
        }
    }

    /// The same column under another name.
    /// - Parameter newName: The new name.
    /// - Returns: A column with identical values and mask.
    public func renamed(_ newName: String) -> Column {
        Column(uncheckedName: newName, values: values, valid: valid)
    }

    /// The rows where `mask` is true (mask length must equal `count`; `Table.filtered` checks it).
    func filtered(_ mask: [Bool]) -> Column {
        Column(uncheckedName: name, values: values.filtered(mask), valid: ColumnValues.select(valid, mask))
    }
}
