import Testing
import SalesModels
@testable import SalesAnalytics
import SalesTestSupport

@Suite("Purchase propensity")
struct PurchasePropensityTests {
    @Test func ranksHoldoutBuyersOnTheDatasets() throws {
        let orders = try OrderLog.read(file: PackageFiles.dataset("orders.csv")).log
        let model = try PurchasePropensity.fit(orders: orders, trainingEnd: Int32(isoDay("2024-06-30")), windowDays: 90)
        // The orders follow BG/NBD (datasets/README.md): recency and frequency carry real signal,
        // so the holdout AUC must be well above chance; the AUC itself is RankingMetrics' (tested there).
        #expect(model.auc > 0.7, "AUC \(model.auc)")
        #expect(model.holdoutCustomerIDs.count == model.holdoutPropensity.count)
        // Longer since the last purchase → less likely to buy (negative recency coefficient).
        let term = try #require(model.model.termNames.firstIndex(of: "recency_days"))
        #expect(model.model.coefficients[term] < 0)
        // Segment means: the mean over a segment of everyone equals the overall mean.
        let all = Dictionary(uniqueKeysWithValues: model.holdoutCustomerIDs.map { ($0, "all") })
        let seg = model.meanPropensityBySegment(all)
        #expect(seg.count == 1 && abs(seg[0].meanPropensity - model.holdoutPropensity.reduce(0, +) / Double(model.holdoutPropensity.count)) < 1e-12)
    }
}
