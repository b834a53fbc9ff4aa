import Foundation
import Testing
import SalesData
@testable import SalesAnalytics
import SalesTestSupport

@Suite("Customer KPIs")
struct CustomerKPIsTests {
    struct Fixture: Decodable {
        struct Row: Decodable {
            let period: String
            let revenue: Double
            let growth: Double?
            let yoyGrowth: Double?
            let orders: Int
            let aov: Double?
            let activeCustomers: Int
            let newCustomers: Int
            let newCustomerRevenue: Double
            let retentionRate: Double?
        }
        struct Periods: Decodable {
            let periods: [Row]
            let retentionRate: Double
        }
        struct Channel: Decodable {
            let channel: String
            let spend: Double
            let newCustomers: Int
            let cac: Double?
        }
        struct Whole: Decodable {
            let totalRevenue, aov, purchaseFrequencyPerYear, lifespanYears, revenuePerCustomer, repeatPurchaseRate: Double
            let totalOrders, customers, npsAnswers, csatAnswers: Int
            let cacByChannel: [Channel]
            let cac, blendedCac, paybackMonths, nps, csat: Double
        }
        let month: Periods
        let quarter: Periods
        let whole: Whole
    }

    static let fixture = Result {
        try AnalyticsFixtures.decode(Fixture.self, fixture: "customer_kpis.json")
    }

    static let inputs = Result {
        (try OrderLog.read(file: PackageFiles.dataset("orders.csv")).log,
         try CustomerRecords.read(file: PackageFiles.dataset("customers.csv")).customers,
         try MarketingSpend.read(file: PackageFiles.dataset("marketing_spend.csv")).spend,
         try SurveyAnswers.read(file: PackageFiles.dataset("surveys.csv")).surveys)
    }

    /// Money sums and the ratios built on them: 1e-9 relative (both sides use compensated sums but
    /// may add in different orders); counts exact.
    static func close(_ a: Double?, _ b: Double?, _ what: String) {
        guard let a, let b else { #expect(a == nil && b == nil, "\(what): \(String(describing: a)) vs \(String(describing: b))"); return }
        #expect(abs(a - b) <= 1e-9 * max(abs(b), 1e-300), "\(what): \(a) vs pandas \(b)")
    }

    @Test(arguments: [PeriodUnit.month, .quarter])
    func periodsMatchPandas(period: PeriodUnit) throws {
        let (orders, _, _, _) = try Self.inputs.get()
        let kpis = try CustomerKPIs.run(orders: orders, period: period)
        let reference = period == .month ? try Self.fixture.get().month : try Self.fixture.get().quarter
        #expect(kpis.periods.count == reference.periods.count)
        for (ours, theirs) in zip(kpis.periods, reference.periods) {
            #expect(ours.period == theirs.period)
            #expect(ours.orders == theirs.orders && ours.activeCustomers == theirs.activeCustomers)
            #expect(ours.newCustomers == theirs.newCustomers)
            Self.close(ours.revenue, theirs.revenue, "\(ours.period) revenue")
            Self.close(ours.growth, theirs.growth, "\(ours.period) growth")
            Self.close(ours.yoyGrowth, theirs.yoyGrowth, "\(ours.period) yoy")
            Self.close(ours.aov, theirs.aov, "\(ours.period) aov")
            Self.close(ours.newCustomerRevenue, theirs.newCustomerRevenue, "\(ours.period) new revenue")
            Self.close(ours.retentionRate, theirs.retentionRate, "\(ours.period) retention")
        }
        Self.close(kpis.retentionRate, reference.retentionRate, "pooled retention")
    }

    @Test func wholeFileMatchesPandas() throws {
        let (orders, customers, spend, surveys) = try Self.inputs.get()
        let kpis = try CustomerKPIs.run(orders: orders, customers: customers, spend: spend, surveys: surveys)
        let w = try Self.fixture.get().whole
        #expect(kpis.totalOrders == w.totalOrders && kpis.customers == w.customers)
        Self.close(kpis.totalRevenue, w.totalRevenue, "total revenue")
        Self.close(kpis.aov, w.aov, "aov")
        Self.close(kpis.purchaseFrequencyPerYear, w.purchaseFrequencyPerYear, "frequency")
        Self.close(kpis.lifespanYears, w.lifespanYears, "lifespan")
        Self.close(kpis.revenuePerCustomer, w.revenuePerCustomer, "revenue per customer")
        Self.close(kpis.repeatPurchaseRate, w.repeatPurchaseRate, "repeat rate")
        Self.close(kpis.cac, w.cac, "cac")
        Self.close(kpis.blendedCac, w.blendedCac, "blended cac")
        // CLV/CAC divides the predicted CLV of a new customer (BG/NBD + Gamma-Gamma, checked against
        // lifetimes in the CLV tests) by the paid CAC.
        let predicted = try #require(kpis.predictedCLV)
        #expect(predicted.horizonMonths == 12 && predicted.discountRatePerMonth == 0.01)
        Self.close(kpis.clvToCac, predicted.perNewCustomer / w.cac, "clv/cac")
        Self.close(kpis.paybackMonths, w.paybackMonths, "payback")
        let channels = try #require(kpis.cacByChannel)
        #expect(channels.map(\.channel) == w.cacByChannel.map(\.channel))
        for (ours, theirs) in zip(channels, w.cacByChannel) {
            #expect(ours.newCustomers == theirs.newCustomers)
            Self.close(ours.spend, theirs.spend, "\(ours.channel) spend")
            Self.close(ours.cac, theirs.cac, "\(ours.channel) cac")
        }
        let s = try #require(kpis.surveys)
        #expect(s.npsAnswers == w.npsAnswers && s.csatAnswers == w.csatAnswers)
        Self.close(s.nps, w.nps, "nps")
        Self.close(s.csat, w.csat, "csat")
        // The generator's true cost per acquisition (datasets/README.md) within its exp(0.1 Z) noise.
        let truth = ["paid_search": 120.0, "social": 90, "display": 150, "email": 40, "referral": 60]
        for c in channels { #expect(abs((c.cac ?? 0) / (truth[c.channel] ?? 1) - 1) < 0.05, "\(c.channel)") }
    }

    @Test func surveysByHand() throws {
        // NPS: promoters 9, 10; passive 7, 8; detractors 0, 6 → (2 − 2)/6 = 0; then one more promoter → 100/7.
        let a = try SurveyAnswers(day: [0, 0, 0, 0, 0, 0, 0, 0], score: [9, 10, 7, 8, 0, 6, 4, 3],
                                  kind: [.nps, .nps, .nps, .nps, .nps, .nps, .csat, .csat])
        let s = SurveyScores(a)
        #expect(s.nps == 0 && s.npsAnswers == 6 && s.csat == 50 && s.csatAnswers == 2)
        let b = SurveyScores(try SurveyAnswers(day: [0], score: [10], kind: [.nps]))
        #expect(b.nps == 100 && b.csat == nil)
        #expect(throws: CustomerAnalyticsError.self) { try SurveyAnswers(day: [0], score: [11], kind: [.nps]) }
        #expect(throws: CustomerAnalyticsError.self) { try SurveyAnswers(day: [0], score: [0], kind: [.csat]) }
    }

    @Test func retentionCACAndRepeatByHand() throws {
        let d = { (text: String) in Int32(isoDay(text)) }
        // Jan: A, B buy; Feb: A buys, C buys (new), B refunds; Mar: B, C buy.
        let orders = try OrderLog(
            customerIDs: ["A", "B", "C"], customerCodes: [0, 1, 0, 2, 1, 1, 2],
            days: [d("2024-01-03"), d("2024-01-20"), d("2024-02-02"), d("2024-02-10"), d("2024-02-11"), d("2024-03-01"), d("2024-03-05")],
            amounts: [100, 50, 30, 20, -50, 40, 60])
        let customers = CustomerRecords(customerIDs: ["A", "B", "C"], signupDay: [d("2024-01-03"), d("2024-01-20"), nil],
                                         channel: ["email", "social", "email"])
        let spend = try MarketingSpend(month: [648, 649, 648], channel: ["email", "email", "social"], spend: [30, 60, 10])
        let k = try CustomerKPIs.run(orders: orders, customers: customers, spend: spend)
        #expect(k.periods.map(\.period) == ["2024-01", "2024-02", "2024-03"])
        #expect(k.periods.map(\.revenue) == [150, 0, 100])
        #expect(k.periods.map(\.newCustomers) == [2, 1, 0])
        // Feb retains A of {A, B} = 1/2; Mar retains C of {A, C} = 1/2; pooled 2/4.
        #expect(k.periods[1].retentionRate == 0.5 && k.periods[2].retentionRate == 0.5 && k.retentionRate == 0.5)
        // The orders start on 01-03 and end on 03-05: January and March are partial, so February has
        // no growth against January and March none against February (150 → 0 → 100 would read −100 %, +∞).
        #expect(k.periods.map(\.partial) == [true, false, true])
        #expect(k.periods[1].growth == nil && k.periods[2].growth == nil)
        #expect(k.repeatPurchaseRate == 1)
        // email: 90 spend / 2 customers (A in Jan; C acquired at its first purchase in Feb); social 10 / 1.
        let channels = try #require(k.cacByChannel)
        #expect(channels.map(\.cac) == [45, 10])
        #expect(k.cac == 100.0 / 3)
        let none = try CustomerKPIs.run(orders: orders)
        #expect(none.cac == nil && none.cacByChannel == nil && none.surveys == nil && none.clvToCac == nil)
    }

    @Test func badInput() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let surveys = scratch.appendingPathComponent("surveys.csv")
        try "customer_id,date,score,kind\nC1,2024-01-01,9,nps\nC2,2024-01-02,4,ces\n".write(to: surveys, atomically: true, encoding: .utf8)
        #expect(throws: CustomerAnalyticsError.invalidValue(source: surveys.path, row: 1, column: "kind", value: "ces",
                                                            reason: "unknown survey kind (expected nps or csat)")) {
            try SurveyAnswers.read(file: surveys.path)
        }
        let empty = scratch.appendingPathComponent("orders.csv")
        try "".write(to: empty, atomically: true, encoding: .utf8)
        #expect(throws: CSVError.self) { try OrderLog.read(file: empty.path) }
        let onlyRefunds = try OrderLog(customerIDs: ["A"], customerCodes: [0], days: [0], amounts: [-5])
        #expect(throws: CustomerAnalyticsError.empty(source: "orders", detail: "no purchases (only refunds)")) {
            try CustomerKPIs.run(orders: onlyRefunds)
        }
    }
}
