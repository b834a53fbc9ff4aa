import Foundation
import SalesAnalytics
import SalesData
import SalesModels
import SalesNumerics
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
            let (result, _, bytes) = try await RFMAnalysis.run(orders, on: warehouse)
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

    /// The same three-feature Newton fit in memory (SalesModels, BLAS) on the rows of
    /// SALESKIT_SPARK_BENCH_DATA/opportunities.csv that the Spark table holds (debug build).
    @Test func winModelInMemory() throws {
        guard let directory = ProcessInfo.processInfo.environment["SALESKIT_SPARK_BENCH_DATA"] else { return }
        let text = try String(contentsOfFile: directory + "/opportunities.csv", encoding: .utf8)
        var features: [[Double]] = [], labels: [Double] = []
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            guard f.count >= 13, f[10] == "0" || f[10] == "1", let amount = Double(f[6]), let a = Double(f[11]), let m = Double(f[12]) else { continue }
            features.append([amount / 1000, a, m])
            labels.append(f[10] == "1" ? 1 : 0)
        }
        let x = try Matrix(rowArrays: features)
        var seconds: [Double] = [], coefficients: [Double] = []
        for _ in 0..<4 {
            let start = ContinuousClock.now
            coefficients = try LogisticRegression.fit(features: x, labels: labels, featureNames: OpportunityFixtures.features).coefficients
            let d = ContinuousClock.now - start
            seconds.append(Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
        }
        print("SalesKit in memory, win model fit (\(labels.count) rows, debug build): median \(String(format: "%.3f", seconds.dropFirst().sorted()[1])) s, coefficients \(coefficients.map { String(format: "%.6f", $0) })")
    }
}
