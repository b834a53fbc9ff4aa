/// When an open deal closes: the distribution of its remaining days, from the sales cycles of closed deals.
///
/// The contract files keep only the actual close date of a closed deal, not the close date it was
/// expected on, so slippage (actual − expected) cannot be measured directly. The model therefore
/// uses the created→close cycle length L of the deals closed on or before the as-of date t₀:
///
/// - ``Mode/cycleSurvival`` (default): an open deal created on day c has age a = t₀ − c and has not
///   closed yet, so its cycle is drawn from the closed cycles longer than its age,
///   {L_j : L_j > a}, each with equal weight; it closes on t₀ + (L − a). If fewer than
///   ``minimumSupport`` closed cycles exceed a, the age is capped at a* = (the ``minimumSupport``-th
///   longest cycle) − 1, so the deal is treated like the oldest deals for which there is evidence.
///   The deal's own expected close date is not used.
/// - ``Mode/expectedDate``: the CRM's close date of an open deal is trusted (it closes on that day);
///   a missing or overdue date (on or before t₀) — a deal that has already slipped — falls back to
///   the cycle-survival draw.
///
/// Outcome and timing are independent in both modes.
public struct CloseTimingModel: Sendable, Hashable {
    /// How close dates are predicted.
    public enum Mode: String, Sendable, Hashable, CaseIterable, Codable {
        /// Remaining time from closed cycles longer than the deal's age.
        case cycleSurvival = "cycle"
        /// The open deal's own expected close date; overdue dates fall back to cycle survival.
        case expectedDate = "expected"
    }

    /// The mode.
    public var mode: Mode
    /// Closed cycle lengths in days, ascending.
    public var sortedCycles: [Int]
    /// Fewest cycles a survival draw may rest on.
    public var minimumSupport: Int

    /// Builds the model from the deals closed on or before `asOf`.
    /// - Parameters:
    ///   - opportunities: All deals.
    ///   - asOf: The as-of day.
    ///   - mode: The mode (default cycle survival).
    ///   - minimumSupport: Fewest cycles per draw (default 20, at most the number of closed deals).
    /// - Throws: ``SalesForecastError/insufficientHistory(what:needed:)`` without closed deals.
    /// - Complexity: O(deals · log deals).
    public init(opportunities: [OpportunityRecord], asOf: Int, mode: Mode = .cycleSurvival, minimumSupport: Int = 20)
        throws {
        var cycles: [Int] = []
        for o in opportunities {
            guard o.isWon != nil, let c = o.closeDay, c <= asOf else { continue }
            cycles.append(c - o.createdDay)
        }
        if cycles.isEmpty {
            throw SalesForecastError.insufficientHistory(what: "close timing", needed: "no deal closed on or before the as-of date")
        }
        cycles.sort()
        self.mode = mode
        self.sortedCycles = cycles
        self.minimumSupport = max(1, min(minimumSupport, cycles.count))
    }

    /// The remaining-days distribution of a deal of age `age`: equally likely values
    /// `sortedCycles[from...] − effectiveAge`, all ≥ 1.
    /// - Parameter age: Days since creation at the as-of date (≥ 0).
    /// - Returns: The first index of the support in ``sortedCycles`` and the effective age.
    /// - Complexity: O(log closed deals).
    public func survivalSupport(age: Int) -> (from: Int, effectiveAge: Int) {
        let n = sortedCycles.count
        var a = max(age, 0)
        var from = firstIndexAbove(a)
        if n - from < minimumSupport {
            from = n - minimumSupport
            a = min(a, sortedCycles[from] - 1)
            from = firstIndexAbove(a)
        }
        return (from, a)
    }

    private func firstIndexAbove(_ a: Int) -> Int {
        var lo = 0, hi = sortedCycles.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sortedCycles[mid] > a { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
