import Foundation
import SalesAnalytics
import SalesData
import SalesWarehouse
import Testing

/// datasets/events.csv in memory and in each engine, and the funnel equality check.
enum EventFixtures {
    static let path = WarehouseServers.packageRoot + "/datasets/events.csv"

    /// (user_id, event, timestamp as `YYYY-MM-DD HH:MM:SS` UTC) per row.
    static func rows() throws -> [[String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            var f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            f[2] = String(f[2].replacingOccurrences(of: "T", with: " ").prefix(19))
            return f
        }
    }

    static func text() throws -> String { try rows().map { $0.joined(separator: "\t") }.joined(separator: "\n") + "\n" }

    static let funnels: [([String], Int64)] = [
        (["visit", "signup", "trial", "purchase"], 7 * 86_400),
        (["visit", "trial"], 3_600),
        (["signup", "purchase"], 30 * 86_400),
    ]

    static func check(_ relation: WarehouseRelation, _ warehouse: any Warehouse) async throws {
        let read = try ContractReader.read(.events, file: path, mapping: [:], policy: .strict)
        let log = try EventLog.from(table: read.table)
        for (steps, window) in funnels {
            let memory = try EventFunnel.run(FunnelDefinition(steps: steps, windowSeconds: window), on: log).steps.map(\.users)
            let engine = try await FunnelPlan(relation: relation, steps: steps, windowSeconds: window).fetch(on: warehouse)
            #expect(engine == memory, "funnel \(steps) window \(window): engine \(engine), in memory \(memory)")
        }
    }
}
