import SalesData
/// How the monetary value of a customer is measured.
public enum MonetaryMeasure: String, Sendable, Equatable, CaseIterable, Codable {
    /// The sum of the customer's order amounts.
    case total
    /// The sum divided by the customer's frequency (the mean order amount).
    case average
}

/// What happens to refunds (orders whose net amount is negative), with the same name and default
/// on every analysis and command (`--refunds net|exclude|separate`). Whatever the policy, a refund
/// is never a purchase: it never raises frequency, never makes a customer new or active, and a
/// customer with refunds only is not a customer of the analyses (see the OrdersPurchasesRefunds
/// article).
public enum RefundPolicy: String, Sendable, Equatable, CaseIterable, Codable {
    /// Refunds stay in the log: their negative amount reduces revenue and monetary value (default).
    case net
    /// Refunds are dropped before anything is computed (and counted in the result).
    case exclude
    /// Refunds are dropped from revenue and monetary value like `exclude`, and reported on their own
    /// (count and total, `RefundFacts`).
    case separate
}

/// What happens to orders dated after the as-of date.
public enum FutureOrderPolicy: String, Sendable, Equatable, CaseIterable, Codable {
    /// They are left out and counted in the result (`futureOrderCount`).
    case exclude
    /// Their presence throws `RFMError.ordersAfterAsOf` (or `CohortError.ordersAfterAsOf`).
    case error
}

/// How recency, frequency and monetary values become scores `1…bins` (higher is better: recent,
/// frequent, valuable).
///
/// **Quantile scores** (`quantiles(bins:)`) are rank based and deterministic: with `n` customers,
/// each value gets its competition ("min") rank `rank = 1 + #{customers with a strictly worse value}`
/// (worse = larger recency, smaller frequency, smaller monetary value), and
/// `score = 1 + ⌊bins · (rank − 1) / n⌋`. Tied values therefore always share a score, and the
/// scores equal pandas' `1 + (bins * (rank(method="min") - 1)) // n` (ranking recency descending).
/// Monetary values are ranked on exact integer minor units (totals) or on the correctly rounded
/// quotient (averages).
///
/// **Breakpoints** (`breakpoints(recency:frequency:monetary:)`) are strictly increasing
/// thresholds: with `k` recency breakpoints `b₁ < … < b_k` (days), `r = 1 + #{i : recency < b_i}`
/// (a recency below every breakpoint scores `k + 1`); with frequency or monetary breakpoints,
/// `score = 1 + #{i : value ≥ b_i}`. Each axis has `breakpoints.count + 1` scores.
public enum RFMScoring: Sendable, Equatable {
    /// Rank-based quantile scores in `1…bins` (2…100).
    case quantiles(bins: Int)
    /// User thresholds per axis (see the type's documentation).
    case breakpoints(recency: [Double], frequency: [Double], monetary: [Double])

    /// Quantile scores 1–5 (the default).
    public static let quintiles = RFMScoring.quantiles(bins: 5)
    /// Quantile scores 1–4.
    public static let quartiles = RFMScoring.quantiles(bins: 4)

    /// The number of scores on each axis (recency, frequency, monetary).
    public var scoreCounts: (recency: Int, frequency: Int, monetary: Int) {
        switch self {
        case let .quantiles(bins): return (bins, bins, bins)
        case let .breakpoints(r, f, m): return (r.count + 1, f.count + 1, m.count + 1)
        }
    }

    /// Checks the bins or breakpoints.
    /// - Throws: `RFMError.invalidBins` or `.invalidBreakpoints`.
    public func validate() throws {
        switch self {
        case let .quantiles(bins):
            guard (2...100).contains(bins) else { throw RFMError.invalidBins(bins) }
        case let .breakpoints(r, f, m):
            for (axis, values) in [("recency", r), ("frequency", f), ("monetary", m)] {
                let ok = !values.isEmpty && values.count < 100 && values.allSatisfy(\.isFinite)
                    && zip(values, values.dropFirst()).allSatisfy { $0 < $1 }
                guard ok else { throw RFMError.invalidBreakpoints(axis: axis, values: values) }
            }
        }
    }
}

/// Options of `RFMAnalysis.run(_:options:)`.
public struct RFMOptions: Sendable, Equatable {
    /// The reference day recency is measured to; `nil` means the day after the last included order.
    public var asOf: Day?
    /// Total or average monetary value (default `.total`).
    public var monetary: MonetaryMeasure
    /// Net or exclude refunds (default `.net`).
    public var refunds: RefundPolicy
    /// Exclude (and count) or reject orders after `asOf` (default `.exclude`).
    public var futureOrders: FutureOrderPolicy
    /// How values become scores (default quintiles).
    public var scoring: RFMScoring
    /// The named segments (default `RFMSegmentTable.standard`).
    public var segments: RFMSegmentTable
    /// Decimals of the currency's minor unit (default 2): amounts are rounded to this many decimals
    /// (half away from zero) and totalled exactly as integers.
    public var currencyDecimals: Int

    /// Options with the defaults above, overridable per argument.
    /// - Parameters:
    ///   - asOf: Reference day or `nil`.
    ///   - monetary: `.total` or `.average`.
    ///   - refunds: `.net` or `.exclude`.
    ///   - futureOrders: `.exclude` or `.error`.
    ///   - scoring: Quantiles or breakpoints.
    ///   - segments: The segment rule table.
    ///   - currencyDecimals: Minor-unit decimals, 0…6.
    public init(asOf: Day? = nil, monetary: MonetaryMeasure = .total, refunds: RefundPolicy = .net,
                futureOrders: FutureOrderPolicy = .exclude, scoring: RFMScoring = .quintiles,
                segments: RFMSegmentTable = .standard, currencyDecimals: Int = 2) {
        self.asOf = asOf
        self.monetary = monetary
        self.refunds = refunds
        self.futureOrders = futureOrders
        self.scoring = scoring
        self.segments = segments
        self.currencyDecimals = currencyDecimals
    }
}
