import Foundation
import SalesAnalytics

/// Paths and the reference JSON of the customer-analytics tests.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let datasetOrders = packageRoot.appendingPathComponent("datasets/orders.csv").path
    static let tinyOrders = directory.appendingPathComponent("tiny_orders.csv").path

    /// `rfm_cohort.json` (written by `rfm_cohort.py` with pandas).
    static var reference: [String: Any] {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent("rfm_cohort.json").path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            preconditionFailure("Fixtures/rfm_cohort.json is missing or malformed; run rfm_cohort.py")
        }
        return object
    }

    /// `reference[group][name]` as a dictionary.
    static func entry(_ group: String, _ name: String) -> [String: Any] {
        guard let g = reference[group] as? [String: Any], let e = g[name] as? [String: Any] else {
            preconditionFailure("fixture \(group).\(name) missing")
        }
        return e
    }

    /// Reads an orders file strictly.
    static func orders(_ path: String) throws -> OrderLog {
        try OrderLog.read(file: path).log
    }

    /// Days since 1970-01-01 of an ISO date literal used in tests.
    static func day(_ iso: String) -> Int32 {
        let p = iso.split(separator: "-").compactMap { Int($0) }
        return Int32(CivilDate.days(year: p[0], month: p[1], day: p[2]))
    }
}
