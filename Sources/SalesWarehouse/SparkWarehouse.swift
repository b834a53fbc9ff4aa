import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import SparkConnectProtocol
import Synchronization

/// A Spark warehouse through Spark Connect (gRPC, port 15002 by default): each query is one
/// `ExecutePlan` call whose plan is a SQL relation; the results arrive as Arrow IPC streams in
/// `ExecutePlanResponse.arrow_batch` and are decoded by `ArrowIPCStreamReader`.
///
/// One Spark session per connection (a random session id). The executions are not reattachable:
/// a call that ends without gRPC's OK status (a dropped connection, a server error) throws and
/// its batches are discarded, and every batch's row count and start offset are checked, so a
/// partial result is never returned. The connect timeout covers the first round trip; the query
/// timeout is the call's gRPC deadline and a client-side limit, after which the operation is
/// interrupted on the server. The server-side session id of the first answer is sent with every
/// later request, so a session the server expired or restarted is `.sessionExpired`, not a
/// silent new session.
public final class SparkWarehouse: Warehouse {
    /// Always `.spark`.
    public let dialect = SQLDialect.spark
    /// The source URL (no credentials).
    public let source: String
    /// The query timeout.
    public let queryTimeout: Duration
    /// The Spark Connect session id (a UUID chosen here).
    public let sessionID: String
    let userID: String
    let client: GRPCClient<HTTP2ClientTransport.Posix>
    let connections: Task<Void, Never>
    let serverSession = Mutex<String?>(nil)

    init(source: String, userID: String, queryTimeout: Duration, client: GRPCClient<HTTP2ClientTransport.Posix>,
         connections: Task<Void, Never>, sessionID: String?) {
        self.source = source
        self.userID = userID
        self.queryTimeout = queryTimeout
        self.client = client
        self.connections = connections
        self.sessionID = sessionID ?? UUID().uuidString.lowercased()
    }

    /// Connects and checks the server answers `SELECT 1` within the connect timeout.
    /// - Parameters:
    ///   - source: A `.spark` source (`spark://host:15002`; the user becomes the Spark Connect user id).
    ///   - connectTimeout: For the first round trip (default 10 s; a cold cluster's first query can take longer).
    ///   - queryTimeout: Per query (default 300 s).
    ///   - sessionID: A Spark Connect session id to use (a UUID); nil: a new session.
    /// - Returns: The warehouse; `close()` it when done.
    /// - Throws: `WarehouseError` `.unreachable` (nothing answers, or no Spark Connect at the port),
    ///   `.sessionExpired` (a `sessionID` the server has closed), `.invalidSource`.
    public static func connect(_ source: WarehouseSource, connectTimeout: Duration = .seconds(10),
                               queryTimeout: Duration = .seconds(300), sessionID: String? = nil) async throws -> SparkWarehouse {
        let name = source.redacted
        let transport: HTTP2ClientTransport.Posix
        do {
            transport = try HTTP2ClientTransport.Posix(
                target: .dns(host: source.host, port: source.port), transportSecurity: .plaintext,
                config: .defaults { config in
                    config.backoff = .init(initial: .milliseconds(100), max: .seconds(1), multiplier: 1.6, jitter: 0.2)
                    config.http2.targetWindowSize = 16 << 20
                })
        } catch {
            throw WarehouseError(.invalidSource, source: name, detail: "cannot set up the gRPC transport: \(error)", hint: "the host name")
        }
        let client = GRPCClient(transport: transport)
        let connections = Task<Void, Never> { _ = try? await client.runConnections() }
        let warehouse = SparkWarehouse(source: name, userID: source.user, queryTimeout: queryTimeout, client: client,
                                       connections: connections, sessionID: sessionID)
        do {
            _ = try await withDeadline(connectTimeout, source: name, what: "connecting to Spark Connect") {
                try await warehouse.collect("SELECT 1", purpose: "connection check", timeout: connectTimeout, connecting: true)
            }
        } catch let error as WarehouseError {
            await warehouse.shutDown()
            if error.kind == .timeout {
                throw WarehouseError(.unreachable, source: name, detail: "no answer from Spark Connect within \(connectTimeout)",
                                     hint: "the host and port (15002), that the Spark Connect server runs, and --connect-timeout")
            }
            throw error
        }
        return warehouse
    }

    /// Runs `query` (rendered for `.spark`) and decodes its Arrow batches.
    /// - Parameter query: The query.
    /// - Returns: The rows.
    /// - Throws: `WarehouseError` (`.missingRelation`, `.missingColumn`, `.wrongResultType`,
    ///   `.timeout`, `.connectionLost`, `.sessionExpired`, `.queryFailed`).
    public func run(_ query: WarehouseQuery) async throws -> WarehouseRows {
        precondition(query.dialect == .spark, "a query rendered for \(query.dialect) run on Spark")
        let (streams, bytes) = try await withDeadline(queryTimeout + .seconds(2), source: source, what: query.purpose) { [self] in
            try await collect(query.sql, purpose: query.purpose, timeout: queryTimeout, connecting: false)
        }
        return try ArrowIPCRows.rows(streams, columns: query.columns, purpose: query.purpose, source: source, bytesReceived: bytes)
    }

    /// Runs a statement and discards its result (DDL in tests and loaders).
    /// - Parameter sql: The statement, in Spark SQL.
    /// - Throws: `WarehouseError`.
    public func execute(_ sql: String) async throws {
        let purpose = sql.split(separator: " ").prefix(4).joined(separator: " ")
        _ = try await withDeadline(queryTimeout + .seconds(2), source: source, what: purpose) { [self] in
            try await collect(sql, purpose: purpose, timeout: queryTimeout, connecting: false)
        }
    }

    /// Releases the Spark session and closes the connection (further calls throw).
    public func close() async {
        var request = Spark_Connect_ReleaseSessionRequest()
        request.sessionID = sessionID
        request.userContext.userID = userID
        request.clientType = Self.clientType
        var options = CallOptions.defaults
        options.timeout = .seconds(5)
        let service = Spark_Connect_SparkConnectService.Client(wrapping: client)
        _ = try? await service.releaseSession(request, options: options)
        await shutDown()
    }

    func shutDown() async {
        client.beginGracefulShutdown()
        await connections.value
    }

    static let clientType = "saleskit"

    /// One `ExecutePlan` call: the Arrow streams of its batches and their byte count.
    func collect(_ sql: String, purpose: String, timeout: Duration, connecting: Bool) async throws -> ([ArrowIPCStream], Int) {
        var request = Spark_Connect_ExecutePlanRequest()
        request.sessionID = sessionID
        request.userContext.userID = userID
        request.clientType = Self.clientType
        let operationID = UUID().uuidString.lowercased()
        request.operationID = operationID
        request.plan.root.sql.query = sql
        var option = Spark_Connect_ExecutePlanRequest.RequestOption()
        option.reattachOptions.reattachable = false
        request.requestOptions = [option]
        if let observed = serverSession.withLock({ $0 }) { request.clientObservedServerSideSessionID = observed }
        var options = CallOptions.defaults
        options.timeout = timeout
        options.waitForReady = false
        options.maxResponseMessageBytes = 1 << 30
        let service = Spark_Connect_SparkConnectService.Client(wrapping: client)
        let source = self.source
        let finalRequest = request
        do {
            return try await service.executePlan(finalRequest, options: options) { [self] response in
                var streams: [ArrowIPCStream] = []
                var bytes = 0
                var rows: Int64 = 0
                for try await message in response.messages {
                    if !message.serverSideSessionID.isEmpty {
                        serverSession.withLock { if $0 == nil { $0 = message.serverSideSessionID } }
                    }
                    guard case let .arrowBatch(batch)? = message.responseType else { continue }
                    if batch.hasNumChunksInBatch, batch.numChunksInBatch > 1 {
                        throw WarehouseError(.queryFailed, source: source, detail: "\(purpose): a chunked Arrow batch (not requested)",
                                             hint: "the server's spark.connect result chunking settings")
                    }
                    if batch.hasStartOffset, batch.startOffset != rows {
                        throw WarehouseError(.connectionLost, source: source,
                                             detail: "\(purpose): a batch starts at row \(batch.startOffset) after \(rows) rows",
                                             hint: "the server's logs; the result was discarded")
                    }
                    let stream: ArrowIPCStream
                    do {
                        stream = try ArrowIPCStreamReader.read([UInt8](batch.data))
                    } catch let error as ArrowIPCError {
                        throw WarehouseError(error.kind == .unsupported ? .wrongResultType : .queryFailed, source: source,
                                             detail: "\(purpose): the result's Arrow data: \(error)",
                                             hint: error.kind == .unsupported ? "the relation's column types" : "the server; the result was discarded")
                    }
                    guard Int64(stream.rowCount) == batch.rowCount else {
                        throw WarehouseError(.connectionLost, source: source,
                                             detail: "\(purpose): a batch declares \(batch.rowCount) rows and holds \(stream.rowCount)",
                                             hint: "the server's logs; the result was discarded")
                    }
                    rows += batch.rowCount
                    bytes += batch.data.count
                    streams.append(stream)
                }
                return (streams, bytes)
            }
        } catch let error as WarehouseError {
            throw error
        } catch {
            if !connecting, let rpc = error as? RPCError, rpc.code == .deadlineExceeded || rpc.code == .cancelled {
                interrupt(operationID)
            }
            throw SparkErrors.map(error, source: source, purpose: purpose, connecting: connecting)
        }
    }

    /// Asks the server to stop an operation (after a timeout), without waiting for the answer.
    func interrupt(_ operationID: String) {
        var request = Spark_Connect_InterruptRequest()
        request.sessionID = sessionID
        request.userContext.userID = userID
        request.clientType = Self.clientType
        request.interruptType = .operationID
        request.operationID = operationID
        var options = CallOptions.defaults
        options.timeout = .seconds(5)
        let service = Spark_Connect_SparkConnectService.Client(wrapping: client)
        let finalRequest = request
        Task { _ = try? await service.interrupt(finalRequest, options: options) }
    }
}
