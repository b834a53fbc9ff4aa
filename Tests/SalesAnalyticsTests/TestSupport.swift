import Foundation
import SalesAnalytics
import SalesData

/// Builders shared by the SalesAnalytics tests (paths and fixture loaders: `AnalyticsFixtures`).
enum TestSupport {
    /// A category column from strings (`nil` = missing).
    static func category(_ name: String, _ values: [String?]) throws -> Column {
        var levels: [String] = []
        var index: [String: Int32] = [:]
        var codes: [Int32] = []
        for value in values {
            guard let value else { codes.append(-1); continue }
            if let code = index[value] { codes.append(code); continue }
            let code = Int32(levels.count)
            index[value] = code
            levels.append(value)
            codes.append(code)
        }
        return try Column(name: name, values: .category(levels: levels, codes: codes),
                          valid: values.map { $0 != nil })
    }

    /// An event log from (user, event, timestamp) rows in file order.
    static func eventLog(_ rows: [(String, String, Int64)], properties: [String: [String?]] = [:]) throws -> EventLog {
        var columns = [
            try category("user_id", rows.map { $0.0 }),
            try category("event", rows.map { $0.1 }),
            try Column(name: "timestamp", values: .timestamp(rows.map { $0.2 })),
        ]
        for (name, values) in properties.sorted(by: { $0.key < $1.key }) { columns.append(try category(name, values)) }
        return try EventLog.from(table: try Table(columns: columns), properties: properties.keys.sorted())
    }
}
