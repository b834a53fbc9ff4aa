import Foundation
import SalesData
@testable import SalesAnalytics
import SalesTestSupport

/// Paths and loaders of the fixtures under Tests/SalesAnalyticsTests/Fixtures and the committed
/// datasets/ (the one place this test target finds and decodes its reference files).
enum AnalyticsFixtures {
    /// Tests/SalesAnalyticsTests/Fixtures.
    static let files = FixtureDirectory("SalesAnalyticsTests")

    /// A file of Fixtures/.
    static func path(_ name: String) -> String { files.path(name) }

    /// Decodes a JSON file (a fixture: `path(name)`, or a dataset file: `PackageFiles.dataset(name)`).
    static func decode<T: Decodable>(_ type: T.Type, file: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(contentsOf: URL(fileURLWithPath: file)))
    }

    /// Decodes the JSON fixture `Fixtures/name`.
    static func decode<T: Decodable>(_ type: T.Type, fixture name: String) throws -> T {
        try decode(type, file: path(name))
    }

    /// Reads an orders file strictly.
    static func orders(_ path: String) throws -> OrderLog {
        try OrderLog.read(file: path).log
    }

    /// `rfm_cohort.json` (written by `rfm_cohort.py` with pandas), untyped.
    static var rfmCohortReference: [String: Any] {
        guard let data = FileManager.default.contents(atPath: path("rfm_cohort.json")),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            preconditionFailure("Fixtures/rfm_cohort.json is missing or malformed; run rfm_cohort.py")
        }
        return object
    }

    /// `rfmCohortReference[group][name]` as a dictionary.
    static func rfmCohortEntry(_ group: String, _ name: String) -> [String: Any] {
        guard let g = rfmCohortReference[group] as? [String: Any], let e = g[name] as? [String: Any] else {
            preconditionFailure("fixture \(group).\(name) missing")
        }
        return e
    }

    /// The CDNOW sample transactions (customer_id, date, amount).
    static func cdnowOrders() throws -> OrderLog {
        try OrderLog.read(file: path("cdnow_sample_transactions.csv"), mapping: ["order_date": "date"]).log
    }

    struct SummaryFixture: Decodable {
        struct Customer: Decodable {
            let id: String
            let frequency: Int
            let recency: Double
            let T: Double
            let monetary: Double
            let holdout: Int
        }
        struct Case: Decodable {
            let name: String
            let grouping: String
            let unit: String
            let calibrationEnd: String
            let holdoutEnd: String
            let durationHoldout: Double
            let customers: [Customer]
        }
        struct Bucket: Decodable {
            let frequency: Int
            let customers: Int
            let meanExpected: Double
            let meanActual: Double
        }
        struct Holdout: Decodable {
            let actualTotal: Int
            let expectedTotal: Double
            let meanAbsoluteError: Double
            let buckets: [Bucket]
        }
        let source: String
        let cases: [Case]
        let holdout: Holdout
    }

    static let summaries: Result<SummaryFixture, Error> = Result {
        try decode(SummaryFixture.self, fixture: "customer_summary.json")
    }
}
