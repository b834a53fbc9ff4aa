import SalesData
import SalesModels

/// Sales KPIs from opportunities.csv (and targets.csv): win rates, deal size, sales cycle,
/// pipeline and coverage, quota attainment, bookings growth, a rep leaderboard with wins above
/// expected, and win rate by activity and meeting buckets.
///
/// Definitions: a deal is **closed** when `is_won` is 0/1 (won = 1); **open** when it is empty.
/// Win rate by count = won / closed; by value = won amount / closed amount. Bookings = won amount
/// by the period of `close_date`. Sales cycle = `close_date − created_date` in days for closed
/// deals (quantiles type 7); a deal closed before it was created is **reported** in
/// `issues.closeBeforeCreate` and left out of the cycle statistics, never a crash. Pipeline value
/// = Σ amount of open deals; weighted pipeline = Σ amount × probability (the model's, when given,
/// else `stageWeights` by stage). Coverage, for the period containing the as-of date: open
/// pipeline / (team quota − bookings so far in that period). Quota attainment = bookings / quota
/// per rep and period; a rep in targets.csv without deals has bookings 0 and attainment 0. Wins
/// above expected = won − Σ p over the rep's closed deals with a model probability.
public enum SalesKPIs {
    /// Count and value win rates of a set of closed deals.
    public struct WinRate: Sendable, Equatable {
        /// Closed deals.
        public var closed = 0
        /// Won deals.
        public var won = 0
        /// Σ amount of closed deals (missing amounts count 0).
        public var closedAmount = 0.0
        /// Σ amount of won deals.
        public var wonAmount = 0.0
        /// won / closed (`nil` when none closed).
        public var byCount: Double? { closed > 0 ? Double(won) / Double(closed) : nil }
        /// wonAmount / closedAmount (`nil` when the closed amount is 0).
        public var byValue: Double? { closedAmount > 0 ? wonAmount / closedAmount : nil }

        mutating func add(won isWon: Bool, amount: Double) {
            closed += 1
            closedAmount += amount
            if isWon { won += 1; wonAmount += amount }
        }
    }

    /// A win rate for one value of a segment or period.
    public struct GroupWinRate: Sendable, Equatable {
        /// The segment column (`rep_id`, `source`, `industry`, `period`, `num_activities`, `num_meetings`).
        public let group: String
        /// The value (`nil`: missing).
        public let value: String?
        /// The rates.
        public let rate: WinRate
    }

    /// Created → closed days.
    public struct CycleStatistics: Sendable, Equatable {
        /// Deals measured.
        public let count: Int
        /// Median days.
        public let medianDays: Double?
        /// Mean days.
        public let meanDays: Double?
        /// 90th percentile.
        public let p90Days: Double?

        init(days: [Int64]) {
            let distribution = DurationDistribution(seconds: days)
            count = days.count
            medianDays = distribution.median
            meanDays = distribution.mean
            p90Days = distribution.p90
        }
    }

    /// Sales cycle of one segment value.
    public struct GroupCycle: Sendable, Equatable {
        /// The segment column.
        public let group: String
        /// The value.
        public let value: String?
        /// The statistics.
        public let cycle: CycleStatistics
    }

    /// Pipeline value, weighted pipeline and coverage.
    public struct Pipeline: Sendable, Equatable {
        /// Open deals.
        public let openDeals: Int
        /// Σ amount of open deals.
        public let value: Double
        /// Σ amount × win probability.
        public let weightedValue: Double
        /// `model` when model probabilities weighted it, else `stage weights`.
        public let weighting: String
        /// The coverage period (containing the as-of date).
        public let coveragePeriod: String
        /// Team quota of that period (`nil` without targets for it).
        public let quota: Double?
        /// Bookings so far in that period.
        public let booked: Double
        /// quota − booked (≥ 0).
        public let remainingQuota: Double?
        /// value / remainingQuota (`nil` when there is no remaining quota).
        public let coverage: Double?
    }

    /// Quota attainment of one rep (or the team, `rep == nil`) in one period (or overall, `period == nil`).
    public struct Attainment: Sendable, Equatable {
        /// The rep (`nil`: the team).
        public let rep: String?
        /// The period label (`nil`: every period with a quota).
        public let period: String?
        /// The quota.
        public let quota: Double
        /// Bookings in the period(s).
        public let booked: Double
        /// booked / quota (`nil` when the quota is 0).
        public let attainment: Double?
    }

    /// Bookings of one period and the growth against the previous period.
    public struct Bookings: Sendable, Equatable {
        /// The period label.
        public let period: String
        /// Won amount closed in the period.
        public let amount: Double
        /// Won deals closed in the period.
        public let wonDeals: Int
        /// amount / previous period's amount − 1 (`nil` for the first period or a zero previous).
        public let growth: Double?
    }

    /// One rep's line of the leaderboard.
    public struct RepPerformance: Sendable, Equatable {
        /// The rep.
        public let rep: String
        /// Count and value win rates.
        public let rate: WinRate
        /// Mean won deal size (`nil` with no wins).
        public let averageDealSize: Double?
        /// Σ quota over periods with a quota.
        public let quota: Double?
        /// wonAmount in those periods / quota.
        public let attainment: Double?
        /// Σ model probabilities of the rep's closed deals (`nil` without probabilities).
        public let expectedWins: Double?
        /// won − expectedWins.
        public let winsAboveExpected: Double?
    }

    /// Data problems found and worked around.
    public struct Issues: Sendable, Equatable {
        /// Closed deals whose close date is before the created date (ids or row numbers).
        public let closeBeforeCreate: [String]
        /// Rows of targets.csv whose period could not be read in the requested granularity.
        public let unreadableTargetPeriods: [String]
    }

    /// The whole KPI sheet.
    public struct Report: Sendable, Equatable {
        /// The period granularity.
        public let period: PeriodUnit
        /// The as-of day (days since the epoch).
        public let asOfDay: Int32
        /// All closed deals.
        public let overall: WinRate
        /// Win rates per rep, source, industry.
        public let winRateBySegment: [GroupWinRate]
        /// Win rates per close period.
        public let winRateByPeriod: [GroupWinRate]
        /// Mean won deal amount.
        public let averageDealSize: Double?
        /// Mean closed deal amount.
        public let averageClosedDealSize: Double?
        /// Created → closed days of closed deals.
        public let salesCycle: CycleStatistics
        /// Sales cycle per source, industry, rep, and won/lost.
        public let salesCycleBySegment: [GroupCycle]
        /// Pipeline and coverage.
        public let pipeline: Pipeline
        /// Per rep and period, per rep overall, per team period and team overall.
        public let attainment: [Attainment]
        /// Bookings per period with growth.
        public let bookings: [Bookings]
        /// Reps by won amount, descending.
        public let leaderboard: [RepPerformance]
        /// Win rate per activity bucket.
        public let winRateByActivities: [GroupWinRate]
        /// Win rate per meeting bucket.
        public let winRateByMeetings: [GroupWinRate]
        /// Data problems.
        public let issues: Issues
    }

    /// Options of the KPI sheet.
    public struct Options: Sendable, Equatable {
        /// Period granularity (default month).
        public var period: PeriodUnit
        /// The as-of day (default: the latest created or close date of a closed deal).
        public var asOf: Day?
        /// Win probabilities by stage for the weighted pipeline when no model probabilities are given
        /// (default: prospecting 0.1, qualification 0.25, proposal 0.5, negotiation 0.75 — common CRM
        /// defaults, not estimated from the data).
        public var stageWeights: [String: Double]
        /// Activity bucket lower edges (default 0, 4, 8, 12, 16: buckets 0–3, 4–7, …, 16+).
        public var activityEdges: [Int64]
        /// Meeting bucket lower edges (default 0, 1, 2, 3, 4, 5: 0, 1, …, 5+).
        public var meetingEdges: [Int64]

        /// Options with the defaults above.
        public init(period: PeriodUnit = .month, asOf: Day? = nil,
                    stageWeights: [String: Double] = ["prospecting": 0.1, "qualification": 0.25, "proposal": 0.5, "negotiation": 0.75],
                    activityEdges: [Int64] = [0, 4, 8, 12, 16], meetingEdges: [Int64] = [0, 1, 2, 3, 4, 5]) {
            self.period = period
            self.asOf = asOf
            self.stageWeights = stageWeights
            self.activityEdges = activityEdges
            self.meetingEdges = meetingEdges
        }
    }

    /// Computes the KPI sheet.
    /// - Parameters:
    ///   - opportunities: opportunities table (`ContractReader.read(.opportunities, …)`).
    ///   - targets: targets table (`rep_id`, `period`, `quota`), or `nil`.
    ///   - probabilities: Model win probabilities aligned with the opportunity rows (`nil` entries
    ///     for rows without one), e.g. out-of-fold scores for closed deals and scores for open ones.
    ///   - options: Period, as-of day, stage weights, buckets.
    /// - Returns: The report.
    /// - Throws: `TableError` for a missing or mistyped column.
    /// - Complexity: O(rows × segments + targets + periods log periods).
    public static func run(opportunities: Table, targets: Table? = nil, probabilities: [Double?]? = nil,
                               options: Options = Options()) throws -> Report {
        let n = opportunities.rowCount
        let won = try opportunities.booleans("is_won")
        let amount = try opportunities.numbers("amount")
        let created = try opportunities.dates("created_date")
        let closeDate = try opportunities.dates("close_date")
        let ids = try? opportunities.categories("opportunity_id")
        let reps = try opportunities.categories("rep_id")
        let stage = try? opportunities.categories("stage")
        let period = options.period
        let asOf = options.asOf.map(\.clampedInt32) ?? WinFeatures.defaultAsOf(created: created, closed: closeDate, isClosed: { won.valid[$0] })
        func amountOf(_ row: Int) -> Double { amount.valid[row] ? amount.values[row] : 0 }
        func probability(_ row: Int) -> Double? {
            guard let probabilities, row < probabilities.count else { return nil }
            return probabilities[row]
        }

        var overall = WinRate()
        var cycleDays: [Int64] = []
        var closeBeforeCreate: [String] = []
        var byPeriod: [Int: WinRate] = [:]
        var bookings: [Int: (amount: Double, deals: Int)] = [:]
        var segmentRates: [GroupWinRate] = []
        var segmentCycles: [GroupCycle] = []
        for name in ["rep_id", "source", "industry"] where opportunities.hasColumn(name) {
            let column = try opportunities.categories(name)
            var rates = [WinRate](repeating: WinRate(), count: column.levels.count + 1)
            var cycles = [[Int64]](repeating: [], count: column.levels.count + 1)
            for row in 0..<n where won.valid[row] {
                let slot = column.codes[row] >= 0 ? Int(column.codes[row]) : column.levels.count
                rates[slot].add(won: won.values[row], amount: amountOf(row))
                if created.valid[row] && closeDate.valid[row] && closeDate.values[row] >= created.values[row] {
                    cycles[slot].append(Int64(closeDate.values[row] - created.values[row]))
                }
            }
            for slot in rates.indices where rates[slot].closed > 0 {
                let value = slot < column.levels.count ? column.levels[slot] : nil
                segmentRates.append(GroupWinRate(group: name, value: value, rate: rates[slot]))
                segmentCycles.append(GroupCycle(group: name, value: value, cycle: CycleStatistics(days: cycles[slot])))
            }
        }
        var wonCycles: [Int64] = [], lostCycles: [Int64] = []
        for row in 0..<n where won.valid[row] {
            let isWon = won.values[row]
            overall.add(won: isWon, amount: amountOf(row))
            if created.valid[row] && closeDate.valid[row] {
                let days = Int64(closeDate.values[row] - created.values[row])
                if days < 0 {
                    closeBeforeCreate.append(ids?[row] ?? "row \(row + 2)")
                } else {
                    cycleDays.append(days)
                    if isWon { wonCycles.append(days) } else { lostCycles.append(days) }
                }
            }
            if closeDate.valid[row] {
                let p = period.index(ofDay: closeDate.values[row])
                byPeriod[p, default: WinRate()].add(won: isWon, amount: amountOf(row))
                if isWon {
                    bookings[p, default: (0, 0)].amount += amountOf(row)
                    bookings[p, default: (0, 0)].deals += 1
                }
            }
        }
        segmentCycles.append(GroupCycle(group: "outcome", value: "won", cycle: CycleStatistics(days: wonCycles)))
        segmentCycles.append(GroupCycle(group: "outcome", value: "lost", cycle: CycleStatistics(days: lostCycles)))

        // Pipeline.
        var openDeals = 0, pipelineValue = 0.0, weighted = 0.0
        var usedModel = probabilities != nil
        for row in 0..<n where !won.valid[row] {
            openDeals += 1
            pipelineValue += amountOf(row)
            if let p = probability(row) {
                weighted += amountOf(row) * p
            } else {
                let name = stage.flatMap { $0[row] } ?? ""
                weighted += amountOf(row) * (options.stageWeights[name] ?? 0)
                usedModel = false
            }
        }

        // Quotas by (rep, period).
        var quotas: [String: [Int: Double]] = [:]
        var unreadable: [String] = []
        if let targets {
            let targetReps = try targets.categories("rep_id")
            let targetPeriods = try targets.categories("period")
            let quota = try targets.numbers("quota")
            for row in 0..<targets.rowCount {
                guard let rep = targetReps[row], let label = targetPeriods[row], quota.valid[row] else { continue }
                guard let target = Period(label: label), target.unit == .month || target.unit == .quarter,
                      let p = target.within(period)?.index else { unreadable.append(label); continue }
                quotas[rep, default: [:]][p, default: 0] += quota.values[row]
            }
        }
        // Bookings by (rep, period).
        var repBookings: [String: [Int: Double]] = [:]
        var repRates: [String: WinRate] = [:]
        var repExpected: [String: Double] = [:]
        var repHasProbabilities: Set<String> = []
        for row in 0..<n where won.valid[row] {
            guard let rep = reps[row] else { continue }
            repRates[rep, default: WinRate()].add(won: won.values[row], amount: amountOf(row))
            if let p = probability(row) {
                repExpected[rep, default: 0] += p
                repHasProbabilities.insert(rep)
            }
            if won.values[row] && closeDate.valid[row] {
                repBookings[rep, default: [:]][period.index(ofDay: closeDate.values[row]), default: 0] += amountOf(row)
            }
        }
        var attainment: [Attainment] = []
        var teamByPeriod: [Int: (quota: Double, booked: Double)] = [:]
        var repLines: [String: (quota: Double, booked: Double)] = [:]
        for rep in quotas.keys.sorted() {
            guard let perPeriod = quotas[rep] else { continue }
            var totalQuota = 0.0, totalBooked = 0.0
            for p in perPeriod.keys.sorted() {
                let q = perPeriod[p] ?? 0
                let booked = repBookings[rep]?[p] ?? 0
                attainment.append(Attainment(rep: rep, period: period.label(ofIndex: p), quota: q, booked: booked,
                                             attainment: q > 0 ? booked / q : nil))
                totalQuota += q
                totalBooked += booked
                teamByPeriod[p, default: (0, 0)].quota += q
                teamByPeriod[p, default: (0, 0)].booked += booked
            }
            repLines[rep] = (totalQuota, totalBooked)
            attainment.append(Attainment(rep: rep, period: nil, quota: totalQuota, booked: totalBooked,
                                         attainment: totalQuota > 0 ? totalBooked / totalQuota : nil))
        }
        var teamQuota = 0.0, teamBooked = 0.0
        for p in teamByPeriod.keys.sorted() {
            guard let line = teamByPeriod[p] else { continue }
            attainment.append(Attainment(rep: nil, period: period.label(ofIndex: p), quota: line.quota, booked: line.booked,
                                         attainment: line.quota > 0 ? line.booked / line.quota : nil))
            teamQuota += line.quota
            teamBooked += line.booked
        }
        if !teamByPeriod.isEmpty {
            attainment.append(Attainment(rep: nil, period: nil, quota: teamQuota, booked: teamBooked,
                                         attainment: teamQuota > 0 ? teamBooked / teamQuota : nil))
        }

        // Coverage in the as-of period.
        let coverageIndex = period.index(ofDay: asOf)
        let periodQuota: Double? = targets == nil ? nil : quotas.values.reduce(nil as Double?) { sum, perPeriod in
            guard let q = perPeriod[coverageIndex] else { return sum }
            return (sum ?? 0) + q
        }
        let booked = bookings[coverageIndex]?.amount ?? 0
        let remaining = periodQuota.map { max($0 - booked, 0) }
        let pipeline = Pipeline(openDeals: openDeals, value: pipelineValue, weightedValue: weighted,
                                weighting: usedModel && openDeals > 0 ? "model" : "stage weights",
                                coveragePeriod: period.label(ofIndex: coverageIndex), quota: periodQuota, booked: booked,
                                remainingQuota: remaining,
                                coverage: remaining.flatMap { $0 > 0 ? pipelineValue / $0 : nil })

        // Bookings growth.
        var bookingLines: [Bookings] = []
        if let first = bookings.keys.min(), let last = bookings.keys.max() {
            var previous: Double?
            for p in first...last {
                let line = bookings[p] ?? (0, 0)
                let growth = previous.flatMap { $0 > 0 ? line.amount / $0 - 1 : nil }
                bookingLines.append(Bookings(period: period.label(ofIndex: p), amount: line.amount, wonDeals: line.deals, growth: growth))
                previous = line.amount
            }
        }

        // Leaderboard: every rep with deals or a quota.
        var leaderboard: [RepPerformance] = []
        for rep in Set(repRates.keys).union(quotas.keys) {
            let rate = repRates[rep] ?? WinRate()
            let line = repLines[rep]
            let expected = repHasProbabilities.contains(rep) ? repExpected[rep] : nil
            leaderboard.append(RepPerformance(
                rep: rep, rate: rate, averageDealSize: rate.won > 0 ? rate.wonAmount / Double(rate.won) : nil,
                quota: line?.quota, attainment: line.flatMap { $0.quota > 0 ? $0.booked / $0.quota : nil },
                expectedWins: expected, winsAboveExpected: expected.map { Double(rate.won) - $0 }))
        }
        leaderboard.sort { ($0.rate.wonAmount, $1.rep) > ($1.rate.wonAmount, $0.rep) }

        func buckets(_ name: String, edges: [Int64]) throws -> [GroupWinRate] {
            guard opportunities.hasColumn(name), !edges.isEmpty else { return [] }
            let counts = try opportunities.numbers(name)
            var rates = [WinRate](repeating: WinRate(), count: edges.count)
            for row in 0..<n where won.valid[row] && counts.valid[row] {
                var k = 0
                while k + 1 < edges.count && Double(edges[k + 1]) <= counts.values[row] { k += 1 }
                rates[k].add(won: won.values[row], amount: amountOf(row))
            }
            return edges.indices.map { k in
                let label = k + 1 < edges.count
                    ? (edges[k + 1] - 1 == edges[k] ? "\(edges[k])" : "\(edges[k])–\(edges[k + 1] - 1)")
                    : "\(edges[k])+"
                return GroupWinRate(group: name, value: label, rate: rates[k])
            }
        }
        let closedCount = overall.closed
        return Report(
            period: period, asOfDay: asOf, overall: overall, winRateBySegment: segmentRates,
            winRateByPeriod: byPeriod.keys.sorted().map { GroupWinRate(group: "period", value: period.label(ofIndex: $0), rate: byPeriod[$0] ?? WinRate()) },
            averageDealSize: overall.won > 0 ? overall.wonAmount / Double(overall.won) : nil,
            averageClosedDealSize: closedCount > 0 ? overall.closedAmount / Double(closedCount) : nil,
            salesCycle: CycleStatistics(days: cycleDays), salesCycleBySegment: segmentCycles, pipeline: pipeline,
            attainment: attainment, bookings: bookingLines, leaderboard: leaderboard,
            winRateByActivities: try buckets("num_activities", edges: options.activityEdges),
            winRateByMeetings: try buckets("num_meetings", edges: options.meetingEdges),
            issues: Issues(closeBeforeCreate: closeBeforeCreate, unreadableTargetPeriods: unreadable))
    }
}
