import Foundation
import SalesAnalytics
import SalesNumerics
import Testing
import SalesData
import SalesTestSupport

/// funnel_reference.json: levels and counts from ClickHouse 26.9's own `windowFunnel` (via chdb),
/// made by Fixtures/funnel_reference.py.
struct FunnelReference: Decodable {
    struct Case: Decodable {
        struct Event: Decodable { let user: String; let event: String; let ts: Int64 }
        let name: String
        let steps: [String]
        let window: Int64
        let events: [Event]
        let levels: [String: [String: Int]]
    }
    let steps: [String]
    let windowSeconds: Int64
    let cases: [Case]
}

struct DatasetCounts: Decodable {
    struct Counts: Decodable {
        let `default`: [Int]
        let strict_order: [Int]
        let strict_increase: [Int]
        let strict_deduplication: [Int]
        let totalUsers: Int
    }
    let dataset: Counts
}

private let modes: [(String, FunnelMode)] = [
    ("default", .default), ("strict_order", .strictOrder),
    ("strict_increase", .strictIncrease), ("strict_deduplication", .strictDeduplication),
]

@Suite("Event funnel (ClickHouse windowFunnel semantics)")
struct EventFunnelTests {
    static let reference: FunnelReference? = try? AnalyticsFixtures.decode(FunnelReference.self, fixture: "funnel_reference.json")

    @Test("datasets/events.csv: users per step equal ClickHouse's for every mode")
    func datasetCountsMatchClickHouse() throws {
        let counts = try AnalyticsFixtures.decode(DatasetCounts.self, fixture: "funnel_reference.json").dataset
        let table = try ContractReader.read(.events, file: PackageFiles.dataset("events.csv")).table
        let log = try EventLog.from(table: table)
        let expected: [String: [Int]] = ["default": counts.default, "strict_order": counts.strict_order,
                                         "strict_increase": counts.strict_increase,
                                         "strict_deduplication": counts.strict_deduplication]
        for (name, mode) in modes {
            let definition = FunnelDefinition(steps: ["visit", "signup", "trial", "purchase"],
                                              windowSeconds: 7 * 86_400, mode: mode)
            let result = try EventFunnel.run(definition, on: log)
            #expect(result.steps.map(\.users) == expected[name], "mode \(name)")
            #expect(result.totalUsers == counts.totalUsers)
        }
    }

    @Test("hand-made edge cases: each user's level equals ClickHouse's, in every mode")
    func edgeCasesMatchClickHouse() throws {
        let reference = try #require(Self.reference)
        for testCase in reference.cases {
            for (name, mode) in modes {
                let expected = try #require(testCase.levels[name])
                let rows = testCase.events.map { ($0.user, $0.event, $0.ts) }
                let log = try TestSupport.eventLog(rows)
                let definition = FunnelDefinition(steps: testCase.steps, windowSeconds: testCase.window, mode: mode)
                let levels = try EventFunnel.userLevels(definition, on: log)
                for (user, level) in expected {
                    let code = try #require(log.userIDs.firstIndex(of: user))
                    #expect(levels[code] == level, "\(testCase.name) / \(name) / \(user)")
                }
            }
        }
    }

    @Test("time to convert along the credited chain; per-step windows; exclusion; breakdown sums to the total")
    func extensions() throws {
        // u1: a(0) b(60) c(160); u2: a(0) b(500) c(520); u3: a(0) x(30) b(60); u4: b(0) only.
        let rows: [(String, String, Int64)] = [
            ("u1", "a", 0), ("u1", "b", 60), ("u1", "c", 160),
            ("u2", "a", 0), ("u2", "b", 500), ("u2", "c", 520),
            ("u3", "a", 0), ("u3", "x", 30), ("u3", "b", 60),
            ("u4", "b", 0),
        ]
        let log = try TestSupport.eventLog(rows, properties: ["plan": ["pro", "pro", "pro", "free", "free", "free", nil, nil, nil, "free"]])
        let plain = try EventFunnel.run(FunnelDefinition(steps: ["a", "b", "c"], windowSeconds: 1000), on: log)
        #expect(plain.steps.map(\.users) == [3, 3, 2])
        #expect(plain.totalUsers == 4 && plain.levelCounts == [1, 0, 1, 2])
        // a→b: 60, 500, 60 → median 60; b→c: 100, 20; a→c: 160, 520.
        #expect(plain.steps[1].secondsFromPrevious.sortedSeconds == [60, 60, 500])
        #expect(plain.steps[2].secondsFromPrevious.sortedSeconds == [20, 100])
        #expect(plain.steps[2].secondsFromFirst.sortedSeconds == [160, 520])
        #expect(plain.steps[2].secondsFromPrevious.median == 60)   // type 7 between 20 and 100
        #expect(plain.steps[1].conversionFromPrevious == 1 && plain.steps[2].dropOff == 1)

        // A per-step window of 100 s from a to b drops u2 at step b.
        let stepWindows = try EventFunnel.run(FunnelDefinition(steps: ["a", "b", "c"], windowSeconds: 1000,
                                                               stepWindowSeconds: [nil, 100, nil]), on: log)
        #expect(stepWindows.steps.map(\.users) == [3, 2, 1])

        // Excluding "x" between steps a and b removes u3 from every count.
        let excluded = try EventFunnel.run(FunnelDefinition(steps: ["a", "b", "c"], windowSeconds: 1000,
                                                            exclusion: FunnelExclusion(event: "x", fromStep: 0, toStep: 1)), on: log)
        #expect(excluded.excludedUsers == 1)
        #expect(excluded.steps.map(\.users) == [2, 2, 2])

        // Breakdown by the user's first-event property: pro (u1), free (u2, u4), none (u3).
        let property = try #require(log.properties["plan"])
        let broken = try EventFunnel.run(FunnelDefinition(steps: ["a", "b", "c"], windowSeconds: 1000), on: log, breakdown: property)
        let byValue = Dictionary(uniqueKeysWithValues: broken.breakdown.map { ($0.value ?? "(none)", $0.steps.map(\.users)) })
        #expect(byValue["pro"] == [1, 1, 1] && byValue["free"] == [1, 1, 1] && byValue["(none)"] == [1, 1, 0])
        for k in 0..<3 { #expect(broken.breakdown.reduce(0) { $0 + $1.steps[k].users } == broken.steps[k].users) }

        // The same breakdown from a user attribute table (first row per user wins; u9 is unknown).
        let attributes = try Table(columns: [
            try TestSupport.category("user_id", ["u1", "u2", "u4", "u2", "u9"]),
            try TestSupport.category("plan", ["pro", "free", "free", "pro", "pro"]),
        ])
        let joined = UserProperty.joined(to: log, userIDs: try attributes.categories("user_id"), values: try attributes.categories("plan"))
        let fromTable = try EventFunnel.run(FunnelDefinition(steps: ["a", "b", "c"], windowSeconds: 1000), on: log, breakdown: joined)
        #expect(fromTable.breakdown == broken.breakdown)

        // A step that no event has: nobody reaches it, and it is named for a warning.
        let typo = try EventFunnel.run(FunnelDefinition(steps: ["a", "purchse"], windowSeconds: 1000), on: log)
        #expect(typo.steps[1].users == 0 && typo.absentEvents == ["purchse"])
        #expect(throws: FunnelError.invalidStepCount(count: 0, maximum: 32)) {
            _ = try EventFunnel.run(FunnelDefinition(steps: [], windowSeconds: 10), on: log)
        }
        #expect(throws: FunnelError.invalidWindow(seconds: -1, step: nil)) {
            _ = try EventFunnel.run(FunnelDefinition(steps: ["a"], windowSeconds: -1), on: log)
        }
    }

    @Test("the parallel build and scan equal the single-threaded ones (seeded random logs)")
    func parallelEqualsSerial() throws {
        var generator = SeededGenerator(seed: 7)
        var rows: [(String, String, Int64)] = []
        let names = ["a", "b", "c", "x"]
        for _ in 0..<140_000 {
            rows.append(("u\(generator.nextInt(below: 6000))", names[generator.nextInt(below: 4)], Int64(generator.nextInt(below: 5000))))
        }
        let table = try Table(columns: [
            try TestSupport.category("user_id", rows.map { $0.0 }),
            try TestSupport.category("event", rows.map { $0.1 }),
            try Column(name: "timestamp", values: .timestamp(rows.map { $0.2 })),
        ])
        let serial = try Parallelism.withWorkers(1) { try EventLog.from(table: table) }
        let parallel = try Parallelism.withWorkers(2) { try EventLog.from(table: table) }
        #expect(serial.timestamps == parallel.timestamps && serial.eventCodes == parallel.eventCodes)
        for mode in modes.map(\.1) {
            let definition = FunnelDefinition(steps: ["a", "b", "c"], windowSeconds: 800, mode: mode)
            let one = try Parallelism.withWorkers(1) { try EventFunnel.run(definition, on: serial) }
            let two = try Parallelism.withWorkers(2) { try EventFunnel.run(definition, on: parallel) }
            #expect(one == two)
            let levels = try EventFunnel.userLevels(definition, on: serial)
            #expect((1...3).map { k in levels.filter { $0 >= k }.count } == one.steps.map(\.users))
        }
    }
}
