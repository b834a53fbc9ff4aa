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
    public let values: [Values]
    /// Bytes of result data received (row payloads as sent by the engine).
    public let bytesReceived: Int

    /// Empty rows for `columns`.
    /// - Parameter columns: The result columns.
    public init(columns: [WarehouseColumn]) {
        self.columns = columns
        bytesReceived = 0
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

    /// Rows from per-kind column storage (`WarehouseRowsBuilder.finish`).
    init(columns: [WarehouseColumn], values: [Values], bytesReceived: Int) {
        self.columns = columns
        self.values = values
        self.bytesReceived = bytesReceived
    }
}

/// Accumulates decoded cells column by column into typed arrays (no per-cell enum traffic).
struct WarehouseRowsBuilder {
    let columns: [WarehouseColumn]
    /// For each column, its index into the array of its kind.
    private let slot: [Int]
    private var integers: [[Int64]]
    private var doubles: [[Double]]
    private var texts: [[String]]
    var bytesReceived = 0

    init(columns: [WarehouseColumn]) {
        self.columns = columns
        var slot: [Int] = [], counts = [0, 0, 0]
        for column in columns {
            let kind = column.kind == .integer ? 0 : column.kind == .double ? 1 : 2
            slot.append(counts[kind])
            counts[kind] += 1
        }
        self.slot = slot
        integers = Array(repeating: [], count: counts[0])
        doubles = Array(repeating: [], count: counts[1])
        texts = Array(repeating: [], count: counts[2])
    }

    mutating func append(integer value: Int64, at index: Int) { integers[slot[index]].append(value) }
    mutating func append(double value: Double, at index: Int) { doubles[slot[index]].append(value) }
    mutating func append(text value: String, at index: Int) { texts[slot[index]].append(value) }

    func finish() -> WarehouseRows {
        let values: [WarehouseRows.Values] = columns.indices.map { i in
            switch columns[i].kind {
            case .integer: return .integer(integers[slot[i]])
            case .double: return .double(doubles[slot[i]])
            case .text: return .text(texts[slot[i]])
            }
        }
        return WarehouseRows(columns: columns, values: values, bytesReceived: bytesReceived)
    }
}
