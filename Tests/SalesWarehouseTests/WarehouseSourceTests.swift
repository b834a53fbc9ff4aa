@testable import SalesWarehouse
import Testing

struct WarehouseSourceTests {
    @Test func postgresURLWithEverything() throws {
        let s = try WarehouseSource.parse("postgres://ana%40crm:p%3Ass@db.internal:6543/sales?sslmode=require")
        #expect(s.engine == .postgres)
        #expect(s.user == "ana@crm")
        #expect(s.password == "p:ss")
        #expect(s.host == "db.internal")
        #expect(s.port == 6543)
        #expect(s.database == "sales")
        #expect(s.tls == .require)
        #expect(s.redacted == "postgres://ana@crm@db.internal:6543/sales")
    }

    @Test func environmentFillsWhatTheURLLeavesOut() throws {
        let env = ["PGHOST": "10.0.0.9", "PGPORT": "5433", "PGUSER": "etl", "PGPASSWORD": "secret", "PGDATABASE": "crm", "PGSSLMODE": "disable"]
        let s = try WarehouseSource.parse("postgres://", environment: env)
        #expect(s.host == "10.0.0.9" && s.port == 5433 && s.user == "etl" && s.password == "secret" && s.database == "crm")
        #expect(s.tls == .disable)
        let u = try WarehouseSource.parse("postgresql://me@h/db", environment: env)
        #expect(u.user == "me" && u.host == "h" && u.port == 5433 && u.database == "db" && u.password == "secret")
    }

    @Test func clickhouseDefaults() throws {
        let s = try WarehouseSource.parse("clickhouse://localhost")
        #expect(s.engine == .clickhouse && s.port == 8123 && s.user == "default" && s.database == nil)
        let v6 = try WarehouseSource.parse("clickhouse://u:p@[::1]:18123/db")
        #expect(v6.host == "::1" && v6.port == 18123 && v6.redacted == "clickhouse://u@[::1]:18123/db")
    }

    @Test(arguments: ["mysql://h/db", "postgres://h:99999/db", "orders.csv", "postgres://h/db?sslmode=maybe", "postgres://u:%zz@h/db"])
    func badSourcesAreTypedErrors(_ text: String) {
        #expect {
            try WarehouseSource.parse(text)
        } throws: { error in
            guard let e = error as? WarehouseError else { return false }
            return e.kind == .invalidSource && !e.description.contains("%zz@")
        }
    }

    @Test func passFileAsLibpqReadsIt() {
        let file = """
            # host:port:database:user:password
            db.internal:5432:sales:ana:first
            db.internal:*:*:ana:second
            *:*:*:*:fallback
            """
        #expect(PostgresPassFile.password(in: file, host: "db.internal", port: 5432, database: "sales", user: "ana") == "first")
        #expect(PostgresPassFile.password(in: file, host: "db.internal", port: 6543, database: "crm", user: "ana") == "second")
        #expect(PostgresPassFile.password(in: file, host: "other", port: 1, database: "x", user: "bob") == "fallback")
        #expect(PostgresPassFile.password(in: "h\\:x:1:d:u:p\\:w\\\\", host: "h:x", port: 1, database: "d", user: "u") == "p:w\\")
        #expect(PostgresPassFile.password(in: "h:1:d:u", host: "h", port: 1, database: "d", user: "u") == nil)
        // The URL's password wins; the database defaults to the user name as in libpq.
        let withPassword = WarehouseSource(engine: .postgres, host: "h", port: 1, user: "u", password: "url", database: nil, tls: .disable)
        #expect(withPassword.fillingPassword(fromPassFile: "*:*:*:*:file").password == "url")
        var without = withPassword
        without.password = nil
        #expect(without.fillingPassword(fromPassFile: "h:1:u:u:file").password == "file")
        #expect(without.fillingPassword(fromPassFile: "h:1:other:u:file").password == nil)
    }

    @Test func sslModesAsLibpq() throws {
        for (text, mode) in [("disable", WarehouseSource.TLSMode.disable), ("allow", .disable), ("prefer", .prefer),
                             ("require", .require), ("verify-ca", .verifyFull), ("verify-full", .verifyFull)] {
            #expect(try WarehouseSource.parse("postgres://u@h/db?sslmode=" + text).tls == mode, "\(text)")
        }
        let root = try WarehouseSource.parse("postgres://u@h/db", environment: ["PGSSLMODE": "verify-full", "PGSSLROOTCERT": "/ca.pem"])
        #expect(root.tls == .verifyFull && root.rootCertificate == "/ca.pem")
    }
}
