import SalesData
import SalesNumerics

/// Ordered event funnels with ClickHouse `windowFunnel` semantics.
///
/// For each user the funnel computes a **level**: how many leading steps of the funnel the user
/// completed inside the window. Users reaching step k are the users with level ≥ k. The level is
/// computed exactly as ClickHouse's `windowFunnel(window[, options])(timestamp, cond₁, …, condₙ)`
/// (src/AggregateFunctions/AggregateFunctionWindowFunnel.cpp, non-`strict_once` variant):
///
/// 1. Each of the user's events becomes one entry (timestamp, i) per step i (1-based) whose name it
///    matches (a name listed twice gives two entries). In strict-order mode, events matching no step
///    become entries (timestamp, 0). Entries are sorted by (timestamp, i) — at equal timestamps
///    the earlier step comes first, so `visit` and `signup` at the same second advance the chain.
/// 2. One state per step k holds (first, last): the start and the latest time of the best chain
///    that reached step k. Scanning the entries in order:
///    - strict order, i = 0: if step 1 has been seen, stop; otherwise skip;
///    - i = 1: start a chain, state₁ = (t, t) (a later start replaces an earlier one — it leaves
///      more of the window);
///    - `strictDeduplication` and state_i already set: stop (a repeated step ends the search);
///    - `strictOrder`, step 1 seen and state_{i−1} unset: stop (a step out of order);
///    - state_{i−1} set and t − first_{i−1} ≤ window (and, with `strictIncrease`,
///      last_{i−1} < t; with a per-step window w_i, t − last_{i−1} ≤ w_i): state_i = (first_{i−1}, t);
///      reaching the last step stops the search.
/// 3. The level is the highest step whose state is set.
///
/// In the default mode this is exactly "there are events e₁…e_k of steps 1…k with
/// t₁ ≤ t₂ ≤ … ≤ t_k and t_k − t₁ ≤ window" (the window is inclusive); other events in between
/// are ignored and duplicates change nothing. Strict order considers **all** of the user's events
/// (unlike a SQL query that filters the funnel's events first), so any other event after step 1
/// stops the chain. Per-step windows are a SalesKit extension applied to the same states (each
/// state is the most recent and latest-starting chain, so the check stays exact in the default
/// mode).
///
/// Time to convert: along the user's **credited chain** — the state of the user's final level,
/// i.e. the chain that first completed the funnel, or the most recent chain that reached the final
/// level — the seconds between consecutive steps and from the first step.
///
/// Exclusion (`FunnelExclusion`): a user whose credited chain reached step `fromStep` and who has an
/// exclusion event at a time t with t_from ≤ t ≤ t_to is removed from every count, where t_to is the
/// chain's time of `toStep` when reached, else the chain's start + window. Exclusion events are not
/// steps; in strict-order mode they are "other events" like any non-step event.
public enum EventFunnel {
    /// Runs a funnel over an event log.
    /// - Parameters:
    ///   - definition: Steps, window, mode, exclusion.
    ///   - log: The grouped, time-sorted events.
    ///   - breakdown: An optional per-user property (from `log.properties` or
    ///     `UserProperty.joined`) to split every count by.
    /// - Returns: Per-step users, conversions, drop-off and time-to-convert distributions, overall
    ///   and per breakdown value.
    /// - Throws: `FunnelError` for an empty or too long funnel, a negative window, or an exclusion
    ///   outside the steps. A step that no event has is not an error: nobody reaches it, and its name
    ///   is listed in `FunnelResult.absentEvents` (a likely typo worth a warning).
    /// - Complexity: O(events + users) plus O(k log k) for sorting k durations per step; parallel
    ///   over user ranges on `Parallelism.workers` threads.
    public static func run(_ definition: FunnelDefinition, on log: EventLog,
                           breakdown: UserProperty? = nil) throws -> FunnelResult {
        let plan = try Plan(definition, log: log)
        let groupCount = breakdown.map { $0.levels.count + 1 } ?? 1
        if let breakdown, breakdown.codeByUser.count != log.userCount {
            throw FunnelError.inconsistentInput(reason: "breakdown \"\(breakdown.name)\" has \(breakdown.codeByUser.count) users, the log \(log.userCount)")
        }
        let userCount = log.userCount
        // Per-piece accumulators merged in piece order: counts add up and durations are sorted
        // afterwards, so the result does not depend on the cut.
        let workers = Parallelism.workers
        let pieces = workers <= 1 || userCount < 4096 ? 1 : workers * 8
        var partials: [Accumulator] = []
        log.userOffsets.withUnsafeBufferPointer { offsets in
            log.timestamps.withUnsafeBufferPointer { times in
                log.eventCodes.withUnsafeBufferPointer { codes in
                    let input = ScanInput(offsets: offsets, times: times, codes: codes,
                                          groups: breakdown?.codeByUser, groupCount: groupCount)
                    partials = Parallel.map(pieces) { piece in
                        var scanner = Scanner(plan: plan)
                        var acc = Accumulator(steps: plan.stepCount, groups: groupCount)
                        let first = piece * userCount / pieces, end = (piece + 1) * userCount / pieces
                        scanner.scan(users: first..<end, input: input, into: &acc)
                        return acc
                    }
                }
            }
        }
        var total = Accumulator(steps: plan.stepCount, groups: groupCount)
        for partial in partials { total.merge(partial) }
        return total.result(definition: definition, breakdown: breakdown, absentEvents: plan.absentEvents,
                            knownEvents: log.eventNames)
    }

    /// Each user's funnel level (the number of leading steps reached), indexed by the log's user
    /// codes; `-1` for users removed by the exclusion, `0` for users without events.
    /// - Parameters:
    ///   - definition: Steps, window, mode, exclusion.
    ///   - log: The grouped, time-sorted events.
    /// - Returns: One level per user.
    /// - Throws: `FunnelError` as `run`.
    /// - Complexity: O(events + users), single-threaded.
    public static func userLevels(_ definition: FunnelDefinition, on log: EventLog) throws -> [Int] {
        let plan = try Plan(definition, log: log)
        var levels = [Int](repeating: 0, count: log.userCount)
        log.userOffsets.withUnsafeBufferPointer { offsets in
            log.timestamps.withUnsafeBufferPointer { times in
                log.eventCodes.withUnsafeBufferPointer { codes in
                    let input = ScanInput(offsets: offsets, times: times, codes: codes, groups: nil, groupCount: 1)
                    var scanner = Scanner(plan: plan)
                    for user in 0..<log.userCount {
                        levels[user] = scanner.level(user: user, input: input) ?? -1
                    }
                }
            }
        }
        return levels
    }

    /// The checked, encoded funnel.
    struct Plan: Sendable {
        let stepCount: Int
        let window: Int64
        let stepWindows: [Int64]
        let strictOrder: Bool
        let strictIncrease: Bool
        let deduplicate: Bool
        /// `stepStart[e] ..< stepStart[e + 1]` index `stepList`: the 1-based steps event code e matches.
        let stepStart: [Int32]
        let stepList: [UInt8]
        let exclusionCode: Int32
        let exclusionFrom: Int
        let exclusionTo: Int
        /// Step or exclusion names that no event has.
        let absentEvents: [String]

        init(_ definition: FunnelDefinition, log: EventLog) throws {
            let steps = definition.steps
            guard !steps.isEmpty, steps.count <= FunnelDefinition.maximumSteps else {
                throw FunnelError.invalidStepCount(count: steps.count, maximum: FunnelDefinition.maximumSteps)
            }
            guard definition.windowSeconds >= 0 else { throw FunnelError.invalidWindow(seconds: definition.windowSeconds, step: nil) }
            var windows = [Int64](repeating: Int64.max, count: steps.count)
            if !definition.stepWindowSeconds.isEmpty {
                guard definition.stepWindowSeconds.count == steps.count else {
                    throw FunnelError.stepWindowCount(count: definition.stepWindowSeconds.count, steps: steps.count)
                }
                for (k, w) in definition.stepWindowSeconds.enumerated() where k > 0 {
                    if let w {
                        guard w >= 0 else { throw FunnelError.invalidWindow(seconds: w, step: k) }
                        windows[k] = w
                    }
                }
            }
            var codeOf: [String: Int] = [:]
            for (code, name) in log.eventNames.enumerated() { codeOf[name] = code }
            var lists = [[UInt8]](repeating: [], count: log.eventNames.count)
            var absent: [String] = []
            for (k, name) in steps.enumerated() {
                // A step that never occurs is reached by nobody (as in ClickHouse); it is reported
                // in `FunnelResult.absentEvents`.
                guard let code = codeOf[name] else { absent.append(name); continue }
                lists[code].append(UInt8(k + 1))
            }
            var start: [Int32] = [0]
            var list: [UInt8] = []
            for steps in lists {
                list.append(contentsOf: steps)
                start.append(Int32(list.count))
            }
            var exclusionCode: Int32 = -1
            var from = 0, to = 0
            if let exclusion = definition.exclusion {
                let last = exclusion.toStep == Int.max ? steps.count - 1 : exclusion.toStep
                guard exclusion.fromStep >= 0, exclusion.fromStep <= last, last < steps.count else {
                    throw FunnelError.invalidExclusion(event: exclusion.event, fromStep: exclusion.fromStep,
                                            toStep: exclusion.toStep, steps: steps.count)
                }
                if let code = codeOf[exclusion.event] {
                    exclusionCode = Int32(code)
                } else {
                    absent.append(exclusion.event)
                }
                from = exclusion.fromStep
                to = last
            }
            stepCount = steps.count
            window = definition.windowSeconds
            stepWindows = windows
            strictOrder = definition.mode.contains(.strictOrder)
            strictIncrease = definition.mode.contains(.strictIncrease)
            deduplicate = definition.mode.contains(.strictDeduplication)
            stepStart = start
            stepList = list
            self.exclusionCode = exclusionCode
            exclusionFrom = from
            exclusionTo = to
            absentEvents = absent
        }
    }

    /// Read-only views of the log shared with workers (the log outlives the scan).
    struct ScanInput: Sendable {
        private let sharedOffsets: SharedBuffer<Int>
        private let sharedTimes: SharedBuffer<Int64>
        private let sharedCodes: SharedBuffer<Int32>
        let groups: [Int32]?
        let groupCount: Int

        init(offsets: UnsafeBufferPointer<Int>, times: UnsafeBufferPointer<Int64>, codes: UnsafeBufferPointer<Int32>,
             groups: [Int32]?, groupCount: Int) {
            sharedOffsets = SharedBuffer(readOnly: offsets)
            sharedTimes = SharedBuffer(readOnly: times)
            sharedCodes = SharedBuffer(readOnly: codes)
            self.groups = groups
            self.groupCount = groupCount
        }

        var offsets: UnsafeBufferPointer<Int> { UnsafeBufferPointer(sharedOffsets.buffer) }
        var times: UnsafeBufferPointer<Int64> { UnsafeBufferPointer(sharedTimes.buffer) }
        var codes: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(sharedCodes.buffer) }
    }

    /// Per-thread counts and durations.
    struct Accumulator: Sendable {
        let steps: Int
        let groups: Int
        /// `levels[g * (steps + 1) + L]`: users of group g at level L.
        var levels: [Int]
        var excluded = 0
        /// Per step k ≥ 1: durations and the group of each.
        var fromPrevious: [[Int64]]
        var fromFirst: [[Int64]]
        var durationGroups: [[Int32]]

        init(steps: Int, groups: Int) {
            self.steps = steps
            self.groups = groups
            levels = [Int](repeating: 0, count: groups * (steps + 1))
            fromPrevious = [[Int64]](repeating: [], count: steps)
            fromFirst = [[Int64]](repeating: [], count: steps)
            durationGroups = [[Int32]](repeating: [], count: steps)
        }

        mutating func merge(_ other: Accumulator) {
            for i in levels.indices { levels[i] += other.levels[i] }
            excluded += other.excluded
            for k in 0..<steps {
                fromPrevious[k].append(contentsOf: other.fromPrevious[k])
                fromFirst[k].append(contentsOf: other.fromFirst[k])
                durationGroups[k].append(contentsOf: other.durationGroups[k])
            }
        }

        /// Per-step results of one group (`nil`: all groups), from durations already split by group
        /// (`durations[k]` = (from previous, from first) of step k).
        func steps(group: Int?, names: [String], durations: [(previous: [Int64], first: [Int64])])
            -> (users: Int, steps: [FunnelStepResult]) {
            var atLeast = [Int](repeating: 0, count: steps + 2)
            var users = 0
            let groupRange = group.map { $0..<($0 + 1) } ?? 0..<groups
            for g in groupRange {
                for level in 0...steps {
                    let count = levels[g * (steps + 1) + level]
                    users += count
                    if level > 0 { atLeast[level] += count }
                }
            }
            for level in stride(from: steps - 1, through: 1, by: -1) { atLeast[level] += atLeast[level + 1] }
            // Sorting the durations dominates: sort the 2 × steps arrays concurrently.
            let sorted = Parallel.map(2 * steps) { i in
                let k = i / 2
                return DurationDistribution(seconds: i % 2 == 0 ? durations[k].previous : durations[k].first)
            }
            var results: [FunnelStepResult] = []
            for k in 0..<steps {
                results.append(FunnelStepResult(
                    name: names[k], users: atLeast[k + 1], previousUsers: k == 0 ? nil : atLeast[k],
                    firstUsers: atLeast[1], secondsFromPrevious: sorted[2 * k],
                    secondsFromFirst: sorted[2 * k + 1]))
            }
            return (users, results)
        }

        /// The durations split by group in one pass: `[group][step]`.
        func durationsByGroup() -> [[(previous: [Int64], first: [Int64])]] {
            var split = [[(previous: [Int64], first: [Int64])]](
                repeating: [(previous: [Int64], first: [Int64])](repeating: ([], []), count: steps), count: groups)
            for k in 0..<steps {
                for (i, g) in durationGroups[k].enumerated() {
                    split[Int(g)][k].previous.append(fromPrevious[k][i])
                    split[Int(g)][k].first.append(fromFirst[k][i])
                }
            }
            return split
        }

        func result(definition: FunnelDefinition, breakdown: UserProperty?, absentEvents: [String],
                    knownEvents: [String]) -> FunnelResult {
            let overall = steps(group: nil, names: definition.steps,
                                durations: (0..<steps).map { (fromPrevious[$0], fromFirst[$0]) })
            var levelCounts = [Int](repeating: 0, count: steps + 1)
            for g in 0..<groups { for level in 0...steps { levelCounts[level] += levels[g * (steps + 1) + level] } }
            var groupResults: [FunnelGroupResult] = []
            if let breakdown {
                let split = durationsByGroup()
                for g in 0..<groups {
                    let part = steps(group: g, names: definition.steps, durations: split[g])
                    guard part.users > 0 else { continue }
                    let value = g < breakdown.levels.count ? breakdown.levels[g] : nil
                    groupResults.append(FunnelGroupResult(value: value, users: part.users, steps: part.steps))
                }
            }
            return FunnelResult(definition: definition, totalUsers: overall.users, excludedUsers: excluded,
                                levelCounts: levelCounts, steps: overall.steps,
                                breakdownProperty: breakdown?.name, breakdown: groupResults,
                                absentEvents: absentEvents, knownEvents: knownEvents)
        }
    }

    /// The per-user ClickHouse scan with its scratch space (one per worker).
    struct Scanner {
        let plan: Plan
        var entryTimes: [Int64] = []
        var entrySteps: [UInt8] = []
        var exclusionTimes: [Int64] = []
        var has: [Bool]
        var first: [Int64]
        var last: [Int64]
        /// `path[k * steps + j]`: time of step j in the chain held by state k (j ≤ k).
        var path: [Int64]

        init(plan: Plan) {
            self.plan = plan
            has = [Bool](repeating: false, count: plan.stepCount)
            first = [Int64](repeating: 0, count: plan.stepCount)
            last = [Int64](repeating: 0, count: plan.stepCount)
            path = [Int64](repeating: 0, count: plan.stepCount * plan.stepCount)
        }

        /// One user's level (`nil`: excluded), leaving the credited chain in `path`.
        mutating func level(user: Int, input: ScanInput) -> Int? {
            let start = input.offsets[user], end = input.offsets[user + 1]
            guard start < end else { return 0 }
            collectEntries(start: start, end: end, input: input)
            let level = chainLevel()
            if level > 0 && plan.exclusionCode >= 0 && isExcluded(level: level) { return nil }
            return level
        }

        mutating func scan(users: Range<Int>, input: ScanInput, into acc: inout Accumulator) {
            let steps = plan.stepCount
            for user in users {
                guard input.offsets[user] < input.offsets[user + 1] else { continue }
                let group: Int
                if let groups = input.groups {
                    let code = groups[user]
                    group = code >= 0 ? Int(code) : input.groupCount - 1
                } else {
                    group = 0
                }
                guard let level = level(user: user, input: input) else {
                    acc.excluded += 1
                    continue
                }
                acc.levels[group * (steps + 1) + level] += 1
                if level > 1 {
                    let row = (level - 1) * steps
                    let t0 = path[row]
                    for k in 1..<level {
                        acc.fromPrevious[k].append(path[row + k] - path[row + k - 1])
                        acc.fromFirst[k].append(path[row + k] - t0)
                        if input.groups != nil { acc.durationGroups[k].append(Int32(truncatingIfNeeded: group)) }
                    }
                }
            }
        }

        /// Builds the user's (timestamp, step) entries sorted by (timestamp, step).
        private mutating func collectEntries(start: Int, end: Int, input: ScanInput) {
            entryTimes.removeAll(keepingCapacity: true)
            entrySteps.removeAll(keepingCapacity: true)
            exclusionTimes.removeAll(keepingCapacity: true)
            var needsSort = false
            plan.stepStart.withUnsafeBufferPointer { stepStart in
                plan.stepList.withUnsafeBufferPointer { stepList in
                    for i in start..<end {
                        let code = Int(input.codes[i])
                        let time = input.times[i]
                        if Int32(code) == plan.exclusionCode { exclusionTimes.append(time) }
                        let from = Int(stepStart[code]), to = Int(stepStart[code + 1])
                        if from == to {
                            guard plan.strictOrder else { continue }
                            appendEntry(time, 0, &needsSort)
                        } else {
                            for j in from..<to { appendEntry(time, stepList[j], &needsSort) }
                        }
                    }
                }
            }
            if needsSort { sortEntries() }
        }

        @inline(__always)
        private mutating func appendEntry(_ time: Int64, _ step: UInt8, _ needsSort: inout Bool) {
            if let lastTime = entryTimes.last, lastTime == time, let lastStep = entrySteps.last, lastStep > step {
                needsSort = true
            }
            entryTimes.append(time)
            entrySteps.append(step)
        }

        /// Stable insertion sort by (time, step); times are already ascending, so only runs of equal
        /// times move.
        private mutating func sortEntries() {
            for i in 1..<entryTimes.count {
                let t = entryTimes[i], s = entrySteps[i]
                var j = i
                while j > 0 && (entryTimes[j - 1], entrySteps[j - 1]) > (t, s) {
                    entryTimes[j] = entryTimes[j - 1]
                    entrySteps[j] = entrySteps[j - 1]
                    j -= 1
                }
                entryTimes[j] = t
                entrySteps[j] = s
            }
        }

        /// ClickHouse's level computation over the entries; leaves the chains in `path`.
        private mutating func chainLevel() -> Int {
            let steps = plan.stepCount
            for k in 0..<steps { has[k] = false }
            var firstEvent = false
            var stoppedAt: Int?
            entryLoop: for i in 0..<entryTimes.count {
                let time = entryTimes[i]
                let index = Int(entrySteps[i]) - 1
                if index == -1 {
                    // Only strict order adds non-step entries.
                    if firstEvent { break entryLoop }
                    continue
                }
                if index == 0 {
                    has[0] = true; first[0] = time; last[0] = time; path[0] = time
                    firstEvent = true
                } else if plan.deduplicate && has[index] {
                    break entryLoop
                } else if plan.strictOrder && firstEvent && !has[index - 1] {
                    break entryLoop
                } else if has[index - 1] {
                    let start = first[index - 1]
                    var matched = time - start <= plan.window
                    if plan.strictIncrease { matched = matched && last[index - 1] < time }
                    if matched && plan.stepWindows[index] != Int64.max {
                        matched = time - last[index - 1] <= plan.stepWindows[index]
                    }
                    if matched {
                        has[index] = true; first[index] = start; last[index] = time
                        let from = (index - 1) * steps, to = index * steps
                        for j in 0..<index { path[to + j] = path[from + j] }
                        path[to + index] = time
                        if index + 1 == steps { stoppedAt = steps; break entryLoop }
                    }
                }
            }
            if let stoppedAt { return stoppedAt }
            var level = 0
            while level < steps && has[level] { level += 1 }
            return level
        }

        /// Whether an exclusion event falls inside the credited chain's guarded span.
        private func isExcluded(level: Int) -> Bool {
            guard level > plan.exclusionFrom, !exclusionTimes.isEmpty else { return false }
            let row = (level - 1) * plan.stepCount
            let from = path[row + plan.exclusionFrom]
            let to: Int64
            if level > plan.exclusionTo {
                to = path[row + plan.exclusionTo]
            } else {
                let (sum, overflow) = path[row].addingReportingOverflow(plan.window)
                to = overflow ? Int64.max : sum
            }
            return exclusionTimes.contains { $0 >= from && $0 <= to }
        }
    }
}
