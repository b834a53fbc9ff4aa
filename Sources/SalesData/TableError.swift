/// Errors of `Table` construction and typed column access.
public enum TableError: Error, CustomStringConvertible, Sendable, Equatable {
    /// No column called `name`; `available` lists the columns the table has.
    case missingColumn(name: String, available: [String])
    /// Column `column` holds `actual` values, but `expected` was asked for.
    case wrongType(column: String, expected: ColumnType, actual: ColumnType)
    /// Column `column` has `count` rows (or mask entries) where `expected` were required.
    case lengthMismatch(column: String, count: Int, expected: Int)
    /// Two columns are both called `name`.
    case duplicateColumn(name: String)
    /// A category code in column `column` at `row` is outside `0..<levelCount` (or `-1` for missing).
    case invalidCategoryCode(column: String, row: Int, code: Int32, levelCount: Int)

    /// A one-line message naming the column and what was wrong.
    public var description: String {
        switch self {
        case let .missingColumn(name, available):
            return "no column \"\(name)\"; the table has: " + available.map { "\"\($0)\"" }.joined(separator: ", ")
        case let .wrongType(column, expected, actual):
            return "column \"\(column)\" holds \(actual) values, not \(expected)"
        case let .lengthMismatch(column, count, expected):
            return "column \"\(column)\" has \(count) entries, expected \(expected)"
        case let .duplicateColumn(name):
            return "two columns are named \"\(name)\""
        case let .invalidCategoryCode(column, row, code, levelCount):
            return "column \"\(column)\" row \(row): category code \(code) outside 0..<\(levelCount)"
        }
    }
}
