import SalesModels

/// Predicted vs actual purchases in the holdout window, per calibration frequency bucket
/// (Fader, Hardie & Lee 2005, figure 3).
public struct HoldoutBucket: Sendable, Equatable, Codable {
    /// The calibration frequency x of the bucket; the last bucket holds every x ≥ `frequency`.
    public let frequency: Int
    /// Whether this is the open-ended last bucket (x ≥ `frequency`).
    public let isOpenEnded: Bool
    /// Customers in the bucket.
    public let customers: Int
    /// Mean actual holdout purchases.
    public let meanActual: Double
    /// Mean BG/NBD expected holdout purchases.
    public let meanExpected: Double
}

/// How well the BG/NBD model fitted on the calibration window predicts the holdout window.
///
/// For each calibration customer the expectation is `BGNBDModel.expectedTransactions(inNext:
/// duration, x, tₓ, T)` and the actual count is the customer's distinct purchase periods in the
/// holdout window (`CustomerSummary.holdoutPurchases`).
public struct HoldoutValidation: Sendable, Equatable, Codable {
    /// Holdout length in the summary's unit.
    public let duration: Double
    /// Customers compared.
    public let customers: Int
    /// Σ actual holdout purchases.
    public let actualTotal: Int
    /// Σ expected holdout purchases.
    public let expectedTotal: Double
    /// Mean absolute error per customer: mean |expected − actual|.
    public let meanAbsoluteError: Double
    /// Per calibration frequency 0, 1, …, 6 and "7+" (empty buckets left out).
    public let buckets: [HoldoutBucket]
    /// Per customer expected holdout purchases, in summary order.
    public let expected: [Double]

    /// The last, open-ended frequency bucket (x ≥ 7), as in FHL 2005.
    public static let openBucket = 7

    /// Compares the model's predictions with the summary's holdout purchases.
    ///
    /// - Parameters:
    ///   - summary: A summary with a holdout window.
    ///   - model: The BG/NBD model fitted on the calibration window (same unit).
    /// - Complexity: O(n) conditional expectations.
    public init(summary: CustomerSummary, model: BGNBDModel) {
        let n = summary.count
        var expected = [Double](repeating: 0, count: n)
        var sums = [Double](repeating: 0, count: Self.openBucket + 1)
        var actuals = [Double](repeating: 0, count: Self.openBucket + 1)
        var counts = [Int](repeating: 0, count: Self.openBucket + 1)
        var absolute = 0.0, total = 0.0, actual = 0
        for i in 0..<n {
            let e = model.expectedTransactions(
                inNext: summary.holdoutDuration, frequency: summary.frequency[i], recency: summary.recency[i],
                age: summary.age[i])
            expected[i] = e
            let a = summary.holdoutPurchases[i]
            let b = min(summary.frequency[i], Self.openBucket)
            sums[b] += e; actuals[b] += Double(a); counts[b] += 1
            absolute += abs(e - Double(a)); total += e; actual += a
        }
        duration = summary.holdoutDuration
        customers = n
        actualTotal = actual
        expectedTotal = total
        meanAbsoluteError = n > 0 ? absolute / Double(n) : 0
        buckets = (0...Self.openBucket).compactMap { b in
            counts[b] == 0 ? nil : HoldoutBucket(
                frequency: b, isOpenEnded: b == Self.openBucket, customers: counts[b],
                meanActual: actuals[b] / Double(counts[b]), meanExpected: sums[b] / Double(counts[b]))
        }
        self.expected = expected
    }
}
