/// A value bound into a rendered query: a placeholder (`$1`) on PostgreSQL, a literal written by
/// SalesKit on the engines whose HTTP or SQL interfaces have no binding.
public enum WarehouseParameter: Sendable, Equatable {
    /// A 64-bit integer (day numbers, counts).
    case integer(Int64)
    /// A finite double (model coefficients).
    case double(Double)
    /// A string (event names).
    case text(String)
}

/// The type a result column is decoded as.
public enum WarehouseColumnKind: String, Sendable, Equatable {
    /// A 64-bit integer.
    case integer
    /// A 64-bit float.
    case double
    /// Text.
    case text
}

/// One result column the query returns: its name and the type it is decoded as.
public struct WarehouseColumn: Sendable, Equatable {
    /// The column's name (lower case, as the query's alias).
    public let name: String
    /// Its type.
    public let kind: WarehouseColumnKind

    /// A result column.
    /// - Parameters:
    ///   - name: The alias.
    ///   - kind: The type.
    public init(_ name: String, _ kind: WarehouseColumnKind) {
        self.name = name
        self.kind = kind
    }
}

/// A query rendered for one engine: the SQL text, the values bound to its placeholders, and the
/// columns it returns, in order.
public struct WarehouseQuery: Sendable, Equatable {
    /// The dialect the text is written in.
    public let dialect: SQLDialect
    /// The SQL text (PostgreSQL: with `$1…$n` placeholders).
    public let sql: String
    /// The values of the placeholders (empty for the literal-only dialects).
    public let parameters: [WarehouseParameter]
    /// The result columns.
    public let columns: [WarehouseColumn]
    /// What the query computes, for messages and "which step ran where".
    public let purpose: String
}

/// Builds one query's text: binds parameters per dialect.
struct SQLWriter {
    let dialect: SQLDialect
    private(set) var parameters: [WarehouseParameter] = []

    init(_ dialect: SQLDialect) { self.dialect = dialect }

    /// A bound integer: `CAST($n AS BIGINT)` on PostgreSQL, a literal elsewhere.
    mutating func integer(_ value: Int64) -> String {
        switch dialect {
        case .postgres:
            parameters.append(.integer(value))
            return "CAST($\(parameters.count) AS BIGINT)"
        case .spark: return "CAST(\(value) AS BIGINT)"
        case .clickhouse: return "toInt64(\(value))"
        }
    }

    /// A bound double (must be finite; the plans check).
    mutating func double(_ value: Double) -> String {
        switch dialect {
        case .postgres:
            parameters.append(.double(value))
            return "CAST($\(parameters.count) AS DOUBLE PRECISION)"
        case .spark: return "CAST('\(value)' AS DOUBLE)"
        case .clickhouse: return "toFloat64('\(value)')"
        }
    }

    /// A bound string.
    mutating func text(_ value: String) -> String {
        switch dialect {
        case .postgres:
            parameters.append(.text(value))
            return "CAST($\(parameters.count) AS TEXT)"
        case .spark, .clickhouse: return dialect.stringLiteral(value)
        }
    }

    func query(_ sql: String, columns: [WarehouseColumn], purpose: String) -> WarehouseQuery {
        WarehouseQuery(dialect: dialect, sql: sql, parameters: parameters, columns: columns, purpose: purpose)
    }
}
