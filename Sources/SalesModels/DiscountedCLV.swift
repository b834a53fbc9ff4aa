import RealModule
import SalesNumerics

/// The horizon of a discounted CLV: how many periods, how long each is in the model's time unit,
/// and the discount rate per period.
public struct CLVHorizon: Sendable, Equatable, Hashable, Codable {
    /// Number of future periods summed (≥ 1).
    public let periods: Int
    /// Length of one period in the time unit the BG/NBD model was fitted in (> 0).
    public let periodLength: Double
    /// Discount rate per period (> −1): period k's value is divided by (1 + rate)^k.
    public let discountRatePerPeriod: Double

    /// Creates a horizon from a period length in the model's time unit.
    ///
    /// - Parameters:
    ///   - periods: Number of periods, ≥ 1.
    ///   - periodLength: Length of a period in the model's unit, finite and > 0 (e.g. 4.345 weeks
    ///     per month to reproduce `lifetimes`' `freq="W"`).
    ///   - discountRatePerPeriod: Discount rate per period, finite and > −1 (0.01 = 1 % per period).
    /// - Throws: `CustomerModelError.invalidParameter` naming the bad argument.
    public init(periods: Int, periodLength: Double, discountRatePerPeriod: Double) throws {
        guard periods >= 1 else {
            throw CustomerModelError.invalidParameter(name: "periods", value: Double(periods), reason: "must be >= 1")
        }
        guard periodLength.isFinite, periodLength > 0 else {
            throw CustomerModelError.invalidParameter(
                name: "periodLength", value: periodLength, reason: "must be finite and > 0")
        }
        guard discountRatePerPeriod.isFinite, discountRatePerPeriod > -1 else {
            throw CustomerModelError.invalidParameter(
                name: "discountRatePerPeriod", value: discountRatePerPeriod, reason: "must be finite and > -1")
        }
        self.periods = periods
        self.periodLength = periodLength
        self.discountRatePerPeriod = discountRatePerPeriod
    }

    /// Creates a horizon of `periods` periods of one `period` unit each, for a model fitted in
    /// `modelUnit` (the period length is `period.length(in: modelUnit)`).
    ///
    /// - Parameters:
    ///   - periods: Number of periods, ≥ 1.
    ///   - period: The period unit (e.g. `.month`).
    ///   - modelUnit: The unit of the model's recency and age (e.g. `.week`).
    ///   - discountRatePerPeriod: Discount rate per period, > −1.
    /// - Throws: `CustomerModelError.invalidParameter`.
    public init(
        periods: Int, period: CustomerTimeUnit, modelUnit: CustomerTimeUnit, discountRatePerPeriod: Double
    ) throws {
        try self.init(periods: periods, periodLength: period.length(in: modelUnit),
                      discountRatePerPeriod: discountRatePerPeriod)
    }
}

/// Discounted customer lifetime value from a transaction model (BG/NBD or Pareto/NBD) and a
/// Gamma-Gamma model (spend per transaction).
///
/// Definition (reproducible, no hidden factors): with L the period length and d the discount
/// rate per period of `CLVHorizon`, E(t) the transaction model's conditional expectation of transactions in
/// (T, T + t] and s the Gamma-Gamma expected average spend,
///
///     CLV = Σ_{k=1}^{N} s · [E(kL) − E((k−1)L)] / (1 + d)^k
///
/// i.e. each period's expected transactions are valued at the end of that period. This equals
/// `lifetimes`' `GammaGammaFitter.customer_lifetime_value(time=N, discount_rate=d, freq=...)` with
/// L = 30 (days), 4.345 (weeks), 1 (months) or 720 (hours). The value is in the currency of the
/// monetary values; no margin is applied (multiply by one if wanted).
public enum DiscountedCLV {
    /// The discounted CLV of one customer.
    ///
    /// - Parameters:
    ///   - transactions: The fitted BG/NBD or Pareto/NBD model (its time unit is the horizon's).
    ///   - spend: The fitted Gamma-Gamma model.
    ///   - frequency: x ≥ 0.
    ///   - recency: tₓ.
    ///   - age: T.
    ///   - monetary: Mean value of the repeat transactions (ignored when x = 0).
    ///   - horizon: Periods, period length and discount rate.
    /// - Returns: The CLV; +infinity if the Gamma-Gamma mean spend is infinite (q ≤ 1 and x = 0).
    /// - Complexity: O(N·k): N + 1 conditional expectations of k ₂F₁ series terms each.
    public static func value<Model: CustomerTransactionModel>(
        transactions: Model, spend: GammaGammaModel, frequency: Int, recency: Double, age: Double,
        monetary: Double, horizon: CLVHorizon
    ) -> Double {
        let s = spend.expectedAverageSpend(frequency: frequency, monetary: monetary)
        let perPeriod = expectedTransactionsPerPeriod(
            transactions: transactions, frequency: frequency, recency: recency, age: age, horizon: horizon)
        var total = 0.0
        let growth = 1 + horizon.discountRatePerPeriod
        var discount = 1.0
        for e in perPeriod {
            discount /= growth
            total += e * discount
        }
        return s * total
    }

    /// The expected number of transactions of one customer in each future period
    /// E(kL) − E((k−1)L), k = 1 … N (undiscounted).
    ///
    /// - Parameters:
    ///   - transactions: The fitted BG/NBD or Pareto/NBD model.
    ///   - frequency: x ≥ 0.
    ///   - recency: tₓ.
    ///   - age: T.
    ///   - horizon: Periods and period length (the discount rate is not used).
    /// - Returns: N expected counts.
    /// - Complexity: O(N·k).
    public static func expectedTransactionsPerPeriod<Model: CustomerTransactionModel>(
        transactions: Model, frequency: Int, recency: Double, age: Double, horizon: CLVHorizon
    ) -> [Double] {
        var previous = 0.0
        return (1...horizon.periods).map { k in
            let cumulative = transactions.expectedTransactions(
                inNext: Double(k) * horizon.periodLength, frequency: frequency, recency: recency, age: age)
            defer { previous = cumulative }
            return cumulative - previous
        }
    }

    /// The discounted CLV of every customer, checking the inputs like the fits do.
    ///
    /// - Parameters:
    ///   - transactions: The fitted BG/NBD or Pareto/NBD model.
    ///   - spend: The fitted Gamma-Gamma model.
    ///   - frequency: x per customer.
    ///   - recency: tₓ per customer.
    ///   - age: T per customer.
    ///   - monetary: Mean repeat-transaction value per customer (> 0 when x ≥ 1; ignored when x = 0).
    ///   - horizon: Periods, period length and discount rate.
    /// - Returns: One CLV per customer, in input order.
    /// - Throws: `CustomerModelError.lengthMismatch`, `.invalidValue` / `.nonPositiveMonetary`
    ///   naming the row.
    /// - Complexity: O(n·N·k).
    public static func values<Model: CustomerTransactionModel>(
        transactions: Model, spend: GammaGammaModel, frequency: [Int], recency: [Double], age: [Double],
        monetary: [Double], horizon: CLVHorizon
    ) throws -> [Double] {
        let n = frequency.count
        try CustomerSummaryInput.checkLength("recency", recency.count, expected: n)
        try CustomerSummaryInput.checkLength("age", age.count, expected: n)
        try CustomerSummaryInput.checkLength("monetary", monetary.count, expected: n)
        for i in 0..<n {
            try CustomerSummaryInput.checkRow(i, frequency: frequency[i], recency: recency[i], age: age[i])
            if frequency[i] > 0 {
                guard monetary[i].isFinite else {
                    throw CustomerModelError.invalidValue(
                        row: i, field: "monetary", value: monetary[i], reason: "must be finite")
                }
                guard monetary[i] > 0 else { throw CustomerModelError.nonPositiveMonetary(row: i, value: monetary[i]) }
            }
        }
        var result = [Double](repeating: 0, count: n)
        // Each customer's value depends on that customer only: the cut cannot change a result.
        let chunks = Parallel.chunkCount(n, minimumPerChunk: 1_000, maximumChunks: 64)
        result.withUnsafeMutableBufferPointer { out in
            let job = CLVJob(
                transactions: transactions, spend: spend, frequency: frequency, recency: recency, age: age,
                monetary: monetary, horizon: horizon, out: SharedBuffer(out), chunks: chunks)
            if chunks == 1 {
                job.run(chunk: 0)
            } else {
                Parallel.forEach(chunks) { job.run(chunk: $0) }
            }
        }
        return result
    }

    /// One contiguous chunk of customers; chunks write disjoint slices of `out`.
    private struct CLVJob<Model: CustomerTransactionModel>: Sendable {
        let transactions: Model
        let spend: GammaGammaModel
        let frequency: [Int]
        let recency: [Double]
        let age: [Double]
        let monetary: [Double]
        let horizon: CLVHorizon
        let out: SharedBuffer<Double>
        let chunks: Int

        func run(chunk: Int) {
            let out = self.out.buffer, n = out.count
            for i in (n * chunk / chunks)..<(n * (chunk + 1) / chunks) {
                out[i] = DiscountedCLV.value(
                    transactions: transactions, spend: spend, frequency: frequency[i], recency: recency[i],
                    age: age[i], monetary: monetary[i], horizon: horizon)
            }
        }
    }
}
