import Foundation
import SalesModels
import SalesNumerics
import SalesWarehouse
import Testing

/// Closed opportunities of datasets/opportunities.csv as a logistic-regression input:
/// `is_won ~ amount (thousands) + num_activities + num_meetings`.
enum OpportunityFixtures {
    static let path = WarehouseServers.packageRoot + "/datasets/opportunities.csv"
    static let features = ["amount_k", "num_activities", "num_meetings"]

    /// (is_won, amount_k, num_activities, num_meetings) per closed opportunity.
    static func rows() throws -> [[String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var out: [[String]] = []
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 13, f[10] == "0" || f[10] == "1", let amount = Double(f[6]) else { continue }
            out.append([f[10], "\(amount / 1000)", f[11], f[12]])
        }
        return out
    }

    /// The in-memory fit (SalesModels' Newton solver).
    static func memoryFit() throws -> LogisticRegression {
        let rows = try rows()
        let x = try Matrix(rowArrays: rows.map { $0.dropFirst().compactMap(Double.init) })
        // Converged to 1e-13 (the default 1e-10 leaves ~1e-8 relative in a small coefficient).
        return try LogisticRegression.fit(features: x, labels: rows.map { Double($0[0]) ?? -1 }, featureNames: features,
                                          options: LogisticRegression.Options(tolerance: 1e-13))
    }

    static func text() throws -> String { try rows().map { $0.joined(separator: "\t") }.joined(separator: "\n") + "\n" }

    /// statsmodels' fit of the same rows (Fixtures/logistic_reference.py → logistic_reference.json).
    struct Reference: Decodable {
        let rows: Int
        let coefficients: [Double]
        let standardErrors: [Double]
        let logLikelihood: Double
    }

    static func reference() throws -> Reference {
        let path = WarehouseServers.packageRoot + "/Tests/SalesWarehouseTests/Fixtures/logistic_reference.json"
        return try JSONDecoder().decode(Reference.self, from: try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }

    /// The engine's Newton fit against statsmodels (1e-8 relative: both converge to rounding) and
    /// against SalesModels' in-memory fit (1e-6: its stopping rule is absolute in max(1, ‖β‖∞),
    /// which leaves ~1.5e-8 relative in the small amount coefficient here).
    static func check(_ relation: WarehouseRelation, _ warehouse: any Warehouse) async throws {
        let reference = try reference()
        let memory = try memoryFit()
        let engine = try await WarehouseLogisticFit.fit(relation: relation, label: "is_won", features: features, on: warehouse,
                                                        tolerance: 1e-13)
        #expect(engine.converged)
        #expect(engine.observationCount == reference.rows)
        #expect(engine.observationCount == memory.observationCount)
        for (e, r) in zip(engine.coefficients, reference.coefficients) {
            #expect(relative(e, r) < 1e-8, "coefficient \(e) vs statsmodels \(r)")
        }
        for (e, m) in zip(engine.coefficients, memory.coefficients) {
            #expect(relative(e, m) < 1e-6, "coefficient \(e) vs in-memory \(m)")
        }
        #expect(relative(engine.logLikelihood, reference.logLikelihood) < 1e-12)
        for (se, r) in zip(engine.standardErrors, reference.standardErrors) {
            #expect(relative(se, r) < 1e-8, "standard error \(se) vs statsmodels \(r)")
        }
    }
}
