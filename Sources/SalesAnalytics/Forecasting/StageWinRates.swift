/// Win rates per open stage learned from closed deals: P(won | the deal passed through the stage).
///
/// With stage history, a closed deal "passed through" stage s if its history has an entry for s; the
/// rate of s is won / passed over the closed deals. Without stage history the stages a lost deal
/// reached are unknown (its final stage is `closed_lost`), so every closed deal is taken to have
/// passed every open stage and each stage gets the overall win rate — an honest but flat estimate
/// (with history, later stages usually have higher rates). A stage no closed deal passed through
/// gets the overall rate.
///
/// Rates count deals by default (the share of deals won). With ``Weighting/amount`` each deal counts
/// with its amount (the share of pipeline value won): when large deals win less often, as in the
/// bundled data (count rate 0.465, amount rate 0.380), the amount-weighted rate is the unbiased one
/// for an expected *amount*, since Σ amount·p with count rates overstates it.
public struct StageWinRates: Sendable, Hashable {
    /// How deals are counted.
    public enum Weighting: String, Sendable, Hashable, CaseIterable, Codable {
        /// Each deal counts 1: the share of deals won.
        case deals
        /// Each deal counts its amount: the share of value won.
        case amount
    }

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
        /// Closed deals that passed through it (count, or amount under ``Weighting/amount``).
        public var passed: Double
        /// Of those, won (count or amount).
        public var won: Double
        /// won / passed (the overall rate when passed = 0).
        public var rate: Double
    }

    /// Where the rates come from.
    public var source: Source
    /// How deals were counted.
    public var weighting: Weighting
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
    ///   - weighting: Count deals (default) or weight them by amount.
    /// - Returns: The rates.
    /// - Throws: ``SalesForecastError/insufficientHistory(what:needed:)`` without closed deals.
    /// - Complexity: O(deals + history entries).
    public static func learn(from opportunities: [OpportunityRecord], stageHistory: [StageEntry]?, asOf: Int,
                             weighting: Weighting = .deals) throws -> StageWinRates {
        var outcome: [String: (won: Bool, weight: Double)] = [:]
        var closedDeals = 0
        var closed = 0.0, won = 0.0
        for o in opportunities {
            guard let w = o.isWon, let c = o.closeDay, c <= asOf else { continue }
            let weight = weighting == .deals ? 1 : o.amount
            outcome[o.id] = (w, weight)
            closedDeals += 1
            closed += weight
            if w { won += weight }
        }
        if closedDeals == 0 || closed <= 0 {
            throw SalesForecastError.insufficientHistory(what: "stage win rates", needed: "no deal closed on or before the as-of date")
        }
        let overall = won / closed
        var names = ForecastInputs.openStages
        guard let stageHistory else {
            return StageWinRates(source: .finalStages, weighting: weighting, overall: overall, closedDeals: closedDeals,
                                 stages: names.map { StageCount(stage: $0, passed: closed, won: won, rate: overall) })
        }
        var seen = Set<String>()
        var passed: [String: Double] = [:], wonAt: [String: Double] = [:]
        for e in stageHistory {
            guard let w = outcome[e.opportunityID], !e.stage.hasPrefix("closed_") else { continue }
            let key = e.opportunityID + "\u{1}" + e.stage
            guard seen.insert(key).inserted else { continue }
            passed[e.stage, default: 0] += w.weight
            if w.won { wonAt[e.stage, default: 0] += w.weight }
            if !names.contains(e.stage) { names.append(e.stage) }
        }
        let counts = names.map { s -> StageCount in
            let p = passed[s] ?? 0, w = wonAt[s] ?? 0
            return StageCount(stage: s, passed: p, won: w, rate: p > 0 ? w / p : overall)
        }
        return StageWinRates(source: .stageHistory, weighting: weighting, overall: overall, closedDeals: closedDeals, stages: counts)
    }
}
