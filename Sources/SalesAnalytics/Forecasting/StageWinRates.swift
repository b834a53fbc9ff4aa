/// Win rates per open stage learned from closed deals: P(won | the deal passed through the stage).
///
/// With stage history, a closed deal "passed through" stage s if its history has an entry for s; the
/// rate of s is won / passed over the closed deals. Without stage history the stages a lost deal
/// reached are unknown (its final stage is `closed_lost`), so every closed deal is taken to have
/// passed every open stage and each stage gets the overall win rate — an honest but flat estimate
/// (with history, later stages usually have higher rates). A stage no closed deal passed through
/// gets the overall rate.
public struct StageWinRates: Sendable, Hashable {
    /// How the rates were learned.
    public enum Source: String, Sendable, Hashable, Codable {
        /// From stage_history: deals that entered each stage.
        case stageHistory = "stage-history"
        /// From the opportunities' final stages only (every stage gets the overall rate).
        case finalStages = "final-stages"
    }

    /// Counts behind one stage's rate.
    public struct StageCount: Sendable, Hashable, Codable {
        /// The stage.
        public var stage: String
        /// Closed deals that passed through it.
        public var passed: Int
        /// Of those, won.
        public var won: Int
        /// won / passed (the overall rate when passed = 0).
        public var rate: Double
    }

    /// Where the rates come from.
    public var source: Source
    /// Won / closed over all closed deals used.
    public var overall: Double
    /// Closed deals used.
    public var closedDeals: Int
    /// Per stage (the contract's open stages first, in pipeline order, then any other stage seen in history).
    public var stages: [StageCount]

    /// The rate for a stage (overall when the stage is unknown).
    /// - Parameter stage: Stage name.
    /// - Returns: P(won | passed through the stage).
    public func rate(for stage: String) -> Double {
        stages.first { $0.stage == stage }?.rate ?? overall
    }

    /// Learns rates from the deals closed on or before `asOf`.
    /// - Parameters:
    ///   - opportunities: All deals (open ones and deals closed after `asOf` are ignored).
    ///   - stageHistory: Stage entries, or `nil` to use final stages only.
    ///   - asOf: The as-of day (days since epoch).
    /// - Returns: The rates.
    /// - Throws: ``SalesForecastError/insufficientHistory(what:needed:)`` without closed deals.
    /// - Complexity: O(deals + history entries).
    public static func learn(from opportunities: [OpportunityRecord], stageHistory: [StageEntry]?, asOf: Int)
        throws(SalesForecastError) -> StageWinRates {
        var outcome: [String: Bool] = [:]
        var closed = 0, won = 0
        for o in opportunities {
            guard let w = o.isWon, let c = o.closeDay, c <= asOf else { continue }
            outcome[o.id] = w
            closed += 1
            if w { won += 1 }
        }
        if closed == 0 {
            throw .insufficientHistory(what: "stage win rates", needed: "no deal closed on or before the as-of date")
        }
        let overall = Double(won) / Double(closed)
        var names = ForecastInputs.openStages
        guard let stageHistory else {
            return StageWinRates(source: .finalStages, overall: overall, closedDeals: closed,
                                 stages: names.map { StageCount(stage: $0, passed: closed, won: won, rate: overall) })
        }
        var seen = Set<String>()
        var passed: [String: Int] = [:], wonAt: [String: Int] = [:]
        for e in stageHistory {
            guard let w = outcome[e.opportunityID], !e.stage.hasPrefix("closed_") else { continue }
            let key = e.opportunityID + "\u{1}" + e.stage
            guard seen.insert(key).inserted else { continue }
            passed[e.stage, default: 0] += 1
            if w { wonAt[e.stage, default: 0] += 1 }
            if !names.contains(e.stage) { names.append(e.stage) }
        }
        let counts = names.map { s -> StageCount in
            let p = passed[s] ?? 0, w = wonAt[s] ?? 0
            return StageCount(stage: s, passed: p, won: w, rate: p > 0 ? Double(w) / Double(p) : overall)
        }
        return StageWinRates(source: .stageHistory, overall: overall, closedDeals: closed, stages: counts)
    }
}
