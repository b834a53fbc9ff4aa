#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SalesAnalytics
@testable import SalesWarehouse
import Testing

/// Connection details against the real PostgreSQL of Tests/Warehouse/postgres.sh: the password
/// from the URL, the PG* environment variables or a .pgpass file; TLS (`ssl=on`, a self-signed
/// certificate made by the script) with sslmode=require and verify-full; and the failures that
/// must end in a typed error, never a hang or a partial result — a backend terminated while its
/// rows stream, a server that accepts the connection and never answers.
@Suite("PostgreSQL connections", .serialized, .enabled(if: WarehouseServers.postgresEnabled, "no PostgreSQL: run Tests/Warehouse/postgres.sh start or set SALESKIT_PG_URL (SALESKIT_SKIP_WAREHOUSE=1 skips on purpose)"))
struct PostgresConnectionTests {
    /// `SELECT ssl FROM pg_stat_ssl` for this connection: 1 when it is encrypted.
    static func usesTLS(_ warehouse: PostgresWarehouse) async throws -> Bool {
        let query = WarehouseQuery(dialect: .postgres, sql: "SELECT CAST(ssl AS INTEGER) AS ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                                   parameters: [], columns: [.init("ssl", .integer)], purpose: "TLS check")
        return try await warehouse.run(query).integers(0) == [1]
    }

    @Test func environmentVariablesFillTheURL() async throws {
        let server = try WarehouseServers.postgresSource()
        let environment = ["PGHOST": server.host, "PGPORT": "\(server.port)", "PGUSER": server.user,
                           "PGPASSWORD": server.password ?? "", "PGDATABASE": server.database ?? "", "PGSSLMODE": "require"]
        let source = try WarehouseSource.parse("postgres://", environment: environment)
        #expect(source.host == server.host && source.port == server.port && source.user == server.user)
        #expect(source.tls == .require)
        let warehouse = try await PostgresWarehouse.connect(source)
        #expect(try await Self.usesTLS(warehouse))
        await warehouse.close()
    }

    @Test func passwordFromAPassFile() async throws {
        let server = try WarehouseServers.postgresSource()
        var source = server
        source.password = nil
        let passFile = """
            # comment line
            otherhost:*:*:*:wrong
            \(server.host):\(server.port):\(server.database ?? "*"):\(server.user):\(server.password ?? "")
            *:*:*:*:also-wrong
            """
        let filled = source.fillingPassword(fromPassFile: passFile)
        #expect(filled.password == server.password)
        let warehouse = try await PostgresWarehouse.connect(filled)
        await warehouse.close()
        // Without the password the server refuses: an authentication error, not a hang.
        await #expect { try await PostgresWarehouse.connect(source, connectTimeout: .seconds(5)) } throws: { error in
            (error as? WarehouseError)?.kind == .authentication
        }
    }

    @Test func tlsModes() async throws {
        var source = try WarehouseServers.postgresSource()
        for (mode, encrypted) in [(WarehouseSource.TLSMode.disable, false), (.prefer, true), (.require, true)] {
            source.tls = mode
            let warehouse = try await PostgresWarehouse.connect(source)
            #expect(try await Self.usesTLS(warehouse) == encrypted, "\(mode)")
            await warehouse.close()
        }
        // verify-full: the self-signed certificate is refused against the system roots and accepted
        // as its own root.
        source.tls = .verifyFull
        await #expect { try await PostgresWarehouse.connect(source, connectTimeout: .seconds(5)) } throws: { error in
            error is WarehouseError
        }
        let certificate = WarehouseServers.packageRoot + "/.build/warehouse/postgres/server.crt"
        if FileManager.default.fileExists(atPath: certificate) {
            source.rootCertificate = certificate
            let warehouse = try await PostgresWarehouse.connect(source)
            #expect(try await Self.usesTLS(warehouse))
            await warehouse.close()
        }
        let parsed = try WarehouseSource.parse("postgres://u@h/db?sslmode=verify-full&sslrootcert=/tmp/ca.pem")
        #expect(parsed.tls == .verifyFull && parsed.rootCertificate == "/tmp/ca.pem")
    }

    @Test func backendTerminatedWhileRowsStreamIsAConnectionLoss() async throws {
        let source = try WarehouseServers.postgresSource()
        let warehouse = try await PostgresWarehouse.connect(source)
        let killer = try await PostgresWarehouse.connect(source)
        let marker = "sk_stream_\(UInt32.random(in: 0...UInt32.max))"
        let query = WarehouseQuery(dialect: .postgres, sql: "SELECT CAST(g AS TEXT) AS \(marker) FROM generate_series(1, 50000000) AS g",
                                   parameters: [], columns: [.init(marker, .text)], purpose: "a long stream")
        let stream = Task { try await warehouse.run(query) }
        // Terminate the streaming backend from the second connection once rows flow.
        let terminate = WarehouseQuery(
            dialect: .postgres,
            sql: "SELECT CAST(count(pg_terminate_backend(pid)) AS BIGINT) AS n FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()",
            parameters: [.text("%AS \(marker) FROM%")], columns: [.init("n", .integer)], purpose: "terminate")
        var terminated = false
        for _ in 0..<100 where !terminated {
            try await Task.sleep(for: .milliseconds(300))
            terminated = try await killer.run(terminate).integers(0).first ?? 0 > 0
        }
        #expect(terminated)
        let outcome = await stream.result
        switch outcome {
        case .success(let rows): Issue.record("a terminated stream returned \(rows.count) rows as a result")
        case .failure(let error): #expect((error as? WarehouseError)?.kind == .connectionLost, "\(error)")
        }
        await killer.close()
        await warehouse.close()
    }

    @Test func serverThatNeverAnswersTimesOut() async throws {
        let silent = try SilentServer()
        var source = try WarehouseServers.postgresSource()
        source.port = silent.port
        let start = ContinuousClock.now
        await #expect { try await PostgresWarehouse.connect(source, connectTimeout: .seconds(2)) } throws: { error in
            [.unreachable, .timeout].contains((error as? WarehouseError)?.kind)
        }
        #expect(ContinuousClock.now - start < .seconds(10))
        silent.close()
    }
}

/// A TCP listener on 127.0.0.1 that never accepts: the kernel completes the handshake, nothing
/// is ever said — a server that hangs.
final class SilentServer: Sendable {
    let descriptor: Int32
    let port: Int

    struct Failure: Error { let call: String }

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(call: "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { Glibc.close(fd); throw Failure(call: "bind/listen") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { Glibc.close(fd); throw Failure(call: "getsockname") }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { Glibc.close(descriptor) }
}
