import SalesData

/// The contract schemas and readers of the files the pipeline analyses use (events,
/// opportunities, stage history, targets), reading with `CSVReader`.
///
/// Every reader takes the user's column mapping and the bad-row policy; columns beyond the
/// contract are ignored. Identifier and text columns are dictionary-encoded categories.
public enum PipelineFiles {
    /// events.csv: `user_id`, `event`, `timestamp` (none may be empty), plus optional category
    /// columns to break funnels down by.
    /// - Parameter properties: Extra category columns to read (required in the file).
    /// - Returns: The schema.
    public static func eventsSchema(properties: [String] = []) -> CSVSchema {
        CSVSchema([
            .init("user_id", .category, allowsMissing: false),
            .init("event", .category, allowsMissing: false),
            .init("timestamp", .timestamp, allowsMissing: false),
        ] + properties.map { CSVSchema.Field($0, .category) })
    }

    /// opportunities.csv: ids and segments as categories, `amount` Double, dates, `stage`,
    /// `is_won` (empty for open deals), activity counts.
    public static let opportunitiesSchema = CSVSchema([
        .init("opportunity_id", .category, allowsMissing: false),
        .init("account_id", .category, required: false),
        .init("rep_id", .category),
        .init("source", .category),
        .init("industry", .category),
        .init("region", .category),
        .init("amount", .double),
        .init("created_date", .date),
        .init("close_date", .date),
        .init("stage", .category, allowsMissing: false),
        .init("is_won", .boolean),
        .init("num_activities", .integer),
        .init("num_meetings", .integer),
    ])

    /// stage_history.csv: `opportunity_id`, `stage`, `entered_at` (none may be empty).
    public static let stageHistorySchema = CSVSchema([
        .init("opportunity_id", .category, allowsMissing: false),
        .init("stage", .category, allowsMissing: false),
        .init("entered_at", .timestamp, allowsMissing: false),
    ])

    /// targets.csv: `rep_id`, `period` (`YYYY-MM` or `YYYY-Qn`, read as text), `quota`.
    public static let targetsSchema = CSVSchema([
        .init("rep_id", .category, allowsMissing: false),
        .init("period", .category, allowsMissing: false),
        .init("quota", .double, allowsMissing: false),
    ])

    /// Reads one contract file.
    /// - Parameters:
    ///   - path: The file.
    ///   - schema: One of the schemas above.
    ///   - mapping: Contract name → the file's header.
    ///   - policy: Strict (first bad row throws) or skip-invalid.
    ///   - parallelism: Parser threads.
    /// - Returns: The table and the rejected rows.
    /// - Throws: `CSVError` with file, line and column.
    /// - Complexity: O(file bytes), parallel.
    public static func read(_ path: String, schema: CSVSchema, mapping: [String: String] = [:],
                            policy: CSVErrorPolicy = .strict,
                            parallelism: Int = CSVReadOptions.activeProcessors) throws(CSVError) -> CSVReadResult {
        try CSVReader.read(file: path, schema: schema.mapped(mapping),
                           options: CSVReadOptions(policy: policy, parallelism: parallelism))
    }
}
