import SalesWarehouse
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
}
