import SalesData

/// Win rate and sales cycle computed simply from opportunities.csv, for the KPI sheet until the
/// pipeline analytics' sales-KPI API is merged (it replaces this).
///
/// Definitions: a deal is closed when `is_won` is 1 or 0 (open deals have it empty);
/// win rate = closed won / closed; sales cycle = median of (close_date − created_date) in days
/// over the closed deals (the mean of the two middle values for an even count).
public struct SimpleWinRateAndCycle: Sendable, Equatable, Codable {
    /// Closed deals.
    public let closedDeals: Int
    /// Closed won deals.
    public let wonDeals: Int
    /// won / closed; nil without closed deals.
    public let winRate: Double?
    /// Median created → close days of closed deals; nil without closed deals.
    public let salesCycleDays: Double?

    /// The columns read: created_date, close_date (dates), is_won (boolean, empty when open).
    public static let schema = CSVSchema([
        .init("created_date", .date),
        .init("close_date", .date),
        .init("is_won", .boolean),
    ])

    /// Computes both figures from parallel columns.
    /// - Parameters:
    ///   - created: Created day per deal.
    ///   - closed: Close day per deal.
    ///   - isWon: 1/0 for closed deals, nil for open ones.
    /// - Complexity: O(n log n) (the median sorts).
    public init(created: [Int32?], closed: [Int32?], isWon: [Bool?]) {
        var days: [Double] = [], won = 0
        for i in 0..<isWon.count {
            guard let w = isWon[i] else { continue }
            if w { won += 1 }
            if let c = created[i], let e = closed[i] { days.append(Double(e - c)) }
        }
        let n = isWon.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
        closedDeals = n
        wonDeals = won
        winRate = n > 0 ? Double(won) / Double(n) : nil
        days.sort()
        if days.isEmpty {
            salesCycleDays = nil
        } else {
            let m = days.count / 2
            salesCycleDays = days.count % 2 == 1 ? days[m] : (days[m - 1] + days[m]) / 2
        }
    }

    /// Reads opportunities.csv and computes the figures.
    /// - Parameters:
    ///   - path: The file.
    ///   - mapping: Contract name → file header.
    ///   - policy: Strict or skip invalid rows.
    /// - Returns: The figures and the rejected rows.
    /// - Throws: `CSVError`; `CustomerAnalyticsError.column`.
    /// - Complexity: O(file bytes + n log n).
    public static func read(file path: String, mapping: [String: String] = [:],
                            policy: CSVErrorPolicy = .strict) throws -> (kpis: SimpleWinRateAndCycle, rejected: [RejectedRow]) {
        let result = try CSVReader.read(file: path, schema: schema.mapped(mapping), options: CSVReadOptions(policy: policy))
        let t = result.table
        do {
            let c = try t.dates("created_date"), e = try t.dates("close_date"), w = try t.booleans("is_won")
            let n = t.rowCount
            return (SimpleWinRateAndCycle(created: (0..<n).map { c[$0] }, closed: (0..<n).map { e[$0] },
                                          isWon: (0..<n).map { w[$0] }), result.rejected)
        } catch {
            throw CustomerAnalyticsError.column(source: path, error)
        }
    }
}
