import SalesData

/// How the analyses read contract files: `ContractFile`'s schema, the user's column mapping, the
/// bad-row policy, and `ContractReader`'s domain checks — one path for every file kind.
///
/// Analyses that cannot use a row with an empty field ask for it with `requiring` (such rows then
/// fail the read with `FILE:LINE: column "NAME": …`, or are skipped under `.skipInvalidRows`);
/// funnels add break-down columns with `extraCategories`.
public enum ContractInput {
    /// Reads one contract file and checks its domain rules.
    /// - Parameters:
    ///   - kind: Which contract file.
    ///   - path: The file.
    ///   - mapping: Contract name → the file's header (`["customer_id": "客户ID"]`).
    ///   - policy: `.strict` (the first bad row throws) or `.skipInvalidRows`.
    ///   - requiring: Contract columns that must be present and non-empty for the analysis.
    ///   - extraCategories: Further columns read as categories (required in the file), e.g. event properties.
    ///   - rules: Rule options (as-of date, stage renames).
    ///   - parallelism: Parser threads.
    /// - Returns: The table (contract names; stage names mapped) and its data-quality report, whose
    ///   `rejected` lists the skipped rows.
    /// - Throws: `CSVError` with file, line and column.
    /// - Complexity: O(file bytes + rows × columns), parsing in parallel.
    public static func read(_ kind: ContractFile, file path: String, mapping: [String: String] = [:],
                            policy: CSVErrorPolicy = .strict, requiring: Set<String> = [],
                            extraCategories: [String] = [], rules: ContractRuleOptions = ContractRuleOptions(),
                            parallelism: Int = CSVReadOptions.activeProcessors) throws(CSVError) -> ContractReadResult {
        let schema = schema(kind, requiring: requiring, extraCategories: extraCategories).mapped(mapping)
        let result = try CSVReader.read(file: path, schema: schema, options: CSVReadOptions(policy: policy, parallelism: parallelism))
        return ContractReader.check(kind, result: result, rules: rules)
    }

    /// The contract schema of `kind` with the `requiring` columns made required and non-empty,
    /// plus `extraCategories` as required category columns.
    /// - Parameters:
    ///   - kind: Which contract file.
    ///   - requiring: Contract columns the analysis needs in every row.
    ///   - extraCategories: Further category columns.
    /// - Returns: The schema (contract names; map it with `mapped(_:)`).
    public static func schema(_ kind: ContractFile, requiring: Set<String> = [], extraCategories: [String] = []) -> CSVSchema {
        var schema = kind.schema
        for i in schema.fields.indices where requiring.contains(schema.fields[i].name) {
            schema.fields[i].required = true
            schema.fields[i].allowsMissing = false
        }
        schema.fields += extraCategories.map { CSVSchema.Field($0, .category) }
        return schema
    }
}
