/// One opportunity as the pipeline forecast sees it.
public struct OpportunityRecord: Sendable, Hashable {
    /// The opportunity id.
    public var id: String
    /// Deal amount (≥ 0).
    public var amount: Double
    /// Created date, days since 1970-01-01.
    public var createdDay: Int
    /// Close date, days since 1970-01-01: the actual close for a closed deal, the expected close for an
    /// open one (`nil` if the export leaves it empty).
    public var closeDay: Int?
    /// The stage as exported (`prospecting` … `negotiation`, `closed_won`, `closed_lost`).
    public var stage: String
    /// The outcome: `true` won, `false` lost, `nil` open.
    public var isWon: Bool?

    /// Creates a record.
    /// - Parameters:
    ///   - id: Opportunity id.
    ///   - amount: Amount.
    ///   - createdDay: Created date (days since epoch).
    ///   - closeDay: Actual (closed) or expected (open) close date.
    ///   - stage: Stage name.
    ///   - isWon: Outcome, `nil` while open.
    public init(id: String, amount: Double, createdDay: Int, closeDay: Int?, stage: String, isWon: Bool?) {
        self.id = id
        self.amount = amount
        self.createdDay = createdDay
        self.closeDay = closeDay
        self.stage = stage
        self.isWon = isWon
    }

    /// Whether the deal is closed (won or lost).
    public var isClosed: Bool { isWon != nil }
}

/// One stage entry of an opportunity (stage_history.csv).
public struct StageEntry: Sendable, Hashable {
    /// The opportunity id.
    public var opportunityID: String
    /// The stage entered.
    public var stage: String
    /// When, in days since 1970-01-01 (the day of the timestamp, UTC).
    public var enteredDay: Int

    /// Creates an entry.
    /// - Parameters:
    ///   - opportunityID: Opportunity id.
    ///   - stage: Stage name.
    ///   - enteredDay: Day the stage was entered.
    public init(opportunityID: String, stage: String, enteredDay: Int) {
        self.opportunityID = opportunityID
        self.stage = stage
        self.enteredDay = enteredDay
    }
}

/// Orders as columns: what ``RevenueAggregation`` needs.
public struct OrderColumns: Sendable {
    /// Order dates, days since 1970-01-01.
    public var days: [Int32]
    /// Amounts (negative for refunds).
    public var amounts: [Double]
    /// Per order an index into ``groupLevels`` (−1 when the group value is empty), or `nil` without grouping.
    public var groupCodes: [Int32]?
    /// The group names.
    public var groupLevels: [String]
}

/// A row the domain checks rejected (after the CSV reader accepted it).
public struct DomainRejection: Sendable, Hashable, CustomStringConvertible {
    /// 0-based data row in the table read.
    public var row: Int
    /// The record's id when it has one.
    public var id: String?
    /// The column at fault.
    public var column: String
    /// Why.
    public var reason: String

    public var description: String {
        "data row \(row + 1)" + (id.map { " (\($0))" } ?? "") + ": column \"\(column)\": \(reason)"
    }
}

/// Readers and table conversions for the forecasts: orders, opportunities and stage history through
/// the contract readers (`ContractReader`, with their domain-rule report), win-model scores.
public enum ForecastInputs {
    /// The open stages of the data contract, in pipeline order.
    public static var openStages: [String] { ContractFile.openStages }

    /// What a contract read produced: the table, the CSV reader's skipped rows and the domain-rule report.
    public typealias Read = ContractReadResult

    /// Reads orders.csv with the contract schema (plus an optional group column) and checks its rules.
    /// - Parameters:
    ///   - path: The file.
    ///   - groupColumn: A category column to split revenue by (rep, region, product), or `nil`.
    ///   - mapping: Contract column name → the file's header.
    ///   - skipInvalid: Skip rows the CSV reader rejects (listed in the quality report) instead of throwing.
    ///   - asOf: Orders after this day are reported as `order_after_as_of`.
    /// - Returns: The order columns and the read (for its quality report).
    /// - Throws: `CSVError` with file, line and column; `TableError` for a mistyped column.
    /// - Complexity: O(file bytes).
    public static func readOrders(_ path: String, groupColumn: String? = nil, mapping: [String: String] = [:],
                                  skipInvalid: Bool = false, asOf: Int? = nil) throws -> (orders: OrderColumns, read: Read) {
        var schema = ContractFile.orders.schema
        if let groupColumn, !schema.fields.contains(where: { $0.name == groupColumn }) {
            schema.fields.append(.init(groupColumn, .category))
        }
        let raw = try CSVReader.read(file: path, schema: schema.mapped(mapping), options: options(skipInvalid))
        let read = ContractReader.check(.orders, result: raw, rules: ContractRuleOptions(asOf: asOf.map { Int32(clamping: $0) }))
        return (try orders(from: read.table, groupColumn: groupColumn), read)
    }

    /// Reads opportunities.csv with the contract reader and converts it to records with the domain
    /// checks of ``opportunities(from:skipInvalid:)``.
    /// - Parameters:
    ///   - path: The file.
    ///   - mapping: Contract column name → the file's header.
    ///   - stageMapping: The file's stage names → contract stage names.
    ///   - skipInvalid: Skip bad rows (CSV or domain) instead of throwing.
    /// - Returns: The records, the rows the domain checks rejected, and the read.
    /// - Throws: `CSVError`; `ContractError.unknownStages` for stage names outside the contract;
    ///   ``SalesForecastError/invalidRow(_:)`` for the first failing row when not skipping.
    /// - Complexity: O(file bytes).
    public static func readOpportunities(_ path: String, mapping: [String: String] = [:], stageMapping: [String: String] = [:],
                                         skipInvalid: Bool = false) throws
        -> (records: [OpportunityRecord], rejected: [DomainRejection], read: Read) {
        let read = try ContractReader.read(.opportunities, file: path, mapping: mapping, options: options(skipInvalid),
                                           rules: ContractRuleOptions(stageMapping: stageMapping))
        try ContractReader.requireKnownStages(read)
        let converted = try opportunities(from: read.table, skipInvalid: skipInvalid)
        return (converted.records, converted.rejected, read)
    }

    /// Reads stage_history.csv with the contract reader.
    /// - Parameters:
    ///   - path: The file.
    ///   - mapping: Contract column name → the file's header.
    ///   - stageMapping: The file's stage names → contract stage names.
    ///   - skipInvalid: Skip bad rows instead of throwing.
    /// - Returns: The entries and the read.
    /// - Throws: `CSVError`; `ContractError.unknownStages`.
    /// - Complexity: O(file bytes).
    public static func readStageHistory(_ path: String, mapping: [String: String] = [:], stageMapping: [String: String] = [:],
                                        skipInvalid: Bool = false) throws -> (entries: [StageEntry], read: Read) {
        let read = try ContractReader.read(.stageHistory, file: path, mapping: mapping, options: options(skipInvalid),
                                           rules: ContractRuleOptions(stageMapping: stageMapping))
        try ContractReader.requireKnownStages(read)
        return (try stageHistory(from: read.table), read)
    }

    /// Reads win-model scores (``winScoresSchema``).
    /// - Parameters:
    ///   - path: The file.
    ///   - mapping: Column name mapping.
    ///   - skipInvalid: Skip bad rows instead of throwing.
    /// - Returns: P(win) by opportunity id, and the reader's skipped rows.
    /// - Throws: `CSVError`, `TableError`.
    /// - Complexity: O(file bytes).
    public static func readWinScores(_ path: String, mapping: [String: String] = [:], skipInvalid: Bool = false) throws
        -> (scores: [String: Double], rejected: [RejectedRow]) {
        let raw = try CSVReader.read(file: path, schema: winScoresSchema.mapped(mapping), options: options(skipInvalid))
        return (try winScores(from: raw.table), raw.rejected)
    }

    static func options(_ skipInvalid: Bool) -> CSVReadOptions {
        CSVReadOptions(policy: skipInvalid ? .skipInvalidRows : .strict)
    }

    /// Win-model scores: `opportunity_id,probability` (the CSV of `saleskit winprob score`; extra
    /// columns such as drivers are ignored).
    public static let winScoresSchema = CSVSchema([
        .init("opportunity_id", .category, allowsMissing: false),
        .init("probability", .double, allowsMissing: false),
    ])

    /// Scores by opportunity id from a table read with ``winScoresSchema``.
    /// - Parameter table: The scores table.
    /// - Returns: P(win) by id (a later row for the same id wins).
    /// - Throws: `TableError` for an absent or mistyped column.
    /// - Complexity: O(rows).
    public static func winScores(from table: Table) throws -> [String: Double] {
        let ids = try table.categories("opportunity_id")
        let p = try table.numbers("probability")
        var out: [String: Double] = [:]
        for i in 0..<table.rowCount {
            if let id = ids[i], let v = p[i] { out[id] = v }
        }
        return out
    }

    /// Order columns from an orders table (contract column names).
    /// - Parameters:
    ///   - table: The orders table.
    ///   - groupColumn: The group column, if any.
    /// - Returns: The columns.
    /// - Throws: `TableError` for an absent or mistyped column; ``SalesForecastError/missingValue(column:row:)``.
    /// - Complexity: O(rows).
    public static func orders(from table: Table, groupColumn: String? = nil) throws -> OrderColumns {
        let dates = try table.dates("order_date")
        let amounts = try table.numbers("amount")
        for i in 0..<table.rowCount {
            if !dates.valid[i] { throw SalesForecastError.missingValue(column: "order_date", row: i) }
            if !amounts.valid[i] { throw SalesForecastError.missingValue(column: "amount", row: i) }
        }
        var codes: [Int32]? = nil
        var levels: [String] = []
        if let groupColumn {
            let groups = try table.categories(groupColumn)
            levels = groups.levels
            codes = (0..<groups.count).map { groups.valid[$0] ? groups.codes[$0] : -1 }
        }
        return OrderColumns(days: dates.values, amounts: amounts.values, groupCodes: codes, groupLevels: levels)
    }

    /// Opportunity records from an opportunities table (contract column names; `close_date` and `is_won`
    /// may be absent), with domain checks.
    ///
    /// Checks: amount finite and ≥ 0; `closed_won` with `is_won` 0 or `closed_lost` with `is_won` 1
    /// is a contradiction; a closed deal needs a close date on or after its created date. The outcome
    /// comes from the stage (`closed_won` / `closed_lost`); for other stages a filled `is_won` closes
    /// the deal (exports that keep the last open stage of closed deals).
    /// - Parameters:
    ///   - table: The opportunities table.
    ///   - skipInvalid: Skip rows failing a check (returned) instead of throwing.
    /// - Returns: The records and the rejected rows.
    /// - Throws: `TableError`; ``SalesForecastError/invalidRow(_:)`` for the first failing row when not skipping.
    /// - Complexity: O(rows).
    public static func opportunities(from table: Table, skipInvalid: Bool = false) throws
        -> (records: [OpportunityRecord], rejected: [DomainRejection]) {
        let ids = try table.categories("opportunity_id")
        let amounts = try table.numbers("amount")
        let created = try table.dates("created_date")
        let closed = table.hasColumn("close_date") ? try table.dates("close_date")
            : TypedColumn(name: "close_date", values: [Int32](repeating: 0, count: table.rowCount),
                          valid: [Bool](repeating: false, count: table.rowCount))
        let stages = try table.categories("stage")
        let won = table.hasColumn("is_won") ? try table.booleans("is_won")
            : TypedColumn(name: "is_won", values: [Bool](repeating: false, count: table.rowCount),
                          valid: [Bool](repeating: false, count: table.rowCount))
        var records: [OpportunityRecord] = []
        records.reserveCapacity(table.rowCount)
        var rejected: [DomainRejection] = []
        for i in 0..<table.rowCount {
            let id = ids[i] ?? ""
            func reject(_ column: String, _ reason: String) throws {
                let r = DomainRejection(row: i, id: id, column: column, reason: reason)
                if !skipInvalid { throw SalesForecastError.invalidRow(r) }
                rejected.append(r)
            }
            let stage = stages[i] ?? ""
            guard let amount = amounts[i], amount.isFinite, amount >= 0 else {
                try reject("amount", "missing, negative or not finite"); continue
            }
            guard let createdDay = created[i] else { try reject("created_date", "missing"); continue }
            var outcome: Bool? = won[i]
            if stage == "closed_won" {
                if outcome == false { try reject("is_won", "0 contradicts stage closed_won"); continue }
                outcome = true
            } else if stage == "closed_lost" {
                if outcome == true { try reject("is_won", "1 contradicts stage closed_lost"); continue }
                outcome = false
            }
            let closeDay = closed[i].map(Int.init)
            if outcome != nil {
                guard let c = closeDay else { try reject("close_date", "missing for a closed deal"); continue }
                if c < Int(createdDay) { try reject("close_date", "before created_date"); continue }
            }
            records.append(OpportunityRecord(id: id, amount: amount, createdDay: Int(createdDay), closeDay: closeDay,
                                             stage: stage, isWon: outcome))
        }
        return (records, rejected)
    }

    /// Stage entries from a stage-history table (contract column names).
    /// - Parameter table: The stage-history table.
    /// - Returns: The entries (timestamps floored to UTC days).
    /// - Throws: `TableError` for an absent or mistyped column.
    /// - Complexity: O(rows).
    public static func stageHistory(from table: Table) throws -> [StageEntry] {
        let ids = try table.categories("opportunity_id")
        let stages = try table.categories("stage")
        let times = try table.timestamps("entered_at")
        var out: [StageEntry] = []
        out.reserveCapacity(table.rowCount)
        for i in 0..<table.rowCount {
            guard let id = ids[i], let stage = stages[i], let t = times[i] else { continue }
            let day = t >= 0 ? t / 86_400 : -((-t + 86_399) / 86_400)
            out.append(StageEntry(opportunityID: id, stage: stage, enteredDay: Int(day)))
        }
        return out
    }
}
