import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// A PostgreSQL warehouse over one PostgresNIO connection.
///
/// Parameters are bound (`$1…`), never interpolated. Rows are decoded in the calling task, off the
/// main actor (`run` is a nonisolated async function). The connect timeout applies to the TCP
/// connect and the startup; the query timeout is enforced twice: by the server
/// (`statement_timeout`) and by the client, which closes the connection when it passes.
public final class PostgresWarehouse: Warehouse {
    /// Always `.postgres`.
    public let dialect = SQLDialect.postgres
    /// The redacted source URL.
    public let source: String
    /// The query timeout.
    public let queryTimeout: Duration
    let connection: PostgresConnection
    let logger: Logger

    init(connection: PostgresConnection, source: String, queryTimeout: Duration, logger: Logger) {
        self.connection = connection
        self.source = source
        self.queryTimeout = queryTimeout
        self.logger = logger
    }

    /// Connects.
    /// - Parameters:
    ///   - source: A `.postgres` source.
    ///   - connectTimeout: TCP connect and startup (default 10 s).
    ///   - queryTimeout: Per query (default 300 s).
    /// - Returns: The connection.
    /// - Throws: `WarehouseError`: `.unreachable`, `.authentication`, `.missingRelation` (no such
    ///   database), `.invalidSource`.
    public static func connect(_ source: WarehouseSource, connectTimeout: Duration = .seconds(10),
                               queryTimeout: Duration = .seconds(300)) async throws -> PostgresWarehouse {
        let name = source.redacted
        let tls: PostgresConnection.Configuration.TLS
        do {
            // libpq's meaning: prefer and require encrypt without checking the certificate (a
            // self-signed server certificate is accepted); verify-full checks chain and host name.
            var unchecked = TLSConfiguration.makeClientConfiguration()
            unchecked.certificateVerification = .none
            switch source.tls {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: unchecked))
            case .require: tls = .require(try NIOSSLContext(configuration: unchecked))
            case .verifyFull:
                var checked = TLSConfiguration.makeClientConfiguration()
                if let roots = source.rootCertificate { checked.trustRoots = .file(roots) }
                tls = .require(try NIOSSLContext(configuration: checked))
            }
        } catch {
            throw WarehouseError(.invalidSource, source: name, detail: "TLS setup failed: \(error)", hint: "sslmode, or use sslmode=disable")
        }
        var configuration = PostgresConnection.Configuration(
            host: source.host, port: source.port, username: source.user, password: source.password,
            database: source.database, tls: tls)
        configuration.options.connectTimeout = .nanoseconds(Int64(clamping: connectTimeout.nanoseconds))
        let timeoutMilliseconds = max(1, queryTimeout.nanoseconds / 1_000_000)
        configuration.options.additionalStartupParameters = [("statement_timeout", "\(timeoutMilliseconds)"),
                                                             ("application_name", "saleskit")]
        var logger = Logger(label: "saleskit.warehouse.postgres")
        logger.logLevel = .critical
        let connection: PostgresConnection
        let finalConfiguration = configuration, finalLogger = logger
        do {
            connection = try await withDeadline(connectTimeout + .seconds(1), source: name, what: "connecting",
                                                onLateResult: { late in Task { try? await late.close() } }) {
                try await PostgresConnection.connect(configuration: finalConfiguration, id: 1, logger: finalLogger)
            }
        } catch let error as WarehouseError {
            throw error
        } catch {
            throw PostgresErrors.map(error, source: name, connecting: true, relation: nil)
        }
        return PostgresWarehouse(connection: connection, source: name, queryTimeout: queryTimeout, logger: logger)
    }

    /// Runs `query` (rendered for `.postgres`) and decodes its rows.
    /// - Parameter query: The query.
    /// - Returns: The rows.
    /// - Throws: `WarehouseError` (`.missingRelation`, `.missingColumn`, `.wrongResultType`,
    ///   `.timeout`, `.connectionLost`, `.queryFailed`).
    public func run(_ query: WarehouseQuery) async throws -> WarehouseRows {
        precondition(query.dialect == .postgres, "a query rendered for \(query.dialect) run on PostgreSQL")
        var binds = PostgresBindings(capacity: query.parameters.count)
        for parameter in query.parameters {
            switch parameter {
            case let .integer(v): binds.append(v)
            case let .double(v): binds.append(v)
            case let .text(v): binds.append(v)
            }
        }
        let statement = PostgresQuery(unsafeSQL: query.sql, binds: binds)
        let connection = self.connection, logger = self.logger, source = self.source
        do {
            return try await withDeadline(queryTimeout, source: source, what: query.purpose, onTimeout: { connection.close() }) {
                let sequence = try await connection.query(statement, logger: logger)
                var rows = WarehouseRowsBuilder(columns: query.columns)
                for try await row in sequence {
                    try Self.decode(row, into: &rows, query: query, source: source)
                }
                return rows.finish()
            }
        } catch let error as WarehouseError {
            throw error
        } catch {
            throw PostgresErrors.map(error, source: source, connecting: false, relation: query.purpose)
        }
    }

    /// Loads rows into a table with `COPY … FROM STDIN` (text format: tab-separated, `\N` null).
    /// - Parameters:
    ///   - table: The table (it must exist).
    ///   - columns: Its columns, in the order of the fields.
    ///   - text: The COPY text payload, one row per line.
    /// - Throws: `WarehouseError`.
    public func copy(into table: String, columns: [String], text: String) async throws {
        let connection = self.connection, logger = self.logger
        do {
            try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                var buffer = ByteBuffer()
                var start = text.utf8.startIndex
                let utf8 = text.utf8
                while start < utf8.endIndex {
                    let end = utf8.index(start, offsetBy: 1 << 20, limitedBy: utf8.endIndex) ?? utf8.endIndex
                    buffer.clear()
                    buffer.writeBytes(utf8[start..<end])
                    try await writer.write(buffer)
                    start = end
                }
            }
        } catch {
            throw PostgresErrors.map(error, source: source, connecting: false, relation: "COPY into \(table)")
        }
    }

    /// Runs a statement that returns no rows (DDL in tests and loaders).
    /// - Parameter sql: The statement.
    /// - Throws: `WarehouseError`.
    public func execute(_ sql: String) async throws {
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        } catch {
            throw PostgresErrors.map(error, source: source, connecting: false, relation: sql)
        }
    }

    /// Closes the connection.
    public func close() async {
        try? await connection.close()
    }

    deinit {
        // A warehouse dropped without `close()` (an error path): close the channel, keeping the
        // connection alive until it is closed.
        let connection = self.connection
        connection.close().whenComplete { _ in _ = connection }
    }

    static func decode(_ row: PostgresRow, into rows: inout WarehouseRowsBuilder, query: WarehouseQuery, source: String) throws {
        var index = 0
        for cell in row {
            guard index < query.columns.count else { break }
            let column = query.columns[index]
            rows.bytesReceived += cell.bytes?.readableBytes ?? 0
            guard cell.bytes != nil else {
                throw WarehouseError(.wrongResultType, source: source,
                                     detail: "\(query.purpose): column \(column.name) is null",
                                     hint: "null values in the relation's columns")
            }
            do {
                switch column.kind {
                case .integer: rows.append(integer: try cell.decode(Int64.self), at: index)
                case .double: rows.append(double: try cell.decode(Double.self), at: index)
                case .text: rows.append(text: try cell.decode(String.self), at: index)
                }
            } catch {
                throw WarehouseError(.wrongResultType, source: source,
                                     detail: "\(query.purpose): column \(column.name) has type \(cell.dataType), expected \(column.kind.rawValue)",
                                     hint: "the column types of the relation")
            }
            index += 1
        }
        guard index == query.columns.count else {
            throw WarehouseError(.wrongResultType, source: source,
                                 detail: "\(query.purpose): \(index) columns, expected \(query.columns.count)",
                                 hint: "the query")
        }
    }
}

/// PostgreSQL errors → `WarehouseError`.
enum PostgresErrors {
    static func map(_ error: any Error, source: String, connecting: Bool, relation: String?) -> WarehouseError {
        if let error = error as? WarehouseError { return error }
        if let psql = error as? PSQLError {
            let message = psql.serverInfo?[.message] ?? ""
            let state = psql.serverInfo?[.sqlState] ?? ""
            let context = relation.map { " (\($0))" } ?? ""
            // The server asked for a password and none was given (URL, PGPASSWORD, .pgpass).
            if psql.code == .authMechanismRequiresPassword {
                return WarehouseError(.authentication, source: source, detail: "the server requires a password and none was given",
                                      hint: "the password in the URL, PGPASSWORD or ~/.pgpass (PGPASSFILE)")
            }
            switch psql.code {
            case .server:
                switch state {
                case "28P01", "28000":
                    return WarehouseError(.authentication, source: source, detail: "authentication failed: \(message)",
                                          hint: "the user name and password in the URL, PGUSER/PGPASSWORD, and pg_hba.conf")
                case "3D000":
                    return WarehouseError(.missingRelation, source: source, detail: message, hint: "the database name in the URL")
                case "42P01", "3F000":
                    return WarehouseError(.missingRelation, source: source, detail: message + context,
                                          hint: "--table (schema-qualify it: schema.table) or --query")
                case "42703":
                    return WarehouseError(.missingColumn, source: source, detail: message + context,
                                          hint: "--map contract_name=column for the relation's column names")
                case "42883", "42804", "22P02", "22007", "22008", "42846", "22003":
                    return WarehouseError(.wrongResultType, source: source, detail: message + context,
                                          hint: "the column types: order_date must be a date (or ISO text), amount numeric")
                case "57014":
                    return WarehouseError(.timeout, source: source, detail: "the server cancelled the query: \(message)\(context)",
                                          hint: "--query-timeout, or an index / a smaller relation")
                case "57P01", "57P02", "57P03":
                    return WarehouseError(.connectionLost, source: source, detail: message, hint: "the server's state")
                default:
                    return WarehouseError(.queryFailed, source: source, detail: "\(message) [SQLSTATE \(state)]\(context)",
                                          hint: "the relation and the SQL of --query")
                }
            case .connectionError:
                return WarehouseError(.unreachable, source: source,
                                      detail: "cannot connect: \(psql.underlying.map { "\($0)" } ?? "connection error")",
                                      hint: "the host and port, and that the server is running and accepts TCP connections")
            case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
                return WarehouseError(connecting ? .unreachable : .connectionLost, source: source,
                                      detail: "the connection closed\(connecting ? " during startup" : " during the query")\(context)",
                                      hint: connecting ? "the server's logs and pg_hba.conf" : "the server's logs; the result was discarded")
            case .sslUnsupported:
                return WarehouseError(.unreachable, source: source, detail: "the server does not offer TLS",
                                      hint: "sslmode=prefer or sslmode=disable")
            default:
                return WarehouseError(connecting ? .unreachable : .queryFailed, source: source,
                                      detail: "\(psql.code)\(message.isEmpty ? "" : ": " + message)\(context)",
                                      hint: "the server and the URL")
            }
        }
        if connecting {
            return WarehouseError(.unreachable, source: source, detail: "cannot connect: \(error)",
                                  hint: "the host and port, and that the server is running")
        }
        return WarehouseError(.queryFailed, source: source, detail: "\(error)", hint: "the server's logs")
    }
}

/// Runs `body`, throwing `WarehouseError.timeout` when it has not finished within `limit`. Returns
/// at the limit whether or not `body` honours cancellation: the work runs in its own task, which
/// is cancelled (and `onTimeout` called, e.g. to cancel the query on the server) when the limit
/// passes, and whose late result is dropped. (A task group would await its child, so a connect
/// that ignores cancellation — a silent server — kept the call far past the limit.) Cancelling the
/// caller cancels the work and throws `CancellationError`. A value the work produces after the
/// call ended (a connection that opened too late) goes to `onLateResult`, e.g. to close it.
func withDeadline<T: Sendable>(_ limit: Duration, source: String, what: String, onTimeout: @escaping @Sendable () -> Void = {},
                               onLateResult: @escaping @Sendable (T) -> Void = { _ in },
                               _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    let gate = DeadlineGate<T>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            gate.install(continuation)
            let work = Task {
                do {
                    let value = try await body()
                    if !gate.finish(.success(value)) { onLateResult(value) }
                } catch {
                    gate.finish(.failure(error))
                }
                gate.cancelTimer()
            }
            gate.track(work)
            let timer = Task {
                try? await Task.sleep(for: limit)
                let timeout = WarehouseError(.timeout, source: source, detail: "\(what) took longer than \(limit)",
                                             hint: "the server's load, --connect-timeout / --query-timeout")
                if gate.finish(.failure(timeout)) {
                    onTimeout()
                    work.cancel()
                }
            }
            gate.trackTimer(timer)
        }
    } onCancel: {
        gate.finish(.failure(CancellationError()))
        gate.cancelWork()
    }
}

/// The one-shot meeting point of `withDeadline`: the first of the work, the timer and the caller's
/// cancellation resumes the continuation; the others find it taken.
private final class DeadlineGate<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        /// A result that came before the continuation was installed.
        var pending: Result<T, any Error>?
        var done = false
        var work: Task<Void, Never>?
        var timer: Task<Void, Never>?
        var workEnded = false
    }
    private let state = Mutex(State())

    /// Stores the continuation, or resumes it at once when a result came first.
    func install(_ continuation: CheckedContinuation<T, any Error>) {
        let pending: Result<T, any Error>? = state.withLock { s in
            guard let p = s.pending else { s.continuation = continuation; return nil }
            s.pending = nil
            return p
        }
        if let pending { continuation.resume(with: pending) }
    }

    /// Delivers `result` if nothing did before; `true` when this call did.
    @discardableResult
    func finish(_ result: Result<T, any Error>) -> Bool {
        let (first, continuation): (Bool, CheckedContinuation<T, any Error>?) = state.withLock { s in
            guard !s.done else { return (false, nil) }
            s.done = true
            guard let c = s.continuation else { s.pending = result; return (true, nil) }
            s.continuation = nil
            return (true, c)
        }
        continuation?.resume(with: result)
        return first
    }

    /// The task running the work; cancelled at once if the call already ended by cancellation.
    func track(_ work: Task<Void, Never>) {
        let cancelled = state.withLock { s -> Bool in
            s.work = work
            return s.done
        }
        if cancelled { work.cancel() }
    }

    /// The timer's task; cancelled at once when the work already ended (so no sleeper outlives the call).
    func trackTimer(_ timer: Task<Void, Never>) {
        let ended = state.withLock { s -> Bool in
            s.timer = timer
            return s.workEnded
        }
        if ended { timer.cancel() }
    }

    /// Called by the work when it ends: stops the timer.
    func cancelTimer() {
        state.withLock { s -> Task<Void, Never>? in
            s.workEnded = true
            return s.timer
        }?.cancel()
    }

    /// Cancels the work's and the timer's tasks (the caller was cancelled).
    func cancelWork() {
        let (work, timer) = state.withLock { ($0.work, $0.timer) }
        work?.cancel()
        timer?.cancel()
    }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds.multipliedReportingOverflow(by: 1_000_000_000).overflow
            ? .max : seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
