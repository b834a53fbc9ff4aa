extension Table {
    /// Column `name` as Int64 integers.
    /// - Throws: `TableError.missingColumn` (listing the columns that exist) or `.wrongType`.
    public func integers(_ name: String) throws -> TypedColumn<Int64> {
        let c = try column(name)
        guard case let .integer(v) = c.values else { throw TableError.wrongType(column: name, expected: .integer, actual: c.type) }
        return TypedColumn(name: name, values: v, valid: c.valid)
    }

    /// Column `name` as doubles.
    /// - Throws: `TableError.missingColumn` or `.wrongType`.
    public func doubles(_ name: String) throws -> TypedColumn<Double> {
        let c = try column(name)
        guard case let .double(v) = c.values else { throw TableError.wrongType(column: name, expected: .double, actual: c.type) }
        return TypedColumn(name: name, values: v, valid: c.valid)
    }

    /// Column `name` as doubles, converting an integer column (exactly for |values| ≤ 2^53).
    /// - Throws: `TableError.missingColumn`, or `.wrongType` when the column is neither double nor integer.
    /// - Complexity: O(n) for an integer column, O(1) for a double column.
    public func numbers(_ name: String) throws -> TypedColumn<Double> {
        let c = try column(name)
        switch c.values {
        case let .double(v): return TypedColumn(name: name, values: v, valid: c.valid)
        case let .integer(v): return TypedColumn(name: name, values: v.map { Double($0) }, valid: c.valid)
        default: throw TableError.wrongType(column: name, expected: .double, actual: c.type)
        }
    }

    /// Column `name` as booleans.
    /// - Throws: `TableError.missingColumn` or `.wrongType`.
    public func booleans(_ name: String) throws -> TypedColumn<Bool> {
        let c = try column(name)
        guard case let .boolean(v) = c.values else { throw TableError.wrongType(column: name, expected: .boolean, actual: c.type) }
        return TypedColumn(name: name, values: v, valid: c.valid)
    }

    /// Column `name` as Int32 days since 1970-01-01 (see `CivilDate`).
    /// - Throws: `TableError.missingColumn` or `.wrongType`.
    public func dates(_ name: String) throws -> TypedColumn<Int32> {
        let c = try column(name)
        guard case let .date(v) = c.values else { throw TableError.wrongType(column: name, expected: .date, actual: c.type) }
        return TypedColumn(name: name, values: v, valid: c.valid)
    }

    /// Column `name` as Int64 seconds since 1970-01-01T00:00:00Z.
    /// - Throws: `TableError.missingColumn` or `.wrongType`.
    public func timestamps(_ name: String) throws -> TypedColumn<Int64> {
        let c = try column(name)
        guard case let .timestamp(v) = c.values else { throw TableError.wrongType(column: name, expected: .timestamp, actual: c.type) }
        return TypedColumn(name: name, values: v, valid: c.valid)
    }

    /// Column `name` as Int32 months since 1970-01 (`year * 12 + month - 1 - 1970 * 12`).
    /// - Throws: `TableError.missingColumn` or `.wrongType`.
    public func months(_ name: String) throws -> TypedColumn<Int32> {
        let c = try column(name)
        guard case let .month(v) = c.values else { throw TableError.wrongType(column: name, expected: .month, actual: c.type) }
        return TypedColumn(name: name, values: v, valid: c.valid)
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
        let c = try column(name)
        switch c.values {
        case let .string(v): return TypedColumn(name: name, values: v, valid: c.valid)
        case let .category(levels, codes):
            return TypedColumn(name: name, values: codes.map { $0 >= 0 ? levels[Int($0)] : "" }, valid: c.valid)
        default: throw TableError.wrongType(column: name, expected: .string, actual: c.type)
        }
    }
}
