import Foundation
import SalesAnalytics
import SalesData
import SalesNumerics
import SalesWarehouse
import Testing

/// datasets/events.csv in memory and in each engine, and the funnel equality check.
enum EventFixtures {
    static let path = WarehouseServers.packageRoot + "/datasets/events.csv"

    /// (user_id, event, timestamp as `YYYY-MM-DD HH:MM:SS` UTC) per row.
    static func rows(_ file: String = path) throws -> [[String]] {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            var f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            f[2] = String(f[2].replacingOccurrences(of: "T", with: " ").prefix(19))
            return f
        }
    }

    static func text(_ file: String = path) throws -> String {
        try rows(file).map { $0.joined(separator: "\t") }.joined(separator: "\n") + "\n"
    }

    /// A seeded events file for the strict-order checks (written once per process to a temporary
    /// directory): 1500 users with 1–12 events each of visit, signup, trial, purchase and a non-funnel
    /// `help`, on a 10-minute grid — ties at one second, steps out of order, repeats, restarts, and
    /// chains ending exactly on the window.
    static let randomPath: String = {
        var rng = SeededGenerator(seed: 18)
        let names = ["visit", "signup", "trial", "purchase", "help"]
        var lines = ["user_id,event,timestamp"]
        for user in 1...1500 {
            let base = 1_700_000_000 + Int.random(in: 0..<1_000, using: &rng) * 86_400
            for _ in 0..<Int.random(in: 1...12, using: &rng) {
                let t = base + Int.random(in: 0...20, using: &rng) * 600
                let day = t / 86_400, second = t % 86_400
                let stamp = CivilDate.isoString(fromDays: day) + "T" + [second / 3600, second / 60 % 60, second % 60]
                    .map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":") + "Z"
                lines.append("R\(user),\(names[Int.random(in: 0..<names.count, using: &rng)]),\(stamp)")
            }
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("saleskit-strict-events-\(getpid()).csv").path
        FileManager.default.createFile(atPath: file, contents: Data((lines.joined(separator: "\n") + "\n").utf8))
        return file
    }()

    static let funnels: [([String], Int64)] = [
        (["visit", "signup", "trial", "purchase"], 7 * 86_400),
        (["visit", "trial"], 3_600),
        (["signup", "purchase"], 30 * 86_400),
    ]

    /// Funnels for the seeded file: windows on the 10-minute grid (chains ending exactly on the
    /// window), a step repeated, a step named twice.
    static let randomFunnels: [([String], Int64)] = [
        (["visit", "signup", "trial", "purchase"], 3_600),
        (["visit", "trial"], 1_800),
        (["signup", "visit", "signup"], 7_200),
        (["visit", "signup", "trial"], 0),
        (["trial", "purchase", "help", "visit"], 12_000),
    ]

    /// Every funnel of `funnels` in both modes: the engine's step counts equal the in-memory ones.
    static func check(_ relation: WarehouseRelation, _ warehouse: any Warehouse, file: String = path,
                      funnels: [([String], Int64)] = funnels) async throws {
        let read = try ContractReader.read(.events, file: file, mapping: [:], policy: .strict)
        let log = try EventLog.from(table: read.table)
        for (steps, window) in funnels {
            for (mode, engineMode) in [(FunnelMode.default, FunnelPlan.Mode.default), (.strictOrder, .strictOrder)] {
                let definition = FunnelDefinition(steps: steps, windowSeconds: window, mode: mode)
                let memory = try EventFunnel.run(definition, on: log).steps.map(\.users)
                let engine = try await FunnelPlan(relation: relation, steps: steps, windowSeconds: window, mode: engineMode)
                    .fetch(on: warehouse)
                #expect(engine == memory, "funnel \(steps) window \(window) \(engineMode): engine \(engine), in memory \(memory)")
            }
        }
    }
}
