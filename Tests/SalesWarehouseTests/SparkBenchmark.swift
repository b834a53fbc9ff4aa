import Foundation
import SalesAnalytics
import SalesData
import SalesWarehouse
import Testing

/// The SalesKit-through-Spark figures of BENCHMARKS.md ("Spark"): RFM, cohort, funnel and the win
/// model on the sk_bench_* tables that Benchmarks/warehouse/spark_bench.py loads. Runs only with
/// SALESKIT_SPARK_BENCH=1 (never in `make test`); prints the median of 3 runs after a warm-up and
/// the result bytes moved from Spark.
@Suite("Spark benchmark", .serialized, .enabled(if: ProcessInfo.processInfo.environment["SALESKIT_SPARK_BENCH"] == "1"))
struct SparkBenchmark {
    static func time(_ name: String, _ body: () async throws -> String) async throws {
        _ = try await body()
        var seconds: [Double] = [], note = ""
        for _ in 0..<3 {
            let start = ContinuousClock.now
            note = try await body()
            let d = ContinuousClock.now - start
            seconds.append(Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
        }
        let runs = seconds.map { String(format: "%.2f", $0) }.joined(separator: ", ")
        print("SalesKit through Spark, \(name): median \(String(format: "%.2f", seconds.sorted()[1])) s (runs \(runs)), \(note)")
    }

    @Test func throughSpark() async throws {
        let warehouse = try await SparkWarehouse.connect(try WarehouseServers.sparkSource(), connectTimeout: .seconds(120),
                                                         queryTimeout: .seconds(1200))
        let orders = WarehouseRelation.table("sk_bench_orders")
        try await Self.time("RFM") {
            let (result, bytes) = try await RFMAnalysis.run(orders, on: warehouse)
            return "\(result.count) customers, \(bytes) bytes"
        }
        try await Self.time("cohort (month)") {
            let matrix = try await CohortPlan(relation: orders, period: .month, refunds: .net, asOf: Int32(CivilDate.days(year: 2024, month: 12, day: 31))).fetch(on: warehouse)
            return "\(matrix.cells.count) cells, \(matrix.bytesReceived) bytes"
        }
        try await Self.time("funnel (4 steps, 7 days)") {
            let steps = try await FunnelPlan(relation: .table("sk_bench_events"), steps: ["visit", "signup", "trial", "purchase"],
                                             windowSeconds: 7 * 86_400).fetch(on: warehouse)
            return "\(steps)"
        }
        try await Self.time("win model (Newton, one aggregate per iteration)") {
            let fit = try await WarehouseLogisticFit.fit(relation: .table("sk_bench_opportunities"), label: "is_won",
                                                         features: OpportunityFixtures.features, on: warehouse)
            return "\(fit.observationCount) rows, coefficients \(fit.coefficients.map { String(format: "%.6f", $0) }), \(fit.bytesReceived) bytes"
        }
        await warehouse.close()
    }
}
