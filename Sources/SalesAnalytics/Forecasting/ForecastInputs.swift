import SalesData
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

/// Readers and table conversions for the forecasts: orders, opportunities and stage history through
/// the contract readers (`ContractReader`, with their domain-rule report), win-model scores.
public enum ForecastInputs {
    /// The open stages of the data contract, in pipeline order.
    public static var openStages: [String] { ContractFile.openStages }

    /// What a contract read produced: the table, the CSV reader's skipped rows and the domain-rule report.
    public typealias Read = ContractReadResult

    /// Reads orders.csv into the one order type with the contract's reader (the schema of
    /// ``OrderLog/schema(groupColumns:)``, plus an optional group column) and checks its rules.
    /// - Parameters:
    ///   - path: The file.
    ///   - groupColumn: A category column to split revenue by (rep, region, product), or `nil`.
    ///   - mapping: Contract column name → the file's header.
    ///   - skipInvalid: Skip rows the reader rejects (listed in the quality report) instead of throwing.
    ///   - options: Further reader options (delimiter, encoding, date and number formats).
    ///   - asOf: Orders after this day are reported as `order_after_as_of`.
    ///   - refunds: The refund policy (`.net` keeps refunds, reducing revenue; `.exclude` and
    ///     `.separate` drop them).
    ///   - ids: `.normalize` (default) or `.verbatim`: how customer and order ids are read, as
    ///     `OrderLog.readOrders` (rows become orders by the same path, `OrderLog.orders(fromTable:)`).
    /// - Returns: The orders (line items sharing an `order_id` summed into their order, the refund
    ///   policy applied), the read (for its quality report), how rows became orders, the refund facts
    ///   and the id normalization.
    /// - Throws: `CSVError` with file, line and column; `OrderLogError` for a mistyped column.
    /// - Complexity: O(file bytes).
    public static func readOrders(_ path: String, groupColumn: String? = nil, mapping: [String: String] = [:],
                                  skipInvalid: Bool = false, asOf: Int? = nil, refunds: RefundPolicy = .net,
                                  options: CSVReadOptions = CSVReadOptions(), ids: IDPolicy = .normalize) throws
        -> (orders: OrderLog, read: Read, lines: OrderLines, refunds: RefundFacts, ids: [IDNormalization]) {
        let groups = groupColumn.map { [$0] } ?? []
        let raw = try CSVReader.read(file: path, schema: ContractFile.orders.schema(requiring: [], extraCategories: groups).mapped(mapping),
                                     options: Self.options(skipInvalid, options))
        let read = ContractReader.check(.orders, result: raw, rules: ContractRuleOptions(asOf: asOf.map { Int32(clamping: $0) }))
        let input = try OrderLog.orders(fromTable: read.table, groupColumns: groups, ids: ids)
        let applied = input.log.applyingRefunds(refunds)
        return (applied.log, read, input.lines, applied.facts, input.ids)
    }

    /// Reads opportunities.csv with the contract reader and converts it to records with the domain
    /// checks of ``opportunities(from:skipInvalid:)``.
    /// - Parameters:
    ///   - path: The file.
    ///   - mapping: Contract column name → the file's header.
    ///   - stageMapping: The file's stage names → contract stage names.
    ///   - skipInvalid: Skip bad rows (CSV or domain) instead of throwing.
    ///   - options: Further reader options (delimiter, encoding, date and number formats).
    /// - Returns: The records, the rows the pipeline cannot use (at their file lines), and the read.
    /// - Throws: `CSVError`; `ContractError.unknownStages` for stage names outside the contract;
    ///   ``SalesForecastError/invalidRow(_:)`` for the first failing row when not skipping.
    /// - Complexity: O(file bytes).
    public static func readOpportunities(_ path: String, mapping: [String: String] = [:], stageMapping: [String: String] = [:],
                                         skipInvalid: Bool = false, options: CSVReadOptions = CSVReadOptions()) throws
        -> (records: [OpportunityRecord], rejected: [RejectedRow], read: Read) {
        let deals = try Opportunities.read(file: path, mapping: mapping, stageMapping: stageMapping,
                                           policy: skipInvalid ? .skipInvalidRows : .strict, options: options)
        try ContractReader.requireKnownStages(deals.read)
        let converted = try deals.records(skipInvalid: skipInvalid)
        return (converted.records, converted.rejected, deals.read)
    }

    /// Reads stage_history.csv with the contract reader.
    /// - Parameters:
    ///   - path: The file.
    ///   - mapping: Contract column name → the file's header.
    ///   - stageMapping: The file's stage names → contract stage names.
    ///   - skipInvalid: Skip bad rows instead of throwing.
    ///   - options: Further reader options (delimiter, encoding, date and number formats).
    /// - Returns: The entries and the read.
    /// - Throws: `CSVError`; `ContractError.unknownStages`.
    /// - Complexity: O(file bytes).
    public static func readStageHistory(_ path: String, mapping: [String: String] = [:], stageMapping: [String: String] = [:],
                                        skipInvalid: Bool = false,
                                        options: CSVReadOptions = CSVReadOptions()) throws -> (entries: [StageEntry], read: Read) {
        let read = try ContractReader.read(.stageHistory, file: path, mapping: mapping, options: Self.options(skipInvalid, options),
                                           rules: ContractRuleOptions(stageMapping: stageMapping))
        try ContractReader.requireKnownStages(read)
        return (try stageHistory(from: read.table), read)
    }

    /// Reads win-model scores (``winScoresSchema``).
    /// - Parameters:
    ///   - path: The file.
    ///   - mapping: Column name mapping.
    ///   - skipInvalid: Skip bad rows instead of throwing.
    ///   - options: Further reader options (delimiter, encoding, date and number formats).
    /// - Returns: P(win) by opportunity id, and the reader's skipped rows.
    /// - Throws: `CSVError`, `TableError`.
    /// - Complexity: O(file bytes).
    public static func readWinScores(_ path: String, mapping: [String: String] = [:], skipInvalid: Bool = false,
                                     options: CSVReadOptions = CSVReadOptions()) throws
        -> (scores: [String: Double], rejected: [RejectedRow]) {
        let raw = try CSVReader.read(file: path, schema: winScoresSchema.mapped(mapping), options: Self.options(skipInvalid, options))
        return (try winScores(from: raw.table), raw.rejected)
    }

    static func options(_ skipInvalid: Bool, _ base: CSVReadOptions = CSVReadOptions()) -> CSVReadOptions {
        var options = base
        options.policy = skipInvalid ? .skipInvalidRows : .strict
        return options
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
            out.append(StageEntry(opportunityID: id, stage: stage, enteredDay: Day(secondsSince1970: t).rawValue))
        }
        return out
    }
}
