import Foundation
import SalesAnalytics
import SalesData
import SalesTestSupport
import Testing

/// The worked-examples article (Sources/SalesAnalytics/Documentation.docc/WorkedExamples.md) cannot
/// drift from code that compiles: its Swift blocks appear verbatim in WorkedExamples.swift, compiled
/// with this target, and the functions run on the bundled datasets/.
@Suite("DocC worked examples")
struct WorkedExamplesTests {
    /// The contents of every ```swift fenced block of the article, in order.
    static func swiftBlocks() throws -> [String] {
        try PackageFiles.swiftBlocks(ofArticle: "Sources/SalesAnalytics/Documentation.docc/WorkedExamples.md")
    }

    static func date(_ iso: String) throws -> Date { try #require(Day(iso: iso)).date() }

    @Test func articleCodeIsTheCompiledCode() throws {
        let blocks = try Self.swiftBlocks()
        #expect(blocks.count == 5, "one block each: CLV, cohorts, funnel, win model, forecast")
        let compiled = try String(contentsOf: PackageFiles.root.appendingPathComponent(
            "Tests/SalesAnalyticsTests/WorkedExamples.swift"), encoding: .utf8)
        for block in blocks {
            #expect(compiled.contains(block), "not verbatim in WorkedExamples.swift:\n\(block)")
        }
    }

    @Test func clv() throws {
        let top = try topCustomersByCLV(ordersPath: PackageFiles.dataset("orders.csv"),
                                        calibrationEnd: try Self.date("2024-06-30"), count: 10)
        #expect(top.count == 10)
        #expect(zip(top, top.dropFirst()).allSatisfy { ($0.clv ?? 0) >= ($1.clv ?? 0) })
        #expect(top.allSatisfy { $0.pAlive >= 0 && $0.pAlive <= 1 })
    }

    @Test func cohorts() throws {
        let rows = try thirdMonthRetention(ordersPath: PackageFiles.dataset("orders.csv"))
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.retention >= 0 && $0.retention <= 1 && $0.customers > 0 })
    }

    @Test func funnel() throws {
        let steps = try signupFunnel(eventsPath: PackageFiles.dataset("events.csv"))
        #expect(steps.map(\.step) == ["visit", "signup", "trial", "purchase"])
        #expect(zip(steps, steps.dropFirst()).allSatisfy { $0.users >= $1.users })
        #expect(steps.first?.conversion == 1)
    }

    @Test func winModel() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("worked-example-\(UUID()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let scores = try scoreOpenDeals(opportunitiesPath: PackageFiles.dataset("opportunities.csv"), modelPath: path)
        #expect(scores.count == 127)  // datasets/README.md: 127 open deals
        #expect(scores.allSatisfy { $0.probability > 0 && $0.probability < 1 })
        #expect(zip(scores, scores.dropFirst()).allSatisfy { $0.probability >= $1.probability })
    }

    @Test func forecast() throws {
        let f = try nextQuarterRevenue(ordersPath: PackageFiles.dataset("orders.csv"),
                                       opportunitiesPath: PackageFiles.dataset("opportunities.csv"),
                                       asOf: try Self.date("2024-12-31"))
        #expect(f.periods == ["2025-01", "2025-02", "2025-03"])
        #expect(f.kind == .ordersAndDeals && f.components.count == 3)
        let quota = try #require(f.quota)
        #expect(quota.quota <= quota.expected * 1.5 && quota.periods == ["2025-01"])
    }
}
