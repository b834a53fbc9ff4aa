import Foundation
import SalesAnalytics
import Testing
import SalesData
import SalesTestSupport

/// sales_kpi_reference.json: pandas on datasets/ (Fixtures/sales_kpi_reference.py).
private struct KPIReference: Decodable {
    struct Rep: Decodable { let closed: Int; let won: Int; let wonAmount: Double }
    let closed: Int
    let won: Int
    let winRateByValue: Double
    let averageDealSize: Double
    let cycleMedian: Double
    let cycleMean: Double
    let cycleP90: Double
    let bookings: [String: Double]
    let attainment: [String: Double]
    let byRep: [String: Rep]
    let pipelineValue: Double
    let openDeals: Int
}

@Suite("Sales KPIs")
struct SalesKPIsTests {
    /// Sums of cents-rounded amounts in different orders: 1e-9 relative covers the rounding.
    static func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test("datasets/: win rates, cycle, bookings, attainment and pipeline equal the pandas reference")
    func datasetMatchesPandas() throws {
        let reference = try AnalyticsFixtures.decode(KPIReference.self, fixture: "sales_kpi_reference.json")
        let opportunities = try ContractReader.read(.opportunities, file: PackageFiles.dataset("opportunities.csv")).table
        let targets = try ContractReader.read(.targets, file: PackageFiles.dataset("targets.csv")).table
        let report = try SalesKPIs.run(opportunities: opportunities, targets: targets)
        #expect(report.overall.closed == reference.closed && report.overall.won == reference.won)
        #expect(Self.close(report.overall.byValue, reference.winRateByValue))
        #expect(Self.close(report.averageDealSize, reference.averageDealSize))
        #expect(report.salesCycle.medianDays == reference.cycleMedian)
        #expect(report.salesCycle.p90Days == reference.cycleP90)
        #expect(Self.close(report.salesCycle.meanDays, reference.cycleMean))
        #expect(report.pipeline.openDeals == reference.openDeals)
        #expect(Self.close(report.pipeline.value, reference.pipelineValue))
        for line in report.bookings where line.amount > 0 {
            #expect(Self.close(line.amount, reference.bookings[line.period] ?? -1), "\(line.period)")
        }
        #expect(report.bookings.filter { $0.amount > 0 }.count == reference.bookings.count)
        for (rep, expected) in reference.attainment {
            let mine = report.attainment.first { $0.rep == rep && $0.period == nil }
            #expect(Self.close(mine?.attainment, expected), "\(rep)")
        }
        for (rep, expected) in reference.byRep {
            let mine = try #require(report.leaderboard.first { $0.rep == rep })
            #expect(mine.rate.closed == expected.closed && mine.rate.won == expected.won)
            #expect(Self.close(mine.rate.wonAmount, expected.wonAmount))
        }
        #expect(report.issues.closeBeforeCreate.isEmpty)
    }

    /// A small hand-made opportunities table.
    static func deals(_ rows: [(id: String, rep: String, amount: Double, created: Int32, closed: Int32, won: Bool?)]) throws -> Table {
        try Table(columns: [
            try TestSupport.category("opportunity_id", rows.map(\.id)),
            try TestSupport.category("rep_id", rows.map(\.rep)),
            try Column(name: "amount", values: .double(rows.map(\.amount))),
            try Column(name: "created_date", values: .date(rows.map(\.created))),
            try Column(name: "close_date", values: .date(rows.map(\.closed))),
            try Column(name: "is_won", values: .boolean(rows.map { $0.won ?? false }), valid: rows.map { $0.won != nil }),
            try TestSupport.category("stage", rows.map { $0.won == nil ? "proposal" : ($0.won == true ? "closed_won" : "closed_lost") }),
        ])
    }

    @Test("close before create is reported, not a crash; a rep with a quota and no deals has zero attainment")
    func badInput() throws {
        let jan1 = Int32(CivilDate.days(year: 2024, month: 1, day: 1))
        let table = try Self.deals([
            ("A", "R1", 100, jan1, jan1 + 10, true),
            ("B", "R1", 300, jan1 + 20, jan1 + 5, false),   // closed before created
            ("C", "R1", 200, jan1, jan1 + 40, nil),
        ])
        let targets = try Table(columns: [
            try TestSupport.category("rep_id", ["R1", "R2"]),
            try TestSupport.category("period", ["2024-01", "2024-01"]),
            try Column(name: "quota", values: .double([400, 500])),
        ])
        let report = try SalesKPIs.run(opportunities: table, targets: targets, probabilities: [0.25, 0.5, 0.8])
        #expect(report.issues.closeBeforeCreate == ["B"])
        #expect(report.salesCycle.count == 1 && report.salesCycle.medianDays == 10)
        let r2 = try #require(report.attainment.first { $0.rep == "R2" && $0.period == nil })
        #expect(r2.booked == 0 && r2.attainment == 0)
        let r1 = try #require(report.attainment.first { $0.rep == "R1" && $0.period == "2024-01" })
        #expect(r1.attainment == 0.25)  // 100 booked of 400
        // Wins above expected: 1 won − (0.25 + 0.5) over R1's closed deals.
        let line = try #require(report.leaderboard.first { $0.rep == "R1" })
        #expect(line.expectedWins == 0.75 && line.winsAboveExpected == 0.25)
        #expect(report.leaderboard.contains { $0.rep == "R2" && $0.rate.closed == 0 })
        // Weighted pipeline uses the model's 0.8 for the open deal.
        #expect(report.pipeline.weightedValue == 160 && report.pipeline.weighting == "model")
        #expect(report.overall.byCount == 0.5 && report.overall.byValue == 0.25)
    }
}
