import SalesData
import SalesNumerics

/// Product events grouped by user and sorted by time: the input of `EventFunnel`.
///
/// Users and event names are dictionary codes (`Int32`); each user's events sit together
/// (`userOffsets[u] ..< userOffsets[u + 1]` index `timestamps` and `eventCodes`), sorted by
/// timestamp, ties kept in file order. The file may be in any order: a parallel counting sort on the
/// user code groups the rows (stable), then each user's few events are sorted by time.
/// Duplicate rows are kept (the funnel modes decide what a repeat means).
public struct EventLog: Sendable {
    /// The user ids, indexed by user code.
    public let userIDs: [String]
    /// The event names, indexed by event code.
    public let eventNames: [String]
    /// `userOffsets[u] ..< userOffsets[u + 1]` are user `u`'s events; `userIDs.count + 1` entries.
    public let userOffsets: [Int]
    /// Event timestamps (seconds since the epoch), grouped by user, ascending within a user.
    public let timestamps: [Int64]
    /// Event codes (indexing `eventNames`), parallel to `timestamps`.
    public let eventCodes: [Int32]
    /// Per-user breakdown properties prepared at build time, by name.
    public let properties: [String: UserProperty]
    /// Rows left out because the user, event or timestamp was missing.
    public let droppedRows: Int

    /// The number of users.
    public var userCount: Int { userIDs.count }
    /// The number of events.
    public var eventCount: Int { timestamps.count }

    /// Builds the log from dictionary-encoded columns.
    /// - Parameters:
    ///   - users: The user id column (category).
    ///   - events: The event name column (category).
    ///   - timestamps: The timestamp column (seconds since the epoch).
    ///   - properties: Category columns to break funnels down by; each user gets the value on their
    ///     earliest event (first touch; ties in file order). Users whose earliest event lacks the
    ///     value get `nil`.
    /// - Throws: `FunnelError.inconsistentInput` when the columns differ in length.
    /// - Complexity: O(n + users) time and memory, plus O(k²) per user with k events (k ≤ 48) or
    ///   O(k log k) above; parallel over `Parallelism.workers` threads.
    public init(users: CategoryColumn, events: CategoryColumn, timestamps: TypedColumn<Int64>,
                properties: [CategoryColumn] = []) throws {
        let n = users.count
        guard events.count == n, timestamps.count == n, properties.allSatisfy({ $0.count == n }) else {
            throw FunnelError.inconsistentInput(reason: "columns differ in length")
        }
        guard users.levels.count < Int(Int32.max) else {
            throw FunnelError.inconsistentInput(reason: "more than \(Int32.max) users")
        }
        let userCount = users.levels.count
        let threads = max(1, min(Parallelism.workers, n / 65_536 + 1))
        let grouped = Self.groupByUser(userCodes: users.codes, eventCodes: events.codes,
                                       timestamps: timestamps.values, timestampValid: timestamps.valid,
                                       userCount: userCount, keepRows: !properties.isEmpty, threads: threads)
        var props: [String: UserProperty] = [:]
        for column in properties {
            var codes = [Int32](repeating: -1, count: userCount)
            for u in 0..<userCount where grouped.offsets[u] < grouped.offsets[u + 1] {
                codes[u] = column.codes[Int(grouped.rows[grouped.offsets[u]])]
            }
            props[column.name] = UserProperty(name: column.name, levels: column.levels, codeByUser: codes)
        }
        self.userIDs = users.levels
        self.eventNames = events.levels
        self.userOffsets = grouped.offsets
        self.timestamps = grouped.timestamps
        self.eventCodes = grouped.events
        self.properties = props
        self.droppedRows = n - grouped.timestamps.count
    }

    /// Builds the log from a table with category columns `user_id`, `event`, a timestamp column
    /// `timestamp`, and the named property columns.
    /// - Parameters:
    ///   - table: The events table (e.g. read with `EventsFile.schema`).
    ///   - properties: Names of category columns to prepare for breakdowns.
    /// - Returns: The grouped, sorted log.
    /// - Throws: `TableError` for a missing or mistyped column; `FunnelError` as the main initializer.
    /// - Complexity: As `init(users:events:timestamps:properties:)`.
    public static func from(table: Table, properties: [String] = []) throws -> EventLog {
        let users = try table.categories("user_id")
        let events = try table.categories("event")
        let times = try table.timestamps("timestamp")
        var props: [CategoryColumn] = []
        for name in properties { props.append(try table.categories(name)) }
        return try EventLog(users: users, events: events, timestamps: times, properties: props)
    }

    // MARK: - Grouping

    /// Storage shared with `Parallel` workers that write disjoint slots; freed by its owner.
    struct WorkerStorage<T>: Sendable {
        let shared: SharedBuffer<T>
        var buffer: UnsafeMutableBufferPointer<T> { shared.buffer }
        init(_ count: Int, initial: T) {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
            buffer.initialize(repeating: initial)
            shared = SharedBuffer(buffer)
        }
        var array: [T] { Array(buffer) }
        func deallocate() { buffer.deallocate() }
    }

    /// A read-only view shareable with workers (the owner keeps the storage alive).
    struct ReadOnly<T>: Sendable {
        let shared: SharedBuffer<T>
        var buffer: UnsafeBufferPointer<T> { UnsafeBufferPointer(shared.buffer) }
        init(buffer: UnsafeBufferPointer<T>) { shared = SharedBuffer(readOnly: buffer) }
    }

    struct Grouped {
        var offsets: [Int]
        var timestamps: [Int64]
        var events: [Int32]
        var rows: [Int32]
    }

    /// Stable parallel counting sort of the valid rows by user code, then a per-user time sort.
    private static func groupByUser(userCodes: [Int32], eventCodes: [Int32], timestamps: [Int64],
                                    timestampValid: [Bool], userCount: Int, keepRows: Bool,
                                    threads: Int) -> Grouped {
        let n = userCodes.count
        let bounds = (0...threads).map { $0 * n / threads }
        let counts = WorkerStorage<Int32>(threads * userCount, initial: 0)
        defer { counts.deallocate() }
        return userCodes.withUnsafeBufferPointer { uc in
            eventCodes.withUnsafeBufferPointer { ec in
                timestampValid.withUnsafeBufferPointer { tv in
                    timestamps.withUnsafeBufferPointer { ts in
                        let users = ReadOnly(buffer: uc), events = ReadOnly(buffer: ec)
                        let valid = ReadOnly(buffer: tv), times = ReadOnly(buffer: ts)
                        Parallel.forEach(threads) { t in
                            let base = t * userCount
                            for i in bounds[t]..<bounds[t + 1] {
                                let user = users.buffer[i]
                                if user >= 0 && events.buffer[i] >= 0 && valid.buffer[i] {
                                    counts.buffer[base + Int(user)] &+= 1
                                }
                            }
                        }
                        // Exclusive prefix sums, user-major then thread: each thread's rows stay in
                        // file order, so the grouping is stable.
                        var offsets = [Int](repeating: 0, count: userCount + 1)
                        let positions = WorkerStorage<Int>(threads * userCount, initial: 0)
                        defer { positions.deallocate() }
                        var running = 0
                        for user in 0..<userCount {
                            offsets[user] = running
                            for t in 0..<threads {
                                positions.buffer[t * userCount + user] = running
                                running += Int(counts.buffer[t * userCount + user])
                            }
                        }
                        offsets[userCount] = running
                        let outTimes = WorkerStorage<Int64>(running, initial: 0)
                        let outEvents = WorkerStorage<Int32>(running, initial: 0)
                        let outRows = WorkerStorage<Int32>(keepRows ? running : 0, initial: 0)
                        defer { outTimes.deallocate(); outEvents.deallocate(); outRows.deallocate() }
                        Parallel.forEach(threads) { t in
                            let base = t * userCount
                            for i in bounds[t]..<bounds[t + 1] {
                                let user = users.buffer[i]
                                guard user >= 0 && events.buffer[i] >= 0 && valid.buffer[i] else { continue }
                                let slot = positions.buffer[base + Int(user)]
                                positions.buffer[base + Int(user)] = slot + 1
                                outTimes.buffer[slot] = times.buffer[i]
                                outEvents.buffer[slot] = events.buffer[i]
                                if keepRows { outRows.buffer[slot] = Int32(truncatingIfNeeded: i) }
                            }
                        }
                        offsets.withUnsafeBufferPointer { off in
                            sortWithinUsers(offsets: ReadOnly(buffer: off), timestamps: outTimes,
                                            events: outEvents, rows: keepRows ? outRows : nil, threads: threads)
                        }
                        return Grouped(offsets: offsets, timestamps: outTimes.array, events: outEvents.array,
                                       rows: outRows.array)
                    }
                }
            }
        }
    }

    /// Sorts each user's events by timestamp (stable), in parallel over user ranges.
    private static func sortWithinUsers(offsets: ReadOnly<Int>, timestamps: WorkerStorage<Int64>,
                                        events: WorkerStorage<Int32>, rows: WorkerStorage<Int32>?,
                                        threads: Int) {
        let userCount = offsets.buffer.count - 1
        let pieces = threads == 1 ? 1 : threads * 8
        Parallel.forEach(pieces) { piece in
            let firstUser = piece * userCount / pieces
            let endUser = (piece + 1) * userCount / pieces
            let t = timestamps.buffer, e = events.buffer
            var scratch: [(time: Int64, event: Int32, row: Int32, position: Int)] = []
            for user in firstUser..<endUser {
                let start = offsets.buffer[user], end = offsets.buffer[user + 1]
                if end - start < 2 { continue }
                var sorted = true
                for i in (start + 1)..<end where t[i] < t[i - 1] { sorted = false; break }
                if sorted { continue }
                scratch.removeAll(keepingCapacity: true)
                for i in start..<end {
                    scratch.append((t[i], e[i], rows?.buffer[i] ?? 0, i))
                }
                if end - start <= 48 {
                    // Insertion sort: stable, fast for the few, nearly sorted events of one user.
                    for i in 1..<scratch.count {
                        let item = scratch[i]
                        var j = i
                        while j > 0 && scratch[j - 1].time > item.time {
                            scratch[j] = scratch[j - 1]
                            j -= 1
                        }
                        scratch[j] = item
                    }
                } else {
                    scratch.sort { ($0.time, $0.position) < ($1.time, $1.position) }
                }
                for (offset, item) in scratch.enumerated() {
                    t[start + offset] = item.time
                    e[start + offset] = item.event
                    rows?.buffer[start + offset] = item.row
                }
            }
        }
    }
}

/// A per-user property for funnel breakdowns: `levels[codeByUser[u]]` is user `u`'s value
/// (`-1`: none).
public struct UserProperty: Sendable {
    /// The property's name (the column it came from).
    public let name: String
    /// The distinct values.
    public let levels: [String]
    /// One code per user code of the `EventLog`, `-1` where the user has no value.
    public let codeByUser: [Int32]

    /// A property from per-user codes.
    /// - Parameters:
    ///   - name: The property's name.
    ///   - levels: The distinct values.
    ///   - codeByUser: One code per user (`-1`: none); codes must index `levels`.
    public init(name: String, levels: [String], codeByUser: [Int32]) {
        self.name = name
        self.levels = levels
        self.codeByUser = codeByUser
    }

    /// A property from a user attribute table (for example customers.csv's `region`) joined on the
    /// user id.
    /// - Parameters:
    ///   - log: The event log whose user codes the result is indexed by.
    ///   - userIDs: The attribute table's user id column.
    ///   - values: The attribute column (same length).
    /// - Returns: The property; users absent from the attribute table get `-1`. When a user appears
    ///   twice, the first row wins.
    /// - Complexity: O(users + rows) with a hash of the log's user ids.
    public static func joined(to log: EventLog, userIDs: CategoryColumn, values: CategoryColumn) -> UserProperty {
        var index: [String: Int32] = [:]
        index.reserveCapacity(log.userIDs.count)
        for (code, id) in log.userIDs.enumerated() { index[id] = Int32(truncatingIfNeeded: code) }
        var codes = [Int32](repeating: -1, count: log.userIDs.count)
        var seen = [Bool](repeating: false, count: log.userIDs.count)
        let levelToUser = userIDs.levels.map { index[$0] }
        for row in 0..<min(userIDs.count, values.count) {
            let idCode = userIDs.codes[row]
            guard idCode >= 0, let user = levelToUser[Int(idCode)] else { continue }
            if !seen[Int(user)] {
                seen[Int(user)] = true
                codes[Int(user)] = values.codes[row]
            }
        }
        return UserProperty(name: values.name, levels: values.levels, codeByUser: codes)
    }
}
