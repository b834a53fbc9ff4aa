/// Data-quality figures of one contract file: the KPIs CRM teams track (rows, field
/// completeness, duplicate ids, rule violations, rejected lines).
public struct DataQualityReport: Sendable, Equatable {
    /// Completeness of one column.
    public struct ColumnSummary: Sendable, Equatable {
        /// The contract name.
        public let name: String
        /// The column type.
        public let type: ColumnType
        /// Rows (of those read) where the field is missing.
        public let missing: Int
    }

    /// One domain rule and how many rows break it.
    public struct RuleViolation: Sendable, Equatable {
        /// A stable identifier (`close_before_created`, `is_won_inconsistent_with_stage`, …).
        public let rule: String
        /// Rows that break the rule.
        public let count: Int
        /// What the rule checks, with specifics (for `unknown_stage`: the names found and the known ones).
        public let detail: String
    }

    /// The file kind.
    public let kind: ContractFile
    /// Rows read (rejected rows excluded).
    public let rows: Int
    /// Rows skipped because they could not be read.
    public let rejected: [RejectedRow]
    /// Completeness per schema column present in the file.
    public let columns: [ColumnSummary]
    /// Rows whose id (`idColumn`) repeats an earlier row's id (0 when the kind has no id column or
    /// the file lacks it).
    public let duplicateIds: Int
    /// Every rule with at least one violation, in a fixed order per kind.
    public let ruleViolations: [RuleViolation]

    /// A report from its parts.
    /// - Parameters:
    ///   - kind: The file kind.
    ///   - rows: Rows read.
    ///   - rejected: Rows skipped.
    ///   - columns: Completeness per column.
    ///   - duplicateIds: Rows repeating an earlier id.
    ///   - ruleViolations: Rules with violations.
    public init(kind: ContractFile, rows: Int, rejected: [RejectedRow], columns: [ColumnSummary], duplicateIds: Int,
                ruleViolations: [RuleViolation]) {
        self.kind = kind
        self.rows = rows
        self.rejected = rejected
        self.columns = columns
        self.duplicateIds = duplicateIds
        self.ruleViolations = ruleViolations
    }

    /// Data records in the file: rows read + rows rejected.
    public var dataRows: Int { rows + rejected.count }
}
