/// Errors of RFM scoring and segmentation: invalid options or rule tables, and data that the
/// options do not allow (orders after the as-of date under `.error`, nothing left to score).
public enum RFMError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The number of quantile bins is outside 2…100.
    case invalidBins(Int)
    /// User breakpoints for `axis` (`"recency"`, `"frequency"`, `"monetary"`) are empty, not finite,
    /// or not strictly increasing.
    case invalidBreakpoints(axis: String, values: [Double])
    /// The number of currency decimals is outside 0…6.
    case invalidCurrencyDecimals(Int)
    /// The segment table's score scale is outside 2…100.
    case invalidSegmentScale(Int)
    /// The segment table has no rules.
    case emptySegmentTable
    /// A rule's range for `axis` (`"r"` or `"f"`) is empty or leaves `1…scale`.
    case segmentRuleOutOfRange(segment: String, axis: String, lower: Int, upper: Int, scale: Int)
    /// No rule matches the score cell (`r`, `f`) — every cell of the table must be covered.
    case uncoveredSegmentCell(r: Int, f: Int)
    /// `count` orders are dated after the as-of date and the options say `.error`; the first one
    /// (in file order) belongs to `firstCustomer` on `firstDate` (ISO).
    case ordersAfterAsOf(count: Int, asOf: String, firstCustomer: String, firstDate: String)
    /// No order is left to score (an empty log, or every order excluded by the options).
    case noOrders
    /// The amount at `row` (0-based) times 10^decimals does not fit a 64-bit integer of minor units.
    case amountOutOfRange(row: Int, value: Double)

    /// A one-line message with the offending values.
    public var description: String {
        switch self {
        case let .invalidBins(bins): return "RFM bins must be in 2…100, got \(bins)"
        case let .invalidBreakpoints(axis, values):
            return "\(axis) breakpoints must be finite, non-empty and strictly increasing, got \(values)"
        case let .invalidCurrencyDecimals(d): return "currency decimals must be in 0…6, got \(d)"
        case let .invalidSegmentScale(s): return "segment table scale must be in 2…100, got \(s)"
        case .emptySegmentTable: return "segment table has no rules"
        case let .segmentRuleOutOfRange(segment, axis, lower, upper, scale):
            return "segment \"\(segment)\": \(axis) range \(lower)…\(upper) is empty or outside 1…\(scale)"
        case let .uncoveredSegmentCell(r, f):
            return "segment table covers no rule for r = \(r), f = \(f); every score cell needs a segment"
        case let .ordersAfterAsOf(count, asOf, customer, date):
            return "\(count) order(s) dated after the as-of date \(asOf) (first: customer \"\(customer)\" on \(date))"
        case .noOrders: return "no orders to score"
        case let .amountOutOfRange(row, value):
            return "order row \(row): amount \(value) is too large to total exactly in minor currency units"
        }
    }
}
