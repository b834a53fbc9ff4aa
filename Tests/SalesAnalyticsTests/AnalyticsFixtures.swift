import Foundation
import SalesData
@testable import SalesAnalytics

/// Paths and loaders of the fixtures under Tests/SalesAnalyticsTests/Fixtures and the committed datasets/.
enum AnalyticsFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let datasets = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("datasets")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    static func dataset(_ name: String) -> String { datasets.appendingPathComponent(name).path }

    /// The CDNOW sample transactions (customer_id, date, amount).
    static func cdnowOrders() throws -> OrderLines {
        try OrdersFile.read(file: path("cdnow_sample_transactions.csv"), mapping: ["order_date": "date"]).orders
    }

    static func day(_ iso: String) -> Int32 {
        let p = iso.split(separator: "-").compactMap { Int($0) }
        return Int32(CivilDate.days(year: p[0], month: p[1], day: p[2]))
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
        try JSONDecoder().decode(SummaryFixture.self, from: Data(contentsOf: directory.appendingPathComponent("customer_summary.json")))
    }
}
