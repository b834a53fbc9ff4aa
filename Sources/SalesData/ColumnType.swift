/// The value kinds a `Table` column can hold.
///
/// Storage per kind (the data contract's columnar layout): `integer` Int64, `double` Double,
/// `boolean` Bool, `date` Int32 days since 1970-01-01, `timestamp` Int64 seconds since
/// 1970-01-01T00:00:00Z, `month` Int32 months since 1970-01 (`YYYY-MM`), `category`
/// dictionary-encoded strings (`[String]` levels + `[Int32]` codes), `string` one `String` per row.
public enum ColumnType: String, Sendable, CaseIterable, CustomStringConvertible {
    /// 64-bit signed integers.
    case integer
    /// IEEE 754 binary64 numbers.
    case double
    /// Booleans (CSV `1`/`0`, `true`/`false`, `yes`/`no`).
    case boolean
    /// Calendar dates as Int32 days since 1970-01-01.
    case date
    /// Instants as Int64 whole seconds since 1970-01-01T00:00:00Z.
    case timestamp
    /// Calendar months (`YYYY-MM`) as Int32 months since 1970-01.
    case month
    /// Dictionary-encoded strings: few distinct values, many rows (ids, stages, channels).
    case category
    /// Free text, one `String` per row.
    case string

    /// The kind's name as used in messages and JSON (`"integer"`, `"date"`, …).
    public var description: String { rawValue }
}
