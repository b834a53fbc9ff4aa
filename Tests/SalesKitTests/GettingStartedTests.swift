import Foundation
import SalesKit
import SalesTestSupport
import Testing

/// The getting-started article (Sources/SalesKit/Documentation.docc/GettingStarted.md) cannot drift
/// from code that compiles: its Swift blocks must appear verbatim in GettingStartedExamples.swift,
/// which is compiled with this target, and the functions must work on the bundled datasets/.
@Suite("DocC getting-started article")
struct GettingStartedTests {
    static let packageRoot = PackageFiles.root
    static func dataset(_ name: String) -> String { PackageFiles.dataset(name) }

    /// The contents of every ```swift fenced block of the article, in order.
    static func swiftBlocks() throws -> [String] {
        try PackageFiles.swiftBlocks(ofArticle: "Sources/SalesKit/Documentation.docc/GettingStarted.md")
    }

    @Test func articleCodeIsTheCompiledCode() throws {
        let blocks = try Self.swiftBlocks()
        #expect(blocks.count == 7, "the article's Swift blocks: manifest, imports and five functions")
        let compiled = try String(contentsOf: Self.packageRoot.appendingPathComponent(
            "Tests/SalesKitTests/GettingStartedExamples.swift"), encoding: .utf8)
        for block in blocks where !block.hasPrefix("// swift-tools-version") {
            #expect(compiled.contains(block), "not verbatim in GettingStartedExamples.swift:\n\(block)")
        }
        // The manifest snippet names a product this package really exports.
        let manifest = try #require(blocks.first { $0.hasPrefix("// swift-tools-version") })
        #expect(manifest.contains(".product(name: \"SalesKit\", package: \"SalesKit\")"))
        let ours = try String(contentsOf: Self.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(ours.contains(".library(name: \"SalesKit\", targets: [\"SalesKit\"])"))
    }

    @Test func articleFunctionsRunOnTheDatasets() throws {
        let orders = try readOrders(path: Self.dataset("orders.csv"))
        #expect(orders.count == 14_210)  // datasets/README.md: orders.csv has 14,210 rows

        let segments = try segmentsByRevenue(of: orders)
        #expect(segments.reduce(0) { $0 + $1.customers } == 2_500)  // every customer in one segment
        #expect(abs(segments.reduce(0) { $0 + $1.revenueShare } - 1) < 1e-9)  // shares of a total
        #expect(zip(segments, segments.dropFirst()).allSatisfy { $0.revenue >= $1.revenue })

        let kpis = try monthlyKPIs(ordersPath: Self.dataset("orders.csv"), surveysPath: Self.dataset("surveys.csv"))
        #expect(kpis.periods.count == 36)  // 2022-01 … 2024-12
        #expect(kpis.surveys?.nps != nil)

        // The trend's means equal the closed-form simple regression ŷ = ȳ + b (x − x̄),
        // b = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)², up to rounding (1e-9 relative: the QR solve and the
        // closed form differ by a few ulps times the condition number ≈ 1e2).
        let predictions = try revenueTrend(kpis, months: 6)
        let y = kpis.periods.map(\.revenue)
        let n = Double(y.count), xMean = (n - 1) / 2, yMean = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0
        for (i, value) in y.enumerated() { sxy += (Double(i) - xMean) * (value - yMean); sxx += (Double(i) - xMean) * (Double(i) - xMean) }
        let slope = sxy / sxx
        #expect(predictions.count == 6)
        for (k, p) in predictions.enumerated() {
            let expected = yMean + slope * (n + Double(k) - xMean)
            #expect(abs(p.mean - expected) <= 1e-9 * abs(expected))
            #expect(p.predictionInterval.lower < p.mean && p.mean < p.predictionInterval.upper)
        }
        // Intervals widen away from the data.
        #expect(predictions[5].predictionInterval.upper - predictions[5].predictionInterval.lower
                > predictions[0].predictionInterval.upper - predictions[0].predictionInterval.lower)

        let out = FileManager.default.temporaryDirectory.appendingPathComponent("getting-started-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: out) }
        try writeReport(kpis: kpis, orders: orders, to: out.path)
        let html = try String(contentsOf: out, encoding: .utf8)
        #expect(html.components(separatedBy: "<svg ").count - 1 == 2)  // cohort heatmap, RFM bars
        #expect(html.contains("<h2 id=\"key-figures\">Key figures</h2>"))
    }
}
