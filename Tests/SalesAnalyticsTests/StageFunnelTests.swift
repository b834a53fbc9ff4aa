import Foundation
import SalesAnalytics
import Testing
import SalesData
import SalesTestSupport

/// stage_funnel_reference.json: the same definitions computed with pandas/numpy
/// (Fixtures/stage_funnel_reference.py).
private struct StageReference: Decodable {
    struct Stage: Decodable {
        let name: String
        let entered: Int
        let advanced: Int
        let lost: Int
        let stillOpen: Int
        let medianDays: Double
        let p90Days: Double
    }
    struct Leak: Decodable {
        let column: String
        let value: String
        let deals: Int
        let won: Int
        let lost: Int
    }
    let stages: [Stage]
    let won: Int
    let deals: Int
    let leakage: [Leak]
}

@Suite("CRM stage funnel")
struct StageFunnelTests {
    private static func history(_ rows: [(String, String, Int64)]) throws -> Table {
        try Table(columns: [
            try TestSupport.category("opportunity_id", rows.map { $0.0 }),
            try TestSupport.category("stage", rows.map { $0.1 }),
            try Column(name: "entered_at", values: .timestamp(rows.map { $0.2 })),
        ])
    }

    @Test("datasets/: counts, days in stage and leakage equal the pandas reference")
    func datasetMatchesPandas() throws {
        let reference = try AnalyticsFixtures.decode(StageReference.self, fixture: "stage_funnel_reference.json")
        let history = try ContractReader.read(.stageHistory, file: PackageFiles.dataset("stage_history.csv")).table
        let opportunities = try ContractReader.read(.opportunities, file: PackageFiles.dataset("opportunities.csv")).table
        let report = try StageFunnel.run(history: history, opportunities: opportunities)
        #expect(report.deals == reference.deals)
        #expect(report.stages.last?.entered == reference.won)
        for (mine, theirs) in zip(report.stages, reference.stages) {
            #expect(mine.name == theirs.name)
            #expect(mine.entered == theirs.entered && mine.advanced == theirs.advanced, "\(mine.name)")
            #expect(mine.lost == theirs.lost && mine.stillOpen == theirs.stillOpen, "\(mine.name)")
            // Durations are whole seconds; both sides interpolate the same order statistics, so only
            // the division by 86,400 rounds (1e-12 relative).
            #expect(abs((mine.medianDays ?? -1) - theirs.medianDays) <= 1e-12 * theirs.medianDays)
            #expect(abs((mine.p90Days ?? -1) - theirs.p90Days) <= 1e-12 * theirs.p90Days)
        }
        for leak in reference.leakage {
            let mine = try #require(report.leakage.first { $0.column == leak.column && $0.value == leak.value })
            #expect(mine.deals == leak.deals && mine.won == leak.won && mine.lost == leak.lost, "\(leak.column)=\(leak.value)")
        }
        let mostLost = try #require(reference.stages.max { $0.lost < $1.lost })
        #expect(report.mostLossesStage == mostLost.name)
        let slowest = try #require(reference.stages.max { $0.medianDays < $1.medianDays })
        #expect(report.slowestStage == slowest.name)
    }

    @Test("hand-made deals: skipped stage, open deal, lost deal, out-of-order rows")
    func handMadeDeals() throws {
        let day: Int64 = 86_400
        let history = try Self.history([
            ("A", "qualification", 2 * day), ("A", "prospecting", 0),            // out of order in the file
            ("A", "negotiation", 5 * day), ("A", "closed_won", 6 * day),         // proposal skipped
            ("B", "prospecting", 0), ("B", "qualification", 4 * day), ("B", "closed_lost", 5 * day),
            ("C", "prospecting", 0), ("C", "qualification", 1 * day),            // still open
        ])
        let report = try StageFunnel.run(history: history, opportunities: nil)
        let stages = Dictionary(uniqueKeysWithValues: report.stages.map { ($0.name, $0) })
        #expect(stages["prospecting"]?.entered == 3)
        #expect(stages["prospecting"]?.advanced == 3)
        #expect(stages["qualification"]?.entered == 3)
        #expect(stages["qualification"]?.advanced == 1)
        #expect(stages["qualification"]?.lost == 1)
        #expect(stages["qualification"]?.stillOpen == 1)
        #expect(stages["proposal"]?.entered == 1)       // A passed it by skipping
        #expect(stages["closed_won"]?.entered == 1)
        // Prospecting durations: A 2 days, B 4 days, C 1 day → median 2.
        #expect(stages["prospecting"]?.medianDays == 2)
        #expect(report.mostLossesStage == "qualification")
        #expect(report.conversion.leads == 3 && report.conversion.won == 1)
    }

    @Test("an unknown stage name is an error listing the known stages; a mapping fixes it")
    func unknownStage() throws {
        let history = try Self.history([("A", "prospecting", 0), ("A", "Discovery", 10)])
        #expect {
            _ = try StageFunnel.run(history: history, opportunities: nil)
        } throws: { error in
            guard let error = error as? FunnelError, case let .unknownStage(name, id, known) = error else { return false }
            return name == "Discovery" && id == "A" && known.contains("qualification")
                && error.description.contains("known stages: prospecting, qualification")
        }
        var order = StageOrder.contract
        order.mapping = ["Discovery": "qualification"]
        let report = try StageFunnel.run(history: history, opportunities: nil, order: order)
        #expect(report.stages[1].entered == 1)
    }
}
