import Testing
@testable import SalesAnalytics
import SalesData
import SalesTestSupport

/// The pipeline forecast on a hand-made case whose expectation is computed by hand, and the
/// simulation's reproducibility and agreement with the analytic mean.
@Suite struct PipelineForecastTests {
    // As-of 2024-01-31; forecast months 2024-02 (29 days) and 2024-03.
    static let asOf = isoDay("2024-01-31")

    /// Four closed deals with cycles 10, 20, 40, 70 days (2 won), two open deals.
    static var deals: [OpportunityRecord] {
        let created = isoDay("2023-10-01")
        func closed(_ id: String, cycle: Int, won: Bool) -> OpportunityRecord {
            OpportunityRecord(id: id, amount: 1, createdDay: created, closeDay: created + cycle,
                              stage: won ? "closed_won" : "closed_lost", isWon: won)
        }
        return [
            closed("C1", cycle: 10, won: true), closed("C2", cycle: 20, won: false),
            closed("C3", cycle: 40, won: true), closed("C4", cycle: 70, won: false),
            // Open: age 5 at qualification; age 30 at negotiation (expected close dates far away).
            OpportunityRecord(id: "O1", amount: 1000, createdDay: asOf - 5, closeDay: asOf + 200, stage: "qualification", isWon: nil),
            OpportunityRecord(id: "O2", amount: 500, createdDay: asOf - 30, closeDay: asOf + 3, stage: "negotiation", isWon: nil),
        ]
    }

    static var history: [StageEntry] {
        let d = isoDay("2023-10-01")
        let all = ["prospecting", "qualification", "proposal", "negotiation"]
        var out: [StageEntry] = []
        for s in all { out.append(.init(opportunityID: "C1", stage: s, enteredDay: d)) }
        out.append(.init(opportunityID: "C2", stage: "prospecting", enteredDay: d))
        for s in all { out.append(.init(opportunityID: "C3", stage: s, enteredDay: d)) }
        for s in all.prefix(2) { out.append(.init(opportunityID: "C4", stage: s, enteredDay: d)) }
        out.append(.init(opportunityID: "C4", stage: "closed_lost", enteredDay: d + 70))
        return out
    }

    static func options(paths: Int = 20_000, seed: UInt64 = 7, timing: CloseTimingModel.Mode = .cycleSurvival) -> PipelineForecastOptions {
        PipelineForecastOptions(horizon: 2, paths: paths, seed: seed, timing: timing, minimumSupport: 1)
    }

    @Test func stageRatesFromHistory() throws {
        let rates = try StageWinRates.learn(from: Self.deals, stageHistory: Self.history, asOf: Self.asOf)
        // By hand: prospecting 2/4, qualification 2/3 (C1, C3, C4), proposal 2/2, negotiation 2/2.
        #expect(rates.overall == 0.5)
        #expect(rates.rate(for: "prospecting") == 0.5)
        #expect(abs(rates.rate(for: "qualification") - 2.0 / 3.0) < 1e-15)
        #expect(rates.rate(for: "proposal") == 1)
        #expect(rates.rate(for: "negotiation") == 1)
        #expect(rates.rate(for: "no-such-stage") == 0.5)
        let flat = try StageWinRates.learn(from: Self.deals, stageHistory: nil, asOf: Self.asOf)
        #expect(flat.source == .finalStages)
        #expect(flat.stages.allSatisfy { $0.rate == 0.5 })
    }

    @Test func expectedValueByHand() throws {
        let f = try PipelineForecaster.forecast(opportunities: Self.deals, stageHistory: Self.history, asOf: Day(rawValue: Self.asOf),
                                                options: Self.options())
        #expect(f.periods == ["2024-02", "2024-03"])
        // O1 (age 5): remaining {5, 15, 35, 65} days → Feb 5, Feb 15, Mar 6, Apr 5: P = 1/2, 1/4, beyond 1/4;
        //   P(win) = 2/3 → Feb 1000·(2/3)·(1/2), Mar 1000·(2/3)·(1/4), beyond 1000·(2/3)·(1/4).
        // O2 (age 30): remaining {10, 40} → Feb 10, Mar 11: P = 1/2, 1/2; P(win) = 1 → 250, 250.
        let expectedFeb = 1000.0 * (2.0 / 3.0) * 0.5 + 250
        let expectedMar = 1000.0 * (2.0 / 3.0) * 0.25 + 250
        #expect(abs(f.distribution.expected[0] - expectedFeb) < 1e-9)
        #expect(abs(f.distribution.expected[1] - expectedMar) < 1e-9)
        #expect(abs(f.expectedBeyondHorizon - 1000.0 * (2.0 / 3.0) * 0.25) < 1e-9)
        #expect(f.deals.map(\.id) == ["O1", "O2"])
        #expect(abs(f.deals[0].closeWithinHorizon - 0.75) < 1e-15)
    }

    @Test func finalStagesOnlyAndWinModel() throws {
        let flat = try PipelineForecaster.forecast(opportunities: Self.deals, asOf: Day(rawValue: Self.asOf), options: Self.options())
        // All rates 0.5: Feb 1000·0.5·0.5 + 500·0.5·0.5, Mar 1000·0.5·0.25 + 500·0.5·0.5.
        #expect(abs(flat.distribution.expected[0] - 375) < 1e-9)
        #expect(abs(flat.distribution.expected[1] - 250) < 1e-9)
        // A win model overrides stage rates where it has a score.
        let model = try PipelineForecaster.forecast(opportunities: Self.deals, winProbabilities: ["O1": 0.1], asOf: Day(rawValue: Self.asOf),
                                                    options: Self.options())
        #expect(abs(model.distribution.expected[0] - (1000 * 0.1 * 0.5 + 500 * 0.5 * 0.5)) < 1e-9)
        #expect(model.deals[0].winProbabilitySource == "win-model")
        #expect(model.notes.contains { $0.contains("without a win-model score") })
        #expect(throws: SalesForecastError.self) {
            try PipelineForecaster.forecast(opportunities: Self.deals, winProbabilities: ["O1": 1.5], asOf: Day(rawValue: Self.asOf), options: Self.options())
        }
    }

    @Test func expectedCloseDateMode() throws {
        // O1's expected close is beyond the horizon; O2 closes Feb 3 for sure.
        let f = try PipelineForecaster.forecast(opportunities: Self.deals, stageHistory: Self.history, asOf: Day(rawValue: Self.asOf),
                                                options: Self.options(timing: .expectedDate))
        #expect(abs(f.distribution.expected[0] - 500) < 1e-9)
        #expect(f.distribution.expected[1] == 0)
    }

    @Test func simulationIsReproducibleAndCoversTheMean() throws {
        let a = try PipelineForecaster.forecast(opportunities: Self.deals, stageHistory: Self.history, asOf: Day(rawValue: Self.asOf), options: Self.options())
        let b = try PipelineForecaster.forecast(opportunities: Self.deals, stageHistory: Self.history, asOf: Day(rawValue: Self.asOf), options: Self.options())
        #expect(a.distribution.samples == b.distribution.samples)
        let c = try PipelineForecaster.forecast(opportunities: Self.deals, stageHistory: Self.history, asOf: Day(rawValue: Self.asOf),
                                                options: Self.options(seed: 8))
        #expect(a.distribution.samples != c.distribution.samples)
        let sim = a.distribution.simulatedMean
        for k in 0..<2 {
            let draws = a.distribution.draws(period: k)
            let mean = sim[k]
            let sd = (draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count - 1)).squareRoot()
            // 4 standard errors: fails by chance with probability ≈ 6e-5.
            #expect(abs(mean - a.distribution.expected[k]) < 4 * sd / Double(draws.count).squareRoot())
            let band = a.distribution.interval(level: 80)
            #expect(band.lower[k] <= a.distribution.expected[k] && a.distribution.expected[k] <= band.upper[k])
        }
    }

    @Test func dealsClosedAfterAsOfAreReopened() throws {
        // As of 2023-10-15, C2 (closes Oct 21), C3 and C4 are still open; C1 closed Oct 11 is the only history.
        let asOf = isoDay("2023-10-15")
        let f = try PipelineForecaster.forecast(opportunities: Self.deals, stageHistory: Self.history, asOf: Day(rawValue: asOf),
                                                options: Self.options())
        #expect(f.deals.map(\.id) == ["C2", "C3", "C4"])
        #expect(f.winRates.closedDeals == 1)
        #expect(f.notes.contains { $0.contains("closed after the as-of date") })
    }

    @Test func badInput() {
        #expect(throws: SalesForecastError.emptyInput(what: "opportunities")) {
            try PipelineForecaster.forecast(opportunities: [], options: Self.options())
        }
        let onlyOpen = Self.deals.filter { $0.isWon == nil }
        #expect(throws: SalesForecastError.self) {
            try PipelineForecaster.forecast(opportunities: onlyOpen, asOf: Day(rawValue: Self.asOf), options: Self.options())
        }
        #expect(throws: SalesForecastError.self) {
            try PipelineForecaster.forecast(opportunities: Self.deals, asOf: Day(rawValue: Self.asOf), options: Self.options(paths: 10))
        }
    }

    @Test func runRateByHand() throws {
        // Won deals created Jan (lag 0: 100, lag 1: 50) and Feb (lag 0: 200); a lost deal and a March
        // deal (incomplete for a 2-month horizon) are ignored. As of 2024-03-31, pool {Jan, Feb}.
        func won(_ id: String, _ created: String, _ closed: String, _ amount: Double, _ isWon: Bool = true) -> OpportunityRecord {
            OpportunityRecord(id: id, amount: amount, createdDay: isoDay(created), closeDay: isoDay(closed),
                              stage: isWon ? "closed_won" : "closed_lost", isWon: isWon)
        }
        let deals = [won("A", "2024-01-05", "2024-01-20", 100), won("B", "2024-01-10", "2024-02-03", 50),
                     won("C", "2024-02-01", "2024-02-25", 200), won("D", "2024-02-02", "2024-02-20", 999, false),
                     won("E", "2024-03-01", "2024-03-09", 777)]
        let r = try NewBusinessRunRate.forecast(opportunities: deals, asOf: isoDay("2024-03-31"), horizon: 2,
                                                poolMonths: 2, paths: 4000, seed: 1)
        #expect(r.pool == ["2024-01", "2024-02"])
        // Mean profile [150, 25]: April 150, May 25 + 150.
        #expect(r.distribution.expected == [150, 175])
        // Bootstrap draws take only pooled values: April ∈ {100, 200}, May ∈ {50 or 0} + {100, 200}.
        let april = Set(r.distribution.draws(period: 0))
        #expect(april == [100, 200])
        #expect(Set(r.distribution.draws(period: 1)).isSubset(of: [100, 150, 200, 250]))
        #expect(throws: SalesForecastError.self) {
            try NewBusinessRunRate.forecast(opportunities: deals, asOf: isoDay("2024-01-31"), horizon: 2, paths: 100, seed: 1)
        }
    }

    @Test func quotaIsAQuantileOfTheTotal() throws {
        let d = ForecastDistribution(periods: ["a", "b"], expected: [3, 1], paths: 5,
                                     samples: [1, 1, 2, 1, 3, 1, 4, 1, 5, 1])
        let q = try QuotaProposal.propose(from: d, quantile: 0.5)
        #expect(q.quota == 3)
        #expect(q.probabilityOfMeeting == 0.6)
        let both = try QuotaProposal.propose(from: d, periods: 0..<2, quantile: 0.25)
        // Totals 2…6; numpy's linear quantile at 0.25 of [2,3,4,5,6] is 3.
        #expect(both.quota == 3)
        #expect(both.expected == 4)
        #expect(throws: SalesForecastError.self) { try QuotaProposal.propose(from: d, quantile: 1) }
        #expect(throws: SalesForecastError.self) { try QuotaProposal.propose(from: d, periods: 1..<3, quantile: 0.5) }
    }

    @Test func bundledDatasetCombined() throws {
        let deals = try ForecastInputs.readOpportunities(PackageFiles.dataset("opportunities.csv"))
        #expect(deals.rejected.isEmpty)
        #expect(deals.read.quality.ruleViolations.allSatisfy { $0.count == 0 })
        #expect(deals.records.filter { $0.isWon == nil }.count == 127)   // datasets/README.md: 127 open
        let history = try ForecastInputs.readStageHistory(PackageFiles.dataset("stage_history.csv")).entries
        let c = try CombinedForecaster.forecast(opportunities: deals.records, stageHistory: history,
                                                options: PipelineForecastOptions(horizon: 3, paths: 4000))
        #expect(c.pipeline.asOf.description == "2024-12-31")  // the README's as-of date
        #expect(c.pipeline.deals.count == 127)
        // Later stages win more often in the generator (lost deals leave after a uniform stage).
        let rates = ForecastInputs.openStages.map { c.pipeline.winRates.rate(for: $0) }
        #expect(rates == rates.sorted() && rates[0] < rates[3])
        for k in 0..<3 {
            #expect(abs(c.total.expected[k] - c.pipeline.distribution.expected[k] - c.newBusiness.expected[k]) < 1e-6)
            let band = c.total.interval(level: 95)
            #expect(band.lower[k] < c.total.expected[k] && c.total.expected[k] < band.upper[k])
        }
    }
}
