import SalesModels
import SalesNumerics

/// One customer's predictive lifetime value.
public struct CustomerLifetimeValue: Sendable, Equatable, Codable {
    /// The customer's id.
    public let customerID: String
    /// P(alive) at the calibration end (BG/NBD).
    public let pAlive: Double
    /// Expected purchases over the whole CLV horizon (BG/NBD conditional expectation).
    public let expectedPurchases: Double
    /// Gamma-Gamma expected spend per purchase; nil when the customer is outside the spend model
    /// (repeat purchases with a net mean amount ≤ 0).
    public let expectedSpend: Double?
    /// Discounted CLV over the horizon; nil when `expectedSpend` is nil.
    public let clv: Double?
}

/// Predictive CLV from orders: BG/NBD fitted on the calibration summary, Gamma-Gamma on the
/// customers with repeat purchases, discounted CLV over a horizon (`DiscountedCLV`), and — when
/// the summary has a holdout window — the holdout validation.
public struct CLVAnalysis: Sendable {
    /// The BG/NBD fit (time unit: `summary.options.unit`).
    public let transactions: BGNBDFit
    /// The Gamma-Gamma fit.
    public let spend: GammaGammaFit
    /// The horizon used for `customers[i].clv` and `expectedPurchases`.
    public let horizon: CLVHorizon
    /// One value per summary customer, in summary order.
    public let customers: [CustomerLifetimeValue]
    /// Ids of customers left out of the Gamma-Gamma fit because their repeat purchases net to ≤ 0.
    public let excludedFromSpendModel: [String]
    /// Predicted vs actual holdout purchases; nil when the holdout window is empty.
    public let holdout: HoldoutValidation?

    /// Fits both models and values every customer.
    ///
    /// - Parameters:
    ///   - summary: The calibration summary (`CustomerSummary.build`).
    ///   - horizon: Periods, period length in the summary's unit, discount rate per period.
    ///   - options: Optimizer stopping rules for both fits.
    /// - Returns: Fits, values, validation.
    /// - Throws: `CustomerAnalyticsError.model(stage:_:)` with the model's error — in particular
    ///   `.didNotConverge` carrying the optimizer's state (iterations, gradient norm, last
    ///   parameters), `.degenerateFit`, `.unidentifiable` (nobody bought twice).
    /// - Complexity: O(n) per likelihood evaluation; O(n · horizon.periods) for the values.
    public static func run(
        summary: CustomerSummary, horizon: CLVHorizon,
        options: OptimizationOptions = BGNBDModel.defaultFitOptions
    ) throws -> CLVAnalysis {
        let bg: BGNBDFit
        do {
            bg = try BGNBDModel.fit(frequency: summary.frequency, recency: summary.recency, age: summary.age,
                                    options: options)
        } catch let error as CustomerModelError {
            throw CustomerAnalyticsError.model(stage: "BG/NBD", error)
        } catch {
            throw CustomerAnalyticsError.fit(stage: "BG/NBD", reason: "\(error)")
        }
        let n = summary.count
        // Customers whose repeat purchases net to ≤ 0 cannot enter the Gamma-Gamma model: give
        // them frequency 0 in the spend fit (their monetary value is then not read) and no CLV.
        var spendFrequency = summary.frequency
        var excluded: [String] = []
        var inSpendModel = [Bool](repeating: true, count: n)
        for i in 0..<n where summary.frequency[i] > 0 && !(summary.monetary[i] > 0) {
            spendFrequency[i] = 0
            inSpendModel[i] = false
            excluded.append(summary.customerIDs[i])
        }
        let gg: GammaGammaFit
        do {
            gg = try GammaGammaModel.fit(frequency: spendFrequency, monetary: summary.monetary, options: options)
        } catch let error as CustomerModelError {
            throw CustomerAnalyticsError.model(stage: "Gamma-Gamma", error)
        } catch {
            throw CustomerAnalyticsError.fit(stage: "Gamma-Gamma", reason: "\(error)")
        }
        let clvs: [Double]
        do {
            clvs = try DiscountedCLV.values(
                transactions: bg.model, spend: gg.model, frequency: spendFrequency, recency: summary.recency,
                age: summary.age, monetary: summary.monetary, horizon: horizon)
        } catch let error as CustomerModelError {
            throw CustomerAnalyticsError.model(stage: "CLV", error)
        } catch {
            throw CustomerAnalyticsError.fit(stage: "CLV", reason: "\(error)")
        }
        let span = Double(horizon.periods) * horizon.periodLength
        var customers: [CustomerLifetimeValue] = []
        customers.reserveCapacity(n)
        for i in 0..<n {
            let x = summary.frequency[i], tx = summary.recency[i], T = summary.age[i]
            let spend = inSpendModel[i] ? gg.model.expectedAverageSpend(frequency: x, monetary: summary.monetary[i]) : nil
            customers.append(CustomerLifetimeValue(
                customerID: summary.customerIDs[i],
                pAlive: bg.model.probabilityAlive(frequency: x, recency: tx, age: T),
                expectedPurchases: bg.model.expectedTransactions(inNext: span, frequency: x, recency: tx, age: T),
                expectedSpend: spend,
                clv: inSpendModel[i] ? clvs[i] : nil))
        }
        let holdout = summary.holdoutDuration > 0 ? HoldoutValidation(summary: summary, model: bg.model) : nil
        return CLVAnalysis(transactions: bg, spend: gg, horizon: horizon, customers: customers,
                           excludedFromSpendModel: excluded, holdout: holdout)
    }
}
