import SalesData

/// opportunities.csv as read: the one opportunity type. Columnar inside (`table`, for the win
/// model's features), with each row's file line, the data-quality report, and the pipeline's
/// view as rows (`records(skipInvalid:)`).
///
/// Read it with `read(file:mapping:stageMapping:policy:)`: the contract schema's value rules
/// (is_won vs stage, close after created, amount ≥ 0) are applied by the reader, so every row here
/// keeps them. Rows an analysis still cannot use are reported as `RejectedRow`s at their lines.
public struct Opportunities: Sendable {
    /// The file (the name in messages).
    public let file: String
    /// The read: the table (contract column names, stage names mapped), row lines, quality report.
    public let read: ContractReadResult

    /// The rows as typed columns.
    public var table: Table { read.table }
    /// The number of deals.
    public var count: Int { read.table.rowCount }

    /// Deals from a contract read.
    /// - Parameters:
    ///   - file: The file name used in messages.
    ///   - read: What `ContractReader.read(.opportunities, …)` returned.
    public init(file: String, read: ContractReadResult) {
        self.file = file
        self.read = read
    }

    /// Deals from a table built in code (rows are numbered as data lines after a header: row 0 is line 2).
    /// - Parameters:
    ///   - table: An opportunities table with contract column names.
    ///   - file: The name used in messages.
    public init(table: Table, file: String = "opportunities") {
        let report = DataQualityReport(kind: .opportunities, rows: table.rowCount, rejected: [], columns: [],
                                       duplicateIds: 0, ruleViolations: [])
        self.init(file: file, read: ContractReadResult(table: table, rowLines: RowLines((0..<table.rowCount).map { $0 + 2 }),
                                                       quality: report))
    }

    /// Reads opportunities.csv with the contract's reader.
    /// - Parameters:
    ///   - path: The file.
    ///   - mapping: Contract column name → the file's header.
    ///   - stageMapping: The file's stage names → contract stage names.
    ///   - policy: `.strict` or `.skipInvalidRows`.
    ///   - options: Further reader options (delimiter, encoding, date and number formats); its policy is replaced.
    /// - Returns: The deals.
    /// - Throws: `CSVError` with file, line and column.
    /// - Complexity: O(file bytes).
    public static func read(file path: String, mapping: [String: String] = [:], stageMapping: [String: String] = [:],
                            policy: CSVErrorPolicy = .strict, options: CSVReadOptions = CSVReadOptions()) throws -> Opportunities {
        Opportunities(file: path,
                      read: try ContractReader.read(.opportunities, file: path, mapping: mapping, policy: policy,
                                                    options: options, rules: ContractRuleOptions(stageMapping: stageMapping)))
    }

    /// A rejection of data row `row` of `table`, at its file line.
    /// - Parameters:
    ///   - row: The 0-based row of `table`.
    ///   - column: The column at fault.
    ///   - reason: Why the analysis cannot use the row.
    ///   - text: The value (empty when missing).
    /// - Returns: The rejected row.
    public func rejection(row: Int, column: String, reason: String, text: String = "") -> RejectedRow {
        RejectedRow(file: file, line: read.rowLines[row], column: column, reason: reason, text: text)
    }

    /// The deals as the pipeline forecast sees them. The reader already enforced the schema's rules;
    /// this leaves out deals without an amount and closed deals without a close date. The outcome
    /// comes from the stage (`closed_won` / `closed_lost`); for other stages a filled `is_won` closes
    /// the deal (exports that keep the last open stage of closed deals).
    /// - Parameter skipInvalid: Return unusable rows instead of throwing the first.
    /// - Returns: The records and the unusable rows (at their lines).
    /// - Throws: `TableError` for an absent or mistyped column; ``SalesForecastError/invalidRow(_:)``
    ///   for the first unusable row when not skipping.
    /// - Complexity: O(rows).
    public func records(skipInvalid: Bool = false) throws -> (records: [OpportunityRecord], rejected: [RejectedRow]) {
        let table = self.table
        let ids = try table.categories("opportunity_id")
        let amounts = try table.numbers("amount")
        let created = try table.dates("created_date")
        let closed = table.hasColumn("close_date") ? try table.dates("close_date") : nil
        let stages = try table.categories("stage")
        let won = table.hasColumn("is_won") ? try table.booleans("is_won") : nil
        var records: [OpportunityRecord] = []
        records.reserveCapacity(table.rowCount)
        var rejected: [RejectedRow] = []
        for i in 0..<table.rowCount {
            let id = ids[i] ?? ""
            func reject(_ column: String, _ reason: String) throws {
                let r = rejection(row: i, column: column, reason: reason + " (opportunity \(id))")
                if !skipInvalid { throw SalesForecastError.invalidRow(r) }
                rejected.append(r)
            }
            let stage = stages[i] ?? ""
            guard let amount = amounts[i] else { try reject("amount", "is missing"); continue }
            guard let createdDay = created[i] else { try reject("created_date", "is missing"); continue }
            var outcome: Bool? = won?[i]
            if stage == "closed_won" { outcome = true } else if stage == "closed_lost" { outcome = false }
            let closeDay = closed?[i].map(Int.init)
            if outcome != nil, closeDay == nil { try reject("close_date", "is missing for a closed deal"); continue }
            records.append(OpportunityRecord(id: id, amount: amount, createdDay: Int(createdDay), closeDay: closeDay,
                                             stage: stage, isWon: outcome))
        }
        return (records, rejected)
    }
}
