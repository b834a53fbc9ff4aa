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

    /// Reads customers.csv through `ContractReader.read` (`ContractFile.customers`; `acquisition_channel`
    /// may be absent: every channel is then nil).
    /// - Parameters:
    ///   - path: The file.
    ///   - mapping: Contract name → file header.
    ///   - policy: Strict or skip invalid rows.
    ///   - options: Further reader options (delimiter, encoding, date and number formats); its policy is replaced.
    /// - Returns: The customers and the rejected rows.
    /// - Throws: `CSVError`; `CustomerAnalyticsError.column`.
    /// - Complexity: O(file bytes).
    public static func read(file path: String, mapping: [String: String] = [:],
                            policy: CSVErrorPolicy = .strict,
                            options: CSVReadOptions = CSVReadOptions()) throws -> (customers: CustomerRecords, rejected: [RejectedRow]) {
        let read = try ContractReader.read(.customers, file: path, mapping: mapping, policy: policy, options: options)
        let t = read.table
        do {
            let ids = try t.categories("customer_id"), days = try t.dates("signup_date")
            let channels = t.hasColumn("acquisition_channel") ? try t.categories("acquisition_channel") : nil
            return (CustomerRecords(customerIDs: (0..<t.rowCount).map { ids[$0] ?? "" },
                                    signupDay: (0..<t.rowCount).map { days[$0] },
                                    channel: (0..<t.rowCount).map { channels?[$0] }), read.quality.rejected)
        } catch let error as TableError {
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
    public init(month: [Int32], channel: [String], spend: [Double]) throws {
        precondition(month.count == channel.count && channel.count == spend.count, "parallel arrays")
        for i in 0..<spend.count where !(spend[i].isFinite && spend[i] >= 0) {
            throw CustomerAnalyticsError.invalidValue(source: "marketing_spend", row: i, column: "spend", value: "\(spend[i])",
                                reason: "spend must be finite and >= 0")
        }
        self.month = month
        self.channel = channel
        self.spend = spend
    }

    /// Reads marketing_spend.csv through `ContractReader.read` (`ContractFile.marketingSpend`, with
    /// `spend` required in every row).
    /// - Parameters:
    ///   - path: The file.
    ///   - mapping: Contract name → file header.
    ///   - policy: Strict or skip invalid rows.
    ///   - options: Further reader options (delimiter, encoding, date and number formats); its policy is replaced.
    /// - Returns: The spend rows and the rejected rows.
    /// - Throws: `CSVError`; `CustomerAnalyticsError`.
    /// - Complexity: O(file bytes).
    public static func read(file path: String, mapping: [String: String] = [:],
                            policy: CSVErrorPolicy = .strict,
                            options: CSVReadOptions = CSVReadOptions()) throws -> (spend: MarketingSpend, rejected: [RejectedRow]) {
        let read = try ContractReader.read(.marketingSpend, file: path, mapping: mapping, policy: policy, requiring: ["spend"], options: options)
        let t = read.table
        do {
            let channels = try t.categories("channel")
            return (try MarketingSpend(month: try t.months("month").values,
                                       channel: (0..<t.rowCount).map { channels[$0] ?? "" },
                                       spend: try t.numbers("spend").values), read.quality.rejected)
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
    public init(day: [Int32], score: [Int], kind: [Kind], source: String = "surveys") throws {
        precondition(day.count == score.count && score.count == kind.count, "parallel arrays")
        for i in 0..<score.count {
            let range = kind[i] == .nps ? 0...10 : 1...5
            guard range.contains(score[i]) else {
                throw CustomerAnalyticsError.invalidValue(source: source, row: i, column: "score", value: "\(score[i])",
                                    reason: "\(kind[i].rawValue) scores must be in \(range.lowerBound)–\(range.upperBound)")
            }
        }
        self.day = day
        self.score = score
        self.kind = kind
    }

    /// Reads surveys.csv through `ContractReader.read` (`ContractFile.surveys`, with `date` required in
    /// every row). Without a `kind` column every answer is NPS, as the contract says.
    /// - Parameters:
    ///   - path: The file.
    ///   - mapping: Contract name → file header.
    ///   - policy: Strict or skip invalid rows.
    ///   - options: Further reader options (delimiter, encoding, date and number formats); its policy is replaced.
    /// - Returns: The answers and the rejected rows.
    /// - Throws: `CSVError`; `CustomerAnalyticsError.invalidValue` for an unknown or empty kind (not
    ///   `nps`/`csat`) or a score out of range, naming the row.
    /// - Complexity: O(file bytes).
    public static func read(file path: String, mapping: [String: String] = [:],
                            policy: CSVErrorPolicy = .strict,
                            options: CSVReadOptions = CSVReadOptions()) throws -> (surveys: SurveyAnswers, rejected: [RejectedRow]) {
        let read = try ContractReader.read(.surveys, file: path, mapping: mapping, policy: policy, requiring: ["date"], options: options)
        let t = read.table
        do {
            var parsed = [Kind](repeating: .nps, count: t.rowCount)
            if t.hasColumn("kind") {
                let kinds = try t.categories("kind")
                let levels = kinds.levels.map { Kind(rawValue: $0.lowercased()) }
                for i in 0..<t.rowCount {
                    let code = kinds.codes[i]
                    guard code >= 0, let kind = levels[Int(code)] else {
                        throw CustomerAnalyticsError.invalidValue(source: path, row: i, column: "kind", value: kinds[i] ?? "",
                                                                  reason: "unknown survey kind (expected nps or csat)")
                    }
                    parsed[i] = kind
                }
            }
            return (try SurveyAnswers(day: try t.dates("date").values, score: try t.integers("score").values.map { Int($0) },
                                      kind: parsed, source: path), read.quality.rejected)
        } catch let error as TableError {
            throw CustomerAnalyticsError.column(source: path, error)
        }
    }
}
