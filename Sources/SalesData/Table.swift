/// A columnar table: named, typed columns of equal length, each with a missing-value mask.
///
/// A `Table` is a value (copy-on-write arrays inside), `Sendable`, and immutable through its
/// public API: derive new tables with `filtered(_:)`, `adding(_:)`, `selecting(_:)`.
/// Look columns up by name with the typed accessors (`integers(_:)`, `dates(_:)`,
/// `categories(_:)`, …), which throw `TableError` naming the columns that do exist.
public struct Table: Sendable, Equatable {
    /// The columns, in order.
    public let columns: [Column]
    /// The number of rows (every column has this many).
    public let rowCount: Int
    private let indexByName: [String: Int]

    /// A table from columns of equal length and distinct names.
    /// - Parameters:
    ///   - columns: The columns, in order.
    ///   - rowCount: The row count for a table without columns (ignored otherwise).
    /// - Throws: `TableError.lengthMismatch` when lengths differ, `.duplicateColumn` on a repeated name.
    /// - Complexity: O(number of columns).
    public init(columns: [Column], rowCount: Int = 0) throws {
        let n = columns.first?.count ?? rowCount
        var index: [String: Int] = [:]
        for (i, column) in columns.enumerated() {
            guard column.count == n else {
                throw TableError.lengthMismatch(column: column.name, count: column.count, expected: n)
            }
            guard index.updateValue(i, forKey: column.name) == nil else {
                throw TableError.duplicateColumn(name: column.name)
            }
        }
        self.columns = columns
        self.rowCount = n
        self.indexByName = index
    }

    /// The column names, in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// Whether a column called `name` exists.
    public func hasColumn(_ name: String) -> Bool { indexByName[name] != nil }

    /// The column called `name`.
    /// - Parameter name: The column's name.
    /// - Returns: The column.
    /// - Throws: `TableError.missingColumn` listing the columns that exist.
    public func column(_ name: String) throws -> Column {
        guard let i = indexByName[name] else {
            throw TableError.missingColumn(name: name, available: columnNames)
        }
        return columns[i]
    }

    /// The rows where `mask` is true, in their original order; every column kind is filtered and
    /// category levels are kept as they are (codes still index the same levels).
    /// - Parameter mask: One flag per row.
    /// - Returns: The filtered table.
    /// - Throws: `TableError.lengthMismatch` when `mask.count != rowCount`.
    /// - Complexity: O(rows × columns).
    public func filtered(_ mask: [Bool]) throws -> Table {
        guard mask.count == rowCount else {
            throw TableError.lengthMismatch(column: "<mask>", count: mask.count, expected: rowCount)
        }
        let kept = mask.reduce(0) { $0 + ($1 ? 1 : 0) }
        return try Table(columns: columns.map { $0.filtered(mask) }, rowCount: kept)
    }

    /// This table with `column` appended.
    /// - Parameter column: A column with `rowCount` rows and a new name.
    /// - Returns: The wider table.
    /// - Throws: `TableError.lengthMismatch` or `.duplicateColumn`.
    public func adding(_ column: Column) throws -> Table {
        try Table(columns: columns + [column], rowCount: rowCount)
    }

    /// The named columns, in the order given.
    /// - Parameter names: Column names.
    /// - Returns: A table with just those columns.
    /// - Throws: `TableError.missingColumn` for a name that does not exist.
    public func selecting(_ names: [String]) throws -> Table {
        var picked: [Column] = []
        for name in names { picked.append(try column(name)) }
        return try Table(columns: picked, rowCount: rowCount)
    }

    /// Two tables are equal when their columns (names, types, values, masks, category levels in
    /// order) and row counts are equal.
    public static func == (lhs: Table, rhs: Table) -> Bool {
        lhs.rowCount == rhs.rowCount && lhs.columns == rhs.columns
    }
}
