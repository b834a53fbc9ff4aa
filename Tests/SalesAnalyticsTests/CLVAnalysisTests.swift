import Testing
import SalesData
import SalesModels
@testable import SalesAnalytics
import SalesNumerics
import SalesTestSupport

@Suite("Predictive CLV from orders")
struct CLVAnalysisTests {
    /// The CDNOW sample from its raw transactions: calibration end 1997-09-30, day purchase
    /// periods measured in weeks (the published summary's 38.86-week ages), net refunds (none).
    static let analysis = Result {
        let summary = try CustomerSummary.build(
            orders: try AnalyticsFixtures.cdnowOrders(),
            options: CustomerSummaryOptions(calibrationEnd: Day(rawValue: isoDay("1997-09-30")), unit: .week))
        let horizon = try CLVHorizon(periods: 12, period: .month, modelUnit: .week, discountRatePerPeriod: 0.01)
        return (summary, try CLVAnalysis.run(summary: summary, horizon: horizon))
    }

    @Test func publishedCDNOWParameters() throws {
        let (summary, analysis) = try Self.analysis.get()
        #expect(summary.count == 2357)
        let bg = analysis.transactions.model
        // Fader, Hardie & Lee (2005), "Counting your customers the easy way", CDNOW 39-week
        // calibration: r = 0.243, α = 4.414, a = 0.793, b = 2.426 — to the published rounding (±0.0005).
        #expect(abs(bg.r - 0.243) <= 0.0005)
        #expect(abs(bg.alpha - 4.414) <= 0.0005)
        #expect(abs(bg.a - 0.793) <= 0.0005)
        #expect(abs(bg.b - 2.426) <= 0.0005)
        // Fader & Hardie, "The Gamma-Gamma model of monetary value" (2013): p = 6.25, q = 3.74,
        // γ = 15.44 (±0.005) — reproduced by the unrounded repeat-period means our summary computes.
        let gg = analysis.spend.model
        #expect(abs(gg.p - 6.25) <= 0.005)
        #expect(abs(gg.q - 3.74) <= 0.005)
        #expect(abs(gg.gamma - 15.44) <= 0.005)
        #expect(analysis.spend.rowsUsed == 946)
        #expect(analysis.excludedFromSpendModel.isEmpty)
        // FHL 2005: the customer with x = 2, t_x = 30.43, T = 38.86 (CDNOW id 1) expects 1.226
        // purchases in the next 39 weeks.
        let one = try #require(summary.customerIDs.firstIndex(of: "1"))
        let e = bg.expectedTransactions(inNext: 39, frequency: summary.frequency[one], recency: summary.recency[one],
                                        age: summary.age[one])
        #expect(abs(e - 1.226) <= 0.0005)
    }

    @Test func holdoutValidation() throws {
        let (summary, analysis) = try Self.analysis.get()
        let holdout = try #require(analysis.holdout)
        #expect(holdout.duration == 39 && holdout.customers == 2357)
        // lifetimes 0.11.3 on the same calibration summary (customer_summary.json → holdout):
        // actual counts exactly; expectations within 1e-4 relative, because lifetimes' own fit
        // stops on SciPy's default tolerances (its parameters agree with ours to about 1e-5).
        let reference = try AnalyticsFixtures.summaries.get().holdout
        #expect(holdout.actualTotal == reference.actualTotal)
        #expect(abs(holdout.expectedTotal - reference.expectedTotal) <= 1e-4 * reference.expectedTotal)
        #expect(abs(holdout.meanAbsoluteError - reference.meanAbsoluteError) <= 1e-4 * reference.meanAbsoluteError)
        #expect(holdout.buckets.count == reference.buckets.count && holdout.buckets.last?.isOpenEnded == true)
        for (ours, theirs) in zip(holdout.buckets, reference.buckets) {
            #expect(ours.frequency == theirs.frequency && ours.customers == theirs.customers)
            #expect(ours.meanActual == theirs.meanActual)
            #expect(abs(ours.meanExpected - theirs.meanExpected) <= 1e-4 * theirs.meanExpected)
        }
        #expect(holdout.buckets.reduce(0) { $0 + $1.customers } == summary.count)
    }

    @Test func valuesAgreeWithTheModels() throws {
        let (summary, analysis) = try Self.analysis.get()
        #expect(analysis.customers.count == summary.count)
        let i = try #require(summary.customerIDs.firstIndex(of: "1"))
        let c = analysis.customers[i]
        let direct = DiscountedCLV.value(
            transactions: analysis.transactions.model, spend: analysis.spend.model, frequency: summary.frequency[i],
            recency: summary.recency[i], age: summary.age[i], monetary: summary.monetary[i], horizon: analysis.horizon)
        #expect(c.clv == direct)
        #expect(c.pAlive > 0 && c.pAlive <= 1)
    }

    @Test func nonConvergenceIsReportedWithState() throws {
        let (summary, _) = try Self.analysis.get()
        let horizon = try CLVHorizon(periods: 1, periodLength: 1, discountRatePerPeriod: 0)
        do {
            _ = try CLVAnalysis.run(summary: summary, horizon: horizon, options: OptimizationOptions(maxIterations: 2))
            Issue.record("a 2-iteration fit must not be returned as fitted")
        } catch let CustomerAnalyticsError.model(stage, error) {
            #expect(stage == "BG/NBD")
            guard case let .didNotConverge(_, _, iterations, _, _, last) = error else {
                Issue.record("expected didNotConverge, got \(error)"); return
            }
            #expect(iterations == 2 && last.count == 4)
        }
    }

    @Test func nobodyBoughtTwice() throws {
        let orders = try OrderLog(customerIDs: ["A", "B"], customerCodes: [0, 1], days: [0, 3], amounts: [1, 2])
        let summary = try CustomerSummary.build(orders: orders, options: .init(calibrationEnd: Day(rawValue: 10), unit: .day))
        let horizon = try CLVHorizon(periods: 1, periodLength: 1, discountRatePerPeriod: 0)
        #expect(throws: CustomerAnalyticsError.self) { try CLVAnalysis.run(summary: summary, horizon: horizon) }
    }

    /// The bundled sample has customers whose repeat purchases net to ≤ 0 (C30: a refund equal to
    /// the repeat purchase). They leave the Gamma-Gamma fit, keep their own BG/NBD history and are
    /// valued with the population mean spend pγ/(q − 1); no one is left without a CLV.
    @Test(arguments: [CustomerTimeUnit.day, .week, .month])
    func netNonPositiveRepeatSpendIsValuedWithThePopulationMean(unit: CustomerTimeUnit) throws {
        let orders = try OrderLog.read(file: PackageFiles.dataset("orders.csv")).log
        let summary = try CustomerSummary.build(orders: orders, options: .init(calibrationEnd: Day(rawValue: isoDay("2024-06-30")), unit: unit))
        let horizon = try CLVHorizon(periods: 12, period: .month, modelUnit: unit, discountRatePerPeriod: 0.01)
        let analysis = try CLVAnalysis.run(summary: summary, horizon: horizon)
        #expect(!analysis.excludedFromSpendModel.isEmpty)
        #expect(analysis.excludedFromSpendModel.contains("C30"))
        #expect(analysis.spend.rowsUsed == summary.frequency.filter { $0 > 0 }.count - analysis.excludedFromSpendModel.count)
        let mean = try #require(analysis.spend.model.populationMeanSpend)
        for id in analysis.excludedFromSpendModel {
            let i = try #require(summary.customerIDs.firstIndex(of: id))
            let c = analysis.customers[i]
            #expect(!c.inSpendModel && summary.frequency[i] > 0 && !(summary.monetary[i] > 0))
            let spend = try #require(c.expectedSpend)
            #expect(abs(spend - mean) <= 1e-12 * mean)
            // The BG/NBD part uses the customer's own history: CLV = mean spend × discounted purchases.
            let perPeriod = DiscountedCLV.expectedTransactionsPerPeriod(
                transactions: analysis.transactions.model, frequency: summary.frequency[i], recency: summary.recency[i],
                age: summary.age[i], horizon: horizon)
            var discounted = 0.0, factor = 1.0
            for e in perPeriod { factor /= 1.01; discounted += e * factor }
            let clv = try #require(c.clv)
            #expect(abs(clv - mean * discounted) <= 1e-9 * max(clv, 1))
        }
        #expect(analysis.customers.allSatisfy { $0.clv != nil })
    }

    /// A model row error names the customer, never the model's internal row index.
    @Test func rowErrorsNameTheCustomer() throws {
        let error = CustomerAnalyticsError.naming(
            .invalidValue(row: 1, field: "recency", value: 3, reason: "recency > age"), stage: "BG/NBD", customers: ["A", "C30"])
        guard case let .customer(stage, id, _) = error else { Issue.record("expected .customer, got \(error)"); return }
        #expect(stage == "BG/NBD" && id == "C30")
        #expect(error.description.contains("customer C30") && !error.description.contains("row"))
    }
}
