import SalesData

/// Customers for the KPIs: acquisition date and channel per customer id.
public struct CustomerRecords: Sendable, Equatable {
    /// Customer ids.
    public let customerIDs: [String]
    /// Signup (acquisition) day per customer, days since 1970-01-01; nil when missing.
    public let signupDay: [Int32?]
    /// Acquisition channel per customer; nil when missing.
    public let channel: [String?]

    /// Customers from parallel arrays.
    /// - Parameters:
    ///   - customerIDs: Ids.
    ///   - signupDay: Signup day per id (nil: use the first order).
    ///   - channel: Channel per id.
    /// - Precondition: Equal lengths (programmer error).
    public init(customerIDs: [String], signupDay: [Int32?], channel: [String?]) {
        precondition(customerIDs.count == signupDay.count && signupDay.count == channel.count, "parallel arrays")
        self.customerIDs = customerIDs
        self.signupDay = signupDay
        self.channel = channel
    }

    /// The columns read from customers.csv: customer_id (required, non-empty), signup_date,
    /// acquisition_channel (both may be empty).
    public static let schema = CSVSchema([
        .init("customer_id", .string, allowsMissing: false),
        .init("signup_date", .date),
        .init("acquisition_channel", .category),
    ])

    /// Reads customers.csv.
    /// - Parameters:
    ///   - path: The file.
    ///   - mapping: Contract name → file header.
    ///   - policy: Strict or skip invalid rows.
    /// - Returns: The customers and the rejected rows.
    /// - Throws: `CSVError`; `CustomerAnalyticsError.column`.
    /// - Complexity: O(file bytes).
    public static func read(file path: String, mapping: [String: String] = [:],
                            policy: CSVErrorPolicy = .strict) throws -> (customers: CustomerRecords, rejected: [RejectedRow]) {
        let result = try CSVReader.read(file: path, schema: schema.mapped(mapping), options: CSVReadOptions(policy: policy))
        let t = result.table
        do {
            let ids = try t.strings("customer_id"), days = try t.dates("signup_date")
            let channels = try t.categories("acquisition_channel")
            return (CustomerRecords(customerIDs: ids.values, signupDay: (0..<t.rowCount).map { days[$0] },
                                    channel: (0..<t.rowCount).map { channels[$0] }), result.rejected)
        } catch {
            throw CustomerAnalyticsError.column(source: path, error)
        }
    }
}

/// Marketing spend per calendar month and channel.
public struct MarketingSpend: Sendable, Equatable {
    /// Month of each row (months since 1970-01).
    public let month: [Int32]
    /// Channel of each row.
    public let channel: [String]
    /// Spend of each row (≥ 0).
    public let spend: [Double]

    /// Spend rows from parallel arrays.
    /// - Parameters:
    ///   - month: Months since 1970-01.
    ///   - channel: Channel names.
    ///   - spend: Amounts, finite and ≥ 0.
    /// - Throws: `CustomerAnalyticsError.invalidValue` for a negative or non-finite spend (naming the row).
    public init(month: [Int32], channel: [String], spend: [Double]) throws(CustomerAnalyticsError) {
        precondition(month.count == channel.count && channel.count == spend.count, "parallel arrays")
        for i in 0..<spend.count where !(spend[i].isFinite && spend[i] >= 0) {
            throw .invalidValue(source: "marketing_spend", row: i, column: "spend", value: "\(spend[i])",
                                reason: "spend must be finite and >= 0")
        }
        self.month = month
        self.channel = channel
        self.spend = spend
    }

    /// The columns read from marketing_spend.csv, all required and non-empty.
    public static let schema = CSVSchema([
        .init("month", .month, allowsMissing: false),
        .init("channel", .string, allowsMissing: false),
        .init("spend", .double, allowsMissing: false),
    ])

    /// Reads marketing_spend.csv.
    /// - Parameters:
    ///   - path: The file.
    ///   - mapping: Contract name → file header.
    ///   - policy: Strict or skip invalid rows.
    /// - Returns: The spend rows and the rejected rows.
    /// - Throws: `CSVError`; `CustomerAnalyticsError`.
    /// - Complexity: O(file bytes).
    public static func read(file path: String, mapping: [String: String] = [:],
                            policy: CSVErrorPolicy = .strict) throws -> (spend: MarketingSpend, rejected: [RejectedRow]) {
        let result = try CSVReader.read(file: path, schema: schema.mapped(mapping), options: CSVReadOptions(policy: policy))
        let t = result.table
        do {
            return (try MarketingSpend(month: try t.months("month").values, channel: try t.strings("channel").values,
                                       spend: try t.numbers("spend").values), result.rejected)
        } catch let error as TableError {
            throw CustomerAnalyticsError.column(source: path, error)
        }
    }
}

/// Survey answers: NPS (0–10) or CSAT (1–5) scores.
public struct SurveyAnswers: Sendable, Equatable {
    /// The survey kinds of the contract.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// Net Promoter Score question, 0–10.
        case nps
        /// Customer satisfaction, 1–5.
        case csat
    }
    /// Answer date per row (days since 1970-01-01).
    public let day: [Int32]
    /// Score per row.
    public let score: [Int]
    /// Kind per row.
    public let kind: [Kind]

    /// Answers from parallel arrays, checking each score's range for its kind.
    /// - Parameters:
    ///   - day: Dates.
    ///   - score: Scores.
    ///   - kind: Kinds.
    ///   - source: Name for messages.
    /// - Throws: `CustomerAnalyticsError.invalidValue` naming the row for an NPS score outside
    ///   0–10 or a CSAT score outside 1–5.
    public init(day: [Int32], score: [Int], kind: [Kind], source: String = "surveys") throws(CustomerAnalyticsError) {
        precondition(day.count == score.count && score.count == kind.count, "parallel arrays")
        for i in 0..<score.count {
            let range = kind[i] == .nps ? 0...10 : 1...5
            guard range.contains(score[i]) else {
                throw .invalidValue(source: source, row: i, column: "score", value: "\(score[i])",
                                    reason: "\(kind[i].rawValue) scores must be in \(range.lowerBound)–\(range.upperBound)")
            }
        }
        self.day = day
        self.score = score
        self.kind = kind
    }

    /// The columns read from surveys.csv: date, score, kind (all required, non-empty).
    public static let schema = CSVSchema([
        .init("date", .date, allowsMissing: false),
        .init("score", .integer, allowsMissing: false),
        .init("kind", .string, allowsMissing: false),
    ])

    /// Reads surveys.csv.
    /// - Parameters:
    ///   - path: The file.
    ///   - mapping: Contract name → file header.
    ///   - policy: Strict or skip invalid rows.
    /// - Returns: The answers and the rejected rows.
    /// - Throws: `CSVError`; `CustomerAnalyticsError.invalidValue` for an unknown kind (not
    ///   `nps`/`csat`) or a score out of range, naming the row.
    /// - Complexity: O(file bytes).
    public static func read(file path: String, mapping: [String: String] = [:],
                            policy: CSVErrorPolicy = .strict) throws -> (surveys: SurveyAnswers, rejected: [RejectedRow]) {
        let result = try CSVReader.read(file: path, schema: schema.mapped(mapping), options: CSVReadOptions(policy: policy))
        let t = result.table
        do {
            let kinds = try t.strings("kind").values
            var parsed: [Kind] = []
            parsed.reserveCapacity(kinds.count)
            for (i, k) in kinds.enumerated() {
                guard let kind = Kind(rawValue: k.lowercased()) else {
                    throw CustomerAnalyticsError.invalidValue(source: path, row: i, column: "kind", value: k,
                                                              reason: "unknown survey kind (expected nps or csat)")
                }
                parsed.append(kind)
            }
            return (try SurveyAnswers(day: try t.dates("date").values, score: try t.integers("score").values.map { Int($0) },
                                      kind: parsed, source: path), result.rejected)
        } catch let error as TableError {
            throw CustomerAnalyticsError.column(source: path, error)
        }
    }
}
