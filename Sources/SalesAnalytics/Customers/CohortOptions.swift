import SalesData
/// Where a customer's cohort starts.
public enum CohortOrigin: Sendable, Equatable {
    /// The period of the customer's first used order (default).
    case firstOrder
    /// The period of the customer's signup date; customers without orders still count in their
    /// cohort's size, and orders before the signup period are left out and counted.
    case signup(CustomerSignups)
}

/// Options of `CohortAnalysis.run(_:options:)`.
public struct CohortOptions: Sendable, Equatable {
    /// Day, week (ISO, Monday start), month (default), quarter or year. The tables hold
    /// (periods spanned)² cells, so daily cohorts suit short spans only.
    public var period: PeriodUnit
    /// First order (default) or signup.
    public var origin: CohortOrigin
    /// Net (default), exclude or separate refund rows (see `RefundPolicy`).
    public var refunds: RefundPolicy
    /// The last day of data; orders after it are excluded and counted (or rejected, per
    /// `futureOrders`). `nil`: the last used order's day.
    public var asOf: Int32?
    /// Exclude (default) or reject orders after `asOf`.
    public var futureOrders: FutureOrderPolicy
    /// Minor-unit decimals for exact revenue totals (default 2).
    public var currencyDecimals: Int

    /// Options with the defaults above.
    /// - Parameters:
    ///   - period: The grain.
    ///   - origin: Cohort start.
    ///   - refunds: Refund policy.
    ///   - asOf: Last day of data or `nil`.
    ///   - futureOrders: Policy for orders after `asOf`.
    ///   - currencyDecimals: 0…6.
    public init(period: PeriodUnit = .month, origin: CohortOrigin = .firstOrder, refunds: RefundPolicy = .net,
                asOf: Int32? = nil, futureOrders: FutureOrderPolicy = .exclude, currencyDecimals: Int = 2) {
        self.period = period
        self.origin = origin
        self.refunds = refunds
        self.asOf = asOf
        self.futureOrders = futureOrders
        self.currencyDecimals = currencyDecimals
    }
}
