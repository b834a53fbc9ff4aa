/// A warehouse failure, naming the source (its URL without the password), what went wrong and
/// what to check.
public struct WarehouseError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong.
    public enum Kind: String, Sendable, Equatable {
        /// The source URL or its options cannot be used.
        case invalidSource
        /// No server answered at the address (refused, unknown host, connect timeout).
        case unreachable
        /// The server refused the user name or password.
        case authentication
        /// The table (or the database) does not exist.
        case missingRelation
        /// A column of the mapping does not exist in the relation.
        case missingColumn
        /// The relation's columns or the query's results have types the analysis cannot use,
        /// or a value is null.
        case wrongResultType
        /// The query did not finish within the query timeout.
        case timeout
        /// The server closed the connection during the query.
        case connectionLost
        /// The server no longer knows the session (Spark Connect: expired, released or restarted).
        case sessionExpired
        /// The server rejected the query for another reason.
        case queryFailed
        /// The input is not what the analysis needs (no rows, nulls, a non-finite value).
        case invalidData
    }

    /// The kind of failure.
    public let kind: Kind
    /// The source, for example `postgres://analyst@db.internal:5432/crm` (never with the password).
    public let source: String
    /// What happened, with the server's own message where there is one.
    public let detail: String
    /// What to check.
    public let hint: String

    /// An error.
    /// - Parameters:
    ///   - kind: The kind.
    ///   - source: The source, without credentials.
    ///   - detail: What happened.
    ///   - hint: What to check.
    public init(_ kind: Kind, source: String, detail: String, hint: String) {
        self.kind = kind
        self.source = source
        self.detail = detail
        self.hint = hint
    }

    /// `SOURCE: DETAIL (check: HINT)`.
    public var description: String { "\(source): \(detail) (check: \(hint))" }
}
