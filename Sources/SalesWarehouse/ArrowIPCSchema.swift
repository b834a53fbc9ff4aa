/// The Arrow column types `ArrowIPCStreamReader` decodes.
public enum ArrowType: Sendable, Equatable, CustomStringConvertible {
    /// Signed 32-bit integers.
    case int32
    /// Signed 64-bit integers.
    case int64
    /// IEEE doubles.
    case float64
    /// Days since 1970-01-01.
    case date32
    /// Instants since the epoch in `unit`, with an optional time-zone name (values are UTC).
    case timestamp(ArrowTimeUnit, timezone: String?)
    /// UTF-8 text with 32-bit offsets.
    case utf8
    /// UTF-8 text with 64-bit offsets.
    case largeUTF8
    /// 128-bit decimals with `precision` digits, `scale` of them after the point.
    case decimal128(precision: Int, scale: Int)
    /// Booleans (bit-packed).
    case bool

    /// The type as pyarrow prints it (`int64`, `timestamp[us, tz=UTC]`, `decimal128(12, 2)`).
    public var description: String {
        switch self {
        case .int32: return "int32"
        case .int64: return "int64"
        case .float64: return "double"
        case .date32: return "date32"
        case let .timestamp(unit, timezone): return "timestamp[\(unit.rawValue)\(timezone.map { ", tz=" + $0 } ?? "")]"
        case .utf8: return "string"
        case .largeUTF8: return "large_string"
        case let .decimal128(p, s): return "decimal128(\(p), \(s))"
        case .bool: return "bool"
        }
    }
}

/// A timestamp's unit.
public enum ArrowTimeUnit: String, Sendable, Equatable {
    /// Seconds.
    case second = "s"
    /// Milliseconds.
    case millisecond = "ms"
    /// Microseconds.
    case microsecond = "us"
    /// Nanoseconds.
    case nanosecond = "ns"

    /// Units per second.
    public var perSecond: Int64 {
        switch self {
        case .second: return 1
        case .millisecond: return 1_000
        case .microsecond: return 1_000_000
        case .nanosecond: return 1_000_000_000
        }
    }
}

/// One column of an Arrow schema.
public struct ArrowField: Sendable, Equatable {
    /// The column name.
    public let name: String
    /// Its type.
    public let type: ArrowType
    /// Whether it may hold nulls.
    public let nullable: Bool
}

/// An Arrow schema: the columns of every record batch of a stream.
public struct ArrowSchema: Sendable, Equatable {
    /// The columns, in order.
    public let fields: [ArrowField]
}

extension ArrowSchema {
    /// Decodes a `Schema` flatbuffer table (Schema.fbs).
    static func decode(_ schema: FlatTable) throws -> ArrowSchema {
        let endianness = try schema.int16(0, default: 0)
        guard endianness == 0 else {
            throw schema.buffer.error(.unsupported, schema.position, "a big-endian stream")
        }
        return ArrowSchema(fields: try schema.tables(1).map(ArrowField.decode))
    }
}

extension ArrowField {
    /// Decodes a `Field` table: name, nullable, the `Type` union; dictionary-encoded and nested
    /// fields are refused.
    static func decode(_ field: FlatTable) throws -> ArrowField {
        let name = try field.string(0) ?? ""
        let nullable = try field.bool(1, default: false)
        let tag = try field.uint8(2, default: 0)
        func unsupported(_ what: String) -> ArrowIPCError {
            field.buffer.error(.unsupported, field.position, "column \"\(name)\" has type \(what)")
        }
        if try field.field(4) != nil { throw unsupported("dictionary-encoded") }
        guard let type = try field.table(3) else {
            if tag == 1 { throw unsupported("null (an all-null column)") }
            throw field.buffer.error(.malformed, field.position, "column \"\(name)\" has no type")
        }
        let decoded: ArrowType
        switch tag {
        case 2:  // Int
            let width = try type.int32(0, default: 0), signed = try type.bool(1, default: false)
            switch (width, signed) {
            case (32, true): decoded = .int32
            case (64, true): decoded = .int64
            default: throw unsupported("\(signed ? "" : "u")int\(width)")
            }
        case 3:  // FloatingPoint
            let precision = try type.int16(0, default: 0)
            guard precision == 2 else { throw unsupported(precision == 1 ? "float32" : "float16") }
            decoded = .float64
        case 5: decoded = .utf8
        case 20: decoded = .largeUTF8
        case 6: decoded = .bool
        case 7:  // Decimal
            let precision = try type.int32(0, default: 0), scale = try type.int32(1, default: 0)
            let width = try type.int32(2, default: 128)
            guard width == 128 else { throw unsupported("decimal\(width)") }
            guard (0...38).contains(scale) else { throw unsupported("decimal128 with scale \(scale)") }
            decoded = .decimal128(precision: Int(precision), scale: Int(scale))
        case 8:  // Date
            guard try type.int16(0, default: 1) == 0 else { throw unsupported("date64") }
            decoded = .date32
        case 10:  // Timestamp
            let unit: ArrowTimeUnit
            switch try type.int16(0, default: 0) {
            case 0: unit = .second
            case 1: unit = .millisecond
            case 2: unit = .microsecond
            case 3: unit = .nanosecond
            case let other: throw field.buffer.error(.malformed, type.position, "timestamp unit \(other)")
            }
            decoded = .timestamp(unit, timezone: try type.string(1))
        default:
            let names = [1: "null", 4: "binary", 9: "time", 11: "interval", 12: "list", 13: "struct", 14: "union",
                         15: "fixed_size_binary", 16: "fixed_size_list", 17: "map", 18: "duration", 19: "large_binary",
                         21: "large_list", 22: "run_end_encoded", 23: "binary_view", 24: "string_view"]
            throw unsupported(names[Int(tag)] ?? "number \(tag)")
        }
        return ArrowField(name: name, type: decoded, nullable: nullable)
    }
}
