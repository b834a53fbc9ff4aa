/// Where a warehouse is: an engine, an address, credentials and a database, parsed from a URL
/// — `postgres://user:pass@host:5432/db?sslmode=require`, `clickhouse://user:pass@host:8123/db`,
/// `spark://host:15002` (Spark Connect; `sc://` too) — with PostgreSQL's standard `PG*`
/// environment variables filling what the URL leaves out (`PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`).
public struct WarehouseSource: Sendable, Equatable {
    /// The engine kind.
    public enum Engine: String, Sendable, Equatable {
        /// PostgreSQL (wire protocol, PostgresNIO).
        case postgres
        /// ClickHouse (HTTP interface).
        case clickhouse
        /// Spark (Spark Connect over gRPC).
        case spark
    }

    /// TLS use for PostgreSQL (`sslmode`, as libpq: `require` encrypts without checking the
    /// certificate; `verify-ca`/`verify-full` check it against `sslrootcert` or the system roots).
    public enum TLSMode: String, Sendable, Equatable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it (certificate not checked).
        case prefer
        /// TLS or fail (certificate not checked).
        case require
        /// TLS with the certificate chain and host name checked.
        case verifyFull = "verify-full"
    }

    /// The engine.
    public var engine: Engine
    /// Host name or address.
    public var host: String
    /// Port.
    public var port: Int
    /// User name.
    public var user: String
    /// Password, if any.
    public var password: String?
    /// Database; nil: the engine's default.
    public var database: String?
    /// TLS mode (PostgreSQL).
    public var tls: TLSMode
    /// PEM file of the certificate authorities for `verify-full` (`sslrootcert`, `PGSSLROOTCERT`);
    /// nil: the system's roots.
    public var rootCertificate: String? = nil

    /// Parses a source URL.
    /// - Parameters:
    ///   - text: `postgres://…`, `postgresql://…`, `clickhouse://…` or `spark://…` (`sc://…`).
    ///   - environment: The process environment (for the `PG*` variables); the caller passes it,
    ///     so nothing here reads the environment itself.
    /// - Returns: The source.
    /// - Throws: `WarehouseError` `.invalidSource` naming the part that cannot be used.
    public static func parse(_ text: String, environment: [String: String] = [:]) throws -> WarehouseSource {
        func invalid(_ detail: String) -> WarehouseError {
            WarehouseError(.invalidSource, source: redact(text), detail: detail,
                           hint: "the form postgres://user:password@host:5432/database, clickhouse://user@host:8123/database or spark://host:15002")
        }
        guard let schemeEnd = text.firstRange(of: "://") else { throw invalid("no scheme (postgres://, clickhouse:// or spark://)") }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        let engine: Engine
        switch scheme {
        case "postgres", "postgresql": engine = .postgres
        case "clickhouse", "ch": engine = .clickhouse
        case "spark", "sc": engine = .spark
        default: throw invalid("unknown scheme \"\(scheme)\" (postgres, clickhouse, spark)")
        }
        var rest = Substring(text[schemeEnd.upperBound...])
        var query: Substring = ""
        if let q = rest.firstIndex(of: "?") { query = rest[rest.index(after: q)...]; rest = rest[..<q] }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") { path = rest[rest.index(after: slash)...]; rest = rest[..<slash] }
        var userInfo: Substring?
        if let at = rest.lastIndex(of: "@") { userInfo = rest[..<at]; rest = rest[rest.index(after: at)...] }
        var hostText = rest, portText: Substring?
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            hostText = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() }
        } else if let colon = rest.lastIndex(of: ":") {
            hostText = rest[..<colon]; portText = rest[rest.index(after: colon)...]
        }
        var user: String?, password: String?
        if let userInfo {
            if let colon = userInfo.firstIndex(of: ":") {
                user = try decode(userInfo[..<colon], invalid)
                password = try decode(userInfo[userInfo.index(after: colon)...], invalid)
            } else {
                user = try decode(userInfo, invalid)
            }
        }
        var options: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            options[String(parts[0])] = parts.count > 1 ? try decode(parts[1], invalid) : ""
        }
        let pg = engine == .postgres
        let host = !hostText.isEmpty ? try decode(hostText, invalid) : (pg ? environment["PGHOST"] : nil) ?? "127.0.0.1"
        let defaultPort = pg ? 5432 : engine == .spark ? 15002 : 8123
        let portString = portText.map(String.init) ?? (pg ? environment["PGPORT"] : nil)
        var port = defaultPort
        if let portString, !portString.isEmpty {
            guard let p = Int(portString), (1...65535).contains(p) else { throw invalid("port \"\(portString)\" is not 1…65535") }
            port = p
        }
        let database = !path.isEmpty ? try decode(path, invalid) : (pg ? environment["PGDATABASE"] : nil)
        let tlsText = options["sslmode"] ?? (pg ? environment["PGSSLMODE"] : nil) ?? "prefer"
        let tls: TLSMode
        switch tlsText {
        case "disable", "allow": tls = .disable
        case "prefer": tls = .prefer
        case "require": tls = .require
        case "verify-ca", "verify-full": tls = .verifyFull
        default: throw invalid("sslmode \"\(tlsText)\" (disable, allow, prefer, require, verify-ca, verify-full)")
        }
        return WarehouseSource(
            engine: engine, host: host, port: port,
            user: user ?? (pg ? environment["PGUSER"] ?? environment["USER"] : nil) ?? (pg ? "postgres" : "default"),
            password: password ?? (pg ? environment["PGPASSWORD"] : nil), database: database, tls: tls,
            rootCertificate: options["sslrootcert"] ?? (pg ? environment["PGSSLROOTCERT"] : nil))
    }

    /// The URL without the password: `postgres://analyst@db:5432/crm`.
    public var redacted: String {
        let scheme = engine.rawValue
        let address = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(user)@\(address):\(port)" + (database.map { "/" + $0 } ?? "")
    }

    /// `text` with any password between `:` and `@` replaced by `***`.
    static func redact(_ text: String) -> String {
        guard let schemeEnd = text.firstRange(of: "://"), let at = text[schemeEnd.upperBound...].lastIndex(of: "@") else { return text }
        let info = text[schemeEnd.upperBound..<at]
        guard let colon = info.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }

    /// Percent-decoding.
    static func decode(_ text: Substring, _ invalid: (String) -> WarehouseError) throws -> String {
        var bytes: [UInt8] = []
        var i = text.utf8.startIndex
        let utf8 = text.utf8
        while i < utf8.endIndex {
            let b = utf8[i]
            if b == UInt8(ascii: "%") {
                let h1 = utf8.index(after: i)
                guard h1 < utf8.endIndex, utf8.index(after: h1) < utf8.endIndex,
                      let hi = hex(utf8[h1]), let lo = hex(utf8[utf8.index(after: h1)]) else {
                    throw invalid("bad percent escape in \"\(text)\"")
                }
                bytes.append(hi << 4 | lo)
                i = utf8.index(h1, offsetBy: 2)
            } else {
                bytes.append(b)
                i = utf8.index(after: i)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
