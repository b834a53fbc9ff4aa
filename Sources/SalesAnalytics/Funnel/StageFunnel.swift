import SalesData

/// The CRM stage funnel over stage_history.csv and opportunities.csv: how many deals reach each
/// stage, how many move on, how long they stay, where deals are lost, and by which segment.
///
/// Definitions (per opportunity, with its history sorted by `entered_at`, ties in file order):
/// - **furthest stage**: the highest open stage in its history (a deal that skips a stage is
///   counted as having passed it); a won deal has passed every open stage.
/// - **outcome**: won / lost / open, from opportunities.csv (`is_won`, else `stage`) when the deal
///   is there, else from its last history entry.
/// - stage k: `entered` = deals whose furthest stage ≥ k (or won); `advanced` = deals that got past
///   k (furthest > k, or won); `lost` = lost deals whose furthest stage is k; `stillOpen` = open
///   deals sitting at k; `conversion` = advanced / entered; `closedConversion` = advanced /
///   (entered − stillOpen), the rate among deals that are decided at this stage.
/// - **time in stage**: for consecutive history entries, `entered_at` of the next − of this one,
///   attributed to this entry's stage (open stages only; the current stage of an open deal has no
///   duration yet). Median and p90 in days (type-7 quantiles).
/// - **bottleneck**: the stage with the most lost deals (ties: earlier stage) and the stage with
///   the longest median time.
/// - Opportunities without stage-history rows are not counted (their stage path is unknown).
/// - **lead → opportunity → won**: the first open stage's deals are leads, deals reaching the
///   second are opportunities; rates leads→opportunities, opportunities→won, leads→won.
public enum StageFunnel {
    /// One stage's counts and times.
    public struct Stage: Sendable, Equatable {
        /// The stage's name.
        public let name: String
        /// Deals that reached the stage.
        public let entered: Int
        /// Deals that moved past it (to a later stage or won).
        public let advanced: Int
        /// Lost deals whose furthest stage this was.
        public let lost: Int
        /// Open deals currently at this stage.
        public let stillOpen: Int
        /// `advanced / entered` (`nil` when none entered).
        public let conversion: Double?
        /// `advanced / (entered − stillOpen)` (`nil` when none are decided).
        public let closedConversion: Double?
        /// Days spent in the stage by deals that left it.
        public let daysInStage: [Double]
        /// Median of `daysInStage` (`nil` when empty).
        public let medianDays: Double?
        /// 90th percentile of `daysInStage` (`nil` when empty).
        public let p90Days: Double?
    }

    /// Leakage of one segment value (a source, rep or industry).
    public struct SegmentLeakage: Sendable, Equatable {
        /// The segment column (`source`, `rep_id`, `industry`).
        public let column: String
        /// The value (`nil`: missing in the data).
        public let value: String?
        /// Deals of the segment.
        public let deals: Int
        /// Won deals.
        public let won: Int
        /// Lost deals.
        public let lost: Int
        /// `lostAt[k]`: lost deals whose furthest open stage was k.
        public let lostAt: [Int]
        /// `won / (won + lost)` (`nil` when none closed).
        public let winRate: Double?
        /// The open stage where the segment lost most deals (`nil` when none lost).
        public let worstStage: String?
    }

    /// Lead → opportunity → won.
    public struct Conversion: Sendable, Equatable {
        /// Deals in the first stage (all deals with a known furthest stage).
        public let leads: Int
        /// Deals reaching the second open stage.
        public let opportunities: Int
        /// Won deals.
        public let won: Int
        /// `opportunities / leads`.
        public let leadToOpportunity: Double?
        /// `won / opportunities`.
        public let opportunityToWon: Double?
        /// `won / leads`.
        public let leadToWon: Double?
    }

    /// The whole report.
    public struct Report: Sendable, Equatable {
        /// Open stages in order, then the won stage (its `entered` = won deals).
        public let stages: [Stage]
        /// The open stage that lost the most deals.
        public let mostLossesStage: String?
        /// The open stage with the longest median time in stage.
        public let slowestStage: String?
        /// Leakage by source, rep and industry (those columns that exist).
        public let leakage: [SegmentLeakage]
        /// Lead → opportunity → won.
        public let conversion: Conversion
        /// Deals counted.
        public let deals: Int
        /// History rows of opportunities absent from opportunities.csv (counted from history alone).
        public let historyOnlyDeals: Int
    }

    /// Builds the stage funnel report.
    /// - Parameters:
    ///   - history: stage_history table (`opportunity_id`, `stage` categories, `entered_at` timestamp).
    ///   - opportunities: opportunities table (`opportunity_id`, `stage`, optional `is_won`,
    ///     `source`, `rep_id`, `industry`), or `nil` to use the history alone.
    ///   - order: The stage order and name mapping (default: the contract's).
    ///   - segments: Columns to report leakage by (those absent from the table are skipped).
    /// - Returns: The report.
    /// - Throws: `FunnelError.unknownStage` for a stage name the order does not know (listing the
    ///   known ones); `TableError` for missing or mistyped columns.
    /// - Complexity: O(history rows log(rows per deal) + opportunities × segments).
    public static func run(history: Table, opportunities: Table?, order: StageOrder = .contract,
                              segments: [String] = ["source", "rep_id", "industry"]) throws -> Report {
        let ids = try history.categories("opportunity_id")
        let stages = try history.categories("stage")
        let times = try history.timestamps("entered_at")
        let openCount = order.openStages.count
        let stageCode = try positionCodes(of: stages, ids: ids, order: order)
        // Group history rows by opportunity (counting sort on the id code, stable).
        let dealCount = ids.levels.count
        var start = [Int](repeating: 0, count: dealCount + 1)
        for code in ids.codes where code >= 0 { start[Int(code) + 1] += 1 }
        for i in 0..<dealCount { start[i + 1] += start[i] }
        var rows = [Int](repeating: 0, count: start[dealCount])
        var fill = start
        for (row, code) in ids.codes.enumerated() where code >= 0 && stages.codes[row] >= 0 && times.valid[row] {
            rows[fill[Int(code)]] = row
            fill[Int(code)] += 1
        }
        // Outcomes and segments from opportunities.csv.
        var opportunityRow: [Int?] = [Int?](repeating: nil, count: dealCount)
        var segmentColumns: [CategoryColumn] = []
        var outcomeFromTable: [Int?] = []
        if let opportunities {
            let oppIDs = try opportunities.categories("opportunity_id")
            var index: [String: Int] = [:]
            for (code, id) in ids.levels.enumerated() { index[id] = code }
            let levelToDeal = oppIDs.levels.map { index[$0] }
            for row in 0..<oppIDs.count {
                let code = oppIDs.codes[row]
                if code >= 0, let deal = levelToDeal[Int(code)], opportunityRow[deal] == nil { opportunityRow[deal] = row }
            }
            for name in segments where opportunities.hasColumn(name) {
                segmentColumns.append(try opportunities.categories(name))
            }
            let oppStages = try opportunities.categories("stage")
            let won = opportunities.hasColumn("is_won") ? try opportunities.booleans("is_won") : nil
            let stagePosition = try positionCodes(of: oppStages, ids: oppIDs, order: order)
            outcomeFromTable = (0..<opportunities.rowCount).map { row in
                if let won, let value = won[row] { return value ? openCount : openCount + 1 }
                let code = oppStages.codes[row]
                return code >= 0 ? stagePosition[Int(code)] : nil
            }
        }

        var entered = [Int](repeating: 0, count: openCount + 1)
        var advanced = [Int](repeating: 0, count: openCount)
        var lost = [Int](repeating: 0, count: openCount)
        var stillOpen = [Int](repeating: 0, count: openCount)
        var durations = [[Int64]](repeating: [], count: openCount)
        var segmentTallies = segmentColumns.map { column in
            [SegmentTally](repeating: SegmentTally(stages: openCount), count: column.levels.count + 1)
        }
        var historyOnly = 0
        var scratch: [(time: Int64, stage: Int, row: Int)] = []
        for deal in 0..<dealCount {
            scratch.removeAll(keepingCapacity: true)
            for i in start[deal]..<fill[deal] {
                let row = rows[i]
                scratch.append((times.values[row], stageCode[Int(stages.codes[row])], row))
            }
            guard !scratch.isEmpty else { continue }
            scratch.sort { ($0.time, $0.row) < ($1.time, $1.row) }
            var furthest = -1
            for entry in scratch where entry.stage < openCount { furthest = max(furthest, entry.stage) }
            for i in 0..<(scratch.count - 1) where scratch[i].stage < openCount {
                durations[scratch[i].stage].append(scratch[i + 1].time - scratch[i].time)
            }
            var outcome = scratch[scratch.count - 1].stage
            let oppRow = opportunityRow[deal]
            if let oppRow, let fromTable = outcomeFromTable[oppRow] { outcome = fromTable }
            if oppRow == nil { historyOnly += 1 }
            let isWon = outcome == openCount, isLost = outcome == openCount + 1
            if isWon { furthest = openCount - 1 }
            if furthest < 0 { furthest = 0 }
            for k in 0...furthest { entered[k] += 1 }
            if isWon { entered[openCount] += 1 }
            for k in 0..<furthest { advanced[k] += 1 }
            if isWon { advanced[openCount - 1] += 1 }
            if isLost { lost[furthest] += 1 }
            if !isWon && !isLost { stillOpen[furthest] += 1 }
            for (s, column) in segmentColumns.enumerated() {
                let code = oppRow.map { Int(column.codes[$0]) } ?? -1
                let slot = code >= 0 ? code : column.levels.count
                segmentTallies[s][slot].deals += 1
                if isWon { segmentTallies[s][slot].won += 1 }
                if isLost { segmentTallies[s][slot].lost += 1; segmentTallies[s][slot].lostAt[furthest] += 1 }
            }
        }

        var stageResults: [Stage] = []
        for k in 0..<openCount {
            let days = DurationDistribution(seconds: durations[k])
            let decided = entered[k] - stillOpen[k]
            stageResults.append(Stage(
                name: order.openStages[k], entered: entered[k], advanced: advanced[k], lost: lost[k],
                stillOpen: stillOpen[k], conversion: ratio(advanced[k], entered[k]),
                closedConversion: ratio(advanced[k], decided),
                daysInStage: days.sortedSeconds.map { Double($0) / 86_400 },
                medianDays: days.median.map { $0 / 86_400 }, p90Days: days.p90.map { $0 / 86_400 }))
        }
        stageResults.append(Stage(name: order.wonStage, entered: entered[openCount], advanced: 0, lost: 0,
                                  stillOpen: 0, conversion: nil, closedConversion: nil, daysInStage: [],
                                  medianDays: nil, p90Days: nil))
        var mostLosses: String?
        var best = 0
        for k in 0..<openCount where lost[k] > best { best = lost[k]; mostLosses = order.openStages[k] }
        var slowest: String?
        var slowestDays = -Double.infinity
        for stage in stageResults.prefix(openCount) {
            if let median = stage.medianDays, median > slowestDays { slowestDays = median; slowest = stage.name }
        }
        var leakage: [SegmentLeakage] = []
        for (s, column) in segmentColumns.enumerated() {
            for (slot, tally) in segmentTallies[s].enumerated() where tally.deals > 0 {
                var worst: String?
                var worstCount = 0
                for k in 0..<openCount where tally.lostAt[k] > worstCount {
                    worstCount = tally.lostAt[k]; worst = order.openStages[k]
                }
                leakage.append(SegmentLeakage(
                    column: column.name, value: slot < column.levels.count ? column.levels[slot] : nil,
                    deals: tally.deals, won: tally.won, lost: tally.lost, lostAt: tally.lostAt,
                    winRate: ratio(tally.won, tally.won + tally.lost), worstStage: worst))
            }
        }
        let leads = entered[0]
        let opportunitiesCount = openCount > 1 ? entered[1] : entered[0]
        let won = entered[openCount]
        let conversion = Conversion(leads: leads, opportunities: opportunitiesCount, won: won,
                                    leadToOpportunity: ratio(opportunitiesCount, leads),
                                    opportunityToWon: ratio(won, opportunitiesCount),
                                    leadToWon: ratio(won, leads))
        return Report(stages: stageResults, mostLossesStage: mostLosses, slowestStage: slowest,
                      leakage: leakage, conversion: conversion, deals: leads, historyOnlyDeals: historyOnly)
    }

    struct SegmentTally {
        var deals = 0, won = 0, lost = 0
        var lostAt: [Int]
        init(stages: Int) { lostAt = [Int](repeating: 0, count: stages) }
    }

    static func ratio(_ a: Int, _ b: Int) -> Double? { b > 0 ? Double(a) / Double(b) : nil }

    /// The position code of every level of a stage column: 0..<open stages for the open stages, then
    /// won, then lost.
    /// - Throws: `FunnelError.unknownStage` for a level the order does not know, naming the deal of the
    ///   first row that carries it.
    static func positionCodes(of stages: CategoryColumn, ids: CategoryColumn, order: StageOrder) throws -> [Int] {
        let openCount = order.openStages.count
        return try stages.levels.enumerated().map { code, name in
            guard let position = order.position(of: name) else {
                let row = stages.codes.firstIndex(of: Int32(code)) ?? 0
                throw FunnelError.unknownStage(name: name, opportunityID: ids[row] ?? "?", known: order.knownStages)
            }
            switch position {
            case let .open(k): return k
            case .won: return openCount
            case .lost: return openCount + 1
            }
        }
    }
}
