import SalesData

/// One row of the segment summary: how many customers a segment holds and what they are worth.
public struct RFMSegmentSummary: Sendable, Equatable, Codable {
    /// The segment's name.
    public let segment: String
    /// Customers in the segment.
    public let customers: Int
    /// `customers / all scored customers`.
    public let share: Double
    /// The segment's total revenue (sum of the customers' net totals, currency units).
    public let revenue: Double
    /// `revenue / total revenue of all scored customers` (NaN when that total is 0).
    public let revenueShare: Double
    /// Mean recency in days (NaN for an empty segment).
    public let meanRecency: Double
    /// Mean frequency in orders (NaN for an empty segment).
    public let meanFrequency: Double
    /// Mean monetary value in the options' measure (NaN for an empty segment).
    public let meanMonetary: Double
}

/// Per-customer RFM values, scores and segments, plus the segment summary.
///
/// Columnar: index `i` of every per-customer array is one customer; customers appear in order of
/// their first row in the order log and only if at least one of their orders was used.
public struct RFMResult: Sendable {
    /// The reference day recency was measured to.
    public let asOf: Day
    /// The options used.
    public let options: RFMOptions
    /// Customer ids.
    public let customerIDs: [String]
    /// Days from the customer's last used order to `asOf`.
    public let recency: [Int32]
    /// Number of used orders (refund rows included under `RefundPolicy.net`).
    public let frequency: [Int32]
    /// Monetary value in currency units, total or average per `options.monetary`.
    public let monetary: [Double]
    /// Net total per customer in currency units (the revenue behind the revenue shares).
    public let revenue: [Double]
    /// Recency scores (higher = more recent).
    public let r: [UInt8]
    /// Frequency scores.
    public let f: [UInt8]
    /// Monetary scores.
    public let m: [UInt8]
    /// Per customer, the index of their segment in `segmentNames`.
    public let segmentIndex: [UInt16]
    /// The segment names of the rule table, in rule order.
    public let segmentNames: [String]
    /// One row per segment name, in rule order (segments without customers included).
    public let summary: [RFMSegmentSummary]
    /// Orders dated after `asOf` that were left out.
    public let futureOrderCount: Int
    /// Refund rows left out under `RefundPolicy.exclude` or `.separate` (0 under `.net`).
    public let excludedRefundCount: Int
    /// Orders used.
    public let orderCount: Int

    /// The number of scored customers.
    public var count: Int { customerIDs.count }

    /// The segment name of customer `i`.
    /// - Parameter i: A customer index in `0..<count`.
    public func segment(_ i: Int) -> String { segmentNames[Int(segmentIndex[i])] }
}
