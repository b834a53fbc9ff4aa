/// Options of the contract readers' domain-rule checks.
public struct ContractRuleOptions: Sendable, Equatable {
    /// Orders dated after this day (days since 1970-01-01) are counted as `order_after_as_of`.
    public var asOf: Int32?
    /// The user's stage names → contract stage names (`["Won": "closed_won"]`), applied to the
    /// `stage` columns of opportunities and stage history before checking.
    public var stageMapping: [String: String]
    /// The plausible dates (days since 1970-01-01) of every date and timestamp column; `nil`: the
    /// contract's 1900–2100 (`CSVSchema.plausibleDays`).
    public var dateRange: ClosedRange<Int32>?

    /// Rule options.
    /// - Parameters:
    ///   - asOf: The analysis date (days since epoch), or `nil` to skip the future-order check.
    ///   - stageMapping: Stage renames applied before the checks.
    ///   - dateRange: Plausible dates replacing 1900–2100, or `nil`.
    public init(asOf: Int32? = nil, stageMapping: [String: String] = [:], dateRange: ClosedRange<Int32>? = nil) {
        self.asOf = asOf
        self.stageMapping = stageMapping
        self.dateRange = dateRange
    }
}

/// A contract file read into typed columns, with its data-quality report.
public struct ContractReadResult: Sendable {
    /// The rows read (stage names already mapped for opportunities and stage history).
    public let table: Table
    /// The file line of each row of `table` (header = line 1).
    public let rowLines: RowLines
    /// Rows, completeness, duplicates, rule violations and rejected lines.
    public let quality: DataQualityReport

    /// A read result from its parts (tables built in code).
    /// - Parameters:
    ///   - table: The rows.
    ///   - rowLines: Each row's file line.
    ///   - quality: The quality report.
    public init(table: Table, rowLines: RowLines, quality: DataQualityReport) {
        self.table = table
        self.rowLines = rowLines
        self.quality = quality
    }
}

/// Reads the contract files (DESIGN.md) with their default schemas — or the user's header names —
/// and checks the domain rules:
///
/// - every kind: the rules of its schema (`ContractFile.schema`), which the reader applies to
///   each row — for opportunities `close_before_created` and `is_won_inconsistent_with_stage`;
///   such rows are rejected (thrown under `.strict`) and counted here by rule;
/// - opportunities: `unknown_stage`, duplicate `opportunity_id`;
/// - stage history: `unknown_stage`;
/// - orders: `order_after_as_of` (with `ContractRuleOptions.asOf`), duplicate `order_id`;
/// - customers: duplicate `customer_id`;
/// - targets: `negative_quota`, `invalid_period` (not `YYYY-MM`/`YYYY-Qn`), `duplicate_target`
///   (the same rep and period twice);
/// - marketing spend: `negative_spend`;
/// - surveys: `score_out_of_range` (NPS 0–10, CSAT 1–5, or 0–10 when there is no kind),
///   `unknown_survey_kind`.
///
/// The checks below the schema's rules are reported, not thrown: those rows stay in the table. Use
/// `ContractReader.requireKnownStages(_:)` where an analysis cannot go on with unknown stages.
public enum ContractReader {
    /// Reads and checks one contract file: the one reading path of every contract file kind.
    ///
    /// The schema is `kind.schema(requiring:extraCategories:)` with the user's header names; the
    /// reader applies its value rules to every row with the row's line (stage renames of
    /// `rules.stageMapping` count for the is_won-vs-stage rule), then `check(_:result:rules:)`
    /// adds the report-only checks.
    /// - Parameters:
    ///   - kind: Which contract file.
    ///   - path: The file.
    ///   - mapping: Contract column name → the file's header (`["customer_id": "客户ID"]`).
    ///   - policy: `.strict` (the first bad row throws) or `.skipInvalidRows`; `nil` keeps `options.policy`.
    ///   - requiring: Contract columns the analysis needs present and non-empty in every row.
    ///   - extraCategories: Further columns read as categories (required in the file), e.g. event properties.
    ///   - options: Reader options (delimiter, policy, …).
    ///   - rules: Rule options (as-of date, stage renames).
    /// - Returns: The table, its rows' lines and its quality report.
    /// - Throws: `CSVError` (unreadable or empty file, missing required columns, and under `.strict`
    ///   the first bad row).
    /// - Complexity: O(file bytes + rows × columns).
    public static func read(_ kind: ContractFile, file path: String, mapping: [String: String] = [:],
                            policy: CSVErrorPolicy? = nil, requiring: Set<String> = [], extraCategories: [String] = [],
                            options: CSVReadOptions = CSVReadOptions(),
                            rules: ContractRuleOptions = ContractRuleOptions()) throws -> ContractReadResult {
        var readOptions = options
        if let policy { readOptions.policy = policy }
        let schema = kind.schema(requiring: requiring, extraCategories: extraCategories)
            .mapped(mapping).renamingStages(rules.stageMapping).withDateRange(rules.dateRange ?? CSVSchema.plausibleDays)
        let result = try CSVReader.read(file: path, schema: schema, options: readOptions)
        return check(kind, result: result, rules: rules)
    }

    /// Checks the domain rules of `kind` on an already-read file.
    /// - Parameters:
    ///   - kind: Which contract file the table holds.
    ///   - result: The reader's result (with the contract's column names).
    ///   - rules: Rule options.
    /// - Returns: The table (stages mapped) and its quality report.
    /// - Complexity: O(rows × columns).
    public static func check(_ kind: ContractFile, result: CSVReadResult,
                             rules: ContractRuleOptions = ContractRuleOptions()) -> ContractReadResult {
        var table = result.table
        if kind == .opportunities || kind == .stageHistory, !rules.stageMapping.isEmpty {
            table = mapLevels(of: "stage", in: table, rules.stageMapping)
        }
        var violations: [DataQualityReport.RuleViolation] = []
        func add(_ rule: String, _ count: Int, _ detail: String) {
            if count > 0 { violations.append(.init(rule: rule, count: count, detail: detail)) }
        }
        switch kind {
        case .opportunities:
            if let stage = try? table.categories("stage") {
                add("unknown_stage", unknownStageRows(stage), unknownStageDetail(stage))
            }
        case .stageHistory:
            if let stage = try? table.categories("stage") {
                add("unknown_stage", unknownStageRows(stage), unknownStageDetail(stage))
            }
        case .orders:
            if let asOf = rules.asOf, let dates = try? table.dates("order_date") {
                let count = zip(dates.values, dates.valid).reduce(0) { $0 + ($1.1 && $1.0 > asOf ? 1 : 0) }
                add("order_after_as_of", count, "order_date after " + CivilDate.isoString(fromDays: Int(asOf)))
            }
        case .targets:
            if let quota = try? table.doubles("quota") {
                let count = zip(quota.values, quota.valid).reduce(0) { $0 + ($1.1 && $1.0 < 0 ? 1 : 0) }
                add("negative_quota", count, "quota is negative")
            }
            if let period = try? table.categories("period") {
                let bad = period.levels.map { Period(label: $0).map { $0.unit != .month && $0.unit != .quarter } ?? true }
                let count = period.codes.reduce(0) { $0 + ($1 >= 0 && bad[Int($1)] ? 1 : 0) }
                add("invalid_period", count, "period is neither YYYY-MM nor YYYY-Qn")
                if let rep = try? table.categories("rep_id") {
                    add("duplicate_target", duplicates(rep.codes, period.codes), "the same rep_id and period appear twice")
                }
            }
        case .marketingSpend:
            if let spend = try? table.doubles("spend") {
                let count = zip(spend.values, spend.valid).reduce(0) { $0 + ($1.1 && $1.0 < 0 ? 1 : 0) }
                add("negative_spend", count, "spend is negative")
            }
        case .surveys:
            if let score = try? table.integers("score") {
                let kind = try? table.categories("kind")
                var outOfRange = 0, unknownKind = 0
                for i in 0..<table.rowCount where score.valid[i] {
                    let s = score.values[i]
                    switch kind?[i]?.lowercased() {
                    case "csat": outOfRange += (1...5).contains(s) ? 0 : 1
                    case "nps", nil: outOfRange += (0...10).contains(s) ? 0 : 1
                    default: unknownKind += 1
                    }
                }
                add("score_out_of_range", outOfRange, "NPS scores must be 0–10, CSAT scores 1–5")
                add("unknown_survey_kind", unknownKind, "kind must be nps or csat")
            }
        case .customers, .events:
            break
        }
        // The schema's rules (declared in `ContractFile.schema`, applied by the reader) count too.
        var byRule: [String: Int] = [:]
        var ruleOrder: [String] = []
        var ruleDetail: [String: String] = [:]
        for row in result.rejected {
            guard let rule = row.rule else { continue }
            if byRule[rule] == nil { ruleOrder.append(rule); ruleDetail[rule] = (row.column.map { "\($0) " } ?? "") + row.reason }
            byRule[rule, default: 0] += 1
        }
        violations = ruleOrder.map { .init(rule: $0, count: byRule[$0] ?? 0, detail: ruleDetail[$0] ?? "") } + violations
        var duplicateIds = 0
        if let id = kind.idColumn, let ids = try? table.categories(id) {
            duplicateIds = duplicates(ids.codes, nil)
        }
        let columns = table.columns.map {
            DataQualityReport.ColumnSummary(name: $0.name, type: $0.type, missing: $0.missingCount)
        }
        let quality = DataQualityReport(kind: kind, rows: table.rowCount, rejected: result.rejected, columns: columns,
                                        duplicateIds: duplicateIds, ruleViolations: violations)
        return ContractReadResult(table: table, rowLines: result.rowLines, quality: quality)
    }

    /// Throws when the `stage` column has names outside the contract's stages.
    /// - Parameter result: An opportunities or stage-history read.
    /// - Throws: `ContractError.unknownStages` listing the unknown names and the known ones.
    public static func requireKnownStages(_ result: ContractReadResult) throws {
        guard let stage = try? result.table.categories("stage") else { return }
        let known = Set(ContractFile.knownStages)
        let unknown = stage.levels.filter { !known.contains($0) }
        if !unknown.isEmpty {
            throw ContractError.unknownStages(kind: result.quality.kind, found: unknown, known: ContractFile.knownStages)
        }
    }

    /// Rows after the first with the same (a, b) code pair (missing codes never count).
    static func duplicates(_ a: [Int32], _ b: [Int32]?) -> Int {
        var seen = Set<Int64>()
        seen.reserveCapacity(a.count)
        var count = 0
        for i in a.indices {
            let second = b?[i] ?? 0
            guard a[i] >= 0, second >= 0 else { continue }
            if !seen.insert(Int64(a[i]) << 32 | Int64(second)).inserted { count += 1 }
        }
        return count
    }

    static func unknownStageRows(_ stage: CategoryColumn) -> Int {
        let known = Set(ContractFile.knownStages)
        let unknown = stage.levels.map { !known.contains($0) }
        return stage.codes.reduce(0) { $0 + ($1 >= 0 && unknown[Int($1)] ? 1 : 0) }
    }

    static func unknownStageDetail(_ stage: CategoryColumn) -> String {
        let known = Set(ContractFile.knownStages)
        let unknown = stage.levels.filter { !known.contains($0) }
        return "stages " + unknown.map { "\"\($0)\"" }.joined(separator: ", ") + " are not among "
            + ContractFile.knownStages.joined(separator: ", ") + " (map them with a stage mapping)"
    }

    /// The table with the category column `name`'s levels renamed (levels that become equal merge).
    static func mapLevels(of name: String, in table: Table, _ mapping: [String: String]) -> Table {
        guard let column = try? table.categories(name) else { return table }
        var renamed = IDInterner(capacity: column.levels.count)
        let remap = column.levels.map { renamed.intern(mapping[$0] ?? $0) }
        let levels = renamed.levels
        let codes = column.codes.map { $0 >= 0 ? remap[Int($0)] : -1 }
        let replaced = table.columns.map {
            $0.name == name ? Column(uncheckedName: name, values: .category(levels: levels, codes: codes), valid: column.valid) : $0
        }
        return (try? Table(columns: replaced, rowCount: table.rowCount)) ?? table
    }
}

/// Domain errors of contract files that an analysis cannot work around.
public enum ContractError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stage names outside the contract's stages.
    case unknownStages(kind: ContractFile, found: [String], known: [String])

    /// The message, listing the unknown names and the known ones.
    public var description: String {
        switch self {
        case let .unknownStages(kind, found, known):
            return "\(kind): unknown stage" + (found.count == 1 ? " " : "s ")
                + found.map { "\"\($0)\"" }.joined(separator: ", ") + "; known stages: "
                + known.joined(separator: ", ") + " (map yours to these)"
        }
    }
}
