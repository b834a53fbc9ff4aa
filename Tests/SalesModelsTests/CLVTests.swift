import Testing
@testable import SalesModels
import SalesNumerics

@Suite("Discounted CLV")
struct CLVTests {
    static let data = CDNOWFixture.shared

    @Test func matchesLifetimesCustomerLifetimeValue() throws {
        let transactions = try BGNBDModel.fit(frequency: Self.data.frequency, recency: Self.data.recency, age: Self.data.age).model
        let spend = try GammaGammaModel.fit(frequency: Self.data.frequency, monetary: Self.data.monetary).model
        let reference = Self.data.lifetimes.clv
        // lifetimes: time = 12, discount_rate = 0.01, freq = "W" ⇒ 12 periods of 4.345 weeks,
        // 1 % per period, end-of-period discounting.
        #expect(reference.arguments.time == 12 && reference.arguments.freq == "W")
        let horizon = try CLVHorizon(
            periods: reference.arguments.time, periodLength: reference.arguments.period_length_weeks,
            discountRatePerPeriod: reference.arguments.discount_rate)
        let values = try DiscountedCLV.values(
            transactions: transactions, spend: spend, frequency: reference.cases.map(\.frequency),
            recency: reference.cases.map(\.recency), age: reference.cases.map(\.T),
            monetary: reference.cases.map(\.monetary), horizon: horizon)
        for (value, c) in zip(values, reference.cases) {
            // Both models agree with lifetimes' to ≤ 1e-5 relative (see their tests); CLV is a
            // product of the two: 3e-5.
            #expect(abs(value - c.clv) <= 3e-5 * c.clv, "x=\(c.frequency) t_x=\(c.recency): \(value) vs \(c.clv)")
        }
    }

    @Test func definitionByHand() throws {
        // One period, no discount: CLV = spend × E[Y(L)]. Two periods at 10 %: per-period
        // increments divided by 1.1 and 1.21.
        let bg = try BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        let gg = try GammaGammaModel(p: 6.25, q: 3.74, gamma: 15.44)
        let s = gg.expectedAverageSpend(frequency: 2, monetary: 22.35)
        let e13 = bg.expectedTransactions(inNext: 13, frequency: 2, recency: 30.43, age: 38.86)
        let e26 = bg.expectedTransactions(inNext: 26, frequency: 2, recency: 30.43, age: 38.86)
        let one = DiscountedCLV.value(
            transactions: bg, spend: gg, frequency: 2, recency: 30.43, age: 38.86, monetary: 22.35,
            horizon: try CLVHorizon(periods: 1, periodLength: 13, discountRatePerPeriod: 0))
        #expect(abs(one - s * e13) <= 1e-12 * one)
        let two = DiscountedCLV.value(
            transactions: bg, spend: gg, frequency: 2, recency: 30.43, age: 38.86, monetary: 22.35,
            horizon: try CLVHorizon(periods: 2, periodLength: 13, discountRatePerPeriod: 0.1))
        #expect(abs(two - s * (e13 / 1.1 + (e26 - e13) / 1.21)) <= 1e-12 * two)
        let perPeriod = DiscountedCLV.expectedTransactionsPerPeriod(
            transactions: bg, frequency: 2, recency: 30.43, age: 38.86,
            horizon: try CLVHorizon(periods: 3, periodLength: 13, discountRatePerPeriod: 0))
        #expect(perPeriod.count == 3 && abs(perPeriod.reduce(0, +)
            - bg.expectedTransactions(inNext: 39, frequency: 2, recency: 30.43, age: 38.86)) <= 1e-12)
    }

    @Test func paretoNBDWorksAsTheTransactionModel() throws {
        // Published CDNOW Pareto/NBD parameters (FHL 2005); the definition by hand, 2 periods at 10 %.
        let pareto = try ParetoNBDModel(r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669)
        let gg = try GammaGammaModel(p: 6.25, q: 3.74, gamma: 15.44)
        let s = gg.expectedAverageSpend(frequency: 2, monetary: 22.35)
        let e13 = pareto.expectedTransactions(inNext: 13, frequency: 2, recency: 30.43, age: 38.86)
        let e26 = pareto.expectedTransactions(inNext: 26, frequency: 2, recency: 30.43, age: 38.86)
        let value = try DiscountedCLV.values(
            transactions: pareto, spend: gg, frequency: [2], recency: [30.43], age: [38.86], monetary: [22.35],
            horizon: try CLVHorizon(periods: 2, periodLength: 13, discountRatePerPeriod: 0.1))
        #expect(value.count == 1 && abs(value[0] - s * (e13 / 1.1 + (e26 - e13) / 1.21)) <= 1e-12 * value[0])
        #expect(e13 > 0 && e26 > e13)
    }

    @Test func timeUnitsAreExplicit() throws {
        #expect(CustomerTimeUnit.week.length(in: .day) == 7)
        #expect(CustomerTimeUnit.month.days == 365.2425 / 12)
        #expect(abs(CustomerTimeUnit.month.length(in: .week) - 4.348125) <= 1e-12)
        let h = try CLVHorizon(periods: 12, period: .month, modelUnit: .week, discountRatePerPeriod: 0.01)
        #expect(h.periodLength == CustomerTimeUnit.month.length(in: .week))
    }

    @Test func parallelEqualsSerial() throws {
        let bg = try BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        let gg = try GammaGammaModel(p: 6.25, q: 3.74, gamma: 15.44)
        let horizon = try CLVHorizon(periods: 6, periodLength: 4.345, discountRatePerPeriod: 0.01)
        let d = Self.data
        let serial = try Parallelism.withWorkers(1) {
            try DiscountedCLV.values(transactions: bg, spend: gg, frequency: d.frequency, recency: d.recency,
                                     age: d.age, monetary: d.monetary, horizon: horizon)
        }
        let parallel = try Parallelism.withWorkers(2) {
            try DiscountedCLV.values(transactions: bg, spend: gg, frequency: d.frequency, recency: d.recency,
                                     age: d.age, monetary: d.monetary, horizon: horizon)
        }
        #expect(serial == parallel)
        #expect(serial.allSatisfy { $0.isFinite && $0 >= 0 })
    }

    @Test func badInputIsTyped() throws {
        let bg = try BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        let gg = try GammaGammaModel(p: 6.25, q: 3.74, gamma: 15.44)
        let horizon = try CLVHorizon(periods: 2, periodLength: 4, discountRatePerPeriod: 0.01)
        #expect(throws: CustomerModelError.nonPositiveMonetary(row: 1, value: -3)) {
            try DiscountedCLV.values(transactions: bg, spend: gg, frequency: [0, 2], recency: [0, 5], age: [10, 10],
                                     monetary: [0, -3], horizon: horizon)
        }
        #expect(throws: CustomerModelError.invalidValue(row: 0, field: "recency", value: 12, reason: "recency > age 10.0")) {
            try DiscountedCLV.values(transactions: bg, spend: gg, frequency: [2], recency: [12], age: [10],
                                     monetary: [3], horizon: horizon)
        }
        #expect(throws: CustomerModelError.lengthMismatch(argument: "monetary", expected: 1, actual: 0)) {
            try DiscountedCLV.values(transactions: bg, spend: gg, frequency: [2], recency: [5], age: [10],
                                     monetary: [], horizon: horizon)
        }
        #expect(throws: CustomerModelError.self) { try CLVHorizon(periods: 0, periodLength: 1, discountRatePerPeriod: 0) }
        #expect(throws: CustomerModelError.self) { try CLVHorizon(periods: 1, periodLength: -1, discountRatePerPeriod: 0) }
        #expect(throws: CustomerModelError.self) { try CLVHorizon(periods: 1, periodLength: 1, discountRatePerPeriod: -1) }
        #expect(throws: CustomerModelError.self) { try CLVHorizon(periods: 1, periodLength: .nan, discountRatePerPeriod: 0) }
    }
}
