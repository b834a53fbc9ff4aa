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

/// Contract schemas and table conversions for the forecasts (orders, opportunities, stage history).
public enum ForecastInputs {
    /// The open stages of the data contract, in pipeline order.
    public static let openStages = ["prospecting", "qualification", "proposal", "negotiation"]

    /// orders.csv: `order_date` (date) and `amount` (number), both required, plus an optional group column.
    /// - Parameter groupColumn: A category column to split revenue by (rep, region, product), or `nil`.
    /// - Returns: The schema.
    public static func ordersSchema(groupColumn: String? = nil) -> CSVSchema {
        CSVSchema([
            .init("order_date", .date, allowsMissing: false),
            .init("amount", .double, allowsMissing: false),
        ] + (groupColumn.map { [CSVSchema.Field($0, .category)] } ?? []))
    }

    /// opportunities.csv columns the pipeline forecast uses.
    public static let opportunitiesSchema = CSVSchema([
        .init("opportunity_id", .category, allowsMissing: false),
        .init("amount", .double, allowsMissing: false),
        .init("created_date", .date, allowsMissing: false),
        .init("close_date", .date),
        .init("stage", .category, allowsMissing: false),
        .init("is_won", .boolean),
    ])

    /// stage_history.csv: `opportunity_id`, `stage`, `entered_at` (timestamp).
    public static let stageHistorySchema = CSVSchema([
        .init("opportunity_id", .category, allowsMissing: false),
        .init("stage", .category, allowsMissing: false),
        .init("entered_at", .timestamp, allowsMissing: false),
    ])

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

    /// Order columns from a table read with ``ordersSchema(groupColumn:)``.
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

    /// Opportunity records from a table read with ``opportunitiesSchema``, with domain checks.
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
        let closed = try table.dates("close_date")
        let stages = try table.categories("stage")
        let won = try table.booleans("is_won")
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

    /// Stage entries from a table read with ``stageHistorySchema``.
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

    /// Reads a contract file with the CSV reader.
    /// - Parameters:
    ///   - path: The file.
    ///   - schema: One of the schemas above.
    ///   - mapping: Contract column name → the file's header.
    ///   - skipInvalid: Skip bad rows (listed in the result) instead of throwing at the first.
    /// - Returns: The reader's result.
    /// - Throws: `CSVError` with file, line and column.
    /// - Complexity: O(file bytes).
    public static func read(_ path: String, schema: CSVSchema, mapping: [String: String] = [:],
                            skipInvalid: Bool = false) throws(CSVError) -> CSVReadResult {
        try CSVReader.read(file: path, schema: schema.mapped(mapping),
                           options: CSVReadOptions(policy: skipInvalid ? .skipInvalidRows : .strict))
    }
}
