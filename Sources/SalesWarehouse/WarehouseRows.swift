/// The rows a warehouse query returned, column by column, decoded as the query's
/// `WarehouseColumn` kinds. No value is null: the plans coalesce, and a null from the engine is
/// a `WarehouseError.wrongResultType`.
public struct WarehouseRows: Sendable {
    /// One decoded column.
    public enum Values: Sendable, Equatable {
        /// 64-bit integers.
        case integer([Int64])
        /// Doubles.
        case double([Double])
        /// Text.
        case text([String])

        var count: Int {
            switch self {
            case let .integer(v): return v.count
            case let .double(v): return v.count
            case let .text(v): return v.count
            }
        }
    }

    /// The result columns, as the query declared them.
    public let columns: [WarehouseColumn]
    /// The values, one entry per column.
    public private(set) var values: [Values]
    /// Bytes of result data received (row payloads as sent by the engine).
    public internal(set) var bytesReceived: Int = 0

    /// Empty rows for `columns`.
    /// - Parameter columns: The result columns.
    public init(columns: [WarehouseColumn]) {
        self.columns = columns
        values = columns.map { column in
            switch column.kind {
            case .integer: return .integer([])
            case .double: return .double([])
            case .text: return .text([])
            }
        }
    }

    /// The number of rows.
    public var count: Int { values.first?.count ?? 0 }

    /// The integers of column `index`.
    /// - Parameter index: A column declared `.integer`.
    /// - Returns: The values.
    public func integers(_ index: Int) -> [Int64] {
        guard case let .integer(v) = values[index] else { preconditionFailure("column \(index) is not an integer column") }
        return v
    }

    /// The doubles of column `index` (an integer column is converted).
    /// - Parameter index: A column declared `.double` or `.integer`.
    /// - Returns: The values.
    public func doubles(_ index: Int) -> [Double] {
        switch values[index] {
        case let .double(v): return v
        case let .integer(v): return v.map { Double($0) }
        case .text: preconditionFailure("column \(index) is not numeric")
        }
    }

    /// The texts of column `index`.
    /// - Parameter index: A column declared `.text`.
    /// - Returns: The values.
    public func texts(_ index: Int) -> [String] {
        guard case let .text(v) = values[index] else { preconditionFailure("column \(index) is not a text column") }
        return v
    }

    /// Appends an integer to column `index` (declared `.integer`).
    mutating func append(integer value: Int64, at index: Int) {
        guard case var .integer(v) = values[index] else { preconditionFailure("column kind") }
        values[index] = .integer([])
        v.append(value)
        values[index] = .integer(v)
    }

    /// Appends a double to column `index` (declared `.double`).
    mutating func append(double value: Double, at index: Int) {
        guard case var .double(v) = values[index] else { preconditionFailure("column kind") }
        values[index] = .double([])
        v.append(value)
        values[index] = .double(v)
    }

    /// Appends a text to column `index` (declared `.text`).
    mutating func append(text value: String, at index: Int) {
        guard case var .text(v) = values[index] else { preconditionFailure("column kind") }
        values[index] = .text([])
        v.append(value)
        values[index] = .text(v)
    }
}
