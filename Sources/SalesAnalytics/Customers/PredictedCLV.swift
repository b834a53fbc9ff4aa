import SalesData
import SalesModels

/// Predicted customer lifetime value for the KPI sheet: BG/NBD + Gamma-Gamma (`CLVAnalysis`) fitted
/// on every order up to the last order date, valued over a stated horizon and discount rate.
///
/// Two figures, both discounted at `discountRatePerMonth` with each month's value counted at its end
/// (`DiscountedCLV`), no margin applied:
/// - `perExistingCustomer`: the mean over the current customers of their predicted value in the next
///   `horizonMonths` months (what the customer base is expected to bring from now on; revenue
///   already earned is not in it — see `CustomerKPIs.revenuePerCustomer`);
/// - `perNewCustomer`: the value of a newly acquired customer over their first `horizonMonths`
///   months: the mean first purchase (Σ of the first purchase day's orders, over customers) plus the
///   model's expected repeat purchases of a customer with frequency 0, recency 0 and age 0, valued
///   at the population mean spend. `CustomerKPIs.clvToCac` divides this figure by the CAC.
///
/// The model is measured in weeks with one purchase per customer and day (`CustomerSummaryOptions`
/// with `unit: .week`, `grouping: .day`), refunds netted into their purchase day.
public struct PredictedCLV: Sendable, Equatable, Codable {
    /// The horizon in months (30.436875 days each).
    public let horizonMonths: Int
    /// The discount rate per month (0.01 = 1 %).
    public let discountRatePerMonth: Double
    /// The last order date the model was fitted to (`YYYY-MM-DD`).
    public let calibrationEnd: String
    /// Mean predicted value of a current customer over the next `horizonMonths` months.
    public let perExistingCustomer: Double
    /// Predicted value of a new customer over their first `horizonMonths` months (first purchase included).
    public let perNewCustomer: Double
    /// Mean amount of a customer's first purchase day.
    public let meanFirstPurchase: Double
    /// Customers valued (those with a purchase).
    public let customersValued: Int
    /// Customers with repeat purchases whose repeat spend nets to ≤ 0 (valued at the population mean spend).
    public let excludedFromSpendModel: Int

    /// The default horizon of the KPI sheet: 12 months at 1 % per month.
    public static let defaultHorizonMonths = 12
    /// The default monthly discount rate of the KPI sheet.
    public static let defaultDiscountRatePerMonth = 0.01

    /// Fits the models on `orders` and values the customers.
    ///
    /// - Parameters:
    ///   - orders: The orders (one row per order; refunds negative).
    ///   - horizonMonths: Months valued, ≥ 1.
    ///   - discountRatePerMonth: Discount rate per month, > −1.
    /// - Returns: The two figures and their context.
    /// - Throws: `CustomerAnalyticsError` — `.invalidOption` for a bad horizon or rate, `.model` when a
    ///   fit fails (e.g. `.unidentifiable` when nobody bought twice), `.empty` without orders.
    /// - Complexity: O(n) per likelihood evaluation for n customers, plus O(rows).
    public static func run(orders: OrderLog, horizonMonths: Int = defaultHorizonMonths,
                               discountRatePerMonth: Double = defaultDiscountRatePerMonth) throws -> PredictedCLV {
        guard let last = orders.lastDay else { throw CustomerAnalyticsError.empty(source: "orders", detail: "no order rows") }
        let horizon: CLVHorizon
        do {
            horizon = try CLVHorizon(periods: horizonMonths, period: .month, modelUnit: .week,
                                     discountRatePerPeriod: discountRatePerMonth)
        } catch {
            throw CustomerAnalyticsError.invalidOption(name: "clvHorizon", value: "\(horizonMonths) months at \(discountRatePerMonth)",
                                                       reason: "\(error)")
        }
        let summary = try CustomerSummary.build(orders: orders, options: CustomerSummaryOptions(
            calibrationEnd: Day(last), unit: .week, grouping: .day, refunds: .net))
        let analysis = try CLVAnalysis.run(summary: summary, horizon: horizon)
        let values = analysis.customers.compactMap(\.clv)
        var existing = CompensatedSum()
        for v in values { existing.add(v) }
        // First purchase day's amount per summary customer.
        var index: [String: Int] = [:]
        for (i, id) in summary.customerIDs.enumerated() { index[id] = i }
        var code = [Int](repeating: -1, count: orders.customerIDs.count)
        for (c, id) in orders.customerIDs.enumerated() { code[c] = index[id] ?? -1 }
        var first = [CompensatedSum](repeating: CompensatedSum(), count: summary.count)
        for row in 0..<orders.count {
            let i = code[Int(orders.customerCodes[row])]
            guard i >= 0, orders.days[row] == summary.firstPurchaseDay[i], orders.amounts[row] >= 0 else { continue }
            first[i].add(orders.amounts[row])
        }
        var firstTotal = CompensatedSum()
        for f in first { firstTotal.add(f.value) }
        let meanFirst = firstTotal.value / Double(summary.count)
        let newRepeat = DiscountedCLV.value(transactions: analysis.transactions.model, spend: analysis.spend.model,
                                            frequency: 0, recency: 0, age: 0, monetary: 0, horizon: horizon)
        return PredictedCLV(
            horizonMonths: horizonMonths, discountRatePerMonth: discountRatePerMonth,
            calibrationEnd: CivilDate.isoString(fromDays: Int(last)),
            perExistingCustomer: values.isEmpty ? .nan : existing.value / Double(values.count),
            perNewCustomer: meanFirst + newRepeat, meanFirstPurchase: meanFirst, customersValued: values.count,
            excludedFromSpendModel: analysis.excludedFromSpendModel.count)
    }
}
