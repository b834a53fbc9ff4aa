import Foundation
import SalesAnalytics
import Testing

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
    static let reference: FunnelReference? = try? JSONDecoder().decode(
        FunnelReference.self, from: TestSupport.fixture("funnel_reference.json"))

    @Test("datasets/events.csv: users per step equal ClickHouse's for every mode")
    func datasetCountsMatchClickHouse() throws {
        let counts = try JSONDecoder().decode(DatasetCounts.self, from: try TestSupport.fixture("funnel_reference.json")).dataset
        let table = try PipelineFiles.read(TestSupport.dataset("events.csv"), schema: PipelineFiles.eventsSchema()).table
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
}
