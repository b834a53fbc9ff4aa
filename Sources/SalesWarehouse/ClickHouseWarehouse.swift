import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A ClickHouse warehouse over its HTTP interface (port 8123 by default): each query is one POST
/// with `wait_end_of_query=1` (so an error never arrives after a partial body) and
/// `max_execution_time` set to the query timeout; results come back as `TabSeparated` text,
/// parsed here (`TabSeparatedParser`). Works with ClickHouse 18.16 and later.
public final class ClickHouseWarehouse: Warehouse {
    /// Always `.clickhouse`.
    public let dialect = SQLDialect.clickhouse
    /// The redacted source URL.
    public let source: String
    let endpoint: URL
    let authorization: String?
    let session: URLSession
    let queryTimeout: Duration

    /// Connects (checks the server answers `SELECT 1` within the connect timeout).
    /// - Parameters:
    ///   - source: A `.clickhouse` source.
    ///   - connectTimeout: For the check (default 10 s).
    ///   - queryTimeout: Per query (default 300 s).
    /// - Returns: The warehouse.
    /// - Throws: `WarehouseError` `.unreachable`, `.authentication`, `.missingRelation` (database).
    public static func connect(_ source: WarehouseSource, connectTimeout: Duration = .seconds(10),
                               queryTimeout: Duration = .seconds(300)) async throws -> ClickHouseWarehouse {
        var components = URLComponents()
        components.scheme = "http"
        components.host = source.host
        components.port = source.port
        components.path = "/"
        var items = [URLQueryItem(name: "wait_end_of_query", value: "1"),
                     URLQueryItem(name: "max_execution_time", value: "\(max(1, queryTimeout.components.seconds))")]
        if let database = source.database { items.append(URLQueryItem(name: "database", value: database)) }
        components.queryItems = items
        guard let url = components.url else {
            throw WarehouseError(.invalidSource, source: source.redacted, detail: "cannot form the HTTP URL", hint: "the host name")
        }
        var authorization: String?
        if source.user != "default" || source.password != nil {
            let token = Data("\(source.user):\(source.password ?? "")".utf8).base64EncodedString()
            authorization = "Basic " + token
        }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = Double(queryTimeout.components.seconds) + 5
        configuration.timeoutIntervalForResource = Double(queryTimeout.components.seconds) + 5
        // A 401 carries `WWW-Authenticate`; the delegate refuses the challenge so the request ends
        // at once (FoundationNetworking would otherwise wait on it) and maps to `.authentication`.
        let session = URLSession(configuration: configuration, delegate: RefuseChallenges(), delegateQueue: nil)
        let warehouse = ClickHouseWarehouse(source: source.redacted, endpoint: url, authorization: authorization,
                                            session: session, queryTimeout: queryTimeout)
        _ = try await withDeadline(connectTimeout, source: source.redacted, what: "connecting") {
            try await warehouse.post("SELECT 1", body: nil, purpose: "connection check", connecting: true)
        }
        return warehouse
    }

    init(source: String, endpoint: URL, authorization: String?, session: URLSession, queryTimeout: Duration) {
        self.source = source
        self.endpoint = endpoint
        self.authorization = authorization
        self.session = session
        self.queryTimeout = queryTimeout
    }

    /// Runs `query` (rendered for `.clickhouse`) and parses its TabSeparated rows.
    /// - Parameter query: The query.
    /// - Returns: The rows.
    /// - Throws: `WarehouseError`.
    public func run(_ query: WarehouseQuery) async throws -> WarehouseRows {
        precondition(query.dialect == .clickhouse, "a query rendered for \(query.dialect) run on ClickHouse")
        let body = try await withDeadline(queryTimeout + .seconds(2), source: source, what: query.purpose) { [self] in
            try await post(query.sql + " FORMAT TabSeparated", body: nil, purpose: query.purpose, connecting: false)
        }
        return try TabSeparatedParser.parse(body, columns: query.columns, purpose: query.purpose, source: source)
    }

    /// Runs a statement that returns nothing; `body` is sent after the statement (for
    /// `INSERT INTO t FORMAT TabSeparated` with the rows).
    /// - Parameters:
    ///   - sql: The statement.
    ///   - body: Rows for an INSERT, or nil.
    /// - Throws: `WarehouseError`.
    public func execute(_ sql: String, body: Data? = nil) async throws {
        _ = try await post(sql, body: body, purpose: sql.split(separator: " ").prefix(4).joined(separator: " "), connecting: false)
    }

    /// Nothing to close (HTTP).
    public func close() async { session.finishTasksAndInvalidate() }

    /// One POST: the statement in the URL's `query` parameter when a body follows, else as the body.
    func post(_ sql: String, body: Data?, purpose: String, connecting: Bool) async throws -> Data {
        var url = endpoint
        if body != nil, var components = URLComponents(url: endpoint, resolvingAgainstBaseURL: false) {
            components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "query", value: sql)]
            url = components.url ?? endpoint
        }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = body ?? Data(sql.utf8)
        if let authorization { request.setValue(authorization, forHTTPHeaderField: "Authorization") }
        let data: Data, response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
        } catch let error as URLError {
            switch error.code {
            case .userCancelledAuthentication, .userAuthenticationRequired, .cancelled:
                throw WarehouseError(.authentication, source: source, detail: "the server refused the credentials (HTTP 401)",
                                     hint: "the user name and password in the URL")
            case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet:
                throw WarehouseError(.unreachable, source: source, detail: "cannot connect: \(error.localizedDescription)",
                                     hint: "the host and HTTP port (8123), and that clickhouse-server is running")
            case .timedOut:
                throw WarehouseError(connecting ? .unreachable : .timeout, source: source,
                                     detail: "\(purpose): no answer in time", hint: "the server's load and --query-timeout")
            case .networkConnectionLost:
                throw WarehouseError(.connectionLost, source: source, detail: "\(purpose): the connection dropped",
                                     hint: "the server's logs; the result was discarded")
            default:
                throw WarehouseError(connecting ? .unreachable : .connectionLost, source: source,
                                     detail: "\(purpose): \(error.localizedDescription)", hint: "the server and the URL")
            }
        } catch {
            throw WarehouseError(connecting ? .unreachable : .connectionLost, source: source, detail: "\(purpose): \(error)",
                                 hint: "the server and the URL")
        }
        guard let http = response as? HTTPURLResponse else {
            throw WarehouseError(.queryFailed, source: source, detail: "\(purpose): not an HTTP response", hint: "the port")
        }
        guard http.statusCode == 200 else {
            throw ClickHouseErrors.map(status: http.statusCode, body: String(decoding: data.prefix(2000), as: UTF8.self),
                                       source: source, purpose: purpose)
        }
        return data
    }
}

/// Refuses HTTP authentication challenges (the credentials are sent up front).
final class RefuseChallenges: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        completionHandler(.cancelAuthenticationChallenge, nil)
    }
}

/// ClickHouse exception codes → `WarehouseError`.
enum ClickHouseErrors {
    static func map(status: Int, body: String, source: String, purpose: String) -> WarehouseError {
        var code = -1
        if let range = body.firstRange(of: "Code: ") {
            code = Int(body[range.upperBound...].prefix { $0.isNumber }) ?? -1
        }
        let message = body.split(separator: "\n").first.map(String.init) ?? "HTTP \(status)"
        let detail = "\(message) (\(purpose))"
        switch code {
        case 192, 193, 194, 516:
            return WarehouseError(.authentication, source: source, detail: message, hint: "the user name and password in the URL")
        case 60, 81:
            return WarehouseError(.missingRelation, source: source, detail: detail, hint: "--table (database.table) or the database in the URL")
        case 47, 10, 16:
            return WarehouseError(.missingColumn, source: source, detail: detail,
                                  hint: "--map contract_name=column for the relation's column names")
        case 6, 27, 38, 41, 43, 53, 69, 70, 72, 386:
            return WarehouseError(.wrongResultType, source: source, detail: detail,
                                  hint: "the column types: order_date must be a Date (or ISO text), amount numeric")
        case 159, 160:
            return WarehouseError(.timeout, source: source, detail: detail, hint: "--query-timeout")
        default:
            return WarehouseError(.queryFailed, source: source, detail: detail, hint: "the relation and the SQL of --query")
        }
    }
}
