/// The spacing of a regular time series.
public enum TimeSeriesFrequency: String, Sendable, Hashable, CaseIterable, Codable {
    case day, week, month, quarter

    /// The usual seasonal period: 7 (days per week), 52 (weeks per year), 12 (months), 4 (quarters).
    public var defaultSeasonalPeriod: Int {
        switch self {
        case .day: return 7
        case .week: return 52
        case .month: return 12
        case .quarter: return 4
        }
    }
}

/// A regular time series: one value per period from `start` on, with missing periods stored as NaN.
///
/// Periods are plain integers (for example months since an epoch, as `SalesData` counts them);
/// SalesModels does not interpret them beyond "consecutive". Gaps are explicit: a model never sees
/// NaN silently, the caller either fills them (``filledWithZero()``, right for sales where "no order"
/// means zero revenue) or asks for them to be reported (``checkedNoGaps()``).
public struct TimeSeries: Sendable, Hashable {
    /// The spacing of the periods.
    public var frequency: TimeSeriesFrequency
    /// The integer index of the first period (meaning chosen by the caller, e.g. months since 1970-01).
    public var start: Int
    /// Number of periods in one season (≥ 1; 1 means no seasonality).
    public var seasonalPeriod: Int
    /// One value per period; NaN marks a missing period.
    public var values: [Double]

    /// Creates a series.
    /// - Parameters:
    ///   - values: One value per period, NaN for a missing period.
    ///   - frequency: The spacing of periods.
    ///   - start: The integer index of the first period (default 0).
    ///   - seasonalPeriod: Periods per season; `nil` uses `frequency.defaultSeasonalPeriod`.
    /// - Precondition: `seasonalPeriod` ≥ 1 (a programmer error otherwise).
    public init(values: [Double], frequency: TimeSeriesFrequency, start: Int = 0, seasonalPeriod: Int? = nil) {
        let m = seasonalPeriod ?? frequency.defaultSeasonalPeriod
        precondition(m >= 1, "seasonalPeriod must be at least 1")
        self.values = values
        self.frequency = frequency
        self.start = start
        self.seasonalPeriod = m
    }

    /// Number of periods (including gaps).
    public var count: Int { values.count }

    /// The period index of the value at array position `offset`.
    /// - Parameter offset: A position in `values`.
    /// - Returns: `start + offset`.
    public func period(at offset: Int) -> Int { start + offset }

    /// Array positions (0-based) whose value is NaN.
    /// - Complexity: O(n).
    public var gapPositions: [Int] {
        var out: [Int] = []
        for (i, v) in values.enumerated() where v.isNaN { out.append(i) }
        return out
    }

    /// Whether any value is missing.
    /// - Complexity: O(n).
    public var hasGaps: Bool { values.contains { $0.isNaN } }

    /// A copy whose missing periods are zero (for sales: no orders in the period).
    /// - Returns: The same series with every NaN replaced by 0.
    /// - Complexity: O(n).
    public func filledWithZero() -> TimeSeries {
        var copy = self
        for i in copy.values.indices where copy.values[i].isNaN { copy.values[i] = 0 }
        return copy
    }

    /// Returns the series unchanged if it has no gaps and no infinite values.
    /// - Returns: `self`.
    /// - Throws: ``ForecastError/gaps(positions:)`` listing every NaN position,
    ///   ``ForecastError/nonFiniteValue(position:value:)`` for ±infinity.
    /// - Complexity: O(n).
    public func checkedNoGaps() throws -> TimeSeries {
        try validateFinite(values)
        return self
    }
}

/// Throws a typed error for NaN gaps (all positions listed) or infinities.
func validateFinite(_ values: [Double]) throws {
    var gaps: [Int] = []
    for (i, v) in values.enumerated() {
        if v.isNaN { gaps.append(i) } else if !v.isFinite { throw ForecastError.nonFiniteValue(position: i, value: v) }
    }
    if !gaps.isEmpty { throw ForecastError.gaps(positions: gaps) }
}
