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
    /// Gamma-Gamma expected spend per purchase. A customer outside the spend model (repeat
    /// purchases whose net mean amount is ≤ 0) gets the model's population mean spend pγ/(q − 1);
    /// nil only when that mean is infinite (q ≤ 1).
    public let expectedSpend: Double?
    /// Whether the customer's own repeat spend entered the Gamma-Gamma fit (false: valued with the
    /// population mean spend).
    public let inSpendModel: Bool
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
    /// Ids of customers left out of the Gamma-Gamma fit because their repeat purchases net to ≤ 0
    /// (they are valued with the population mean spend, `spend.model.populationMeanSpend`).
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
    ///   parameters), `.degenerateFit`, `.unidentifiable` (nobody bought twice);
    ///   `CustomerAnalyticsError.customer(stage:customerID:_:)` when one customer's summary row is
    ///   impossible (the model's row index replaced by the customer id).
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
            throw CustomerAnalyticsError.naming(error, stage: "BG/NBD", customers: summary.customerIDs)
        } catch {
            throw CustomerAnalyticsError.fit(stage: "BG/NBD", reason: "\(error)")
        }
        let n = summary.count
        // Customers whose repeat purchases net to ≤ 0 cannot enter the Gamma-Gamma model: give
        // them frequency 0 in the spend fit (their monetary value is then not read).
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
            throw CustomerAnalyticsError.naming(error, stage: "Gamma-Gamma", customers: summary.customerIDs)
        } catch {
            throw CustomerAnalyticsError.fit(stage: "Gamma-Gamma", reason: "\(error)")
        }
        // Valued with the population mean spend: with m̄ = pγ/(q − 1) the Gamma-Gamma expectation
        // (γ + m̄x)p/(px + q − 1) is exactly that mean, whatever x is, so the BG/NBD part keeps the
        // customer's own frequency, recency and age.
        let populationMean = gg.model.populationMeanSpend
        var valuedMonetary = summary.monetary
        var valued = [Bool](repeating: true, count: n)
        for i in 0..<n where !inSpendModel[i] {
            if let mean = populationMean, mean.isFinite, mean > 0 { valuedMonetary[i] = mean } else { valued[i] = false; valuedMonetary[i] = 1 }
        }
        let clvs: [Double]
        do {
            clvs = try DiscountedCLV.values(
                transactions: bg.model, spend: gg.model, frequency: summary.frequency, recency: summary.recency,
                age: summary.age, monetary: valuedMonetary, horizon: horizon)
        } catch let error as CustomerModelError {
            throw CustomerAnalyticsError.naming(error, stage: "CLV", customers: summary.customerIDs)
        } catch {
            throw CustomerAnalyticsError.fit(stage: "CLV", reason: "\(error)")
        }
        let span = Double(horizon.periods) * horizon.periodLength
        var customers: [CustomerLifetimeValue] = []
        customers.reserveCapacity(n)
        for i in 0..<n {
            let x = summary.frequency[i], tx = summary.recency[i], T = summary.age[i]
            let spend = valued[i] ? gg.model.expectedAverageSpend(frequency: x, monetary: valuedMonetary[i]) : nil
            customers.append(CustomerLifetimeValue(
                customerID: summary.customerIDs[i],
                pAlive: bg.model.probabilityAlive(frequency: x, recency: tx, age: T),
                expectedPurchases: bg.model.expectedTransactions(inNext: span, frequency: x, recency: tx, age: T),
                expectedSpend: spend, inSpendModel: inSpendModel[i],
                clv: valued[i] ? clvs[i] : nil))
        }
        let holdout = summary.holdoutDuration > 0 ? HoldoutValidation(summary: summary, model: bg.model) : nil
        return CLVAnalysis(transactions: bg, spend: gg, horizon: horizon, customers: customers,
                           excludedFromSpendModel: excluded, holdout: holdout)
    }
}
