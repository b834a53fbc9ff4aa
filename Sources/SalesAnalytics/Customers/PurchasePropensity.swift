import Foundation
import SalesModels
import SalesNumerics

/// Purchase propensity on RFM features: a logistic model of "buys in the next window".
///
/// With window W days and training end T₁ (the calibration end): the model is trained on
/// features as of T₀ = T₁ − W (orders dated ≤ T₀) with label "a purchase in (T₀, T₁]", and
/// validated on features as of T₁ with label "a purchase in (T₁, T₁ + W]" (the holdout). Features
/// per customer with a purchase on or before the as-of day t: recency = t − last purchase (days),
/// log(1 + frequency) (purchases ≤ t), log(1 + mean purchase amount), tenure = t − first purchase
/// (days). Refund rows are ignored.
public struct PurchasePropensity: Sendable {
    /// The fitted model (features: recency, log1p(frequency), log1p(monetary), tenure).
    public let model: LogisticRegression
    /// Feature names in model order.
    public static let featureNames = ["recency_days", "log1p_frequency", "log1p_monetary", "tenure_days"]
    /// Holdout customers (those with a purchase on or before T₁).
    public let holdoutCustomerIDs: [String]
    /// Predicted propensity per holdout customer.
    public let holdoutPropensity: [Double]
    /// Observed label per holdout customer (1 = bought in the holdout window).
    public let holdoutLabels: [Double]
    /// ROC AUC on the holdout.
    public let auc: Double
    /// Decile calibration table on the holdout.
    public let calibration: CalibrationReport

    /// Trains and validates the model.
    ///
    /// - Parameters:
    ///   - orders: The orders.
    ///   - trainingEnd: T₁, days since 1970-01-01.
    ///   - windowDays: W ≥ 1.
    /// - Returns: Model and holdout validation.
    /// - Throws: `CustomerAnalyticsError.invalidOption` for W < 1; `.fit(stage: "propensity", …)`
    ///   for a logistic-regression or metric failure (one class only, separation, …).
    /// - Complexity: O(n) feature passes plus the logistic fit O(c·p²) per Newton step.
    public static func fit(orders: OrderLog, trainingEnd: Int32, windowDays: Int32) throws -> PurchasePropensity {
        guard windowDays >= 1 else { throw CustomerAnalyticsError.invalidOption(name: "windowDays", value: "\(windowDays)", reason: "must be >= 1") }
        let train = features(orders: orders, asOf: trainingEnd - windowDays, windowEnd: trainingEnd)
        let test = features(orders: orders, asOf: trainingEnd, windowEnd: trainingEnd + windowDays)
        do {
            let model = try LogisticRegression.fit(features: train.matrix, labels: train.labels, featureNames: featureNames)
            let p = try model.predictProbabilities(test.matrix)
            return PurchasePropensity(
                model: model, holdoutCustomerIDs: test.ids, holdoutPropensity: p, holdoutLabels: test.labels,
                auc: try RankingMetrics.rocAUC(labels: test.labels, scores: p),
                calibration: try Calibration.report(labels: test.labels, probabilities: p))
        } catch {
            throw CustomerAnalyticsError.fit(stage: "propensity", reason: "\(error)")
        }
    }

    /// Mean predicted propensity per segment (e.g. RFM segments), highest first.
    /// - Parameter segmentOf: Customer id → segment name; customers without a segment are skipped.
    /// - Returns: (segment, customers, mean propensity) sorted by mean propensity descending.
    /// - Complexity: O(c log c).
    public func meanPropensityBySegment(_ segmentOf: [String: String]) -> [(segment: String, customers: Int, meanPropensity: Double)] {
        var sums: [String: (Int, Double)] = [:]
        for (i, id) in holdoutCustomerIDs.enumerated() {
            guard let s = segmentOf[id] else { continue }
            let (n, sum) = sums[s] ?? (0, 0)
            sums[s] = (n + 1, sum + holdoutPropensity[i])
        }
        return sums.map { (segment: $0.key, customers: $0.value.0, meanPropensity: $0.value.1 / Double($0.value.0)) }
            .sorted { ($0.meanPropensity, $1.segment) > ($1.meanPropensity, $0.segment) }
    }

    /// Features as of `asOf` and labels "purchase in (asOf, windowEnd]" for customers with a purchase ≤ asOf.
    static func features(orders: OrderLog, asOf: Int32, windowEnd: Int32) -> (ids: [String], matrix: Matrix, labels: [Double]) {
        let k = orders.customerIDs.count
        var first = [Int32](repeating: .max, count: k), last = [Int32](repeating: .min, count: k)
        var count = [Int](repeating: 0, count: k), sum = [Double](repeating: 0, count: k)
        var bought = [Bool](repeating: false, count: k)
        for i in 0..<orders.count where orders.amounts[i] >= 0 {
            let c = Int(orders.customerCodes[i]), d = orders.days[i]
            if d <= asOf {
                first[c] = min(first[c], d); last[c] = max(last[c], d); count[c] += 1; sum[c] += orders.amounts[i]
            } else if d <= windowEnd {
                bought[c] = true
            }
        }
        var ids: [String] = [], columns: [[Double]] = [[], [], [], []], labels: [Double] = []
        for c in 0..<k where count[c] > 0 {
            ids.append(orders.customerIDs[c])
            columns[0].append(Double(asOf - last[c]))
            columns[1].append(log1p(Double(count[c])))
            columns[2].append(log1p(max(sum[c] / Double(count[c]), 0)))
            columns[3].append(Double(asOf - first[c]))
            labels.append(bought[c] ? 1 : 0)
        }
        let n = ids.count
        var storage = [Double](repeating: 0, count: 4 * n)
        for j in 0..<4 { for i in 0..<n { storage[j * n + i] = columns[j][i] } }
        // Column-major n × 4; the sizes agree by construction.
        let matrix = (try? Matrix(rows: n, columns: 4, columnMajor: storage)) ?? Matrix(rows: 0, columns: 4)
        return (ids, matrix, labels)
    }
}
