/// The SQL engines a `QueryPlan` renders for.
///
/// Every rendered query keeps to the subset the three engines share where it can — nested
/// subqueries instead of `WITH`, at most one `JOIN` per `SELECT` (joined on `USING`), no window
/// functions, lower-case function names — so the ClickHouse text also runs on ClickHouse 18.16.
/// The differences are spelled here: identifier quoting, casts, the day number of a date, calendar
/// parts and the natural logarithm.
public enum SQLDialect: String, Sendable, CaseIterable, Codable {
    /// PostgreSQL 12 and later.
    case postgres
    /// Spark SQL 3.x / 4.x.
    case spark
    /// ClickHouse 18.16 and later.
    case clickhouse

    /// `name` quoted as an identifier (`"name"`, `` `name` ``).
    /// - Parameter name: A column or table name, as the engine spells it.
    /// - Returns: The quoted identifier; embedded quotes are escaped.
    public func identifier(_ name: String) -> String {
        switch self {
        case .postgres:
            return "\"" + name.replacingAll("\"", with: "\"\"") + "\""
        case .spark:
            return "`" + name.replacingAll("`", with: "``") + "`"
        case .clickhouse:
            return "`" + name.replacingAll("\\", with: "\\\\").replacingAll("`", with: "\\`") + "`"
        }
    }

    /// A possibly schema-qualified table name (`schema.table`), each part quoted.
    /// - Parameter name: The table name; dots separate qualifiers.
    /// - Returns: The quoted name.
    public func tableName(_ name: String) -> String {
        name.split(separator: ".", omittingEmptySubsequences: false).map { identifier(String($0)) }.joined(separator: ".")
    }

    /// A string literal.
    /// - Parameter text: The text.
    /// - Returns: `'text'` with quotes (and, for Spark and ClickHouse, backslashes) escaped.
    public func stringLiteral(_ text: String) -> String {
        switch self {
        case .postgres:
            return "'" + text.replacingAll("'", with: "''") + "'"
        case .spark, .clickhouse:
            return "'" + text.replacingAll("\\", with: "\\\\").replacingAll("'", with: "\\'") + "'"
        }
    }

    /// `expression` as text.
    func text(_ expression: String) -> String {
        switch self {
        case .postgres: return "CAST(\(expression) AS TEXT)"
        case .spark: return "CAST(\(expression) AS STRING)"
        case .clickhouse: return "toString(\(expression))"
        }
    }

    /// `expression` as a 64-bit float.
    func double(_ expression: String) -> String {
        switch self {
        case .postgres: return "CAST(\(expression) AS DOUBLE PRECISION)"
        case .spark: return "CAST(\(expression) AS DOUBLE)"
        case .clickhouse: return "toFloat64(\(expression))"
        }
    }

    /// `expression` as a 64-bit integer.
    func bigint(_ expression: String) -> String {
        switch self {
        case .postgres, .spark: return "CAST(\(expression) AS BIGINT)"
        case .clickhouse: return "toInt64(\(expression))"
        }
    }

    /// `expression` as a date.
    func date(_ expression: String) -> String {
        switch self {
        case .postgres, .spark: return "CAST(\(expression) AS DATE)"
        case .clickhouse: return "toDate(\(expression))"
        }
    }

    /// Days since 1970-01-01 of the date `dateExpression`.
    func dayNumber(_ dateExpression: String) -> String {
        switch self {
        case .postgres: return "(\(dateExpression) - DATE '1970-01-01')"
        case .spark: return "datediff(\(dateExpression), DATE '1970-01-01')"
        case .clickhouse: return "toInt64(toUInt32(\(dateExpression)))"
        }
    }

    /// The calendar year, month (1–12), quarter (1–4) and day of month of a date.
    func year(_ date: String) -> String {
        switch self {
        case .postgres: return "CAST(EXTRACT(YEAR FROM \(date)) AS BIGINT)"
        case .spark: return "CAST(year(\(date)) AS BIGINT)"
        case .clickhouse: return "toInt64(toYear(\(date)))"
        }
    }

    func month(_ date: String) -> String {
        switch self {
        case .postgres: return "CAST(EXTRACT(MONTH FROM \(date)) AS BIGINT)"
        case .spark: return "CAST(month(\(date)) AS BIGINT)"
        case .clickhouse: return "toInt64(toMonth(\(date)))"
        }
    }

    func quarter(_ date: String) -> String {
        switch self {
        case .postgres: return "CAST(EXTRACT(QUARTER FROM \(date)) AS BIGINT)"
        case .spark: return "CAST(quarter(\(date)) AS BIGINT)"
        case .clickhouse: return "toInt64(toQuarter(\(date)))"
        }
    }

    func dayOfMonth(_ date: String) -> String {
        switch self {
        case .postgres: return "CAST(EXTRACT(DAY FROM \(date)) AS BIGINT)"
        case .spark: return "CAST(dayofmonth(\(date)) AS BIGINT)"
        case .clickhouse: return "toInt64(toDayOfMonth(\(date)))"
        }
    }

    /// The natural logarithm function's name.
    var ln: String { self == .clickhouse ? "log" : "ln" }

    /// `count(*)` as a 64-bit integer.
    var countAll: String { bigint("count(*)") }

    /// The `JOIN` keyword for an inner join (ClickHouse 18.16 wants the strictness spelled).
    var innerJoin: String { self == .clickhouse ? "ALL INNER JOIN" : "INNER JOIN" }

    /// The `JOIN` keyword for a left join.
    var leftJoin: String { self == .clickhouse ? "ALL LEFT JOIN" : "LEFT JOIN" }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation in this module's core).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        out.reserveCapacity(count)
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}
