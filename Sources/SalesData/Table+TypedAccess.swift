extension Table {
    /// Column `name` as Int64 integers.
    /// - Throws: `TableError.missingColumn` (listing the columns that exist) or `.wrongType`.
    public func integers(_ name: String) throws -> TypedColumn<Int64> {
        try typedColumn(name, expected: .integer) { if case let .integer(v) = $0 { v } else { nil } }
    }

    /// Column `name` as doubles.
    /// - Throws: `TableError.missingColumn` or `.wrongType`.
    public func doubles(_ name: String) throws -> TypedColumn<Double> {
        try typedColumn(name, expected: .double) { if case let .double(v) = $0 { v } else { nil } }
    }

    /// Column `name` as doubles, converting an integer column (exactly for |values| ≤ 2^53).
    /// - Throws: `TableError.missingColumn`, or `.wrongType` when the column is neither double nor integer.
    /// - Complexity: O(n) for an integer column, O(1) for a double column.
    public func numbers(_ name: String) throws -> TypedColumn<Double> {
        try typedColumn(name, expected: .double) {
            switch $0 {
            case let .double(v): v
            case let .integer(v): v.map { Double($0) }
            default: nil
            }
        }
    }

    /// Column `name` as booleans.
    /// - Throws: `TableError.missingColumn` or `.wrongType`.
    public func booleans(_ name: String) throws -> TypedColumn<Bool> {
        try typedColumn(name, expected: .boolean) { if case let .boolean(v) = $0 { v } else { nil } }
    }

    /// Column `name` as Int32 days since 1970-01-01 (see `CivilDate`).
    /// - Throws: `TableError.missingColumn` or `.wrongType`.
    public func dates(_ name: String) throws -> TypedColumn<Int32> {
        try typedColumn(name, expected: .date) { if case let .date(v) = $0 { v } else { nil } }
    }

    /// Column `name` as Int64 seconds since 1970-01-01T00:00:00Z.
    /// - Throws: `TableError.missingColumn` or `.wrongType`.
    public func timestamps(_ name: String) throws -> TypedColumn<Int64> {
        try typedColumn(name, expected: .timestamp) { if case let .timestamp(v) = $0 { v } else { nil } }
    }

    /// Column `name` as Int32 months since 1970-01 (`year * 12 + month - 1 - 1970 * 12`).
    /// - Throws: `TableError.missingColumn` or `.wrongType`.
    public func months(_ name: String) throws -> TypedColumn<Int32> {
        try typedColumn(name, expected: .month) { if case let .month(v) = $0 { v } else { nil } }
    }

    /// Column `name` as a dictionary-encoded category column.
    /// - Throws: `TableError.missingColumn` or `.wrongType`.
    public func categories(_ name: String) throws -> CategoryColumn {
        let c = try column(name)
        guard case let .category(levels, codes) = c.values else {
            throw TableError.wrongType(column: name, expected: .category, actual: c.type)
        }
        return CategoryColumn(name: name, levels: levels, codes: codes, valid: c.valid)
    }

    /// Column `name` as strings; a category column is decoded (missing rows become `""`).
    /// - Throws: `TableError.missingColumn`, or `.wrongType` for a column that is neither string nor category.
    /// - Complexity: O(n) for a category column.
    public func strings(_ name: String) throws -> TypedColumn<String> {
        try typedColumn(name, expected: .string) {
            switch $0 {
            case let .string(v): v
            case let .category(levels, codes): codes.map { $0 >= 0 ? levels[Int($0)] : "" }
            default: nil
            }
        }
    }

    /// Column `name` with the values `extract` takes from its storage (with the column's validity
    /// mask); `TableError.wrongType` naming `expected` when `extract` returns nil.
    private func typedColumn<Value: Sendable>(
        _ name: String, expected: ColumnType, _ extract: (ColumnValues) -> [Value]?
    ) throws -> TypedColumn<Value> {
        let c = try column(name)
        guard let values = extract(c.values) else {
            throw TableError.wrongType(column: name, expected: expected, actual: c.type)
        }
        return TypedColumn(name: name, values: values, valid: c.valid)
    }
}
