import SalesModels
/// A proposed quota: a chosen quantile of the forecast distribution of the next period's total.
public struct QuotaProposal: Sendable, Hashable, Codable {
    /// The proposed quota.
    public var quota: Double
    /// The quantile used (e.g. 0.5 median, 0.4 for a quota met 60 % of the time).
    public var quantile: Double
    /// The expected total of the period.
    public var expected: Double
    /// The share of simulated totals at or above the quota (≈ 1 − quantile).
    public var probabilityOfMeeting: Double
    /// Periods of the forecast summed.
    public var periods: [String]

    /// Proposes the `quantile` of the total over `periods` of a forecast distribution.
    ///
    /// A sales leader who wants a quota the team meets with probability π picks quantile 1 − π.
    /// The quantile is the empirical one of the simulated totals (linear interpolation, numpy's
    /// default); its Monte-Carlo error is of order √(q(1 − q)/paths)/density.
    /// - Parameters:
    ///   - distribution: A simulated forecast (pipeline, combined, or ``ForecastDistribution/init(simulating:periods:paths:seed:)``).
    ///   - periods: Forecast periods making up the quota period (default: the first one).
    ///   - quantile: Probability in (0, 1).
    /// - Returns: The proposal.
    /// - Throws: ``SalesForecastError/invalidArgument(name:value:expected:)`` for a quantile outside (0, 1) or
    ///   an empty or out-of-range period range.
    /// - Complexity: O(paths · log paths + paths · periods).
    public static func propose(from distribution: ForecastDistribution, periods: Range<Int> = 0..<1, quantile: Double)
        throws -> QuotaProposal {
        guard quantile > 0 && quantile < 1 else {
            throw SalesForecastError.invalidArgument(name: "quantile", value: "\(quantile)", expected: "a probability in (0, 1)")
        }
        guard !periods.isEmpty, periods.lowerBound >= 0, periods.upperBound <= distribution.horizon else {
            throw SalesForecastError.invalidArgument(name: "quota periods", value: "\(periods)", expected: "a non-empty range within 0..<\(distribution.horizon)")
        }
        let totals = distribution.totalDraws(periods: periods).sorted()
        let quota = ForecastDistribution.quantile(sorted: totals, quantile)
        let meeting = Double(totals.count - lowerBound(totals, quota)) / Double(max(totals.count, 1))
        return QuotaProposal(quota: quota, quantile: quantile, expected: periods.reduce(0) { $0 + distribution.expected[$1] },
                             probabilityOfMeeting: meeting, periods: Array(distribution.periods[periods]))
    }

    private static func lowerBound(_ sorted: [Double], _ x: Double) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi { let mid = (lo + hi) / 2; if sorted[mid] < x { lo = mid + 1 } else { hi = mid } }
        return lo
    }
}

extension ForecastDistribution {
    /// Simulated future paths of an ETS fit as a distribution. Its ``expected`` values are the point
    /// forecasts, which are the means for additive-error models and for multiplicative error up to the
    /// small bias of the multiplicative recursion (Hyndman et al. 2008, §6.4).
    /// - Parameters:
    ///   - fit: The ETS fit.
    ///   - periods: Labels of the forecast periods (their count is the horizon, ≥ 1).
    ///   - paths: Number of paths (default 10,000).
    ///   - seed: Seed.
    /// - Complexity: O(paths · (h + m)).
    public init(simulating fit: ETSFit, periods: [String], paths: Int = 10_000, seed: UInt64 = 42) {
        let h = periods.count
        self.init(periods: periods, expected: fit.pointForecast(horizon: h), paths: paths,
                  samples: fit.simulate(horizon: h, paths: paths, seed: seed))
    }
}
