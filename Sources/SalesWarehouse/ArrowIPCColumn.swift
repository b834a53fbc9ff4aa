/// One decoded Arrow column of a record batch: its field, its values and which are null.
public struct ArrowColumn: Sendable, Equatable {
    /// The values, in the storage of the column's type. A null slot holds 0, "" or false.
    public enum Values: Sendable, Equatable {
        /// `int32`.
        case int32([Int32])
        /// `int64`.
        case int64([Int64])
        /// `double`.
        case float64([Double])
        /// `date32`: days since 1970-01-01.
        case date32([Int32])
        /// `timestamp`: units (the field's `ArrowTimeUnit`) since the epoch, UTC.
        case timestamp([Int64])
        /// `string` / `large_string`.
        case text([String])
        /// `decimal128`: the unscaled values (value = unscaled / 10^scale).
        case decimal128([Int128])
        /// `bool`.
        case bool([Bool])

        /// The number of values.
        public var count: Int {
            switch self {
            case let .int32(v): return v.count
            case let .int64(v): return v.count
            case let .float64(v): return v.count
            case let .date32(v): return v.count
            case let .timestamp(v): return v.count
            case let .text(v): return v.count
            case let .decimal128(v): return v.count
            case let .bool(v): return v.count
            }
        }
    }

    /// The column's schema field.
    public let field: ArrowField
    /// The values.
    public let values: Values
    /// `valid[i] == false` where row `i` is null; nil when the column has no nulls.
    public let validity: [Bool]?

    /// The number of nulls.
    public var nullCount: Int { validity.map { $0.reduce(0) { $0 + ($1 ? 0 : 1) } } ?? 0 }

    /// Whether row `i` is null.
    /// - Parameter i: A row index below `values.count`.
    /// - Returns: True for a null.
    public func isNull(_ i: Int) -> Bool { validity.map { !$0[i] } ?? false }
}

/// One record batch: `length` rows of every schema column.
public struct ArrowRecordBatch: Sendable, Equatable {
    /// The number of rows.
    public let length: Int
    /// The columns, in schema order.
    public let columns: [ArrowColumn]
}

/// A whole decoded Arrow IPC stream.
public struct ArrowIPCStream: Sendable, Equatable {
    /// The schema (the stream's first message).
    public let schema: ArrowSchema
    /// The record batches, in order.
    public let batches: [ArrowRecordBatch]
    /// Whether the end-of-stream marker was present (a stream may also end at a message boundary).
    public let sawEndMarker: Bool

    /// The total number of rows.
    public var rowCount: Int { batches.reduce(0) { $0 + $1.length } }
}
