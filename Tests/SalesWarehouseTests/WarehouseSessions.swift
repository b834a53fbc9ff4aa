import SalesWarehouse
import Testing

extension WarehouseServers {
    /// Runs `body` on a fresh connection and closes it whether `body` returns or throws, so a
    /// failed check does not leave a connection (and its server session) open for the next tests.
    static func using<W: Warehouse>(_ connect: () async throws -> W,
                                    _ body: (W) async throws -> Void) async throws {
        let warehouse = try await connect()
        do {
            try await body(warehouse)
        } catch {
            await warehouse.close()
            throw error
        }
        await warehouse.close()
    }

    /// Connecting to port 1 of the server in `source` fails as `.unreachable` (not a hang, not
    /// another kind).
    static func expectClosedPortUnreachable<W: Warehouse>(_ source: WarehouseSource,
                                                          _ connect: (WarehouseSource) async throws -> W) async {
        var closed = source
        closed.port = 1
        await #expect { _ = try await connect(closed) } throws: { error in
            (error as? WarehouseError)?.kind == .unreachable
        }
    }
}
